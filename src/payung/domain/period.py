"""Calendar months, the unit in which coverage is granted and contributions are billed.

A coverage period is a run of whole months (BPJS bills BPU contributions per month), so it is
modelled as a first month and a count rather than as two datetimes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

from payung.domain.errors import DEFAULT_LANGUAGE, DomainError, register

PERIOD_MONTHS = register(
    "period.months",
    id="Lama periode harus 1 sampai 120 bulan, bukan {months}.",
    en="A period must last 1 to 120 months, not {months}.",
)
PERIOD_MONTH_FORMAT = register(
    "period.month_format",
    id="Bulan '{value}' tidak dikenali. Gunakan bentuk 2026-01.",
    en="Month '{value}' is not recognised. Use the form 2026-01.",
)


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1900 <= self.year <= 2999:
            raise DomainError(PERIOD_MONTH_FORMAT, value=f"{self.year}-{self.month}")

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str) -> Month:
        try:
            year, month = (int(p) for p in text.strip().split("-"))
        except ValueError:
            raise DomainError(PERIOD_MONTH_FORMAT, value=text) from None
        return cls(year, month)

    def plus(self, months: int) -> Month:
        index = self.year * 12 + (self.month - 1) + months
        return Month(index // 12, index % 12 + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class MonthSpan:
    """``months`` consecutive months starting with ``start``."""

    start: Month
    months: int

    def __post_init__(self) -> None:
        if not 1 <= self.months <= 120:
            raise DomainError(PERIOD_MONTHS, months=self.months)

    @classmethod
    def between(cls, first: Month, last: Month) -> MonthSpan:
        """The span from ``first`` to ``last``, both inside (``period.months`` if last < first)."""
        return cls(first, (last.year - first.year) * 12 + last.month - first.month + 1)

    @property
    def end(self) -> Month:
        """The last month inside the span."""
        return self.start.plus(self.months - 1)

    def __iter__(self) -> Iterator[Month]:
        return (self.start.plus(n) for n in range(self.months))

    def __contains__(self, month: object) -> bool:
        return isinstance(month, Month) and self.start <= month <= self.end

    def overlaps(self, other: MonthSpan) -> bool:
        """Whether the two spans share at least one month."""
        return self.start <= other.end and other.start <= self.end


# In words ------------------------------------------------------------------------------------

MONTH_NAMES: Final[Mapping[str, tuple[str, ...]]] = {
    "id": (
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def month_range(first: Month, last: Month, lang: str = DEFAULT_LANGUAGE) -> str:
    """``Maret–Mei 2026``, ``November 2025–Januari 2026``, ``Mei 2026`` (``en``: English)."""
    names = MONTH_NAMES["en" if lang.lower().startswith("en") else "id"]
    end = f"{names[last.month - 1]} {last.year}"
    if first == last:
        return end
    start = (
        names[first.month - 1]
        if first.year == last.year
        else f"{names[first.month - 1]} {first.year}"
    )
    return f"{start}–{end}"


def day_text(day: date) -> str:
    """A date as every page of Payung shows it: ``20-05-2026`` (day, month, year)."""
    return f"{day.day:02d}-{day.month:02d}-{day.year:04d}"
