"""Coverage: the months a worker is covered, whether they are protected, and from when they are not.

A :class:`CoveragePeriod` is granted in whole months (BPJS bills BPU contributions per month): a
start month and a number of months, the programme's period (12 by default). It may end early —
death, a move away, wage employment (the employer insures them then), withdrawal, or being found
ineligible — on a date with a reason (:class:`EarlyEnd`). The month in which it ends is still
covered, and billed in full; protection stops after the end date.

Covered is not the same as protected. BPJS makes a BPU participant **inactive** after a number of
consecutive unpaid months (about 3, to be confirmed per branch, so an :class:`ArrearsRule`
parameter) until contributions resume. :func:`protection` walks the covered months that are due
and says for each whether it was paid, unpaid but still protected (grace), or unprotected, so the
gap between covered and protected months is visible, with the month the worker became inactive
and the month cover resumed.

Reading of the rule (ADR 0022): the N-th consecutive unpaid month is the first unprotected one;
the first paid month after that protects again, from that month on, not backwards. Which months
count as paid (for instance only those paid by their due date) is the caller's decision.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import combinations
from typing import Final

from payung.domain.errors import DomainError, Issue, register, warning
from payung.domain.period import Month, MonthSpan

END_BEFORE_START: Final = register(
    "coverage.end_before_start",
    id="Tanggal berakhir {end} sebelum awal perlindungan ({start}).",
    en="The end date {end} is before the cover starts ({start}).",
)
END_AFTER_PERIOD: Final = register(
    "coverage.end_after_period",
    id="Tanggal berakhir {end} sesudah periode perlindungan selesai ({last}); itu bukan berakhir "
    "lebih awal.",
    en="The end date {end} is after the cover period's last month ({last}); that is not an "
    "early end.",
)
OVERLAP: Final = register(
    "coverage.overlap",
    id="Periode perlindungan mulai {first} dan mulai {second} tumpang tindih.",
    en="The cover periods starting {first} and {second} overlap.",
)
ARREARS_MONTHS: Final = register(
    "coverage.arrears_months",
    id="Jumlah bulan tunggakan harus paling sedikit 1, bukan {months}.",
    en="The number of unpaid months must be at least 1, not {months}.",
)
INACTIVE: Final = register(
    "coverage.inactive",
    id="Tidak terlindungi sejak {month}: iuran {unpaid} bulan berturut-turut belum dibayar.",
    en="Not protected since {month}: {unpaid} consecutive months unpaid.",
)
LAPSE_AHEAD: Final = register(
    "coverage.lapse_ahead",
    id="Iuran {unpaid} bulan berturut-turut belum dibayar; tidak terlindungi mulai {month} "
    "bila belum dibayar.",
    en="{unpaid} consecutive months unpaid; not protected from {month} unless paid.",
)


class EndReason(StrEnum):
    DIED = "died"
    MOVED_AWAY = "moved_away"
    WAGE_EMPLOYMENT = "wage_employment"
    WITHDREW = "withdrew"
    INELIGIBLE = "ineligible"


@dataclass(frozen=True)
class EarlyEnd:
    on: date
    reason: EndReason


@dataclass(frozen=True)
class CoveragePeriod:
    """``months`` months of cover from ``start``, possibly ended early."""

    start: Month
    months: int = 12
    early_end: EarlyEnd | None = None

    def __post_init__(self) -> None:
        granted = MonthSpan(self.start, self.months)  # refuses 0 or > 120 months
        if self.early_end is None:
            return
        ended = self.early_end.on
        if ended < self.start.first_day:
            raise DomainError(END_BEFORE_START, end=ended.isoformat(), start=str(self.start))
        if Month.of(ended) > granted.end:
            raise DomainError(END_AFTER_PERIOD, end=ended.isoformat(), last=str(granted.end))

    @property
    def granted(self) -> MonthSpan:
        """The months the programme granted, whatever happened later."""
        return MonthSpan(self.start, self.months)

    @property
    def covered(self) -> MonthSpan:
        """The months covered and billed: the granted ones up to the month of an early end."""
        if self.early_end is None:
            return self.granted
        return MonthSpan.between(self.start, Month.of(self.early_end.on))

    def ended(self, on: date, reason: EndReason) -> CoveragePeriod:
        """The same period ended early on ``on`` for ``reason`` (a new value; this one is kept)."""
        return CoveragePeriod(self.start, self.months, EarlyEnd(on, reason))

    def covers(self, day: date) -> bool:
        """Whether the worker is covered on ``day``: inside a covered month, not after an end."""
        if self.early_end is not None and day > self.early_end.on:
            return False
        return Month.of(day) in self.covered


def check_no_overlap(periods: Iterable[CoveragePeriod]) -> None:
    """Refuse two periods of one worker that cover the same month (``coverage.overlap``)."""
    for one, other in combinations(sorted(periods, key=lambda p: p.start), 2):
        if one.covered.overlaps(other.covered):
            raise DomainError(OVERLAP, first=str(one.start), second=str(other.start))


def covering(periods: Iterable[CoveragePeriod], day: date) -> CoveragePeriod | None:
    """The period that covers ``day``, or None when the worker was not covered that day."""
    return next((period for period in periods if period.covers(day)), None)


@dataclass(frozen=True)
class ArrearsRule:
    """``unpaid_months`` consecutive unpaid months make a worker inactive (3 unless the branch
    says otherwise)."""

    unpaid_months: int = 3

    def __post_init__(self) -> None:
        if self.unpaid_months < 1:
            raise DomainError(ARREARS_MONTHS, months=self.unpaid_months)


class MonthState(StrEnum):
    PAID = "paid"
    GRACE = "grace"  # unpaid, still protected: fewer than the rule's months unpaid in a row
    INACTIVE = "inactive"  # unpaid and not protected, until a month is paid again


@dataclass(frozen=True)
class MonthStatus:
    month: Month
    state: MonthState
    unpaid_run: int  # consecutive unpaid months up to and including this one

    @property
    def protected(self) -> bool:
        return self.state is not MonthState.INACTIVE


@dataclass(frozen=True)
class Lapse:
    """A spell without protection: from ``inactive_from`` until ``resumed`` (None: still on)."""

    inactive_from: Month
    resumed: Month | None = None


@dataclass(frozen=True)
class Protection:
    """The covered months that are due, each paid, in grace or inactive, and the lapses."""

    months: tuple[MonthStatus, ...]
    lapses: tuple[Lapse, ...]
    rule: ArrearsRule

    @property
    def covered(self) -> tuple[Month, ...]:
        return tuple(status.month for status in self.months)

    @property
    def protected(self) -> tuple[Month, ...]:
        return tuple(status.month for status in self.months if status.protected)

    @property
    def gap(self) -> tuple[Month, ...]:
        """Covered but not protected: the months an accident or death would not be paid for."""
        return tuple(status.month for status in self.months if not status.protected)

    @property
    def inactive_from(self) -> Month | None:
        """The month the current lapse began, or None when the worker is protected now."""
        if self.lapses and self.lapses[-1].resumed is None:
            return self.lapses[-1].inactive_from
        return None

    @property
    def lapses_at(self) -> Month | None:
        """While in grace: the month the worker becomes inactive unless a payment comes."""
        if not self.months or self.months[-1].state is not MonthState.GRACE:
            return None
        last = self.months[-1]
        return last.month.plus(self.rule.unpaid_months - last.unpaid_run)

    def issues(self) -> tuple[Issue, ...]:
        """A warning for a screen: inactive now, or about to be."""
        current = self.months[-1].unpaid_run if self.months else 0
        if self.inactive_from is not None:
            return (warning(INACTIVE, month=str(self.inactive_from), unpaid=current),)
        if self.lapses_at is not None:
            return (warning(LAPSE_AHEAD, month=str(self.lapses_at), unpaid=current),)
        return ()


def protection(
    covered: Iterable[Month],
    paid: Collection[Month],
    *,
    as_of: Month,
    rule: ArrearsRule = ArrearsRule(),
) -> Protection:
    """Apply the arrears rule to the ``covered`` months due by ``as_of`` given the ``paid`` ones.

    A run of unpaid months restarts after a paid month or a break between covered months (a
    month outside cover is not unpaid). Once inactive, the worker stays so until a paid month.
    """
    statuses: list[MonthStatus] = []
    lapses: list[Lapse] = []
    run = 0
    previous: Month | None = None
    for month in sorted({m for m in covered if m <= as_of}):
        inactive = bool(lapses) and lapses[-1].resumed is None
        if month in paid:
            run = 0
            if inactive:
                lapses[-1] = Lapse(lapses[-1].inactive_from, month)
            statuses.append(MonthStatus(month, MonthState.PAID, 0))
        else:
            run = run + 1 if previous is not None and month == previous.plus(1) else 1
            if not inactive and run >= rule.unpaid_months:
                lapses.append(Lapse(month))
                inactive = True
            state = MonthState.INACTIVE if inactive else MonthState.GRACE
            statuses.append(MonthStatus(month, state, run))
        previous = month
    return Protection(tuple(statuses), tuple(lapses), rule)
