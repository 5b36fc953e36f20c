"""What a programme's contributions returned: per month of a year, the contributions paid beside
the benefits BPJS paid ("dibayarkan BPJS"), and what the benefits were, per component.

Two figures from two stages meet here (issue 13 item 9, ADR 0041): finance's contributions paid
for each month (the payments on the bills of that contribution month), and the claims BPJS paid,
counted in the month of their payment date. The arithmetic is exact rupiah; the one ratio is a
whole percent rounded half up, and there is none while nothing was paid in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from payung.domain.benefits import Component
from payung.domain.period import Month


@dataclass(frozen=True)
class PaidClaim:
    """One claim as BPJS paid it: the day and the rupiah per component."""

    paid_on: date
    amounts: Mapping[Component, int]

    @property
    def total(self) -> int:
        return sum(self.amounts.values())


@dataclass(frozen=True)
class MonthFigures:
    month: Month
    contributions: int  # paid for this contribution month
    claims: int  # claims BPJS paid in this month
    benefits: int  # the rupiah of those claims


@dataclass(frozen=True)
class ComponentFigures:
    component: Component
    claims: int  # claims with this component in their payment
    amount: int


@dataclass(frozen=True)
class BenefitsPaid:
    """The claims BPJS paid in ``year``: count and rupiah per month, rupiah per component."""

    year: int
    by_month: Mapping[Month, tuple[int, int]]  # month -> (claims, rupiah); paid months only
    components: tuple[ComponentFigures, ...]  # in the order of ``Component``, non-zero only

    @property
    def claims(self) -> int:
        return sum(claims for claims, _ in self.by_month.values())

    @property
    def amount(self) -> int:
        return sum(amount for _, amount in self.by_month.values())


@dataclass(frozen=True)
class MoneyInView:
    year: int
    months: tuple[MonthFigures, ...]  # January to December
    components: tuple[ComponentFigures, ...]

    @property
    def contributions(self) -> int:
        return sum(m.contributions for m in self.months)

    @property
    def claims(self) -> int:
        return sum(m.claims for m in self.months)

    @property
    def benefits(self) -> int:
        return sum(m.benefits for m in self.months)

    @property
    def percent(self) -> int | None:
        """The benefits as a whole percent of the contributions, rounded half up (``None`` while
        no contribution was paid: a ratio to nothing says nothing)."""
        if self.contributions <= 0:
            return None
        return (self.benefits * 200 + self.contributions) // (self.contributions * 2)


def benefits_tally(paid: Iterable[PaidClaim], *, year: int) -> BenefitsPaid:
    """The claims paid in ``year`` (others are left out), per month and per component."""
    by_month: dict[Month, tuple[int, int]] = {}
    claims: dict[Component, int] = {}
    amounts: dict[Component, int] = {}
    for claim in paid:
        if claim.paid_on.year != year:
            continue
        month = Month.of(claim.paid_on)
        count, amount = by_month.get(month, (0, 0))
        by_month[month] = (count + 1, amount + claim.total)
        for component, value in claim.amounts.items():
            if value:
                claims[component] = claims.get(component, 0) + 1
                amounts[component] = amounts.get(component, 0) + value
    return BenefitsPaid(
        year=year,
        by_month=dict(sorted(by_month.items(), key=lambda item: (item[0].year, item[0].month))),
        components=tuple(
            ComponentFigures(component, claims[component], amounts[component])
            for component in Component
            if component in amounts
        ),
    )


def money_in_view(
    *, year: int, contributions: Mapping[Month, int], benefits: BenefitsPaid
) -> MoneyInView:
    """The twelve months of ``year``, each with the contributions paid for it and the benefits
    paid in it; months of other years in either input are left out."""
    months = []
    for number in range(1, 13):
        month = Month(year, number)
        claims, amount = benefits.by_month.get(month, (0, 0)) if benefits.year == year else (0, 0)
        months.append(MonthFigures(month, contributions.get(month, 0), claims, amount))
    return MoneyInView(
        year=year,
        months=tuple(months),
        components=benefits.components if benefits.year == year else (),
    )
