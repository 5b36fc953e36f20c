"""The NIK (Nomor Induk Kependudukan), the 16-digit national identity number.

Structure: ``PP RR SS DDMMYY NNNN`` = province, regency and district where the number was issued
(not necessarily today's address), birth date with 40 added to the day for women, two-digit
year, and a serial from 0001. Everything the number itself can tell is checked here, so a bad
NIK is refused at the door with a reason a village clerk can act on; whether the person exists
is the population registry's question, not this module's.

A NIK is personal data (UU 27/2022): ``str()`` and ``repr()`` of a :class:`Nik` give the masked
form, so a NIK never lands in a log by accident; the full number is only in ``Nik.value``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from payung.domain import _digits
from payung.domain.errors import DomainError, Issue, register, warning
from payung.domain.person import Sex

NIK_LENGTH: Final = 16
_FEMALE_DAY_OFFSET: Final = 40

EMPTY: Final = register("nik.empty", id="NIK belum diisi.", en="The NIK is empty.")
EXCEL_DAMAGED: Final = register(
    "nik.excel_damaged",
    id=(
        "NIK rusak karena tersimpan sebagai angka di Excel (misalnya tampil sebagai 3,20101E+15 "
        "atau digit terakhir berubah menjadi 0). Ubah format kolom menjadi Teks, lalu ketik "
        "ulang NIK dari KTP atau KK."
    ),
    en=(
        "The NIK was damaged by being stored as a number in Excel (e.g. shown as 3.20101E+15, "
        "or its last digit turned into 0). Format the column as Text and retype the NIK from "
        "the identity card or family card."
    ),
)
NOT_DIGITS: Final = register(
    "nik.not_digits",
    id="NIK hanya boleh berisi angka.",
    en="A NIK may contain digits only.",
)
LENGTH: Final = register(
    "nik.length",
    id="NIK harus 16 digit, yang diisi {length} digit.",
    en="A NIK has 16 digits; {length} were entered.",
)
REGION: Final = register(
    "nik.region",
    id="Kode wilayah pada NIK ({region}) tidak valid.",
    en="The region code in the NIK ({region}) is not valid.",
)
MONTH: Final = register(
    "nik.month",
    id="Bulan lahir pada NIK ({month}) tidak valid; seharusnya 01 sampai 12.",
    en="The birth month in the NIK ({month}) is not valid; it must be 01 to 12.",
)
DAY: Final = register(
    "nik.day",
    id=(
        "Tanggal lahir pada NIK ({day}) tidak valid; seharusnya 01 sampai 31 untuk laki-laki "
        "atau 41 sampai 71 untuk perempuan."
    ),
    en=(
        "The birth day in the NIK ({day}) is not valid; it must be 01 to 31 for men or "
        "41 to 71 for women."
    ),
)
DATE: Final = register(
    "nik.date",
    id="Tanggal lahir pada NIK ({date}) tidak ada dalam kalender.",
    en="The birth date in the NIK ({date}) does not exist.",
)
SERIAL_ZERO: Final = register(
    "nik.serial_zero",
    id="Nomor urut pada NIK (4 digit terakhir) tidak boleh 0000.",
    en="The serial number in the NIK (its last 4 digits) cannot be 0000.",
)
DISTRICT_UNKNOWN: Final = register(
    "nik.district_unknown",
    id=(
        "Kode kecamatan {district} pada NIK tidak ditemukan dalam data wilayah. Periksa kembali "
        "NIK-nya; kode bisa saja lama karena pemekaran wilayah."
    ),
    en=(
        "District code {district} in the NIK is not in the region data. Check the NIK; the code "
        "may be an old one from before a region was split."
    ),
)
BIRTH_DATE_MISMATCH: Final = register(
    "nik.birth_date_mismatch",
    id=(
        "Tanggal lahir yang diisi ({stated}) tidak sesuai dengan tanggal lahir pada NIK "
        "({from_nik})."
    ),
    en="The stated birth date ({stated}) does not match the birth date in the NIK ({from_nik}).",
)
SEX_MISMATCH: Final = register(
    "nik.sex_mismatch",
    id=(
        "Jenis kelamin yang diisi tidak sesuai dengan NIK. Pada NIK perempuan, tanggal lahir "
        "ditambah 40."
    ),
    en="The stated sex does not match the NIK. In a woman's NIK, 40 is added to the birth day.",
)

_CODES: Final = _digits.DigitCodes(empty=EMPTY, excel_damaged=EXCEL_DAMAGED, not_digits=NOT_DIGITS)


@dataclass(frozen=True, repr=False)
class Nik(_digits.MaskedDigits):
    """A NIK that passed every check the number itself allows.

    Equality and hashing use the number and what it encodes, not the warnings, so NIKs can be
    compared and put in sets for duplicate detection.
    """

    value: str
    birth_date: date
    sex: Sex
    warnings: tuple[Issue, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        # Guards direct construction; the value is deliberately not in the message.
        if len(self.value) != NIK_LENGTH or not self.value.isascii() or not self.value.isdigit():
            raise ValueError("Nik.value must be 16 ASCII digits; read input with parse_nik()")

    @property
    def province_code(self) -> str:
        return self.value[0:2]

    @property
    def regency_code(self) -> str:
        return f"{self.value[0:2]}.{self.value[2:4]}"

    @property
    def district_code(self) -> str:
        return _digits.dotted_district(self.value)

    @property
    def serial(self) -> str:
        return self.value[12:16]


def parse_nik(
    raw: object,
    *,
    reference_date: date,
    district_exists: Callable[[str], bool] | None = None,
) -> Nik:
    """Read a NIK from a form field or spreadsheet cell, or raise :class:`DomainError`.

    ``reference_date`` (normally today, passed in so the rule stays pure) chooses the century of
    the two-digit year: the latest year that does not put the birth after that date.
    ``district_exists`` receives the dotted district code (``32.01.01``); an unknown district is
    only a warning on the result, because district codes change when regions are split and an
    old NIK keeps its old code.
    """
    digits = _digits.read_digits(raw, codes=_CODES)
    if len(digits) != NIK_LENGTH:
        raise DomainError(LENGTH, length=len(digits))
    if _digits.region_is_invalid(digits):
        raise DomainError(REGION, region=_digits.dotted_district(digits))

    day_field, month, two_digit_year = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    if not 1 <= month <= 12:
        raise DomainError(MONTH, month=digits[8:10])
    if 1 <= day_field <= 31:
        sex, day = Sex.MALE, day_field
    elif 1 + _FEMALE_DAY_OFFSET <= day_field <= 31 + _FEMALE_DAY_OFFSET:
        sex, day = Sex.FEMALE, day_field - _FEMALE_DAY_OFFSET
    else:
        raise DomainError(DAY, day=digits[6:8])

    year = _resolve_year(two_digit_year, month, day, reference_date)
    try:
        birth_date = date(year, month, day)
    except ValueError:
        raise DomainError(DATE, date=f"{day:02d}-{month:02d}-{year:04d}") from None

    if digits[12:16] == "0000":
        raise DomainError(SERIAL_ZERO)

    warnings: tuple[Issue, ...] = ()
    district = _digits.dotted_district(digits)
    if district_exists is not None and not district_exists(district):
        warnings = (warning(DISTRICT_UNKNOWN, district=district),)
    return Nik(value=digits, birth_date=birth_date, sex=sex, warnings=warnings)


def _resolve_year(two_digit_year: int, month: int, day: int, reference_date: date) -> int:
    """The latest year ending in ``two_digit_year`` whose (month, day) is not after the reference.

    Compared as tuples rather than dates, so 29 February is placed in its century first and only
    then checked against that century's calendar (290200 is 2000-02-29; 290201 does not exist).
    """
    year = reference_date.year - reference_date.year % 100 + two_digit_year
    if (year, month, day) > (reference_date.year, reference_date.month, reference_date.day):
        year -= 100
    return year


def column_looks_excel_damaged(values: Sequence[str], *, min_rows: int = 20) -> bool:
    """True when a whole column of 16-digit numbers seems to have lost its last digit.

    A value that went through a numeric Excel cell and was then turned back into text (a CSV
    export, a copy into a text column) looks like a normal 16-digit string, except that Excel
    kept only 15 significant digits, so it ends in 0. One such value proves nothing: real
    serials such as 0010 exist, so :func:`parse_nik` never refuses a single value for it. A
    column is different: last digits are close to uniformly spread, so n real NIKs all ending in
    0 has a chance of about 0.1**n. From ``min_rows`` (20 by default, a chance of 1e-20) such
    values on, the importer should warn about the whole column and ask for the source file
    again. Values that are not 16 digits are ignored here; they fail on their own row. The same
    test applies to a No. KK column.
    """
    return _digits.all_end_in_zero(values, length=NIK_LENGTH, min_rows=min_rows)


def check_birth_date(nik: Nik, stated: date) -> Issue | None:
    """An error when the stated birth date differs from the one in the NIK, else None.

    Day, month and the two-digit year are compared; the century is not, because the NIK does not
    carry it and the century chosen by :func:`parse_nik` is only the likeliest one.
    """
    encoded = nik.birth_date
    if (encoded.day, encoded.month, encoded.year % 100) == (
        stated.day,
        stated.month,
        stated.year % 100,
    ):
        return None
    return Issue(
        BIRTH_DATE_MISMATCH,
        {"stated": _dd_mm_yyyy(stated), "from_nik": _dd_mm_yyyy(encoded)},
    )


def check_sex(nik: Nik, stated: Sex) -> Issue | None:
    """An error when the stated sex differs from the one the NIK encodes, else None."""
    if nik.sex is stated:
        return None
    return Issue(SEX_MISMATCH, {"stated": stated.value, "from_nik": nik.sex.value})


def _dd_mm_yyyy(value: date) -> str:
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"
