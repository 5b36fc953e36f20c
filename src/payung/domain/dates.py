"""Dates as village lists write them: typed text in several shapes, or Excel date cells.

Worker lists arrive as Excel or CSV files, and one column of birth dates can hold ``12-05-1980``,
``12/5/1980``, ``1980-05-12``, ``12 Mei 1980``, ``12-Mei-80`` and real Excel dates, which a
reader returns either as ``datetime`` or as the bare serial number (``29354``). Everything a
person could mean is read here, once, with one rule for each doubt:

- **Day first.** Indonesia writes day/month/year, so ``05/12/1980`` is 5 December 1980. A
  month/day/year reading is never tried, not even when the day-first one is impossible
  (``05/13/1980`` is refused, not read as 13 May): guessing per row would give one column two
  meanings.
- **Two-digit years** take the latest century that does not put the date after the reference
  date (normally today), as NIK years do: with 2026 as reference ``80`` is 1980 and ``25`` 2025.
- **Excel serials** count days in Excel's 1900 system, which keeps Lotus 1-2-3's fictitious
  29 February 1900 (serial 60): serials 1–59 are 1900-01-01 to 1900-02-28, serial 60 is refused
  as a date that does not exist, and from 61 on a serial is ``1899-12-30 + serial days``. A time
  of day (the fraction) is dropped. A digit string is read as a serial only with five to seven
  digits, because a shorter one is far more likely a year (``1980``) than a day in 1905.
- **Month names** in Indonesian and English, full or abbreviated, in any case (``Mei``, ``MAY``,
  ``Agt``, ``Agu``, ``Ags``, ``Peb``, ``Nop``, ``Des``).

Nothing here reads the clock: the reference date is passed in.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Final

from payung.domain.errors import DomainError, register
from payung.domain.person import title_case

EARLIEST: Final = date(1900, 1, 1)
EXCEL_MAX_SERIAL: Final = 2_958_465  # 9999-12-31
_EXCEL_EPOCH: Final = date(1899, 12, 30)  # serial 0 once the fictitious 1900-02-29 is counted
_EXCEL_FICTITIOUS_LEAP_DAY: Final = 60

EMPTY: Final = register(
    "date.empty",
    id="Tanggal belum diisi.",
    en="The date is empty.",
)
FORMAT: Final = register(
    "date.format",
    id=(
        "Tanggal '{value}' tidak dapat dibaca. Tulis tanggal-bulan-tahun, misalnya 12-05-1980, "
        "12/05/1980 atau 12 Mei 1980."
    ),
    en=(
        "The date '{value}' cannot be read. Write day-month-year, e.g. 12-05-1980, 12/05/1980 "
        "or 12 May 1980."
    ),
)
INVALID: Final = register(
    "date.invalid",
    id="Tanggal '{value}' tidak ada dalam kalender. Periksa tanggal dan bulannya.",
    en="The date '{value}' does not exist. Check the day and the month.",
)
FUTURE: Final = register(
    "date.future",
    id="Tanggal '{value}' belum lewat (sesudah {reference}). Periksa tahunnya.",
    en="The date '{value}' is in the future (after {reference}). Check the year.",
)
TOO_OLD: Final = register(
    "date.too_old",
    id="Tanggal '{value}' sebelum tahun 1900. Periksa tahunnya.",
    en="The date '{value}' is before 1900. Check the year.",
)
TTL_FORMAT: Final = register(
    "ttl.format",
    id=(
        "Tempat dan tanggal lahir '{value}' tidak dapat dipisahkan. Tulis tempat, lalu "
        "tanggal, misalnya 'Bogor, 12-05-1980'."
    ),
    en=(
        "Place and date of birth '{value}' cannot be split. Write the place, then the date, "
        "e.g. 'Bogor, 12-05-1980'."
    ),
)

_MONTH_NAMES: Final[dict[str, int]] = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "february", "feb", "peb", "pebruari"),
            ("maret", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("agustus", "august", "agt", "agu", "ags", "agus", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov", "nop", "nopember"),
            ("desember", "december", "des", "dec"),
        ),
        start=1,
    )
    for name in names
}

_SEP: Final = r"[-/.]"
# The date shapes, each matched against the whole text (spaces collapsed).
# A time of day after the date, as a CSV export renders a datetime: "1980-05-12 00:00:00".
_TIME: Final = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DAY_FIRST: Final = re.compile(rf"(\d{{1,2}})({_SEP})(\d{{1,2}})\2(\d{{4}}|\d{{2}}){_TIME}")
_YEAR_FIRST: Final = re.compile(rf"(\d{{4}})({_SEP})(\d{{1,2}})\2(\d{{1,2}}){_TIME}")
_NAMED_MONTH: Final = re.compile(
    r"(\d{1,2})(?:\s*[-/.]\s*|\s+)([^\W\d_]+)\.?(?:\s*[-/.,]\s*|\s+)(?:'\s?)?(\d{4}|\d{2})"
)
_MONTH_FIRST_NAMED: Final = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})")  # May 12, 1980
_SERIAL_TEXT: Final = re.compile(r"(\d{5,7})(?:[.,]\d+)?")

# The date at the end of a TTL cell ("Bogor, 12-05-1980"); the place is what comes before it.
_DATE_TAIL: Final = re.compile(
    r"(?:\d{1,2}(?:\s*[-/.]\s*|\s+)[^\W\d_]+\.?(?:\s*[-/.,]\s*|\s+)(?:'\s?)?(?:\d{4}|\d{2})"
    rf"|\d{{1,2}}{_SEP}\d{{1,2}}{_SEP}(?:\d{{4}}|\d{{2}})"
    rf"|\d{{4}}{_SEP}\d{{1,2}}{_SEP}\d{{1,2}})$"
)
_PLACE_TRAILER: Final = re.compile(r"[\s,;:/\-]+$")
_INVISIBLE: Final = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def parse_date(raw: object, *, reference_date: date, allow_future: bool = False) -> date:
    """Read a date from a form field or spreadsheet cell, or raise :class:`DomainError`.

    ``reference_date`` (normally today) resolves two-digit years and is the limit for
    ``date.future``, unless ``allow_future``. Dates before 1900 are refused as ``date.too_old``.
    """
    value, shown = _read(raw, reference_date)
    if value < EARLIEST:
        raise DomainError(TOO_OLD, value=shown)
    if not allow_future and value > reference_date:
        raise DomainError(FUTURE, value=shown, reference=_dd_mm_yyyy(reference_date))
    return value


def split_place_and_date(raw: object, *, reference_date: date) -> tuple[str, date]:
    """Split a "tempat, tanggal lahir" (TTL) cell into the place and the birth date.

    ``Bogor, 12-05-1980``, ``BOGOR 12 MEI 1980`` and ``Lebak,12/5/1980`` all give
    ``("Bogor"|"Lebak", date)``. The place is trimmed and title-cased. A cell that has no place
    or no date at its end is ``ttl.format``; a date that is there but wrong keeps its own
    ``date.*`` code, which says better what to fix. A birth date cannot be in the future.
    """
    if not isinstance(raw, str):
        raise DomainError(TTL_FORMAT, value="" if raw is None else _shown(raw))
    text = _text(raw)
    match = _DATE_TAIL.search(text)
    if match is None:
        raise DomainError(TTL_FORMAT, value=text)
    place = _PLACE_TRAILER.sub("", text[: match.start()]).strip()
    if not any(ch.isalpha() for ch in place):
        raise DomainError(TTL_FORMAT, value=text)
    born = parse_date(match.group(0), reference_date=reference_date)
    return title_case(place), born


def _read(raw: object, reference_date: date) -> tuple[date, str]:
    """The date and the text to show in messages about it."""
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        raise DomainError(EMPTY)
    if isinstance(raw, bool):
        raise DomainError(FORMAT, value=str(raw))
    if isinstance(raw, datetime):
        return raw.date(), _dd_mm_yyyy(raw.date())
    if isinstance(raw, date):
        return raw, _dd_mm_yyyy(raw)
    if isinstance(raw, int | float | Decimal):
        return _from_serial(raw, shown=_shown(raw)), _shown(raw)
    if not isinstance(raw, str):
        raise DomainError(FORMAT, value=_shown(raw))
    text = _text(raw)
    if not text:
        raise DomainError(EMPTY)
    return _from_text(text, reference_date), text


def _from_text(text: str, reference_date: date) -> date:
    if match := _DAY_FIRST.fullmatch(text):
        day, month = int(match.group(1)), int(match.group(3))
        year = _year(match.group(4), month, day, reference_date)
        return _build(year, month, day, text)
    if match := _YEAR_FIRST.fullmatch(text):
        year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
        return _build(year, month, day, text)
    if match := _NAMED_MONTH.fullmatch(text):
        month = _month(match.group(2), text)
        day = int(match.group(1))
        year = _year(match.group(3), month, day, reference_date)
        return _build(year, month, day, text)
    if match := _MONTH_FIRST_NAMED.fullmatch(text):
        month = _month(match.group(1), text)
        day, year = int(match.group(2)), int(match.group(3))
        return _build(year, month, day, text)
    if match := _SERIAL_TEXT.fullmatch(text):
        return _from_serial(int(match.group(1)), shown=text)
    raise DomainError(FORMAT, value=text)


def _from_serial(raw: float | Decimal, *, shown: str) -> date:
    """A day in Excel's 1900 date system; the time of day, if any, is dropped."""
    if isinstance(raw, float) and math.isinf(raw):
        raise DomainError(FORMAT, value=shown)
    serial = math.floor(raw)
    if not 1 <= serial <= EXCEL_MAX_SERIAL:
        raise DomainError(FORMAT, value=shown)
    if serial == _EXCEL_FICTITIOUS_LEAP_DAY:
        raise DomainError(INVALID, value=shown)
    if serial < _EXCEL_FICTITIOUS_LEAP_DAY:
        serial += 1  # before Excel's phantom 29 February 1900 the count is one day behind
    return _EXCEL_EPOCH + timedelta(days=serial)


def _month(word: str, text: str) -> int:
    month = _MONTH_NAMES.get(word.lower())
    if month is None:
        raise DomainError(FORMAT, value=text)
    return month


def _year(written: str, month: int, day: int, reference_date: date) -> int:
    """A four-digit year as written; a two-digit one in the latest century not after the
    reference. Compared as tuples so 29 February is placed before it is checked."""
    if len(written) == 4:
        return int(written)
    year = reference_date.year - reference_date.year % 100 + int(written)
    if (year, month, day) > (reference_date.year, reference_date.month, reference_date.day):
        year -= 100
    return year


def _build(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DomainError(INVALID, value=text) from None


def _text(raw: str) -> str:
    text = raw.translate(_INVISIBLE).replace("\u00a0", " ").strip()
    if text.startswith("'") and not text.startswith("''"):
        text = text[1:].strip()  # Excel's "keep as text" prefix
    return " ".join(text.split())


def _shown(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def _dd_mm_yyyy(value: date) -> str:
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"
