"""Screening rules as plain values: every rule's finding, the decision, the waiting-list key."""

from __future__ import annotations

from datetime import date

import pytest

from payung.domain.eligibility import (
    Applicant,
    Decision,
    FlagFact,
    RuleSet,
    age_on,
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
        "occupation_code": "farm_labourer",
        "decile": 3,
        "mother_name": "Aminah",
        "heirs": 1,
    }
    return Applicant(**{**values, **overrides})


def codes(result):
    return [(f.rule, f.outcome.value, f.issue.code) for f in result.findings]


def test_a_person_meeting_every_rule_is_eligible_with_each_finding_said():
    rules = RuleSet(occupations=("farm_labourer",), max_decile=4, required=("mother_name", "heir"))
    result = screen(applicant(), rules, coverage_start=START, regency=BOGOR)
    assert result.decision is Decision.ELIGIBLE
    assert codes(result) == [
        ("age", "pass", "eligibility.age_ok"),
        ("occupation", "pass", "eligibility.occupation_ok"),
        ("domicile", "pass", "eligibility.domicile_ok"),
        ("decile", "pass", "eligibility.decile_ok"),
        ("flags", "pass", "eligibility.flags_ok"),
        ("required", "pass", "eligibility.required_ok"),
    ]
    assert result.findings[0].issue.message("en") == "Aged 45 on 2026-01-01 (limits 18–65)."
    assert result.reasons == ()


@pytest.mark.parametrize(
    ("born", "decision"),
    [
        (date(2008, 1, 1), Decision.ELIGIBLE),  # 18 on the start day itself
        (date(2008, 1, 2), Decision.INELIGIBLE),  # 17 for one more day
        (date(1960, 1, 1), Decision.INELIGIBLE),  # 66
        (date(1960, 1, 2), Decision.ELIGIBLE),  # 65 until the next day
    ],
)
def test_age_is_taken_on_the_coverage_start_date(born, decision):
    result = screen(applicant(birth_date=born), RuleSet(), coverage_start=START, regency=BOGOR)
    assert result.decision is decision


def test_age_on_counts_completed_years_and_29_february():
    assert age_on(date(2000, 2, 29), date(2026, 2, 28)) == 25
    assert age_on(date(2000, 2, 29), date(2026, 3, 1)) == 26


def test_each_failing_rule_is_a_reason_in_both_languages():
    rules = RuleSet(
        age_max=60, occupations=("fisher",), max_decile=4, required=("mother_name", "heir")
    )
    person = applicant(
        birth_date=date(1950, 5, 5),
        village_code="36.02.01.2001",
        decile=7,
        mother_name=" ",
        heirs=0,
    )
    result = screen(person, rules, coverage_start=START, regency=BOGOR)
    assert result.decision is Decision.INELIGIBLE
    assert [f.issue.code for f in result.reasons] == [
        "eligibility.age_out",
        "eligibility.occupation_out",
        "eligibility.domicile_out",
        "eligibility.decile_out",
        "eligibility.mother_name_missing",
        "eligibility.heir_missing",
    ]
    domicile = result.reasons[2].issue
    assert domicile.message("id") == (
        "Berdomisili di 36.02.01.2001, di luar wilayah program (32.01)."
    )
    assert domicile.message("en") == "Lives in 36.02.01.2001, outside the programme's area (32.01)."


def test_flags_exclude_or_ask_for_review_as_the_list_kind_means():
    deceased = FlagFact(ListKind.DECEASED, "Disdukcapil", date(2026, 10, 1))
    moved = FlagFact(ListKind.MOVED, "Desa", date(2026, 9, 1))
    flagged = screen(
        applicant(flags=(moved, deceased)), RuleSet(), coverage_start=START, regency=BOGOR
    )
    assert flagged.decision is Decision.INELIGIBLE
    assert [(f.outcome.value, f.issue.code) for f in flagged.reasons] == [
        ("fail", "flag.deceased"),
        ("review", "flag.moved"),
    ]
    only_moved = screen(applicant(flags=(moved,)), RuleSet(), coverage_start=START, regency=BOGOR)
    assert only_moved.decision is Decision.REVIEW
    # A rule set that does not check deaths ignores that list.
    lenient = RuleSet(flags=(ListKind.BPJS_ACTIVE,))
    ignored = screen(applicant(flags=(deceased,)), lenient, coverage_start=START, regency=BOGOR)
    assert ignored.decision is Decision.ELIGIBLE


def test_unknown_decile_and_open_duplicates_ask_for_review_not_rejection():
    result = screen(
        applicant(decile=None, open_duplicates=2),
        RuleSet(max_decile=4),
        coverage_start=START,
        regency=BOGOR,
    )
    assert result.decision is Decision.REVIEW
    assert [f.issue.code for f in result.reasons] == [
        "eligibility.decile_unknown",
        "eligibility.duplicate_open",
    ]


def test_switched_off_rules_are_not_checked():
    rules = RuleSet(age_min=None, age_max=None, flags=(), required=())
    result = screen(
        applicant(birth_date=date(1930, 1, 1)), rules, coverage_start=START, regency=BOGOR
    )
    assert codes(result) == [("domicile", "pass", "eligibility.domicile_ok")]


def test_rule_sets_round_trip_as_json_and_refuse_nonsense():
    rules = RuleSet(age_min=15, occupations=("fisher",), max_decile=4, priority=("risk",))
    assert RuleSet.from_json(rules.to_json()) == rules
    assert RuleSet.from_json({}) == RuleSet()
    for bad in (
        {"age_min": 70, "age_max": 60},
        {"max_decile": 0},
        {"occupations": ["astronaut"]},
        {"priority": ["height"]},
        {"required": ["heir", "heir"]},
        {"flags": ["lottery"]},
        {"colour": "blue"},
        {"age_min": 1.5},
    ):
        with pytest.raises(DomainError) as refused:
            RuleSet.from_json(bad)
        assert refused.value.code == "eligibility.rules_invalid", bad


def test_the_priority_key_sorts_lower_decile_then_higher_risk_then_earlier():
    rules = RuleSet(priority=("decile", "risk", "submitted"))

    def key(decile, occupation, submitted):
        return priority_key(rules, decile=decile, occupation_code=occupation, submitted=submitted)

    early, late = "2026-11-01T08:00:00+00:00", "2026-11-02T08:00:00+00:00"
    ranked = sorted(
        [
            ("unknown decile", key(None, "fisher", early)),
            ("decile 2 low risk", key(2, "street_vendor", early)),
            ("decile 2 high risk late", key(2, "fisher", late)),
            ("decile 2 high risk early", key(2, "fisher", early)),
            ("decile 1", key(1, "", late)),
        ],
        key=lambda pair: pair[1],
    )
    assert [name for name, _ in ranked] == [
        "decile 1",
        "decile 2 high risk early",
        "decile 2 high risk late",
        "decile 2 low risk",
        "unknown decile",
    ]


def test_a_place_in_another_programme_excludes_whatever_the_rules():
    lenient = RuleSet(age_min=None, age_max=None, flags=(), required=())
    result = screen(
        applicant(other_places=("Program B (2026)", "Program A (2026)")),
        lenient,
        coverage_start=START,
        regency=BOGOR,
    )
    assert result.decision is Decision.INELIGIBLE
    (reason,) = result.reasons
    assert reason.issue.message("id") == (
        "Sudah mendapat tempat pada periode yang sama di program Program A (2026), "
        "Program B (2026)."
    )


def test_the_required_data_finding_names_the_fields_in_each_language():
    rules = RuleSet(required=("mother_name", "heir"))
    result = screen(applicant(), rules, coverage_start=START, regency=BOGOR)
    (required,) = [f for f in result.findings if f.rule == "required"]
    assert required.issue.message("id") == "Data wajib lengkap (nama ibu kandung, ahli waris)."
    assert required.issue.message("en") == "Required data complete (mother's maiden name, heir)."
