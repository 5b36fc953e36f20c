"""Benefits of JKK and JKM (issue 13): the acceptance figures in exact rupiah, and the table."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from payung.domain import benefits as b
from payung.domain.benefits import Child, Component, SchoolLevel, Transport
from payung.domain.errors import DomainError, Severity

T = b.BENEFIT_TABLES.on(date(2026, 1, 1))
BASIS = "PP 82/2019 (perubahan PP 44/2015), Lampiran III; Permenaker 5/2021 jo. Permenaker 1/2025"


def amounts(entitlement: b.Entitlement) -> list[tuple[Component, int]]:
    return [(a.component, a.amount) for a in entitlement.amounts]


# --- acceptance (issue 13 item 3) ----------------------------------------------------------


def test_bogor_worker_dies_on_the_way_to_work_gets_70_million():
    got = b.jkk_death(event=date(2026, 3, 2), income=1_000_000, claimed_on=date(2026, 3, 9))
    assert amounts(got) == [
        (Component.JKK_DEATH, 48_000_000),
        (Component.FUNERAL, 10_000_000),
        (Component.JKK_PERIODIC, 12_000_000),
    ]
    assert got.total == 70_000_000
    assert got.lapsed is False
    assert got.education == ()
    assert [n.code for n in got.notes] == ["benefit.education_no_children"]
    death = got.amounts[0].reason
    assert death.code == "benefit.jkk_death"
    assert death.severity is Severity.INFO
    assert death.message("en") == "JKK death benefit 60% × 80 × income Rp1.000.000 = Rp48.000.000."
    assert got.amounts[1].reason.message() == f"Biaya pemakaman Rp10.000.000 ({BASIS})."
    assert got.amounts[2].reason.message("en") == (
        f"JKK periodic benefit paid at once Rp12.000.000 ({BASIS})."
    )


def test_lebak_worker_dies_of_illness_after_14_months_gets_42_million_and_no_education():
    kids = [Child("Ani", date(2017, 8, 1), SchoolLevel.SD)]
    got = b.jkm_death(event=date(2026, 5, 4), paid_months=14, children=kids)
    assert amounts(got) == [
        (Component.JKM_LUMP_SUM, 20_000_000),
        (Component.JKM_PERIODIC, 12_000_000),
        (Component.FUNERAL, 10_000_000),
    ]
    assert got.total == 42_000_000
    assert got.education == ()
    (reason,) = got.notes
    assert reason.code == "benefit.education_too_few_months"
    assert reason.message() == (
        "Tidak ada beasiswa pendidikan: iuran baru dibayar 14 bulan, syaratnya paling sedikit "
        "36 bulan."
    )
    assert (
        got.amounts[0].reason.message("en") == f"JKM lump-sum death benefit Rp20.000.000 ({BASIS})."
    )
    assert got.amounts[1].reason.message("en") == (
        f"JKM periodic benefit paid at once Rp12.000.000 ({BASIS})."
    )


def test_after_40_months_with_a_child_in_sd_and_one_in_smp_the_yearly_schedule():
    kids = [
        Child("Ani", date(2017, 8, 1), SchoolLevel.SD, grade=3),
        Child("Budi", date(2013, 2, 1), SchoolLevel.SMP, grade=1),
    ]
    got = b.jkm_death(event=date(2026, 5, 4), paid_months=40, children=kids)
    assert got.total == 42_000_000
    assert got.notes == ()
    rows = [(y.child, y.label, y.level, y.amount) for y in got.education]
    assert rows[:6] == [
        ("Ani", "2025/2026", SchoolLevel.SD, 1_500_000),
        ("Budi", "2025/2026", SchoolLevel.SMP, 2_000_000),
        ("Ani", "2026/2027", SchoolLevel.SD, 1_500_000),
        ("Budi", "2026/2027", SchoolLevel.SMP, 2_000_000),
        ("Ani", "2027/2028", SchoolLevel.SD, 1_500_000),
        ("Budi", "2027/2028", SchoolLevel.SMP, 2_000_000),
    ]
    ani = [(y.school_year, y.level) for y in got.education if y.child == "Ani"]
    budi = [(y.school_year, y.level) for y in got.education if y.child == "Budi"]
    # Ani: SD grades 3-6, SMP 3, SMA 3, then higher education until the year she turns 23.
    assert ani == (
        [(y, SchoolLevel.SD) for y in range(2025, 2029)]
        + [(y, SchoolLevel.SMP) for y in range(2029, 2032)]
        + [(y, SchoolLevel.SMA) for y in range(2032, 2035)]
        + [(y, SchoolLevel.HIGHER) for y in range(2035, 2041)]
    )
    # Budi turns 23 on 1 February 2036: 2035/2036 is the last school year he is paid for.
    assert budi == (
        [(y, SchoolLevel.SMP) for y in range(2025, 2028)]
        + [(y, SchoolLevel.SMA) for y in range(2028, 2031)]
        + [(y, SchoolLevel.HIGHER) for y in range(2031, 2036)]
    )
    assert got.education_total == 168_000_000
    assert got.education[0].reason.message() == (
        "Beasiswa pendidikan Ani tahun ajaran 2025/2026 (SD): Rp1.500.000."
    )
    last = got.education[-1]
    assert last.reason.message("en") == (
        "Education benefit for Ani, school year 2040/2041 (PT/pelatihan): Rp12.000.000."
    )


def test_accident_5_years_and_1_day_ago_is_lapsed():
    got = b.jkk_accident(
        event=date(2021, 12, 2), income=1_000_000, claimed_on=date(2026, 12, 3), days_off_work=10
    )
    assert got.lapsed is True
    assert got.amounts == ()
    assert got.total == 0
    (reason,) = got.notes
    assert reason.code == "benefit.lapsed"
    assert reason.message("en") == (
        "The JKK claim has lapsed: accident on 2021-12-02, last day to claim 2026-12-02 (5 years "
        "from the accident), claimed on 2026-12-03."
    )


def test_accident_exactly_5_years_ago_is_still_in_time():
    got = b.jkk_death(event=date(2021, 12, 3), income=1_000_000, claimed_on=date(2026, 12, 3))
    assert got.lapsed is False
    assert got.total == 70_000_000


def test_jkk_death_lapses_too():
    got = b.jkk_death(event=date(2021, 12, 2), income=1_000_000, claimed_on=date(2026, 12, 3))
    assert got.lapsed is True
    assert got.total == 0


def test_income_300_000_gets_the_20_million_minimum_with_its_reason():
    got = b.jkk_death(event=date(2026, 3, 2), income=300_000, claimed_on=date(2026, 3, 2))
    death = got.amounts[0]
    assert (death.component, death.amount) == (Component.JKK_DEATH, 20_000_000)
    assert death.reason.code == "benefit.jkk_death_minimum"
    assert death.reason.message("en") == (
        "JKK death benefit 60% × 80 × income Rp300.000 = Rp14.400.000, below the minimum; the "
        "minimum Rp20.000.000 is paid."
    )
    assert got.total == 42_000_000


def test_income_just_at_the_minimum_is_the_computed_amount():
    # 48 × 416,667 = 20,000,016 ≥ 20,000,000; 48 × 416,666 = 19,999,968 < 20,000,000.
    above = b.jkk_death(event=date(2026, 3, 2), income=416_667, claimed_on=date(2026, 3, 2))
    assert above.amounts[0].amount == 20_000_016
    assert above.amounts[0].reason.code == "benefit.jkk_death"
    below = b.jkk_death(event=date(2026, 3, 2), income=416_666, claimed_on=date(2026, 3, 2))
    assert below.amounts[0].amount == 20_000_000
    assert below.amounts[0].reason.code == "benefit.jkk_death_minimum"
    exact = replace(T, jkk_death_minimum=20_000_016)
    tables = b.BenefitTables((exact,), b.BENEFIT_TABLES.disability)
    same = b.jkk_death(
        event=date(2026, 3, 2), income=416_667, claimed_on=date(2026, 3, 2), tables=tables
    )
    assert same.amounts[0].reason.code == "benefit.jkk_death"


def test_non_round_income_is_multiplied_exactly_and_rounded_once_half_up():
    got = b.jkk_death(event=date(2026, 3, 2), income=1_234_567, claimed_on=date(2026, 3, 2))
    assert got.amounts[0].amount == 59_259_216  # 48 × 1,234,567
    partial = b.jkk_accident(
        event=date(2026, 3, 2),
        income=1_234_567,
        claimed_on=date(2026, 3, 2),
        disabilities=["index_left"],  # 7%: 0.07 × 80 × 1,234,567 = 6,913,575.2
    )
    assert amounts(partial) == [(Component.MEDICAL, 0), (Component.PARTIAL_DISABILITY, 6_913_575)]
    up = b.jkk_accident(
        event=date(2026, 3, 2),
        income=1_234_567,
        claimed_on=date(2026, 3, 2),
        disabilities=["eye_one"],  # 35%: 0.35 × 80 × 1,234,567 = 34,567,876 exactly
    )
    assert up.amounts[1].amount == 34_567_876
    half = b.jkk_accident(
        event=date(2026, 3, 2),
        income=1_000_005,
        claimed_on=date(2026, 3, 2),
        disabilities=["finger_other_left"],  # 3% × 80 = 2.4 × 1,000,005 = 2,400,012
    )
    assert half.amounts[1].amount == 2_400_012
    odd = b.jkk_accident(
        event=date(2026, 3, 2),
        income=1_000_001,
        claimed_on=date(2026, 3, 2),
        disabilities=["finger_other_left", "toe_big"],  # 2,400,002.4 and 4,000,004
    )
    assert amounts(odd)[1:] == [
        (Component.PARTIAL_DISABILITY, 2_400_002),
        (Component.PARTIAL_DISABILITY, 4_000_004),
    ]
    assert odd.total == 6_400_006
    assert odd.amounts[1].reason.message("en") == (
        "Partial disability benefit (Any other finger of the left hand) 3% × 80 × income "
        "Rp1.000.001 = Rp2.400.002 (rounded to the nearest rupiah)."
    )


def test_half_a_rupiah_rounds_up():
    # 0.5% is not in the table; a custom row with 0.625% × 80 × 1,000,001 = 500,000.5.
    row = b.DisabilityRow("x", "X", "X", Decimal("0.625"), False)
    tables = b.BenefitTables(b.BENEFIT_TABLES.versions, {"x": row})
    got = b.jkk_accident(
        event=date(2026, 3, 2),
        income=1_000_001,
        claimed_on=date(2026, 3, 2),
        disabilities=["x"],
        tables=tables,
    )
    assert got.amounts[1].amount == 500_001


def test_total_permanent_disability_is_56_times_income_plus_the_periodic_benefit():
    got = b.jkk_accident(
        event=date(2026, 3, 2),
        income=1_000_000,
        claimed_on=date(2026, 3, 2),
        total_disability=True,
        disabilities=["eye_one"],  # ignored: total disability replaces the partial rows
    )
    assert amounts(got) == [
        (Component.MEDICAL, 0),
        (Component.TOTAL_DISABILITY, 56_000_000),
        (Component.JKK_PERIODIC, 12_000_000),
    ]
    assert got.total == 68_000_000
    assert got.amounts[1].reason.message("en") == (
        "Total permanent disability benefit 70% × 80 × income Rp1.000.000 = Rp56.000.000."
    )
    assert [n.code for n in got.notes] == ["benefit.education_no_children"]


def test_total_disability_with_children_gets_the_schedule_without_a_contribution_period():
    kids = [Child("Cici", date(2004, 1, 1), SchoolLevel.HIGHER, grade=4)]
    got = b.jkk_accident(
        event=date(2026, 3, 2),
        income=1_000_000,
        claimed_on=date(2026, 3, 2),
        total_disability=True,
        children=kids,
    )
    # 2025/2026 starts 1 July 2025 (age 21), 2026/2027 on 1 July 2026 (22), 2027 she is 23.
    assert [(y.label, y.amount) for y in got.education] == [
        ("2025/2026", 12_000_000),
        ("2026/2027", 12_000_000),
    ]


def test_medical_care_is_recorded_not_computed():
    got = b.jkk_accident(event=date(2026, 3, 2), income=1_000_000, claimed_on=date(2026, 3, 2))
    assert amounts(got) == [(Component.MEDICAL, 0)]
    assert got.amounts[0].reason.code == "benefit.medical"
    assert got.notes == ()
    assert got.lapsed is False


@pytest.mark.parametrize(
    ("mode", "claimed", "paid", "cap", "words"),
    [
        (Transport.LAND, 7_500_000, 5_000_000, "Rp5.000.000", ("darat", "by land")),
        (Transport.LAND, 4_999_999, 4_999_999, "Rp5.000.000", ("darat", "by land")),
        (Transport.SEA, 2_000_001, 2_000_000, "Rp2.000.000", ("laut", "by sea")),
        (Transport.AIR, 12_000_000, 10_000_000, "Rp10.000.000", ("udara", "by air")),
        (Transport.AIR, 10_000_000, 10_000_000, "Rp10.000.000", ("udara", "by air")),
    ],
)
def test_transport_is_the_claimed_amount_up_to_the_cap(mode, claimed, paid, cap, words):
    got = b.jkk_accident(
        event=date(2026, 3, 2),
        income=1_000_000,
        claimed_on=date(2026, 3, 2),
        transport=mode,
        transport_claimed=claimed,
    )
    assert amounts(got) == [(Component.MEDICAL, 0), (Component.TRANSPORT, paid)]
    assert got.amounts[1].reason.params == {
        "mode": mode.value,
        "mode_id": words[0],
        "mode_en": words[1],
        "amount": b.format_rupiah(paid),
        "claimed": b.format_rupiah(claimed),
        "cap": cap,
    }
    assert got.amounts[1].reason.message("id").startswith(f"Biaya pengangkutan ({words[0]}) ")
    assert got.amounts[1].reason.message("en").startswith(f"Transport costs ({words[1]}) ")


def test_stmb_full_income_for_12_months_then_half():
    def stmb(days: int, income: int = 3_000_000) -> b.Amount:
        got = b.jkk_accident(
            event=date(2026, 3, 2), income=income, claimed_on=date(2026, 3, 2), days_off_work=days
        )
        assert got.amounts[1].component is Component.STMB
        return got.amounts[1]

    assert stmb(30).amount == 3_000_000
    assert stmb(1).amount == 100_000
    assert stmb(360).amount == 36_000_000
    assert stmb(361).amount == 36_050_000
    assert stmb(390).amount == 37_500_000
    assert stmb(7, income=1_000_000).amount == 233_333  # 7/30 of 1,000,000 = 233,333.33
    assert stmb(361, income=1_000_001).amount == 12_016_679  # (360 + 0.5) × 1,000,001 / 30
    assert stmb(390).reason.message("en") == (
        "Temporary incapacity benefit: 360 days at 100% and 30 days at 50% of income "
        "Rp3.000.000 per 30 days = Rp37.500.000."
    )


def test_no_days_off_work_no_stmb_and_negative_days_refused():
    got = b.jkk_accident(event=date(2026, 3, 2), income=1, claimed_on=date(2026, 3, 2))
    assert [a.component for a in got.amounts] == [Component.MEDICAL]
    with pytest.raises(DomainError) as refused:
        b.jkk_accident(
            event=date(2026, 3, 2), income=1_000_000, claimed_on=date(2026, 3, 2), days_off_work=-1
        )
    assert refused.value.code == "benefit.days"
    assert refused.value.params == {"value": -1}


@pytest.mark.parametrize("income", [0, -5])
def test_income_must_be_positive(income):
    for compute in (b.jkk_death, b.jkk_accident):
        with pytest.raises(DomainError) as refused:
            compute(event=date(2026, 3, 2), income=income, claimed_on=date(2026, 3, 2))
        assert refused.value.code == "benefit.income"
        assert refused.value.params == {"value": income}
    assert b.jkk_death(event=date(2026, 3, 2), income=1, claimed_on=date(2026, 3, 2)).total


def test_unknown_disability_refused():
    with pytest.raises(DomainError) as refused:
        b.jkk_accident(
            event=date(2026, 3, 2),
            income=1_000_000,
            claimed_on=date(2026, 3, 2),
            disabilities=["tail"],
        )
    assert refused.value.code == "benefit.disability_unknown"
    assert refused.value.params == {"code": "tail"}


# --- JKM education conditions ----------------------------------------------------------------


def test_jkm_education_needs_36_paid_months_exactly():
    kids = [Child("Ani", date(2017, 8, 1), SchoolLevel.SD)]
    at = b.jkm_death(event=date(2026, 5, 4), paid_months=36, children=kids)
    assert at.education
    before = b.jkm_death(event=date(2026, 5, 4), paid_months=35, children=kids)
    assert before.education == ()
    assert before.notes[0].params == {"paid": 35, "needed": 36}


def test_jkm_after_a_work_accident_has_no_education_benefit():
    kids = [Child("Ani", date(2017, 8, 1), SchoolLevel.SD)]
    got = b.jkm_death(event=date(2026, 5, 4), paid_months=40, children=kids, work_accident=True)
    assert got.total == 42_000_000
    assert got.education == ()
    assert [n.code for n in got.notes] == ["benefit.education_work_accident"]


def test_jkm_without_children_says_so():
    got = b.jkm_death(event=date(2026, 5, 4), paid_months=40)
    assert got.education == ()
    assert got.notes[0].message("en") == "No education benefit: no child at school is recorded."


def test_at_most_two_children_the_third_is_named():
    kids = [Child(n, date(2010, 1, 1), SchoolLevel.SMA) for n in ("A", "B", "C")]
    got = b.jkm_death(event=date(2026, 8, 1), paid_months=40, children=kids)
    assert {y.child for y in got.education} == {"A", "B"}
    assert [n.message("en") for n in got.notes] == [
        "C gets no education benefit: at most 2 children."
    ]


def test_the_cap_for_both_children_cuts_the_last_payment():
    small = replace(T, education_total_cap=26_000_000)
    tables = b.BenefitTables((small,), {})
    kids = [
        Child("A", date(2008, 1, 1), SchoolLevel.HIGHER),
        Child("B", date(2009, 1, 1), SchoolLevel.SMA, grade=3),
    ]
    got = b.jkm_death(event=date(2026, 8, 1), paid_months=40, children=kids, tables=tables)
    assert [(y.child, y.school_year, y.amount) for y in got.education] == [
        ("A", 2026, 12_000_000),
        ("B", 2026, 3_000_000),
        ("A", 2027, 11_000_000),
    ]
    assert [y.reason.code for y in got.education] == [
        "benefit.education",
        "benefit.education",
        "benefit.education_capped",
    ]
    assert got.education[-1].reason.message("en") == (
        "Education benefit for A, school year 2027/2028 (PT/pelatihan) cut to Rp11.000.000: the "
        "cap of Rp26.000.000 for all children is reached."
    )
    assert got.education_total == 26_000_000


def test_the_cap_reached_exactly_stops_the_schedule():
    small = replace(T, education_total_cap=24_000_000)
    tables = b.BenefitTables((small,), {})
    kids = [Child("A", date(2008, 1, 1), SchoolLevel.HIGHER)]
    got = b.jkm_death(event=date(2026, 8, 1), paid_months=40, children=kids, tables=tables)
    assert [(y.school_year, y.amount, y.reason.code) for y in got.education] == [
        (2026, 12_000_000, "benefit.education"),
        (2027, 12_000_000, "benefit.education"),
    ]


def test_marriage_or_work_ends_a_childs_benefit_before_the_next_school_year():
    kids = [Child("A", date(2008, 1, 1), SchoolLevel.HIGHER, ends_on=date(2027, 6, 30))]
    got = b.jkm_death(event=date(2026, 8, 1), paid_months=40, children=kids)
    assert [y.school_year for y in got.education] == [2026]
    kids = [Child("A", date(2008, 1, 1), SchoolLevel.HIGHER, ends_on=date(2027, 7, 1))]
    got = b.jkm_death(event=date(2026, 8, 1), paid_months=40, children=kids)
    assert [y.school_year for y in got.education] == [2026, 2027]


def test_tk_lasts_two_years_and_the_age_limit_counts_the_birthday():
    kids = [Child("K", date(2021, 7, 1), SchoolLevel.TK)]
    got = b.jkm_death(event=date(2026, 7, 1), paid_months=40, children=kids)
    levels = [(y.school_year, y.level) for y in got.education]
    assert levels[:3] == [(2026, SchoolLevel.TK), (2027, SchoolLevel.TK), (2028, SchoolLevel.SD)]
    assert got.education[0].amount == 1_500_000
    # Born 1 July 2021: 23 on 1 July 2044, so 2043/2044 is the last school year.
    assert levels[-1] == (2043, SchoolLevel.HIGHER)
    assert (
        got.education_total
        == 2 * 1_500_000 + 6 * 1_500_000 + 3 * 2_000_000 + 3 * 3_000_000 + 4 * 12_000_000
    )


def test_assumptions_are_parameters():
    rules = b.SchoolAssumptions(
        year_starts_month=1, level_years={**b.LEVEL_YEARS, SchoolLevel.SD: 1}
    )
    kids = [Child("A", date(2015, 1, 1), SchoolLevel.SD)]
    schedule, notes = b.education_schedule(kids, event=date(2026, 1, 1), table=T, assumptions=rules)
    assert [(y.school_year, y.level) for y in schedule[:2]] == [
        (2026, SchoolLevel.SD),
        (2027, SchoolLevel.SMP),
    ]
    assert notes == ()
    assert b.school_year_of(date(2026, 6, 30), b.SchoolAssumptions()) == 2025
    assert b.school_year_of(date(2026, 7, 1), b.SchoolAssumptions()) == 2026
    assert schedule[0].label == "2026/2027"


# --- the table -------------------------------------------------------------------------------


def test_the_shipped_table_holds_pp_82_2019_from_2_december_2019():
    (table,) = b.BENEFIT_TABLES.versions
    assert table.effective_from == date(2019, 12, 2)
    assert table.effective_to is None
    assert table.basis == BASIS
    assert (table.jkm_lump_sum, table.jkm_periodic, table.funeral) == (
        20_000_000,
        12_000_000,
        10_000_000,
    )
    assert (table.jkk_death_percent, table.jkk_months, table.jkk_death_minimum) == (
        Decimal(60),
        80,
        20_000_000,
    )
    assert table.total_disability_percent == Decimal(70)
    assert table.jkk_periodic == 12_000_000
    assert (table.stmb_full_months, table.stmb_full_percent, table.stmb_later_percent) == (
        12,
        Decimal(100),
        Decimal(50),
    )
    assert table.stmb_days_per_month == 30
    assert table.transport == {
        Transport.LAND: 5_000_000,
        Transport.SEA: 2_000_000,
        Transport.AIR: 10_000_000,
    }
    assert table.education_per_year == {
        SchoolLevel.TK: 1_500_000,
        SchoolLevel.SD: 1_500_000,
        SchoolLevel.SMP: 2_000_000,
        SchoolLevel.SMA: 3_000_000,
        SchoolLevel.HIGHER: 12_000_000,
    }
    assert (table.education_min_paid_months, table.jkk_education_min_paid_months) == (36, 0)
    assert (table.education_max_children, table.education_age_limit) == (2, 23)
    assert table.education_total_cap == 174_000_000
    assert (table.jkk_lapse_years, table.jkm_lapse_years) == (5, None)
    assert table.unconfirmed == {
        "stmb_days_per_month",
        "jkk_education_min_paid_months",
        "jkm_lapse_years",
    }


def test_before_pp_82_2019_there_is_no_table():
    with pytest.raises(DomainError) as refused:
        b.jkm_death(event=date(2019, 12, 1), paid_months=1)
    assert refused.value.code == "benefit.no_table"
    assert refused.value.params == {"day": "2019-12-01"}
    assert b.jkm_death(event=date(2019, 12, 2), paid_months=1).total == 42_000_000


def test_a_second_version_is_chosen_by_the_event_date():
    old = replace(T, effective_to=date(2027, 12, 31))
    new = replace(T, effective_from=date(2028, 1, 1), jkm_lump_sum=30_000_000, basis="PP baru")
    tables = b.BenefitTables((new, old), {})
    assert tables.on(date(2027, 12, 31)) is old
    assert tables.on(date(2028, 1, 1)) is new
    assert b.jkm_death(event=date(2028, 1, 1), paid_months=1, tables=tables).total == 52_000_000
    assert old.applies_on(date(2027, 12, 31))
    assert not old.applies_on(date(2028, 1, 1))
    assert not old.applies_on(date(2019, 12, 1))


def test_overlapping_or_backward_versions_refused():
    old = replace(T, effective_to=date(2028, 1, 1))
    new = replace(T, effective_from=date(2028, 1, 1))
    with pytest.raises(DomainError) as refused:
        b.BenefitTables((new, old), {})
    assert refused.value.code == "benefit.table_overlap"
    assert refused.value.params == {"first": "2019-12-02", "second": "2028-01-01"}
    with pytest.raises(DomainError) as open_ended:
        b.BenefitTables((T, new), {})
    assert open_ended.value.code == "benefit.table_overlap"
    with pytest.raises(DomainError) as backward:
        replace(T, effective_to=date(2019, 12, 1))
    assert backward.value.code == "benefit.table_dates"
    assert backward.value.params == {"start": "2019-12-02", "end": "2019-12-01"}
    assert replace(T, effective_to=date(2019, 12, 2)).effective_to == date(2019, 12, 2)


def test_the_disability_table_rows_are_all_unconfirmed_with_labels():
    rows = b.BENEFIT_TABLES.disability
    assert len(rows) == 22
    assert all(row.confirmed is False for row in rows.values())
    arm = b.BENEFIT_TABLES.disability_row("arm_right_shoulder")
    assert (arm.label_id, arm.label_en, arm.percent) == (
        "Lengan kanan dari sendi bahu ke bawah",
        "Right arm from the shoulder joint down",
        Decimal(40),
    )


def test_parse_reads_confirmed_flags_and_dates():
    text = (
        '{"versions": [{"effective_from": "2030-01-01", "effective_to": "2030-12-31", "basis": "X",'
        ' "values": {'
        + ", ".join(
            f'"{k}": {{"value": {v}, "confirmed": {c}}}'
            for k, v, c in [
                ("jkm_lump_sum", 1, "true"),
                ("jkm_periodic", 2, "true"),
                ("funeral", 3, "false"),
                ("jkk_death_percent", '"60"', "true"),
                ("jkk_months", 80, "true"),
                ("jkk_death_minimum", 4, "true"),
                ("jkk_periodic", 5, "true"),
                ("total_disability_percent", '"70"', "true"),
                ("stmb_full_months", 12, "true"),
                ("stmb_full_percent", '"100"', "true"),
                ("stmb_later_percent", '"50"', "true"),
                ("stmb_days_per_month", 30, "true"),
                ("transport_land", 6, "true"),
                ("transport_sea", 7, "true"),
                ("transport_air", 8, "true"),
                ("education_min_paid_months", 36, "true"),
                ("jkk_education_min_paid_months", 0, "true"),
                ("education_max_children", 2, "true"),
                ("education_age_limit", 23, "true"),
                ("education_total_cap", 9, "true"),
                ("education_tk_sd", 10, "true"),
                ("education_smp", 11, "true"),
                ("education_sma", 12, "true"),
                ("education_higher", 13, "true"),
                ("jkk_lapse_years", "null", "true"),
                ("jkm_lapse_years", 3, "true"),
            ]
        )
        + '}}], "partial_disability": {"rows": [{"code": "a", "id": "A", "en": "Ay",'
        ' "percent": "2.5", "confirmed": true}]}}'
    )
    tables = b.parse_benefit_tables(text)
    (table,) = tables.versions
    assert (table.effective_from, table.effective_to) == (date(2030, 1, 1), date(2030, 12, 31))
    assert table.unconfirmed == {"funeral"}
    assert (table.jkk_lapse_years, table.jkm_lapse_years) == (None, 3)
    assert table.transport == {Transport.LAND: 6, Transport.SEA: 7, Transport.AIR: 8}
    assert table.education_per_year[SchoolLevel.TK] == 10
    assert tables.disability == {"a": b.DisabilityRow("a", "A", "Ay", Decimal("2.5"), True)}
    # No lapse configured: never lapsed.
    assert b.lapse_note(date(2030, 1, 1), date(2099, 1, 1), table) is None


def test_lapse_last_day():
    assert b.lapse_last_day(date(2021, 12, 2), 5) == date(2026, 12, 2)
    assert b.lapse_last_day(date(2024, 2, 29), 5) == date(2029, 3, 1)
    assert b.lapse_last_day(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert b.lapse_last_day(date(2024, 2, 29), None) is None


def test_entitlement_helpers():
    got = b.jkk_death(event=date(2026, 3, 2), income=1_000_000, claimed_on=date(2026, 3, 9))
    assert got.amount_of(Component.FUNERAL) == 10_000_000
    assert got.amount_of(Component.STMB) == 0


def test_parsing_the_shipped_file_again_gives_the_same_tables():
    from importlib import resources

    text = resources.files("payung.data").joinpath(b.DATA_FILE).read_text("utf-8")
    assert b.parse_benefit_tables(text) == b.BENEFIT_TABLES


def test_the_partial_disability_reason_in_indonesian():
    got = b.jkk_accident(
        event=date(2026, 3, 2),
        income=1_000_000,
        claimed_on=date(2026, 3, 2),
        disabilities=["toe_big"],
    )
    assert got.amounts[1].reason.message() == (
        "Santunan cacat sebagian (Ibu jari kaki) 5% × 80 × penghasilan Rp1.000.000 = Rp4.000.000 "
        "(dibulatkan ke rupiah terdekat)."
    )


def test_transport_without_a_claimed_amount_is_nothing():
    got = b.jkk_accident(
        event=date(2026, 3, 2),
        income=1_000_000,
        claimed_on=date(2026, 3, 2),
        transport=Transport.SEA,
    )
    assert amounts(got) == [(Component.MEDICAL, 0), (Component.TRANSPORT, 0)]


def test_one_rupiah_left_under_the_cap_is_still_paid():
    small = replace(T, education_total_cap=12_000_001)
    tables = b.BenefitTables((small,), {})
    kids = [Child("A", date(2008, 1, 1), SchoolLevel.HIGHER)]
    got = b.jkm_death(event=date(2026, 8, 1), paid_months=40, children=kids, tables=tables)
    assert [(y.school_year, y.amount) for y in got.education] == [(2026, 12_000_000), (2027, 1)]


def test_every_entitlement_passes_the_school_assumptions_on():
    rules = b.SchoolAssumptions(year_starts_month=1)
    kids = [Child("A", date(2008, 1, 1), SchoolLevel.HIGHER)]
    day = date(2026, 3, 2)
    results = [
        b.jkm_death(event=day, paid_months=40, children=kids, assumptions=rules),
        b.jkk_death(event=day, income=1_000_000, claimed_on=day, children=kids, assumptions=rules),
        b.jkk_accident(
            event=day,
            income=1_000_000,
            claimed_on=day,
            total_disability=True,
            children=kids,
            assumptions=rules,
        ),
    ]
    for got in results:
        # School years start in January: 2026 (age 18) to 2030 (age 22); 2031 starts at 23.
        assert [y.school_year for y in got.education] == [2026, 2027, 2028, 2029, 2030]
        assert got.notes == ()
