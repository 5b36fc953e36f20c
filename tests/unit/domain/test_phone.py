"""Indonesian phone numbers: every common spelling lands on one E.164 form."""

from __future__ import annotations

import pytest

from payung.domain.errors import DomainError
from payung.domain.phone import Phone, parse_phone

MOBILE = "+6281234567890"


def code_of(raw: object) -> str:
    with pytest.raises(DomainError) as error:
        parse_phone(raw)
    return error.value.code


@pytest.mark.parametrize(
    "raw",
    [
        "081234567890",
        "0812-3456-7890",
        "0812 3456 7890",
        "0812.3456.7890",
        " '081234567890 ",
        "+62 812 3456 7890",
        "+62-812-3456-7890",
        "+6281234567890",
        "6281234567890",
        "62 812 3456 7890",
        "+62 (0)812 3456 7890",
        "+62 0812 3456 7890",
        "006281234567890",
        "81234567890",  # the trunk 0 lost in a numeric cell
        81234567890,
        81234567890.0,
    ],
)
def test_mobile_spellings(raw: object) -> None:
    phone = parse_phone(raw)

    assert phone == Phone(e164=MOBILE, is_mobile=True)
    assert phone.national == "081234567890"
    assert str(phone) == MOBILE


@pytest.mark.parametrize(
    ("raw", "e164", "national"),
    [
        ("(021) 8765432", "+62218765432", "0218765432"),
        ("021-87654321", "+622187654321", "02187654321"),
        ("(0251) 838 1234", "+622518381234", "02518381234"),
        ("+62 21 8765432", "+62218765432", "0218765432"),
    ],
)
def test_landlines(raw: str, e164: str, national: str) -> None:
    phone = parse_phone(raw)

    assert phone.e164 == e164
    assert phone.is_mobile is False
    assert phone.national == national


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        (812345678, "+62812345678"),  # shortest mobile: 9 digits after the 0
        ("0812345678", "+62812345678"),
        ("0812345678901", "+62812345678901"),  # longest mobile: 12 digits
        ("02112345", "+622112345"),  # shortest landline: 7 digits
        ("021123456789", "+6221123456789"),  # longest landline: 11 digits
    ],
)
def test_length_boundaries_accepted(raw: object, e164: str) -> None:
    assert parse_phone(raw).e164 == e164


@pytest.mark.parametrize("raw", [None, "", "   ", "'", float("nan")])
def test_empty(raw: object) -> None:
    assert code_of(raw) == "phone.empty"


@pytest.mark.parametrize(
    "raw",
    [
        "0812-3456-789O",
        "HP 081234567890",
        "0812/0857",
        "0812+34567890",
        "+",
        "(",
        True,
        -81234567890,
        8123456789.5,
        float("inf"),
        b"081234567890",
    ],
)
def test_not_digits(raw: object) -> None:
    assert code_of(raw) == "phone.not_digits"


@pytest.mark.parametrize("raw", ["+65 9123 4567", "+1 202 555 0100", "0065 9123 4567"])
def test_foreign_country(raw: str) -> None:
    assert code_of(raw) == "phone.country"


@pytest.mark.parametrize(
    "raw",
    [
        "0112345678",  # national number cannot start with 1
        "+62 112345678",
        "+62 00812345678",  # two trunk zeros
        "0800 1234567",  # toll-free, not a person's phone
        "08091234567",  # premium service
        "218765432",  # bare landline: a lost 0 cannot be told from a typo
        "5551234",
        218765432,
    ],
)
def test_prefix(raw: object) -> None:
    assert code_of(raw) == "phone.prefix"


@pytest.mark.parametrize(
    ("raw", "length"),
    [
        ("08123456", 7),  # mobile too short
        ("08123456789012", 13),  # mobile too long
        ("021123", 5),  # landline too short
        ("0211234567890", 12),  # landline too long
        ("0", 0),
        ("+62", 0),
        ("62", 0),
    ],
)
def test_length(raw: str, length: int) -> None:
    with pytest.raises(DomainError) as error:
        parse_phone(raw)

    assert error.value.code == "phone.length"
    assert error.value.params == {"length": length}
