from dataclasses import replace
from decimal import Decimal

import pytest

from payung.domain.contributions import (
    BpuRate,
    Component,
    ContributionTerms,
    FlatRate,
    RateTable,
    RateVersion,
    Relief,
)
from payung.domain.errors import DomainError, Severity
from payung.domain.occupations import Sector
from payung.domain.period import Month, MonthSpan
from payung.domain.programme import PayerModel
from tests.unit.domain.reference_rates import BPU_STANDARD, PP_50_2025

MAY_2026 = Month(2026, 5)
VILLAGE_BUDGET = PayerModel.VILLAGE_BUDGET
LEBAK = ContributionTerms("lebak", VILLAGE_BUDGET)


def test_bpu_minimum_is_jkk_on_the_lowest_income_level_plus_jkm(bpu_table):
    contribution = bpu_table.contribution(
        Month(2026, 1), ContributionTerms("bpu", PayerModel.VILLAGE_AID)
    )
    assert contribution.amount == 16_800
    jkk, jkm = contribution.charges
    assert (jkk.component, jkk.income, jkk.full, jkk.amount) == (
        Component.JKK,
        1_000_000,
        10_000,
        10_000,
    )
    assert (jkm.component, jkm.amount) == (Component.JKM, 6_800)
    assert contribution.version.basis == "PP 44/2015 jo. PP 82/2019"
    assert [n.code for n in contribution.notes] == [
        "contribution.income_unknown",
        "contribution.relief_payer_excluded",
    ]
    assert contribution.notes[0].severity is Severity.INFO
    assert contribution.notes[0].message() == (
        "Penghasilan tidak diketahui; JKK dihitung dari tingkat penghasilan terendah Rp1.000.000."
    )


@pytest.mark.parametrize(
    ("income", "jkk", "notes"),
    [
        (750_000, 10_000, ["contribution.income_floor"]),
        (1_000_000, 10_000, []),
        (2_000_000, 20_000, []),
        (1_234_550, 12_346, []),  # 12,345.5 rounds half up
    ],
)
def test_jkk_follows_the_declared_income_above_the_lowest_level(bpu_table, income, jkk, notes):
    terms = ContributionTerms("bpu", PayerModel.REGENCY_BUDGET, declared_income=income)
    contribution = bpu_table.contribution(Month(2025, 12), terms)
    assert contribution.charge(Component.JKK).amount == jkk
    assert contribution.amount == jkk + 6_800
    assert [n.code for n in contribution.notes] == notes
    assert all(n.message("id") and n.message("en") for n in contribution.notes)


def test_each_component_is_rounded_once_after_the_relief(bpu_table):
    # JKK exactly 12,344.60: full 12,345; halved from the exact value 6,172.30 -> 6,172.
    # Rounding twice (12,345 / 2 = 6,172.5 -> 6,173) would charge a rupiah more.
    contribution = bpu_table.contribution(
        MAY_2026, ContributionTerms("bpu", VILLAGE_BUDGET, declared_income=1_234_460)
    )
    jkk = contribution.charge(Component.JKK)
    assert (jkk.full, jkk.amount, jkk.relief) == (12_345, 6_172, 6_173)
    assert contribution.charge(Component.JKM).amount == 3_400
    assert contribution.amount == 9_572
    assert contribution.full_amount == 19_145
    assert contribution.relief is PP_50_2025


@pytest.mark.parametrize(
    ("payer", "sector", "month", "amount", "codes"),
    [
        (VILLAGE_BUDGET, Sector.OTHER, Month(2025, 12), 16_800, []),
        (VILLAGE_BUDGET, Sector.TRANSPORT, Month(2026, 1), 8_400, ["contribution.relief_applied"]),
        (VILLAGE_BUDGET, Sector.OTHER, Month(2026, 3), 16_800, ["contribution.relief_sector"]),
        (VILLAGE_BUDGET, Sector.OTHER, Month(2026, 4), 8_400, ["contribution.relief_applied"]),
        (VILLAGE_BUDGET, Sector.OTHER, Month(2026, 12), 8_400, ["contribution.relief_applied"]),
        (VILLAGE_BUDGET, Sector.OTHER, Month(2027, 1), 16_800, ["contribution.relief_sector"]),
        (VILLAGE_BUDGET, Sector.TRANSPORT, Month(2027, 3), 8_400, ["contribution.relief_applied"]),
        (VILLAGE_BUDGET, Sector.TRANSPORT, Month(2027, 4), 16_800, []),
        (
            PayerModel.REGENCY_BUDGET,
            Sector.TRANSPORT,
            Month(2026, 6),
            16_800,
            ["contribution.relief_payer_excluded"],
        ),
        (  # the payer is the reason, though the month is outside the sector's window too
            PayerModel.REGENCY_BUDGET,
            Sector.OTHER,
            Month(2026, 2),
            16_800,
            ["contribution.relief_payer_excluded"],
        ),
        (
            PayerModel.VILLAGE_AID,
            Sector.OTHER,
            Month(2026, 6),
            16_800,
            ["contribution.relief_payer_excluded"],
        ),
    ],
)
def test_pp_50_2025_by_month_sector_and_payer(bpu_table, payer, sector, month, amount, codes):
    contribution = bpu_table.contribution(month, ContributionTerms("bpu", payer, sector=sector))
    assert contribution.amount == amount
    assert [n.code for n in contribution.notes if n.code.startswith("contribution.relief")] == codes
    assert (contribution.relief is not None) == (codes == ["contribution.relief_applied"])
    assert all(n.message("id") and n.message("en") for n in contribution.notes)


def test_the_reasons_read_in_both_languages(bpu_table):
    applied = bpu_table.contribution(MAY_2026, ContributionTerms("bpu", VILLAGE_BUDGET)).notes[-1]
    assert applied.message("en") == (
        "PP 50/2025: the contribution for 2026-05 is reduced by 50% (sector other, "
        "2026-04 to 2026-12)."
    )
    excluded = bpu_table.contribution(
        MAY_2026, ContributionTerms("bpu", PayerModel.VILLAGE_AID)
    ).notes[-1]
    assert excluded.message() == (
        "PP 50/2025 tidak berlaku untuk bulan 2026-05: iuran dibayar dari anggaran "
        "'village_aid', yang dikecualikan."
    )


def test_the_excluded_budgets_are_a_parameter_of_the_relief():
    strict = replace(PP_50_2025, excluded_payers=frozenset(PayerModel))
    table = RateTable([RateVersion("bpu", Month(2015, 7), BPU_STANDARD)], [strict])
    contribution = table.contribution(MAY_2026, ContributionTerms("bpu", VILLAGE_BUDGET))
    assert contribution.amount == 16_800
    assert contribution.notes[-1].code == "contribution.relief_payer_excluded"


def test_a_relief_halves_a_flat_programme_rate_too(lebak_table):
    assert (
        lebak_table.contribution(MAY_2026, ContributionTerms("lebak_mou", VILLAGE_BUDGET)).amount
        == 8_100
    )
    regency = lebak_table.contribution(
        MAY_2026, ContributionTerms("lebak_mou", PayerModel.REGENCY_BUDGET)
    )
    assert regency.amount == 16_200
    assert [c.component for c in regency.charges] == [Component.FLAT]


def test_the_version_in_force_is_chosen_by_the_contribution_month():
    table = RateTable(
        [
            RateVersion("lebak", Month(2027, 1), FlatRate(16_800)),
            RateVersion("lebak", Month(2026, 1), FlatRate(16_200), effective_to=Month(2026, 12)),
            RateVersion("bpu", Month(2026, 1), BPU_STANDARD),  # another scheme, same months
        ]
    )
    assert table.contribution(Month(2026, 12), LEBAK).amount == 16_200
    assert table.contribution(Month(2027, 1), LEBAK).amount == 16_800
    assert table.version("lebak", Month(2030, 6)).effective_from == Month(2027, 1)
    with pytest.raises(DomainError) as error:
        table.contribution(Month(2025, 12), LEBAK)
    assert error.value.code == "contribution.no_rate"
    assert error.value.params == {"scheme": "lebak", "month": "2025-12"}
    with pytest.raises(DomainError) as error:
        table.version("bogor", Month(2026, 1))
    assert error.value.code == "contribution.no_rate"


def test_overlapping_versions_of_a_scheme_are_refused():
    with pytest.raises(DomainError) as error:
        RateTable(
            [
                RateVersion("lebak", Month(2026, 1), FlatRate(16_200)),  # open-ended
                RateVersion("lebak", Month(2027, 1), FlatRate(16_800)),
            ]
        )
    assert error.value.code == "contribution.rate_overlap"
    assert error.value.params == {"scheme": "lebak", "first": "2026-01", "second": "2027-01"}


def test_overlapping_reliefs_for_a_sector_are_refused():
    other = Relief("Diskon daerah", Decimal(10), {Sector.TRANSPORT: MonthSpan(Month(2027, 3), 2)})
    with pytest.raises(DomainError) as error:
        RateTable([], [PP_50_2025, other])
    assert error.value.code == "contribution.relief_overlap"
    assert error.value.params == {
        "first": "PP 50/2025",
        "second": "Diskon daerah",
        "sector": "transport",
    }
    later = Relief("Diskon daerah", Decimal(10), {Sector.TRANSPORT: MonthSpan(Month(2027, 4), 2)})
    assert RateTable([], [PP_50_2025, later]).reliefs == (PP_50_2025, later)


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (
            lambda: RateVersion("x", Month(2026, 5), FlatRate(1), effective_to=Month(2026, 4)),
            "contribution.rate_dates",
        ),
        (lambda: Relief("x", Decimal(0), {}), "contribution.relief_percent"),
        (lambda: Relief("x", Decimal(101), {}), "contribution.relief_percent"),
        (lambda: FlatRate(-1), "money.negative"),
        (lambda: BpuRate(Decimal(1), 1_000_000, -6_800), "money.negative"),
        (lambda: BpuRate(Decimal("-0.5"), 1_000_000, 6_800), "money.negative"),
        (lambda: BPU_STANDARD.parts(-1), "money.negative"),
    ],
)
def test_bad_rate_data_is_refused(make, code):
    with pytest.raises(DomainError) as error:
        make()
    assert error.value.code == code
    assert error.value.message("id")
