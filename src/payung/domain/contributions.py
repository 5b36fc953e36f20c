"""Contribution schemes and rates: what one worker-month costs, and why.

Rates are data, not constants. A :class:`RateTable` holds effective-dated :class:`RateVersion`
rows per scheme — the BPU formula (:class:`BpuRate`: JKK a percent of the declared income, JKM a
flat amount) or a programme's own price per worker-month (:class:`FlatRate`, Lebak's Rp16,200) —
and the reliefs that reduce them for some months (:class:`Relief`, PP 50/2025). The version in
force is chosen by the **contribution month**, never by the day a bill is made.

:meth:`RateTable.contribution` returns a :class:`Contribution` that says what the amount is made
of: one :class:`Charge` per component (with the income JKK was charged on) and notes with the
reasons — the lowest income level used, the relief applied, or why a relief did not apply.

Rounding: each component is computed exactly in ``Decimal`` (income × percent, then the relief's
share) and rounded **once**, half up to the whole rupiah (``money.round_rupiah``). The amount is
the sum of the rounded components, so a bill line's components always add up to its amount.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from itertools import combinations, pairwise
from typing import Final

from payung.domain.errors import DomainError, Issue, note, register
from payung.domain.money import MONEY_NEGATIVE, format_rupiah, round_rupiah, rupiah
from payung.domain.occupations import Sector
from payung.domain.period import Month, MonthSpan
from payung.domain.programme import PayerModel

RATE_OVERLAP: Final = register(
    "contribution.rate_overlap",
    id="Tarif skema '{scheme}' tumpang tindih: versi mulai {first} dan versi mulai {second}.",
    en="Rates of scheme '{scheme}' overlap: the version from {first} and the one from {second}.",
)
RATE_DATES: Final = register(
    "contribution.rate_dates",
    id="Tarif skema '{scheme}' berakhir ({end}) sebelum mulai berlaku ({start}).",
    en="The rate of scheme '{scheme}' ends ({end}) before it takes effect ({start}).",
)
NO_RATE: Final = register(
    "contribution.no_rate",
    id="Tidak ada tarif skema '{scheme}' yang berlaku untuk bulan iuran {month}.",
    en="No rate of scheme '{scheme}' is in force for contribution month {month}.",
)
RELIEF_OVERLAP: Final = register(
    "contribution.relief_overlap",
    id="Keringanan {first} dan {second} sama-sama berlaku untuk sektor {sector} di bulan sama.",
    en="Reliefs {first} and {second} both apply to sector {sector} in the same months.",
)
RELIEF_PERCENT: Final = register(
    "contribution.relief_percent",
    id="Potongan keringanan {relief} harus di atas 0 dan paling banyak 100%, bukan {percent}.",
    en="The reduction of relief {relief} must be above 0 and at most 100 percent, not {percent}.",
)
INCOME_UNKNOWN: Final = register(
    "contribution.income_unknown",
    id="Penghasilan tidak diketahui; JKK dihitung dari tingkat penghasilan terendah {floor}.",
    en="Income unknown; JKK is charged on the lowest income level, {floor}.",
)
INCOME_FLOOR: Final = register(
    "contribution.income_floor",
    id="Penghasilan {income} di bawah tingkat terendah; JKK dihitung dari {floor}.",
    en="Income {income} is below the lowest level; JKK is charged on {floor}.",
)
RELIEF_APPLIED: Final = register(
    "contribution.relief_applied",
    id="{relief}: iuran bulan {month} dipotong {percent}% (sektor {sector}, {start} s.d. {end}).",
    en="{relief}: the contribution for {month} is reduced by {percent}% (sector {sector}, "
    "{start} to {end}).",
)
RELIEF_PAYER_EXCLUDED: Final = register(
    "contribution.relief_payer_excluded",
    id="{relief} tidak berlaku untuk bulan {month}: iuran dibayar dari anggaran '{payer}', "
    "yang dikecualikan.",
    en="{relief} does not apply to {month}: the contribution is paid from budget '{payer}', "
    "which is excluded.",
)
RELIEF_SECTOR: Final = register(
    "contribution.relief_sector",
    id="{relief} tidak berlaku untuk sektor {sector} pada bulan {month}.",
    en="{relief} does not apply to sector {sector} in {month}.",
)


class Component(StrEnum):
    JKK = "jkk"
    JKM = "jkm"
    # A programme's own price per worker-month: JKK and JKM together, the split not stated.
    FLAT = "flat"


@dataclass(frozen=True)
class _Part:
    """A component before rounding: its exact value and the income it was computed on."""

    component: Component
    exact: Decimal
    income: int | None = None


@dataclass(frozen=True)
class BpuRate:
    """The BPU formula: JKK = ``jkk_percent`` % of the declared monthly income, at least of
    ``lowest_income`` (an unknown income is charged at that level too); JKM = ``jkm_monthly``."""

    jkk_percent: Decimal
    lowest_income: int
    jkm_monthly: int

    def __post_init__(self) -> None:
        rupiah(self.lowest_income)
        rupiah(self.jkm_monthly)
        if self.jkk_percent < 0:
            raise DomainError(MONEY_NEGATIVE, value=self.jkk_percent)

    def parts(self, declared_income: int | None) -> tuple[tuple[_Part, ...], tuple[Issue, ...]]:
        floor = self.lowest_income
        income = floor if declared_income is None else max(rupiah(declared_income), floor)
        notes: tuple[Issue, ...] = ()
        if declared_income is None:
            notes = (note(INCOME_UNKNOWN, floor=format_rupiah(floor)),)
        elif declared_income < floor:
            shown = {"income": format_rupiah(declared_income), "floor": format_rupiah(floor)}
            notes = (note(INCOME_FLOOR, **shown),)
        jkk = _Part(Component.JKK, Decimal(income) * self.jkk_percent / 100, income)
        return (jkk, _Part(Component.JKM, Decimal(self.jkm_monthly))), notes


@dataclass(frozen=True)
class FlatRate:
    """A programme's agreed price per worker-month (Lebak: Rp16,200), whatever the income."""

    monthly: int

    def __post_init__(self) -> None:
        rupiah(self.monthly)

    def parts(self, declared_income: int | None) -> tuple[tuple[_Part, ...], tuple[Issue, ...]]:
        return (_Part(Component.FLAT, Decimal(self.monthly)),), ()


Rate = BpuRate | FlatRate


@dataclass(frozen=True)
class RateVersion:
    """One row of a rate table: ``rate`` for ``scheme`` from ``effective_from`` to
    ``effective_to`` (inclusive; ``None`` = until a later version is added)."""

    scheme: str
    effective_from: Month
    rate: Rate
    effective_to: Month | None = None
    basis: str = ""  # the legal basis shown with the rate: "PP 44/2015 jo. PP 82/2019", an MoU

    def __post_init__(self) -> None:
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise DomainError(
                RATE_DATES,
                scheme=self.scheme,
                start=str(self.effective_from),
                end=str(self.effective_to),
            )

    def in_force(self, month: Month) -> bool:
        return self.effective_from <= month and (
            self.effective_to is None or month <= self.effective_to
        )


@dataclass(frozen=True)
class Relief:
    """A reduction of the contribution for some contribution months, per sector.

    ``percent_off`` of every component is waived in the months of ``windows[sector]``, unless the
    contribution is paid from one of ``excluded_payers``. Which budgets are excluded is a
    parameter because the regulation names APBN/APBD and programmes are also paid through village
    aid and village budgets (PP 50/2025 in ``data/contribution_rates.json``, ADR 0022).
    """

    name: str
    percent_off: Decimal
    windows: Mapping[Sector, MonthSpan]
    excluded_payers: frozenset[PayerModel] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not 0 < self.percent_off <= 100:
            raise DomainError(RELIEF_PERCENT, relief=self.name, percent=str(self.percent_off))

    def decide(self, month: Month, *, sector: Sector, payer: PayerModel) -> Issue | None:
        """Whether the relief applies (a note saying so, or why not), or None when it is silent.

        A relief says nothing about months outside all of its windows. Inside them, an excluded
        payer is told so first (it is the reason for every worker it pays), then a worker whose
        sector's window does not hold the month.
        """
        if not any(month in span for span in self.windows.values()):
            return None
        if payer in self.excluded_payers:
            return note(
                RELIEF_PAYER_EXCLUDED, relief=self.name, month=str(month), payer=payer.value
            )
        window = self.windows.get(sector)
        if window is None or month not in window:
            return note(RELIEF_SECTOR, relief=self.name, sector=sector.value, month=str(month))
        return note(
            RELIEF_APPLIED,
            relief=self.name,
            month=str(month),
            percent=str(self.percent_off),
            sector=sector.value,
            start=str(window.start),
            end=str(window.end),
        )


@dataclass(frozen=True)
class ContributionTerms:
    """What a worker's price depends on: the scheme, the budget that pays (it decides excluded
    reliefs), the sector (from the occupation, ``Occupation.sector``) and the declared income."""

    scheme: str
    payer: PayerModel
    sector: Sector = Sector.OTHER
    declared_income: int | None = None


@dataclass(frozen=True)
class Charge:
    """One component of a contribution: ``full`` without relief, ``amount`` as charged."""

    component: Component
    full: int
    amount: int
    income: int | None = None  # the income JKK was charged on

    @property
    def relief(self) -> int:
        return self.full - self.amount


@dataclass(frozen=True)
class Contribution:
    """What one worker-month costs under ``version``, made of ``charges``, with the reasons."""

    month: Month
    version: RateVersion
    charges: tuple[Charge, ...]
    relief: Relief | None = None
    notes: tuple[Issue, ...] = ()

    @property
    def amount(self) -> int:
        return sum(charge.amount for charge in self.charges)

    @property
    def full_amount(self) -> int:
        """The amount had no relief applied."""
        return sum(charge.full for charge in self.charges)

    def charge(self, component: Component) -> Charge | None:
        return next((c for c in self.charges if c.component is component), None)


class RateTable:
    """The effective-dated rates of one or more schemes and the reliefs that reduce them.

    Built once from data (a programme's configuration); refuses two versions of a scheme in force
    in the same month (``contribution.rate_overlap``) and two reliefs for the same sector and
    month (``contribution.relief_overlap``).
    """

    def __init__(self, versions: Iterable[RateVersion], reliefs: Iterable[Relief] = ()) -> None:
        self._versions = tuple(sorted(versions, key=lambda v: (v.scheme, v.effective_from)))
        self._reliefs = tuple(reliefs)
        for earlier, later in pairwise(self._versions):
            # Sorted by start, so a version overlaps the next exactly when it is still in force
            # in the month the next one starts.
            if earlier.scheme == later.scheme and earlier.in_force(later.effective_from):
                raise DomainError(
                    RATE_OVERLAP,
                    scheme=later.scheme,
                    first=str(earlier.effective_from),
                    second=str(later.effective_from),
                )
        for one, other in combinations(self._reliefs, 2):
            for sector, window in one.windows.items():
                theirs = other.windows.get(sector)
                if theirs is not None and window.overlaps(theirs):
                    raise DomainError(
                        RELIEF_OVERLAP, first=one.name, second=other.name, sector=sector.value
                    )

    @property
    def versions(self) -> tuple[RateVersion, ...]:
        return self._versions

    @property
    def reliefs(self) -> tuple[Relief, ...]:
        return self._reliefs

    def version(self, scheme: str, month: Month) -> RateVersion:
        """The version of ``scheme`` in force for contribution month ``month``."""
        for version in self._versions:
            if version.scheme == scheme and version.in_force(month):
                return version
        raise DomainError(NO_RATE, scheme=scheme, month=str(month))

    def contribution(self, month: Month, terms: ContributionTerms) -> Contribution:
        """What one worker on ``terms`` costs for contribution month ``month``, and why."""
        version = self.version(terms.scheme, month)
        parts, notes = version.rate.parts(terms.declared_income)
        applied: Relief | None = None
        for relief in self._reliefs:
            decision = relief.decide(month, sector=terms.sector, payer=terms.payer)
            if decision is None:
                continue
            notes = (*notes, decision)
            if decision.code == RELIEF_APPLIED:
                applied = relief
        share = Decimal(1) - (applied.percent_off / 100 if applied else Decimal(0))
        charges = tuple(
            Charge(
                part.component,
                round_rupiah(part.exact),
                round_rupiah(part.exact * share),
                part.income,
            )
            for part in parts
        )
        return Contribution(month, version, charges, applied, notes)
