"""Contribution arithmetic at its edges: a JKK rate other than 1%, one-month versions, reliefs
that do not apply, each refusal with its parameters (ADR 0032)."""

from __future__ import annotations

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
from payung.domain.errors import DomainError
from payung.domain.occupations import Sector
from payung.domain.period import Month, MonthSpan
from payung.domain.programme import PayerModel


def refusal(call, *args, **kwargs):
    with pytest.raises(DomainError) as error:
        call(*args, **kwargs)
    return error.value.code, error.value.params


def test_jkk_at_a_rate_other_than_one_percent():
    # JKK for a higher risk level: 0.54% of Rp2,500,000 = Rp13,500 (dividing would be ~4.6e6).
    rate = BpuRate(jkk_percent=Decimal("0.54"), lowest_income=1_000_000, jkm_monthly=6_800)
    table = RateTable([RateVersion("bpu", Month(2026, 1), rate)])
    terms = ContributionTerms("bpu", PayerModel.VILLAGE_BUDGET, declared_income=2_500_000)
    result = table.contribution(Month(2026, 5), terms)
    assert result.month == Month(2026, 5)
    assert result.charge(Component.JKK).amount == 13_500
    assert result.charge(Component.JKK).income == 2_500_000
    assert result.amount == 20_300
    assert result.charge(Component.FLAT) is None


def test_a_free_jkk_and_a_fractional_rate_are_allowed_a_negative_one_is_not():
    assert BpuRate(Decimal(0), 1_000_000, 6_800).jkk_percent == 0
    assert BpuRate(Decimal("0.24"), 1_000_000, 6_800).jkk_percent == Decimal("0.24")
    assert refusal(BpuRate, Decimal("-0.1"), 1_000_000, 6_800) == (
        "money.negative",
        {"value": Decimal("-0.1")},
    )


def test_a_version_of_one_month_and_one_that_ends_before_it_starts():
    one_month = RateVersion("mou", Month(2026, 6), FlatRate(16_200), effective_to=Month(2026, 6))
    assert one_month.in_force(Month(2026, 6))
    assert not one_month.in_force(Month(2026, 7))
    assert refusal(
        RateVersion, "mou", Month(2026, 6), FlatRate(16_200), effective_to=Month(2026, 5)
    ) == ("contribution.rate_dates", {"scheme": "mou", "start": "2026-06", "end": "2026-05"})


JANUARY = Month(2026, 1)


def relief(name, percent, sector=Sector.OTHER, start=JANUARY, months=12, **kwargs):
    return Relief(name, Decimal(percent), {sector: MonthSpan(start, months)}, **kwargs)


def test_relief_percentages_from_just_above_zero_to_all():
    assert relief("kecil", "0.5").percent_off == Decimal("0.5")
    assert relief("satu", 1).percent_off == 1
    assert relief("penuh", 100).percent_off == 100
    assert refusal(relief, "nol", 0) == (
        "contribution.relief_percent",
        {"relief": "nol", "percent": "0"},
    )
    assert refusal(relief, "lebih", "100.5") == (
        "contribution.relief_percent",
        {"relief": "lebih", "percent": "100.5"},
    )


def test_a_silent_relief_does_not_stop_the_next_one_from_applying():
    early = relief("Awal", 50, start=Month(2025, 1), months=6)  # says nothing about 2026
    later = relief("Kedua", 25, start=Month(2026, 1), months=12)
    table = RateTable([RateVersion("mou", Month(2026, 1), FlatRate(16_000))], [early, later])
    result = table.contribution(Month(2026, 3), ContributionTerms("mou", PayerModel.VILLAGE_BUDGET))
    assert result.relief is later
    assert result.amount == 12_000
    assert [(n.code, n.params) for n in result.notes] == [
        (
            "contribution.relief_applied",
            {
                "relief": "Kedua",
                "month": "2026-03",
                "percent": "25",
                "sector": "other",
                "start": "2026-01",
                "end": "2026-12",
            },
        )
    ]


def test_a_relief_for_another_sector_says_so():
    only_transport = relief("PP", 50, sector=Sector.TRANSPORT)
    decision = only_transport.decide(
        Month(2026, 2), sector=Sector.OTHER, payer=PayerModel.VILLAGE_BUDGET
    )
    assert (decision.code, decision.params) == (
        "contribution.relief_sector",
        {"relief": "PP", "sector": "other", "month": "2026-02"},
    )
