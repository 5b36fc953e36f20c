"""The KPJ (Kartu Peserta Jamsostek), the BPJS Ketenagakerjaan participant number.

BPJS returns a KPJ for each registered worker; it is how payments and claims are matched to a
person. Its format is not published: it is a digit string, commonly 11 digits. Validation is
therefore light (digits, a plausible length of 8 to 16) so that a number BPJS really issued is
never refused here, while typing slips and Excel damage are still caught. A KPJ that went
through a numeric Excel cell is refused like a NIK: if the format allows leading zeros, they are
gone, and nothing in the value says whether that happened.
"""

from __future__ import annotations

from typing import Final

from payung.domain import _digits
from payung.domain.errors import DomainError, register

MIN_LENGTH: Final = 8
MAX_LENGTH: Final = 16

EMPTY: Final = register(
    "kpj.empty",
    id="Nomor KPJ belum diisi.",
    en="The KPJ (BPJS Ketenagakerjaan participant number) is empty.",
)
EXCEL_DAMAGED: Final = register(
    "kpj.excel_damaged",
    id=(
        "Nomor KPJ tersimpan sebagai angka di Excel, sehingga angka 0 di depan atau digit "
        "terakhirnya bisa hilang. Ubah format kolom menjadi Teks, lalu ketik ulang nomor KPJ "
        "dari kartu peserta."
    ),
    en=(
        "The KPJ was stored as a number in Excel, so leading zeros or its last digits may be "
        "lost. Format the column as Text and retype the KPJ from the membership card."
    ),
)
NOT_DIGITS: Final = register(
    "kpj.not_digits",
    id="Nomor KPJ hanya boleh berisi angka.",
    en="A KPJ may contain digits only.",
)
LENGTH: Final = register(
    "kpj.length",
    id="Nomor KPJ seharusnya 8 sampai 16 digit, yang diisi {length} digit.",
    en="A KPJ has 8 to 16 digits; {length} were entered.",
)

_CODES: Final = _digits.DigitCodes(empty=EMPTY, excel_damaged=EXCEL_DAMAGED, not_digits=NOT_DIGITS)


def parse_kpj(raw: object) -> str:
    """Return the KPJ as a plain digit string, or raise :class:`DomainError`."""
    digits = _digits.read_digits(raw, codes=_CODES)
    if not MIN_LENGTH <= len(digits) <= MAX_LENGTH:
        raise DomainError(LENGTH, length=len(digits))
    return digits
