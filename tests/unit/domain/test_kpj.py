"""KPJ parsing: light validation, because BPJS does not publish the format."""

from __future__ import annotations

import pytest

from payung.domain.errors import DomainError
from payung.domain.kpj import parse_kpj


def code_of(raw: object) -> str:
    with pytest.raises(DomainError) as error:
        parse_kpj(raw)
    return error.value.code


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12345678901", "12345678901"),
        (" 123 4567 8901 ", "12345678901"),
        ("'12345678901", "12345678901"),
        ("123-4567-8901", "12345678901"),
        ("00123456789", "00123456789"),  # leading zeros are kept
        ("12345678", "12345678"),  # shortest accepted
        ("1234567890123456", "1234567890123456"),  # longest accepted
    ],
)
def test_accepted(raw: str, expected: str) -> None:
    assert parse_kpj(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "   ", "'"])
def test_empty(raw: object) -> None:
    assert code_of(raw) == "kpj.empty"


@pytest.mark.parametrize(
    "raw",
    [12345678901, 12345678901.0, True, "1.2345678901E+10", "1,23457E+10", "12345678901.0"],
)
def test_excel_damaged(raw: object) -> None:
    assert code_of(raw) == "kpj.excel_damaged"


@pytest.mark.parametrize("raw", ["KPJ12345678901", "1234567890a", "12345678901#"])
def test_not_digits(raw: str) -> None:
    assert code_of(raw) == "kpj.not_digits"


@pytest.mark.parametrize(("raw", "length"), [("1234567", 7), ("12345678901234567", 17)])
def test_length(raw: str, length: int) -> None:
    with pytest.raises(DomainError) as error:
        parse_kpj(raw)

    assert error.value.code == "kpj.length"
    assert error.value.params == {"length": length}
