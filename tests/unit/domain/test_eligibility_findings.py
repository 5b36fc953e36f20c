"""Screening said exactly: every finding's rule, outcome, code and parameters (ADR 0032).

The verifier's screen and the audit trail show these parameters in words, so a wrong or missing
one is a wrong screen; each assertion here kills mutants that the decision alone would not.
"""

from __future__ import annotations

from datetime import date

import pytest

from payung.domain.eligibility import (
    Applicant,
    Decision,
    FlagFact,
    RuleSet,
    priority_key,
    screen,
)
from payung.domain.errors import DomainError
from payung.domain.flags import ListKind

START = date(2026, 1, 1)
BOGOR = "32.01"


def applicant(**overrides):
    values = {
        "birth_date": date(1980, 8, 5),
        "village_code": "32.01.20.2006",
        "occupation_code": "farmer",
        "decile": 4,
        "mother_name": "Aminah",
        "heirs": 1,
    }
    return Applicant(**{**values, **overrides})


def finding(rule, outcome, code, **params):
    return {"rule": rule, "outcome": outcome, "code": code, "params": params}


def test_every_rule_failing_or_asking_for_a_look_is_said_with_its_parameters():
    person = applicant(
        occupation_code="",
        decile=None,
        mother_name="  ",
        heirs=0,
        flags=(
            FlagFact(ListKind.MOVED, "Disdukcapil", date(2025, 11, 3)),
            FlagFact(ListKind.BPJS_ACTIVE, "BPJS", date(2025, 10, 1)),
        ),
        open_duplicates=2,
        other_places=("Lebak", "Banten"),
    )
    rules = RuleSet(
        age_min=None,
        age_max=60,
        occupations=("farmer",),
        max_decile=4,
        required=("mother_name", "heir"),
    )
    result = screen(person, rules, coverage_start=START, regency=BOGOR)
    assert result.decision is Decision.INELIGIBLE
    assert result.to_json() == [
        finding("age", "pass", "eligibility.age_ok", age=45, on="2026-01-01", low="0", high="60"),
        finding("occupation", "review", "eligibility.occupation_missing"),
        finding("domicile", "pass", "eligibility.domicile_ok", region="32.01"),
        finding("decile", "review", "eligibility.decile_unknown", limit=4),
        finding("flags", "fail", "flag.bpjs_active", source="BPJS", list_date="2025-10-01"),
        finding("flags", "review", "flag.moved", source="Disdukcapil", list_date="2025-11-03"),
        finding("other_place", "fail", "eligibility.other_place", programmes="Banten, Lebak"),
        finding("required", "fail", "eligibility.mother_name_missing"),
        finding("required", "fail", "eligibility.heir_missing"),
        finding("duplicates", "review", "eligibility.duplicate_open", count=2),
    ]


def test_an_applicant_exactly_at_the_maximum_decile_passes_one_above_fails():
    rules = RuleSet(age_max=None, occupations=("farmer",), max_decile=4)
    at_limit = screen(applicant(decile=4), rules, coverage_start=START, regency=BOGOR)
    assert at_limit.decision is Decision.ELIGIBLE
    assert at_limit.to_json() == [
        finding("age", "pass", "eligibility.age_ok", age=45, on="2026-01-01", low="18", high="—"),
        finding("occupation", "pass", "eligibility.occupation_ok", occupation="farmer"),
        finding("domicile", "pass", "eligibility.domicile_ok", region="32.01"),
        finding("decile", "pass", "eligibility.decile_ok", decile=4, limit=4),
        finding("flags", "pass", "eligibility.flags_ok"),
        finding(
            "required",
            "pass",
            "eligibility.required_ok",
            fields_id="nama ibu kandung",
            fields_en="mother's maiden name",
        ),
    ]
    above = screen(applicant(decile=5), rules, coverage_start=START, regency=BOGOR)
    assert above.decision is Decision.INELIGIBLE
    assert [f.to_json() for f in above.reasons] == [
        finding("decile", "fail", "eligibility.decile_out", decile=5, limit=4)
    ]


def test_an_occupation_off_the_list_and_a_village_outside_the_area():
    rules = RuleSet(occupations=("farmer",), domicile="32.01.20", required=("heir", "mother_name"))
    person = applicant(occupation_code="fisher", village_code="32.01.21.2001", heirs=2)
    result = screen(person, rules, coverage_start=START, regency=BOGOR)
    assert result.decision is Decision.INELIGIBLE
    assert result.to_json() == [
        finding("age", "pass", "eligibility.age_ok", age=45, on="2026-01-01", low="18", high="65"),
        finding("occupation", "fail", "eligibility.occupation_out", occupation="fisher"),
        finding(
            "domicile",
            "fail",
            "eligibility.domicile_out",
            village="32.01.21.2001",
            region="32.01.20",
        ),
        finding("flags", "pass", "eligibility.flags_ok"),
        finding(
            "required",
            "pass",
            "eligibility.required_ok",
            fields_id="ahli waris, nama ibu kandung",
            fields_en="heir, mother's maiden name",
        ),
    ]


def test_flags_the_rules_do_not_check_are_not_findings():
    rules = RuleSet(flags=(ListKind.DECEASED,), required=())
    person = applicant(
        flags=(
            FlagFact(ListKind.BPJS_ACTIVE, "BPJS", date(2025, 10, 1)),
            FlagFact(ListKind.DECEASED, "Desa Sukamaju", date(2025, 12, 1)),
        )
    )
    result = screen(person, rules, coverage_start=START, regency=BOGOR)
    assert [f.to_json() for f in result.findings][2:] == [
        finding("flags", "fail", "flag.deceased", source="Desa Sukamaju", list_date="2025-12-01")
    ]


@pytest.mark.parametrize(
    ("rules", "detail"),
    [
        ({"age_min": -1}, "age -1"),
        ({"age_max": 121}, "age 121"),
        ({"age_min": 40, "age_max": 30}, "age 40 > 30"),
        ({"bulk_sample": 101}, "sample 101"),
        ({"bulk_sample": -1}, "sample -1"),
        ({"max_decile": 0}, "decile 0"),
        ({"max_decile": 11}, "decile 11"),
        ({"occupations": ("farmer", "astronaut")}, "occupation astronaut"),
        ({"domicile": "99x"}, "region 99x"),
        ({"required": ("heir", "nik")}, "required heir, nik"),
        ({"required": ("heir", "heir")}, "required heir, heir"),
        ({"priority": ("risk", "age")}, "priority risk, age"),
    ],
)
def test_an_invalid_rule_set_says_which_part(rules, detail):
    with pytest.raises(DomainError) as error:
        RuleSet(**rules)
    assert (error.value.code, error.value.params) == (
        "eligibility.rules_invalid",
        {"detail": detail},
    )


def test_the_widest_rule_set_allowed():
    rules = RuleSet(age_min=0, age_max=120, bulk_sample=100, max_decile=10)
    assert (rules.age_min, rules.age_max, rules.bulk_sample, rules.max_decile) == (0, 120, 100, 10)
    assert RuleSet(max_decile=1).max_decile == 1
    assert RuleSet(age_min=30, age_max=30).age_max == 30


def test_a_rule_set_survives_its_json_exactly():
    rules = RuleSet(
        age_min=21,
        age_max=59,
        occupations=("farmer", "fisher"),
        domicile="32.01.20",
        max_decile=5,
        flags=(ListKind.DECEASED, ListKind.MOVED),
        required=("heir",),
        priority=("submitted", "decile"),
        bulk_sample=7,
    )
    data = rules.to_json()
    assert data == {
        "age_min": 21,
        "age_max": 59,
        "occupations": ["farmer", "fisher"],
        "domicile": "32.01.20",
        "max_decile": 5,
        "flags": ["deceased", "moved"],
        "required": ["heir"],
        "priority": ["submitted", "decile"],
        "bulk_sample": 7,
    }
    assert RuleSet.from_json(data) == rules
    assert RuleSet.from_json({}) == RuleSet()
    assert RuleSet.from_json({"bulk_sample": "3", "max_decile": "2"}) == RuleSet(
        bulk_sample=3, max_decile=2
    )
    assert RuleSet.from_json({"age_max": "", "bulk_sample": None}) == RuleSet(age_max=None)


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        ({"colour": 1, "age": 2}, "unknown age, colour"),
        ({"age_min": 18.5}, "18.5 is not a whole number"),
        ({"age_min": True}, "True is not a whole number"),
        ({"max_decile": "tiga"}, "invalid literal for int() with base 10: 'tiga'"),
        ({"flags": ["alien"]}, "'alien' is not a valid ListKind"),
    ],
)
def test_json_that_is_not_a_rule_set_says_why(data, detail):
    with pytest.raises(DomainError) as error:
        RuleSet.from_json(data)
    assert (error.value.code, error.value.params) == (
        "eligibility.rules_invalid",
        {"detail": detail},
    )


def test_priority_keys_have_fixed_width_parts():
    rules = RuleSet()
    # farmer: risk 3 (medium); fisher: 5 (very high); not_working: none.
    assert (
        priority_key(
            rules, decile=2, occupation_code="fisher", submitted="2026-01-05T08:00:00+00:00"
        )
        == "02|4|2026-01-05T08:00:00+00:000"
    )
    assert priority_key(rules, decile=None, occupation_code="", submitted="2026") == (
        "99|9|2026" + "0" * 22
    )
    assert priority_key(rules, decile=1, occupation_code="not_working", submitted="x") == (
        "01|9|x" + "0" * 25
    )
    assert priority_key(rules, decile=1, occupation_code="astronaut", submitted="x") == (
        "01|9|x" + "0" * 25
    )
    long = "2026-01-05T08:00:00.123456+00:00"
    assert (
        priority_key(RuleSet(priority=("submitted",)), decile=1, occupation_code="", submitted=long)
        == long[:26]
    )
