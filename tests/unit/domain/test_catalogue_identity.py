"""Every identity error code has both languages and formats with the parameters really passed.

Each example below triggers the code through the public API, so the check covers the params the
code actually sends, not the ones a test author imagines.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from datetime import date

import pytest

from payung.domain.errors import LANGUAGES, DomainError, Issue, catalogue, message_for
from payung.domain.family_card import parse_family_card
from payung.domain.kpj import parse_kpj
from payung.domain.nik import check_birth_date, check_sex, parse_nik
from payung.domain.person import Sex
from payung.domain.phone import parse_phone

PREFIXES = ("nik.", "kk.", "kpj.", "phone.")
REFERENCE = date(2026, 11, 21)
WOMAN = "3201014508800004"


def _raised(action: Callable[[], object]) -> Issue:
    with pytest.raises(DomainError) as error:
        action()
    return error.value.issue


def _nik(raw: object) -> Callable[[], object]:
    return lambda: parse_nik(raw, reference_date=REFERENCE)


def _warned() -> Issue:
    nik = parse_nik(WOMAN, reference_date=REFERENCE, district_exists=lambda _: False)
    return nik.warnings[0]


def _checked(issue: Issue | None) -> Issue:
    assert issue is not None
    return issue


EXAMPLES: dict[str, Callable[[], Issue]] = {
    "nik.empty": lambda: _raised(_nik(" ")),
    "nik.excel_damaged": lambda: _raised(_nik("3.20101E+15")),
    "nik.not_digits": lambda: _raised(_nik("NIK")),
    "nik.length": lambda: _raised(_nik("123")),
    "nik.region": lambda: _raised(_nik("3200014508800004")),
    "nik.month": lambda: _raised(_nik("3201014513800004")),
    "nik.day": lambda: _raised(_nik("3201017208800004")),
    "nik.date": lambda: _raised(_nik("3201016902010004")),
    "nik.serial_zero": lambda: _raised(_nik("3201014508800000")),
    "nik.district_unknown": _warned,
    "nik.birth_date_mismatch": lambda: _checked(
        check_birth_date(parse_nik(WOMAN, reference_date=REFERENCE), date(1980, 8, 6))
    ),
    "nik.sex_mismatch": lambda: _checked(
        check_sex(parse_nik(WOMAN, reference_date=REFERENCE), Sex.MALE)
    ),
    "kk.empty": lambda: _raised(lambda: parse_family_card(None)),
    "kk.excel_damaged": lambda: _raised(lambda: parse_family_card(3201012501200003)),
    "kk.not_digits": lambda: _raised(lambda: parse_family_card("KK")),
    "kk.length": lambda: _raised(lambda: parse_family_card("123")),
    "kk.region": lambda: _raised(lambda: parse_family_card("0001012501200003")),
    "kk.serial_zero": lambda: _raised(lambda: parse_family_card("3201012501200000")),
    "kpj.empty": lambda: _raised(lambda: parse_kpj("")),
    "kpj.excel_damaged": lambda: _raised(lambda: parse_kpj(12345678901)),
    "kpj.not_digits": lambda: _raised(lambda: parse_kpj("KPJ")),
    "kpj.length": lambda: _raised(lambda: parse_kpj("123")),
    "phone.empty": lambda: _raised(lambda: parse_phone("")),
    "phone.not_digits": lambda: _raised(lambda: parse_phone("HP 0812")),
    "phone.country": lambda: _raised(lambda: parse_phone("+65 9123 4567")),
    "phone.prefix": lambda: _raised(lambda: parse_phone("0112345678")),
    "phone.length": lambda: _raised(lambda: parse_phone("0812")),
}


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_identity_code_has_an_example() -> None:
    registered = {code for code in catalogue() if code.startswith(PREFIXES)}

    assert registered == set(EXAMPLES)


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_both_languages_are_written(code: str) -> None:
    message = catalogue()[code]

    assert message.id.strip()
    assert message.en.strip()
    assert message.id != message.en
    assert _placeholders(message.id) == _placeholders(message.en)


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_message_formats_with_the_params_the_code_sends(code: str) -> None:
    issue = EXAMPLES[code]()

    assert issue.code == code
    assert _placeholders(catalogue()[code].id) <= set(issue.params)
    for lang in LANGUAGES:
        text = issue.message(lang)
        assert text == message_for(code, lang, **issue.params)
        assert "{" not in text
        assert "}" not in text
