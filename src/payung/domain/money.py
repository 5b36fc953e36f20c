"""Rupiah, exactly.

Amounts are whole rupiah held in ``int``; nothing in Payung computes money in ``float``. Where a
rate produces a fraction of a rupiah (1% of a declared income, a budget divided over places and
months), the one rounding rule is **half up to the whole rupiah** (``ROUND_HALF_UP``), applied once
at the end of the computation. Division that must account for every rupiah returns the remainder.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final

from payung.domain.errors import DomainError, register

MONEY_FLOAT = register(
    "money.float",
    id="Nilai uang tidak boleh pecahan biner (float): {value}. Gunakan bilangan bulat rupiah.",
    en="A money amount must not be a binary fraction (float): {value}. Use whole rupiah.",
)
MONEY_INVALID = register(
    "money.invalid",
    id="'{value}' bukan jumlah rupiah yang sah.",
    en="'{value}' is not a valid rupiah amount.",
)
MONEY_FRACTION = register(
    "money.fraction",
    id="Jumlah rupiah harus bulat, bukan {value}.",
    en="A rupiah amount must be whole, not {value}.",
)
MONEY_NEGATIVE = register(
    "money.negative",
    id="Jumlah rupiah tidak boleh negatif: {value}.",
    en="A rupiah amount must not be negative: {value}.",
)
MONEY_DIVISOR = register(
    "money.divisor",
    id="Pembagi harus lebih dari nol, bukan {value}.",
    en="The divisor must be greater than zero, not {value}.",
)

ROUNDING: Final = ROUND_HALF_UP


def rupiah(value: object, *, allow_negative: bool = False) -> int:
    """Whole rupiah from an int, a Decimal or a digit string ("50.400.000" and "Rp50,400,000" too).

    A ``float`` is refused outright: a value that has been through binary floating point may
    already be wrong, and silently rounding it would hide that.
    """
    if isinstance(value, bool):
        raise DomainError(MONEY_INVALID, value=value)
    if isinstance(value, float):
        raise DomainError(MONEY_FLOAT, value=value)
    if isinstance(value, int):
        amount = value
    elif isinstance(value, Decimal):
        if value != value.to_integral_value():
            raise DomainError(MONEY_FRACTION, value=value)
        amount = int(value)
    elif isinstance(value, str):
        text = value.strip().removeprefix("Rp").removeprefix("rp").strip()
        # Indonesian writes thousands with dots, English with commas; whole rupiah need neither.
        digits = text.replace(".", "").replace(",", "").replace(" ", "")
        try:
            amount = int(digits)
        except ValueError:
            raise DomainError(MONEY_INVALID, value=value) from None
    else:
        raise DomainError(MONEY_INVALID, value=value)
    if amount < 0 and not allow_negative:
        raise DomainError(MONEY_NEGATIVE, value=amount)
    return amount


def round_rupiah(value: Decimal) -> int:
    """The one rounding rule: half up to the whole rupiah."""
    try:
        return int(value.quantize(Decimal(1), rounding=ROUNDING))
    except InvalidOperation:
        raise DomainError(MONEY_INVALID, value=value) from None


def percent_of(amount: int, percent: Decimal) -> int:
    """``percent`` % of ``amount``, rounded by the one rule (1% of Rp1,000,000 = Rp10,000)."""
    return round_rupiah(Decimal(amount) * percent / Decimal(100))


def divide(total: int, parts: int) -> tuple[int, int]:
    """Split ``total`` into ``parts`` equal whole-rupiah shares: (share, remainder)."""
    if parts <= 0:
        raise DomainError(MONEY_DIVISOR, value=parts)
    return divmod(total, parts)


def format_rupiah(amount: int) -> str:
    """Indonesian display form: ``Rp50.400.000`` (a minus sign before Rp when negative)."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")


def format_count(value: int) -> str:
    """A count as every page and file writes it: ``108.750`` (dots between thousands)."""
    return f"{value:,}".replace(",", ".")


def format_basis_points(value: int, lang: str = "id") -> str:
    """Hundredths of a percent as the reader writes them: 1234 → ``12,34%`` (``12.34%`` in
    English)."""
    mark = "." if lang.startswith("en") else ","
    return f"{value // 100}{mark}{value % 100:02d}%"
