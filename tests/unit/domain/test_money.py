from decimal import Decimal

import pytest

from payung.domain.errors import DomainError
from payung.domain.money import (
    divide,
    format_basis_points,
    format_count,
    format_rupiah,
    percent_of,
    round_rupiah,
    rupiah,
)


@pytest.mark.parametrize(
    ("raw", "amount"),
    [
        (50_400_000, 50_400_000),
        (Decimal("16800"), 16_800),
        ("670.680.000", 670_680_000),
        ("Rp50.400.000", 50_400_000),
        ("Rp 16,800", 16_800),
        ("0", 0),
    ],
)
def test_rupiah_accepts_whole_amounts(raw, amount):
    assert rupiah(raw) == amount


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (16800.0, "money.float"),
        (Decimal("16800.5"), "money.fraction"),
        ("enam belas ribu", "money.invalid"),
        (True, "money.invalid"),
        (None, "money.invalid"),
        (-1, "money.negative"),
    ],
)
def test_rupiah_refuses_floats_fractions_and_garbage(raw, code):
    with pytest.raises(DomainError) as error:
        rupiah(raw)
    assert error.value.code == code


def test_negative_allowed_for_adjustments():
    assert rupiah(-6_800, allow_negative=True) == -6_800


def test_one_rounding_rule_half_up_to_the_rupiah():
    assert round_rupiah(Decimal("0.5")) == 1
    assert round_rupiah(Decimal("1.49")) == 1
    assert round_rupiah(Decimal("2.5")) == 3  # not banker's rounding
    assert percent_of(1_000_000, Decimal(1)) == 10_000  # JKK at the lowest income level
    assert percent_of(1_234_550, Decimal(1)) == 12_346  # 12,345.5 rounds up


def test_divide_accounts_for_every_rupiah():
    assert divide(50_400_000, 250 * 12) == (16_800, 0)
    assert divide(670_680_000, 3_450 * 12) == (16_200, 0)
    assert divide(100, 3) == (33, 1)
    with pytest.raises(DomainError) as error:
        divide(100, 0)
    assert error.value.code == "money.divisor"


def test_format_rupiah_indonesian_style():
    assert format_rupiah(50_400_000) == "Rp50.400.000"
    assert format_rupiah(0) == "Rp0"
    assert format_rupiah(-24_840_000) == "-Rp24.840.000"


@pytest.mark.parametrize(
    ("value", "text"), [(0, "0"), (999, "999"), (1_000, "1.000"), (108_750, "108.750")]
)
def test_counts_are_written_with_dots_between_thousands(value: int, text: str) -> None:
    assert format_count(value) == text


@pytest.mark.parametrize(
    ("value", "indonesian", "english"),
    [(0, "0,00%", "0.00%"), (5, "0,05%", "0.05%"), (1234, "12,34%", "12.34%"),
     (10_000, "100,00%", "100.00%")],
)  # fmt: skip
def test_basis_points_as_the_reader_writes_a_percentage(
    value: int, indonesian: str, english: str
) -> None:
    assert format_basis_points(value) == indonesian
    assert format_basis_points(value, "id") == indonesian
    assert format_basis_points(value, "en") == english
    assert format_basis_points(value, "en-us") == english
