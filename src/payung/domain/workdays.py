"""Working days: Monday to Friday, less the national public holidays, the cuti bersama and a
regency's own holidays.

BPJS's payment deadline (7 working days after complete documents for JKK) and, next, the
response time limits of complaints count working days. The holidays are data
(``payung/data/public_holidays.json``, from the SKB 3 Menteri of each year, plus a regency's
file): the functions here take them as a :class:`Calendar` (or any collection of dates) and
never read a file, the clock or settings. A calendar knows which years it holds: a year the
decree of which is not loaded is said (:meth:`Calendar.gaps`), never silently counted as a
year without holidays.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Final

from payung.domain.errors import DomainError, Issue, register, warning

YEAR_MISSING: Final = register(
    "workdays.year_missing",
    id="Hari libur tahun {years} belum dimuat; hanya Sabtu–Minggu dihitung.",
    en="The holidays of {years} are not loaded; only Saturdays and Sundays are counted.",
)
YEAR_PROVISIONAL: Final = register(
    "workdays.year_provisional",
    id="Hari libur tahun {years} belum dari SKB yang dimuat; dihitung dengan tanggal perkiraan, "
    "tanpa cuti bersama.",
    en="The holidays of {years} are not from a loaded SKB decree; estimated dates are counted, "
    "without joint leave days.",
)
FILE_INVALID: Final = register(
    "workdays.file_invalid",
    id="Berkas hari libur tidak dapat dibaca: {detail}.",
    en="The holidays file cannot be read: {detail}.",
)

FRIDAY: Final = 4  # date.weekday(): Monday 0 … Sunday 6


class HolidayKind(StrEnum):
    NATIONAL = "libur_nasional"
    JOINT_LEAVE = "cuti_bersama"
    LOCAL = "libur_daerah"  # a regency's own day off, from its file


class YearStatus(StrEnum):
    DECREED = "decreed"  # the year's SKB is loaded: the list is complete
    PROVISIONAL = "provisional"  # fixed dates and estimates only, no SKB yet


@dataclass(frozen=True)
class Holiday:
    day: date
    name_id: str
    name_en: str
    kind: HolidayKind
    source: str
    confirmed: bool = True
    note: str = ""

    def name(self, lang: str = "id") -> str:
        return self.name_en if lang.lower().startswith("en") else self.name_id


@dataclass(frozen=True)
class Calendar(Collection[date]):
    """The holidays, by day, and the status of each year they cover; as a collection it holds
    the days off, so it can be passed wherever the functions below take ``holidays``."""

    holidays: Mapping[date, Holiday] = field(default_factory=dict)
    years: Mapping[int, YearStatus] = field(default_factory=dict)

    def __contains__(self, day: object) -> bool:
        return day in self.holidays

    def __iter__(self) -> Iterator[date]:
        return iter(self.holidays)

    def __len__(self) -> int:
        return len(self.holidays)

    def gaps(self, start: date, end: date) -> tuple[Issue, ...]:
        """What a count of working days from ``start`` to ``end`` cannot know: the years in
        between with no holidays loaded, then those with only a provisional list."""
        if start.year == end.year and self.years.get(start.year) is YearStatus.DECREED:
            return ()
        span = range(min(start, end).year, max(start, end).year + 1)
        missing = [y for y in span if y not in self.years]
        provisional = [y for y in span if self.years.get(y) is YearStatus.PROVISIONAL]
        found = []
        if missing:
            found.append(warning(YEAR_MISSING, years=", ".join(map(str, missing))))
        if provisional:
            found.append(warning(YEAR_PROVISIONAL, years=", ".join(map(str, provisional))))
        return tuple(found)

    def merged(self, other: Calendar) -> Calendar:
        """This calendar with ``other``'s days added (``other`` wins on a day both name). A year
        ``other`` says is decreed is ``other``'s list alone (a decree loaded by the regency
        replaces the estimates); a year decreed here is never made provisional by ``other``."""
        replaced = {y for y, status in other.years.items() if status is YearStatus.DECREED}
        kept = {d: h for d, h in self.holidays.items() if d.year not in replaced}
        years = dict(self.years)
        for year, status in other.years.items():
            if years.get(year) is not YearStatus.DECREED:
                years[year] = status
        return Calendar(dict(sorted({**kept, **other.holidays}.items())), years)


def _days_off(holidays: Collection[date]) -> Collection[date]:
    # A calendar's days as its mapping's keys: a lookup without a Python-level call (a claims
    # list reckons thousands of deadlines).
    return holidays.holidays.keys() if isinstance(holidays, Calendar) else holidays


def is_working_day(day: date, holidays: Collection[date]) -> bool:
    return day.weekday() <= FRIDAY and day not in holidays


def add_working_days(start: date, days: int, holidays: Collection[date]) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself not counted; 0: ``start``)."""
    off = _days_off(holidays)
    day = start
    counted = 0
    one = timedelta(days=1)
    while counted < days:
        day += one
        if day.weekday() <= FRIDAY and day not in off:  # is_working_day, inlined: a hot loop
            counted += 1
    return day


def working_days_between(start: date, end: date, holidays: Collection[date]) -> int:
    """The working days after ``start`` up to and including ``end`` (0 when ``end`` is not after
    ``start``): the inverse of :func:`add_working_days`."""
    off = _days_off(holidays)
    return sum(
        1 for n in range(1, (end - start).days + 1) if is_working_day(start + timedelta(n), off)
    )


def _invalid(detail: str) -> DomainError:
    return DomainError(FILE_INVALID, detail=detail)


def _holiday(item: Mapping[str, Any], year: int, default_source: str) -> Holiday:
    try:
        day = date.fromisoformat(str(item["date"]))
        kind = HolidayKind(item.get("kind", HolidayKind.LOCAL))
        names = str(item["id"]), str(item.get("en") or item["id"])
    except (KeyError, ValueError, TypeError, AttributeError) as error:
        raise _invalid(f"{year}: {error}") from None
    if day.year != year:
        raise _invalid(f"{day.isoformat()} bukan tahun {year}")
    return Holiday(
        day,
        *names,
        kind,
        str(item.get("source") or default_source),
        bool(item.get("confirmed", True)),
        str(item.get("note", "")),
    )


def parse_calendar(text: str) -> Calendar:
    """A calendar from a holidays file's text (the shape of ``public_holidays.json``):
    ``{"years": [{"year", "status", "source", "holidays": [{"date", "id", "en", "kind",
    "source", "confirmed", "note"}]}]}``. A year's ``status`` says how complete its list is; a
    year without one only adds days (a regency's file: ``date`` and ``id`` are enough, kind
    ``libur_daerah``), so a local holiday never makes a year look decreed.
    ``workdays.file_invalid`` when the text is not such a file."""
    try:
        data = json.loads(text)
        entries: list[Mapping[str, Any]] = list(data["years"])
        if not all(isinstance(entry, Mapping) for entry in entries):
            raise TypeError("years: a list of objects")
    except (ValueError, KeyError, TypeError) as error:
        raise _invalid(str(error)) from None
    holidays: dict[date, Holiday] = {}
    years: dict[int, YearStatus] = {}
    seen: set[int] = set()
    for entry in entries:
        try:
            year = int(entry["year"])
            status = None if "status" not in entry else YearStatus(entry["status"])
        except (KeyError, ValueError, TypeError) as error:
            raise _invalid(str(error)) from None
        if year in seen:
            raise _invalid(f"tahun {year} dua kali")
        seen.add(year)
        if status is not None:
            years[year] = status
        items = entry.get("holidays", [])
        if not isinstance(items, list):
            raise _invalid(f"{year}: holidays: a list")
        for item in items:
            one = _holiday(item, year, str(entry.get("source", "")))
            holidays[one.day] = one
    return Calendar(dict(sorted(holidays.items())), years)
