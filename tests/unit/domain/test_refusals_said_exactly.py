"""The catalogue, programme terms, region codes and role scopes refuse with exact words (ADR 0032).

A refusal's parameters are what the operator reads ("Region 32.01 is a regency/city, but a
village is required"), so each test asserts the code and every parameter.
"""

from __future__ import annotations

import pytest

from payung.domain import errors, roles
from payung.domain.errors import DomainError, Issue, message_for, register
from payung.domain.period import Month, MonthSpan
from payung.domain.programme import ProgrammeTerms, QuotaModel
from payung.domain.regions import Level, RegionCode
from payung.domain.roles import Role


def refusal(call, *args, **kwargs):
    with pytest.raises(DomainError) as error:
        call(*args, **kwargs)
    return error.value.code, dict(error.value.params)


@pytest.fixture
def own_catalogue(monkeypatch):
    monkeypatch.setattr(errors, "_CATALOGUE", dict(errors._CATALOGUE))


def test_a_registered_code_speaks_both_languages(own_catalogue):
    assert register("test.greeting", id="Halo {name}.", en="Hello {name}.") == "test.greeting"
    assert message_for("test.greeting", "id", name="Siti") == "Halo Siti."
    assert message_for("test.greeting", "en", name="Siti") == "Hello Siti."
    assert errors.catalogue()["test.greeting"] == errors.Message("Halo {name}.", "Hello {name}.")
    # Registering the same words again (a module imported twice) is harmless.
    assert register("test.greeting", id="Halo {name}.", en="Hello {name}.") == "test.greeting"


def test_a_code_registered_twice_with_other_words_is_refused(own_catalogue):
    register("test.twice", id="Satu.", en="One.")
    for words in ({"id": "Dua.", "en": "One."}, {"id": "Satu.", "en": "Two."}):
        with pytest.raises(ValueError, match="registered twice") as error:
            register("test.twice", **words)
        assert (
            str(error.value) == "error code 'test.twice' registered twice with different messages"
        )
    assert errors.catalogue()["test.twice"] == errors.Message("Satu.", "One.")


@pytest.mark.parametrize("words", [{"id": "Halo {nama.", "en": "Hi."}, {"id": "Hai.", "en": "x}"}])
def test_a_template_with_a_stray_brace_is_refused(own_catalogue, words):
    with pytest.raises(ValueError, match=r"'\}'"):
        register("test.brace", **words)
    assert "test.brace" not in errors.catalogue()


def test_an_unknown_code_is_named():
    with pytest.raises(KeyError) as error:
        message_for("test.nowhere")
    assert error.value.args == ("unknown error code 'test.nowhere'",)
    with pytest.raises(KeyError) as error:
        Issue("test.nowhere")
    assert error.value.args == ("unknown error code 'test.nowhere'",)


def test_a_domain_error_reads_as_its_code_and_english_message():
    error = DomainError("money.negative", value=-5)
    assert str(error) == "money.negative: A rupiah amount must not be negative: -5."
    assert error.message() == "Jumlah rupiah tidak boleh negatif: -5."


YEAR = MonthSpan(Month(2026, 1), 12)


@pytest.mark.parametrize(
    ("terms", "refused"),
    [
        (
            {"quota_model": QuotaModel.PER_VILLAGE},
            ("programme.quota_model", {"model": "per_village", "needs": "quota_per_village"}),
        ),
        (
            {"quota_model": QuotaModel.PER_VILLAGE, "quota_per_village": 0},
            ("programme.quota", {"detail": "0 per village"}),
        ),
        (
            {"quota_model": QuotaModel.TOTAL},
            ("programme.quota_model", {"model": "total", "needs": "quota_total"}),
        ),
        (
            {"quota_model": QuotaModel.TOTAL, "quota_total": 0},
            ("programme.quota", {"detail": "0 in total"}),
        ),
        (
            {"quota_model": QuotaModel.TOTAL_BY_DISTRICT, "quota_total": 10},
            ("programme.quota_model", {"model": "total_by_district", "needs": "district_quotas"}),
        ),
    ],
)
def test_programme_terms_say_what_is_missing(terms, refused):
    assert refusal(ProgrammeTerms, period=YEAR, budget_total=1_000, **terms) == refused


def test_a_single_place_is_a_programme():
    one = ProgrammeTerms(
        QuotaModel.PER_VILLAGE, YEAR, 201_600, quota_per_village=1, village_count=1
    )
    assert one.places == 1
    assert ProgrammeTerms(QuotaModel.TOTAL, YEAR, 201_600, quota_total=1).places == 1


def test_region_refusals_name_the_region_and_both_levels():
    regency = RegionCode.parse("32.01")
    expected = {"region": "32.01", "actual": "regency/city", "expected": "village"}
    assert refusal(regency.ancestor, Level.VILLAGE) == ("region.level", expected)
    assert refusal(regency.require, Level.VILLAGE) == ("region.level", expected)
    assert refusal(RegionCode.parse, None) == ("region.format", {"value": ""})
    assert refusal(RegionCode.parse, " 32.1 ") == ("region.format", {"value": "32.1"})


def test_role_scope_refusals_name_the_role_the_levels_and_the_region(monkeypatch):
    assert refusal(Role.VILLAGE_OPERATOR.check_scope, None) == (
        "role.scope_missing",
        {"role": "Village operator"},
    )
    assert refusal(Role.VERIFIER.check_scope, RegionCode.parse("32")) == (
        "role.scope",
        {"role": "Labour-office verifier", "expected": "regency/city", "region": "32"},
    )
    # A role allowed at two levels lists both, from the wider one.
    monkeypatch.setitem(
        roles._SCOPE_LEVELS, Role.AUDITOR, frozenset({Level.DISTRICT, Level.REGENCY})
    )
    assert refusal(Role.AUDITOR.check_scope, RegionCode.parse("32")) == (
        "role.scope",
        {"role": "Auditor", "expected": "regency/city / district", "region": "32"},
    )
