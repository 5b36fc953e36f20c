"""Indonesian phone numbers, normalised to E.164 (``+62…``).

Workers are reached by phone (mostly WhatsApp) about their registration and claims, and the
number helps tell two people with similar names apart, so one number must have one spelling.
Lists write it in many ways: ``0812-3456-7890``, ``(021) 8765432``, ``+62 812 3456 7890``,
``62812…``, ``+62 (0)812…``, and ``812…`` when a numeric spreadsheet cell dropped the leading 0.
A phone number has fewer than 15 digits, so a numeric cell keeps every digit except that zero;
unlike a NIK, integers and integral floats are therefore accepted.

Accepted starts, and why only these:
- ``+`` or ``00``: an international number, which must be Indonesia's ``62``.
- ``0``: the national trunk prefix.
- ``62`` without ``+``: how WhatsApp and many exports write Indonesian numbers.
- ``8``: a mobile number whose trunk 0 was lost. Any other bare start (``21 8765432``) is
  refused, because a lost 0 cannot be told apart from a mistyped number there.

The national significant number (after 62 or 0) must start with 2 to 9; mobile numbers start
with 8, except ``80`` which is toll-free (``0800``) and premium (``0809``) service, never a
person's phone.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Final

from payung.domain import _digits
from payung.domain.errors import DomainError, register

COUNTRY_CODE: Final = "62"
MOBILE_LENGTHS: Final = range(9, 13)  # national significant number, e.g. 812 3456 7890
LANDLINE_LENGTHS: Final = range(7, 12)  # area code included, e.g. 21 8765 4321

EMPTY: Final = register(
    "phone.empty",
    id="Nomor telepon belum diisi.",
    en="The phone number is empty.",
)
NOT_DIGITS: Final = register(
    "phone.not_digits",
    id="Nomor telepon hanya boleh berisi angka, spasi, tanda hubung, tanda kurung dan + di depan.",
    en="A phone number may contain only digits, spaces, hyphens, brackets and a leading +.",
)
COUNTRY: Final = register(
    "phone.country",
    id="Hanya nomor telepon Indonesia (+62) yang diterima.",
    en="Only Indonesian phone numbers (+62) are accepted.",
)
PREFIX: Final = register(
    "phone.prefix",
    id=(
        "Awalan nomor telepon tidak valid. Tulis dengan 0, 62 atau +62 di depan, diikuti "
        "angka 2 sampai 9; nomor HP diawali 08."
    ),
    en=(
        "The phone number starts wrongly. Write it with 0, 62 or +62 in front, followed by a "
        "digit from 2 to 9; mobile numbers start with 08."
    ),
)
LENGTH: Final = register(
    "phone.length",
    id=(
        "Panjang nomor telepon tidak wajar: {length} digit tanpa awalan 0 atau 62. Nomor HP "
        "seharusnya 9 sampai 12 digit, telepon rumah 7 sampai 11 digit termasuk kode wilayah."
    ),
    en=(
        "The phone number has an unusual length: {length} digits without the leading 0 or 62. "
        "Mobile numbers have 9 to 12 digits, landlines 7 to 11 including the area code."
    ),
)

# Characters people put between digit groups; "+" is only meaningful in front.
_SEPARATORS: Final = re.compile(r"[\s.\-()\u2010-\u2013]")
_ASCII_DIGITS: Final = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Phone:
    """An Indonesian phone number.

    ``national`` is the plain national form (``081234567890``), without grouping: area codes
    have two or three digits (021, 0251), so grouping a landline correctly would need the area
    code table, and plain digits are what people type into WhatsApp and search boxes.
    """

    e164: str
    is_mobile: bool

    @property
    def national(self) -> str:
        return "0" + self.e164[len("+" + COUNTRY_CODE) :]

    def __str__(self) -> str:
        return self.e164


def parse_phone(raw: object) -> Phone:
    """Read a phone number from a form field or spreadsheet cell, or raise :class:`DomainError`."""
    text = _as_text(raw)
    international = text.startswith("+")
    digits = _SEPARATORS.sub("", text[1:] if international else text)
    if not _ASCII_DIGITS.fullmatch(digits):
        raise DomainError(NOT_DIGITS)
    if not international and digits.startswith("00"):
        international, digits = True, digits[2:]

    if international or digits.startswith(COUNTRY_CODE):
        if not digits.startswith(COUNTRY_CODE):
            raise DomainError(COUNTRY)
        national = digits[len(COUNTRY_CODE) :]
        # "+62 (0)812…": the trunk 0 written after the country code is dropped once.
        national = national.removeprefix("0")
    elif digits.startswith("0"):
        national = digits[1:]
    elif digits.startswith("8"):
        national = digits
    else:
        raise DomainError(PREFIX)

    if not national:
        raise DomainError(LENGTH, length=0)
    if national[0] in "01" or national.startswith("80"):
        raise DomainError(PREFIX)
    is_mobile = national.startswith("8")
    if len(national) not in (MOBILE_LENGTHS if is_mobile else LANDLINE_LENGTHS):
        raise DomainError(LENGTH, length=len(national))
    return Phone(e164="+" + COUNTRY_CODE + national, is_mobile=is_mobile)


def _as_text(raw: object) -> str:
    """The cell as text; numeric cells are accepted because they only lose the leading 0."""
    if raw is None:
        raise DomainError(EMPTY)
    if isinstance(raw, bool):
        raise DomainError(NOT_DIGITS)
    if isinstance(raw, int):
        if raw < 0:
            raise DomainError(NOT_DIGITS)
        return str(raw)
    if isinstance(raw, float):
        if math.isnan(raw):
            raise DomainError(EMPTY)
        if not raw.is_integer() or raw < 0:
            raise DomainError(NOT_DIGITS)
        return str(int(raw))
    if not isinstance(raw, str):
        raise DomainError(NOT_DIGITS)
    text = _digits.strip_cell(raw)
    if not text:
        raise DomainError(EMPTY)
    return text
