"""No. KK parsing: shares the NIK's cleaning and Excel-damage rules, checks region and serial."""

from __future__ import annotations

import pytest

from payung.domain.errors import DomainError
from payung.domain.family_card import FamilyCard, parse_family_card

KK = "3201012501200003"  # Kab. Bogor, district 01, issued 25-01-2020, serial 0003


def code_of(raw: object) -> str:
    with pytest.raises(DomainError) as error:
        parse_family_card(raw)
    return error.value.code


def test_valid_number() -> None:
    card = parse_family_card(KK)

    assert card.value == KK
    assert card.region_code == "32.01.01"


@pytest.mark.parametrize(
    "raw",
    [
        f" {KK} ",
        f"'{KK}",
        "3201 0125 0120 0003",
        "3201.01.250120.0003",
        "3201-0125-0120-0003",
    ],
)
def test_separators_and_apostrophe_are_removed(raw: str) -> None:
    assert parse_family_card(raw).value == KK


def test_masked_and_str_and_repr() -> None:
    card = parse_family_card(KK)
    masked = "3201" + "\u2022" * 8 + "0003"

    assert card.masked == masked
    assert str(card) == masked
    assert repr(card) == f"FamilyCard('{masked}')"


def test_direct_construction_is_checked() -> None:
    with pytest.raises(ValueError, match="16 ASCII digits"):
        FamilyCard("123")


@pytest.mark.parametrize("raw", [None, "", "  ", "'"])
def test_empty(raw: object) -> None:
    assert code_of(raw) == "kk.empty"


@pytest.mark.parametrize(
    "raw",
    [
        3201012501200003,
        3.201012501200003e15,
        True,
        "3.20101E+15",
        "3,20101E+15",
        "3.2010125012E15",
        "3201012501200003.0",
        "3201012501200000.00",
    ],
)
def test_excel_damaged(raw: object) -> None:
    assert code_of(raw) == "kk.excel_damaged"


@pytest.mark.parametrize("raw", ["KK 3201012501200003", "32010125012OOOO3", "3201/0125"])
def test_not_digits(raw: str) -> None:
    assert code_of(raw) == "kk.not_digits"


@pytest.mark.parametrize(("raw", "length"), [("320101250120000", 15), ("32010125012000031", 17)])
def test_length(raw: str, length: int) -> None:
    with pytest.raises(DomainError) as error:
        parse_family_card(raw)

    assert error.value.code == "kk.length"
    assert error.value.params == {"length": length}
    assert error.value.message("id") == f"Nomor KK harus 16 digit, yang diisi {length} digit."


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("0001012501200003", "00.01.01"),
        ("1001012501200003", "10.01.01"),
        ("3200012501200003", "32.00.01"),
        ("3201002501200003", "32.01.00"),
    ],
)
def test_region(raw: str, shown: str) -> None:
    with pytest.raises(DomainError) as error:
        parse_family_card(raw)

    assert error.value.code == "kk.region"
    assert error.value.params == {"region": shown}


def test_serial_zero() -> None:
    assert code_of("3201012501200000") == "kk.serial_zero"
