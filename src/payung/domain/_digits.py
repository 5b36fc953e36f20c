"""Shared reading of identity numbers (NIK, No. KK, KPJ) typed into forms and spreadsheets.

These numbers are digit strings, not quantities: a leading zero matters and 16 digits are more
than a spreadsheet number can hold. Villages keep their lists in Excel, so the same damage turns
up everywhere, and every identity module must judge it the same way. This private module holds
that judgement once; the public entry points are ``parse_nik``, ``parse_family_card`` and
``parse_kpj``, which register their own error codes and pass them in as :class:`DigitCodes`.

Excel damage is judged by shape, never repaired: a numeric cell keeps 15 significant digits, so
the 16th digit of a NIK typed as a number is already gone (it becomes 0) and a KPJ loses its
leading zeros. Any value that went through a numeric cell is therefore refused, even when it
happens to look right, because nothing in the value says whether it does.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Final

from payung.domain.errors import DomainError

BULLET: Final = "\u2022"

# Copy-paste from PDFs and chat apps leaves invisible characters that are neither digits nor
# whitespace to ``str.strip``; they carry no meaning, so they are dropped anywhere.
_INVISIBLE: Final = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
# Excel's "treat as text" prefix; Word and phones turn it into typographic quotes.
_APOSTROPHES: Final = ("'", "\u2018", "\u2019")
# Separators people put between digit groups: spaces, dots, hyphens and their Unicode cousins.
_SEPARATORS: Final = re.compile(r"[\s.\-\u2010-\u2013]")
_WHITESPACE: Final = re.compile(r"\s")
_ASCII_DIGITS: Final = re.compile(r"[0-9]+")

# Shapes that only a numeric spreadsheet cell produces (checked on the value without spaces).
_SCIENTIFIC: Final = re.compile(r"[+-]?\d+(?:[.,]\d*)?[eE][+-]?\d+")  # 3.20101E+15, 3,20101e15
_FLOAT_RENDERING: Final = re.compile(r"\d{8,}[.,]0+")  # 3201014508800004.0, ….00
# Number formatting with thousands groups, e.g. 3.201.014.508.800.000 in an Indonesian locale.
# Identity numbers are grouped by region (32.01.01) or in fours, never in threes from the right.
_THOUSANDS: Final = re.compile(r"\d{1,3}([.,])\d{3}(?:\1\d{3}){2,}(?:[.,]0+)?")


class Problem(Enum):
    """Why a raw cell could not be read as a digit string."""

    EMPTY = "empty"
    EXCEL_DAMAGED = "excel_damaged"
    NOT_DIGITS = "not_digits"


@dataclass(frozen=True)
class DigitCodes:
    """The error codes one identity module registered for the shared problems."""

    empty: str
    excel_damaged: str
    not_digits: str

    def for_problem(self, problem: Problem) -> str:
        return {
            Problem.EMPTY: self.empty,
            Problem.EXCEL_DAMAGED: self.excel_damaged,
            Problem.NOT_DIGITS: self.not_digits,
        }[problem]


def strip_cell(text: str) -> str:
    """Remove what surrounds a typed value: whitespace, invisibles, Excel's leading apostrophe."""
    text = text.translate(_INVISIBLE).strip()
    if text.startswith(_APOSTROPHES):
        text = text[1:].strip()
    return text


def classify(raw: object) -> str | Problem:
    """Return the digits of ``raw`` with separators removed, or the problem that prevents it."""
    if raw is None:
        return Problem.EMPTY
    if isinstance(raw, float) and math.isnan(raw):
        # pandas and some readers turn an empty numeric cell into NaN: it is an empty cell.
        return Problem.EMPTY
    if isinstance(raw, numbers.Number):
        # int, float, Decimal and bool (a TRUE/FALSE cell): the cell was numeric, so leading
        # zeros and digits beyond the 15th may already be lost.
        return Problem.EXCEL_DAMAGED
    if not isinstance(raw, str):
        return Problem.NOT_DIGITS
    text = strip_cell(raw)
    if not text:
        return Problem.EMPTY
    if text.isascii() and text.isdigit():
        return text  # the common case, typed right: no shape below is only digits
    compact = _WHITESPACE.sub("", text)
    if any(shape.fullmatch(compact) for shape in (_SCIENTIFIC, _FLOAT_RENDERING, _THOUSANDS)):
        return Problem.EXCEL_DAMAGED
    digits = _SEPARATORS.sub("", text)
    if not _ASCII_DIGITS.fullmatch(digits):
        return Problem.NOT_DIGITS
    return digits


def read_digits(raw: object, *, codes: DigitCodes) -> str:
    """Like :func:`classify`, but raise the module's own :class:`DomainError` on a problem."""
    result = classify(raw)
    if isinstance(result, Problem):
        raise DomainError(codes.for_problem(result))
    return result


def all_end_in_zero(values: Iterable[object], *, length: int, min_rows: int) -> bool:
    """True when at least ``min_rows`` values read as ``length`` digits and all end in 0.

    Values that cannot be read, or have another length, are ignored: each is reported on its
    own row, and they say nothing about whether the column lost its last digit.
    """
    if min_rows < 1:
        raise ValueError("min_rows must be at least 1")
    count = 0
    for value in values:
        digits = classify(value)
        if isinstance(digits, Problem) or len(digits) != length:
            continue
        if not digits.endswith("0"):
            return False
        count += 1
    return count >= min_rows


def region_is_invalid(digits: str) -> bool:
    """True when the leading ``PP RR SS`` of a NIK or KK cannot be a region code.

    Province codes start at 11 (Aceh); a zero regency or district part names no region. Whether
    the code exists is a separate, softer question, because codes change when regions split.
    """
    return int(digits[0:2]) < 11 or digits[2:4] == "00" or digits[4:6] == "00"


def dotted_district(digits: str) -> str:
    """The district part as written in the Kepmendagri region list, e.g. ``32.01.01``."""
    return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}"


def mask(digits: str) -> str:
    """First and last four digits, bullets between: enough to recognise, not enough to misuse."""
    return digits[:4] + BULLET * (len(digits) - 8) + digits[-4:]


class MaskedDigits:
    """Mixin for identity numbers held in ``value``: every text form of them is masked, so a full
    number reaches a log or an error page only when code asks for ``.value`` explicitly."""

    value: str

    @property
    def masked(self) -> str:
        return mask(self.value)

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.masked!r})"
