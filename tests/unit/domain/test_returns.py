"""What the contributions returned: benefits paid per month beside contributions paid, exact
rupiah, the year's boundaries, the components in their order, the ratio rounded half up."""

from __future__ import annotations

from datetime import date

import pytest

from payung.domain.benefits import Component
from payung.domain.period import Month
from payung.domain.returns import (
    BenefitsPaid,
    ComponentFigures,
    PaidClaim,
    benefits_tally,
    money_in_view,
)

JKM = {Component.JKM_LUMP_SUM: 20_000_000, Component.JKM_PERIODIC: 12_000_000,
       Component.FUNERAL: 10_000_000}  # fmt: skip
JKK_DEATH = {Component.JKK_DEATH: 48_000_000, Component.FUNERAL: 10_000_000,
             Component.JKK_PERIODIC: 12_000_000}  # fmt: skip


def test_claims_are_counted_in_the_month_bpjs_paid_them():
    tally = benefits_tally(
        [
            PaidClaim(date(2026, 4, 1), JKK_DEATH),
            PaidClaim(date(2026, 3, 31), JKM),
            PaidClaim(date(2026, 3, 1), {Component.MEDICAL: 2_350_000}),
        ],
        year=2026,
    )
    assert tally.by_month == {Month(2026, 3): (2, 44_350_000), Month(2026, 4): (1, 70_000_000)}
    assert list(tally.by_month) == [Month(2026, 3), Month(2026, 4)]  # in the order of the year
    assert (tally.claims, tally.amount) == (3, 114_350_000)


def test_only_the_year_asked_for_counts():
    tally = benefits_tally(
        [
            PaidClaim(date(2025, 12, 31), JKM),
            PaidClaim(date(2026, 1, 1), {Component.MEDICAL: 1}),
            PaidClaim(date(2026, 12, 31), {Component.MEDICAL: 2}),
            PaidClaim(date(2027, 1, 1), JKM),
        ],
        year=2026,
    )
    assert tally.by_month == {Month(2026, 1): (1, 1), Month(2026, 12): (1, 2)}
    assert tally.components == (ComponentFigures(Component.MEDICAL, 2, 3),)


def test_components_in_the_order_of_the_catalogue_with_the_claims_that_had_them():
    tally = benefits_tally(
        [
            PaidClaim(date(2026, 5, 2), {Component.MEDICAL: 1_150_000}),
            PaidClaim(date(2026, 5, 3), JKK_DEATH),
            PaidClaim(date(2026, 6, 3), JKM),
            PaidClaim(date(2026, 6, 4), {Component.TRANSPORT: 0, Component.MEDICAL: 500}),
        ],
        year=2026,
    )
    assert tally.components == (
        ComponentFigures(Component.JKM_LUMP_SUM, 1, 20_000_000),
        ComponentFigures(Component.JKM_PERIODIC, 1, 12_000_000),
        ComponentFigures(Component.FUNERAL, 2, 20_000_000),
        ComponentFigures(Component.JKK_DEATH, 1, 48_000_000),
        ComponentFigures(Component.JKK_PERIODIC, 1, 12_000_000),
        ComponentFigures(Component.MEDICAL, 2, 1_150_500),
    )  # a zero amount is no component paid


def test_twelve_months_side_by_side_with_the_year_totals():
    benefits = benefits_tally([PaidClaim(date(2026, 2, 10), JKM)], year=2026)
    view = money_in_view(
        year=2026,
        contributions={Month(2026, 1): 84_000, Month(2026, 2): 84_000, Month(2025, 12): 9},
        benefits=benefits,
    )
    assert [m.month for m in view.months] == [Month(2026, n) for n in range(1, 13)]
    jan, feb, mar = view.months[:3]
    assert (jan.contributions, jan.claims, jan.benefits) == (84_000, 0, 0)
    assert (feb.contributions, feb.claims, feb.benefits) == (84_000, 1, 42_000_000)
    assert (mar.contributions, mar.claims, mar.benefits) == (0, 0, 0)
    assert (view.contributions, view.claims, view.benefits) == (168_000, 1, 42_000_000)
    assert view.components == benefits.components
    assert view.percent == 25_000


def test_a_tally_of_another_year_adds_nothing():
    other = benefits_tally([PaidClaim(date(2025, 2, 10), JKM)], year=2025)
    view = money_in_view(year=2026, contributions={}, benefits=other)
    assert (view.claims, view.benefits, view.components) == (0, 0, ())


@pytest.mark.parametrize(
    ("benefits", "contributions", "percent"),
    [
        (0, 1, 0),
        (1, 200, 1),  # 0.5 % rounds up
        (1, 201, 0),  # 0.4975 % rounds down
        (199, 200, 100),  # 99.5 % rounds up
        (3_500_000, 84_000, 4_167),  # 4166.67 %
        (84_000, 84_000, 100),
    ],
)
def test_the_ratio_is_a_whole_percent_rounded_half_up(benefits, contributions, percent):
    tally = BenefitsPaid(2026, {Month(2026, 1): (1, benefits)}, ())
    view = money_in_view(year=2026, contributions={Month(2026, 1): contributions}, benefits=tally)
    assert view.percent == percent


def test_no_ratio_while_nothing_was_paid_in():
    tally = BenefitsPaid(2026, {Month(2026, 1): (1, 42_000_000)}, ())
    assert money_in_view(year=2026, contributions={}, benefits=tally).percent is None
