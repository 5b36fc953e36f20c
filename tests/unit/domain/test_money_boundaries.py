"""Money at its edges: the exact rupiah and the exact refusal (each kills a mutant, ADR 0032)."""

from decimal import Decimal

import pytest

from payung.domain.errors import DomainError
from payung.domain.money import divide, percent_of, round_rupiah, rupiah


def refusal(call, *args):
    with pytest.raises(DomainError) as error:
        call(*args)
    return error.value.code, error.value.params


def test_a_rate_other_than_one_percent_multiplies():
    # 0.24% (JKK risk level I) of Rp2,000,000 is Rp4,800; dividing by the rate: 83,333,333.
    assert percent_of(2_000_000, Decimal("0.24")) == 4_800
    assert percent_of(1_500_000, Decimal("2.5")) == 37_500


@pytest.mark.parametrize(
    ("raw", "amount"),
    [("rp16.800", 16_800), ("Rp 16 800", 16_800), (" Rp1 234 567 ", 1_234_567)],
)
def test_lower_case_rp_and_spaces_between_thousands(raw, amount):
    assert rupiah(raw) == amount


def test_refusals_name_the_value_shown_to_the_operator():
    assert refusal(rupiah, 16800.0) == ("money.float", {"value": 16800.0})
    assert refusal(rupiah, Decimal("16800.5")) == ("money.fraction", {"value": Decimal("16800.5")})
    assert refusal(rupiah, "enam belas") == ("money.invalid", {"value": "enam belas"})
    assert refusal(rupiah, True) == ("money.invalid", {"value": True})
    assert refusal(rupiah, None) == ("money.invalid", {"value": None})
    assert refusal(rupiah, [1]) == ("money.invalid", {"value": [1]})
    assert refusal(rupiah, "-Rp5") == ("money.invalid", {"value": "-Rp5"})
    assert refusal(rupiah, "-5") == ("money.negative", {"value": -5})


def test_an_infinite_amount_cannot_be_rounded():
    assert refusal(round_rupiah, Decimal("Infinity")) == (
        "money.invalid",
        {"value": Decimal("Infinity")},
    )


def test_dividing_into_one_part_keeps_the_total():
    assert divide(16_800, 1) == (16_800, 0)
    assert refusal(divide, 100, 0) == ("money.divisor", {"value": 0})
    assert refusal(divide, 100, -3) == ("money.divisor", {"value": -3})
