"""The No. KK, the 16-digit number of a family card (Kartu Keluarga).

Structure: ``PP RR SS DDMMYY NNNN`` = province, regency and district of issue, the issue date and
a serial from 0001. Only the region and serial are checked: issue dates on real cards are
inconsistent enough that refusing on them would reject genuine cards. The family card links a
worker to the household that DTSEN ranks, so it is read with the same care as the NIK, with the
same Excel-damage rules, and masked the same way in logs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from payung.domain import _digits
from payung.domain.errors import DomainError, register

FAMILY_CARD_LENGTH: Final = 16

EMPTY: Final = register(
    "kk.empty",
    id="Nomor KK belum diisi.",
    en="The family card number (No. KK) is empty.",
)
EXCEL_DAMAGED: Final = register(
    "kk.excel_damaged",
    id=(
        "Nomor KK rusak karena tersimpan sebagai angka di Excel (misalnya tampil sebagai "
        "3,20101E+15 atau digit terakhir berubah menjadi 0). Ubah format kolom menjadi Teks, "
        "lalu ketik ulang nomor dari Kartu Keluarga."
    ),
    en=(
        "The family card number was damaged by being stored as a number in Excel (e.g. shown "
        "as 3.20101E+15, or its last digit turned into 0). Format the column as Text and "
        "retype the number from the family card."
    ),
)
NOT_DIGITS: Final = register(
    "kk.not_digits",
    id="Nomor KK hanya boleh berisi angka.",
    en="A family card number may contain digits only.",
)
LENGTH: Final = register(
    "kk.length",
    id="Nomor KK harus 16 digit, yang diisi {length} digit.",
    en="A family card number has 16 digits; {length} were entered.",
)
REGION: Final = register(
    "kk.region",
    id="Kode wilayah pada nomor KK ({region}) tidak valid.",
    en="The region code in the family card number ({region}) is not valid.",
)
SERIAL_ZERO: Final = register(
    "kk.serial_zero",
    id="Nomor urut pada nomor KK (4 digit terakhir) tidak boleh 0000.",
    en="The serial number in the family card number (its last 4 digits) cannot be 0000.",
)

_CODES: Final = _digits.DigitCodes(empty=EMPTY, excel_damaged=EXCEL_DAMAGED, not_digits=NOT_DIGITS)


@dataclass(frozen=True, repr=False)
class FamilyCard(_digits.MaskedDigits):
    """A family card number that passed the checks the number itself allows."""

    value: str

    def __post_init__(self) -> None:
        if (
            len(self.value) != FAMILY_CARD_LENGTH
            or not self.value.isascii()
            or not self.value.isdigit()
        ):
            raise ValueError("FamilyCard.value must be 16 ASCII digits; use parse_family_card()")

    @property
    def region_code(self) -> str:
        """The district of issue, dotted as in the region list (``32.01.01``)."""
        return _digits.dotted_district(self.value)


def parse_family_card(raw: object) -> FamilyCard:
    """Read a No. KK from a form field or spreadsheet cell, or raise :class:`DomainError`."""
    digits = _digits.read_digits(raw, codes=_CODES)
    if len(digits) != FAMILY_CARD_LENGTH:
        raise DomainError(LENGTH, length=len(digits))
    if _digits.region_is_invalid(digits):
        raise DomainError(REGION, region=_digits.dotted_district(digits))
    if digits[12:16] == "0000":
        raise DomainError(SERIAL_ZERO)
    return FamilyCard(digits)
