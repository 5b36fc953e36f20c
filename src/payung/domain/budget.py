"""Budget commitment: what a programme's places cost at its rates, checked against its budget.

Committed money is places × months × the monthly rate (``programme.commitment``); when the rate
changes inside the period (a relief for some months, a new version), :func:`programme_cost` adds
the months up one by one from the rate table. :func:`check_budget` compares a commitment with the
budget: a warning (``budget.near_limit``) once the commitment reaches a share of the budget, so
the regency can act before the money runs out, and an error (``budget.exceeded``) beyond it. The
same check shows the difference between a programme's budget and what its rate table implies —
Lebak's Rp670,680,000 against the Rp695,520,000 the standard BPU minimum would need.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from payung.domain.contributions import ContributionTerms, RateTable
from payung.domain.errors import DomainError, Issue, register, warning
from payung.domain.money import format_rupiah
from payung.domain.period import MonthSpan
from payung.domain.programme import commitment

NEAR_LIMIT: Final = register(
    "budget.near_limit",
    id="Komitmen {committed} sudah {percent}% dari anggaran {budget}; sisa {remaining}.",
    en="The commitment of {committed} is {percent}% of the budget of {budget}; {remaining} left.",
)
EXCEEDED: Final = register(
    "budget.exceeded",
    id="Komitmen {committed} melebihi anggaran {budget}: kurang {shortfall}.",
    en="The commitment of {committed} exceeds the budget of {budget}: {shortfall} short.",
)
THRESHOLD: Final = register(
    "budget.threshold",
    id="Batas peringatan anggaran harus di atas 0 dan paling banyak 100%, bukan {percent}.",
    en="The budget warning threshold must be above 0 and at most 100%, not {percent}.",
)


@dataclass(frozen=True)
class BudgetCheck:
    budget: int
    committed: int
    issues: tuple[Issue, ...]

    @property
    def remaining(self) -> int:
        """Budget minus commitment: negative is the shortfall."""
        return self.budget - self.committed

    @property
    def exceeded(self) -> bool:
        return self.committed > self.budget


def check_budget(
    *, budget: int, committed: int, warn_at_percent: Decimal = Decimal(90)
) -> BudgetCheck:
    """Compare ``committed`` with ``budget``: a warning from ``warn_at_percent`` % of it on, an
    error when it is exceeded (the check then carries ``budget.exceeded``, with the shortfall)."""
    if not 0 < warn_at_percent <= 100:
        raise DomainError(THRESHOLD, percent=str(warn_at_percent))
    shown = {"committed": format_rupiah(committed), "budget": format_rupiah(budget)}
    issues: tuple[Issue, ...] = ()
    if committed > budget:
        issues = (Issue(EXCEEDED, {**shown, "shortfall": format_rupiah(committed - budget)}),)
    elif committed * 100 >= budget * warn_at_percent and committed > 0:
        # Compared exactly in integers × Decimal; the percent is only rounded for people.
        percent = (Decimal(committed * 100) / budget).quantize(Decimal("0.1"))
        remaining = format_rupiah(budget - committed)
        issues = (warning(NEAR_LIMIT, **shown, percent=str(percent), remaining=remaining),)
    return BudgetCheck(budget, committed, issues)


def programme_cost(
    *, places: int, period: MonthSpan, table: RateTable, terms: ContributionTerms
) -> int:
    """What ``places`` workers on the same ``terms`` cost over ``period`` under ``table``.

    Each month is priced on its own, so a relief or a new rate inside the period counts for the
    months it covers. Terms without an income use the lowest level, as these programmes do.
    """
    return sum(
        commitment(places=places, months=1, monthly_rate=table.contribution(month, terms).amount)
        for month in period
    )
