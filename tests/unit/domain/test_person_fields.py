"""Sex and names as village lists write them."""

from __future__ import annotations

import pytest

from payung.domain.errors import LANGUAGES, DomainError
from payung.domain.person import Sex, normalise_name, parse_sex, title_case

# --- sex -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["L", "l", " L ", "LK", "Lk", "Laki-laki", "LAKI-LAKI", "Laki laki", "laki - laki", "Lelaki",
     "Pria", "M", "Male", "MALE", "1", 1, 1.0],
)  # fmt: skip
def test_male_spellings(raw: object) -> None:
    assert parse_sex(raw) is Sex.MALE


@pytest.mark.parametrize(
    "raw",
    ["P", "p", "PR", "Perempuan", "PEREMPUAN", " perempuan ", "Wanita", "F", "Female", "2", 2],
)
def test_female_spellings(raw: object) -> None:
    assert parse_sex(raw) is Sex.FEMALE


@pytest.mark.parametrize("raw", [None, "", "   ", float("nan")])
def test_sex_empty(raw: object) -> None:
    with pytest.raises(DomainError) as error:
        parse_sex(raw)

    assert error.value.code == "sex.empty"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("X", "X"), (" Tidak tahu ", "Tidak tahu"), ("3", "3"), (True, "True"), ("L/P", "L/P")],
)
def test_sex_unknown_names_the_value(raw: object, shown: str) -> None:
    with pytest.raises(DomainError) as error:
        parse_sex(raw)

    assert error.value.code == "sex.unknown"
    assert error.value.params == {"value": shown}


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("SITI AMINAH", "Siti Aminah"),
        ("siti aminah", "Siti Aminah"),
        ("  Siti   Aminah  ", "Siti Aminah"),
        ("AHMAD BIN ABDULLAH", "Ahmad bin Abdullah"),
        ("siti binti ali", "Siti binti Ali"),
        ("Ni Luh Putu", "Ni Luh Putu"),
        ("ABD. RAHMAN", "Abd. Rahman"),
        ("NUR'AINI", "Nur'aini"),
        ("Nur\u2019aini", "Nur'aini"),
        ("SITI NURHALIZA-PUTRI", "Siti Nurhaliza-Putri"),
        ("RAHMAN, S.PD", "Rahman, S.Pd"),
        ("Muhammad McDonald", "Muhammad McDonald"),  # mixed case is the person's own
        ("dr. ANI", "dr. ANI"),
        ("BINTANG", "Bintang"),  # "bin" only as a whole word
        ("Budi\u200b", "Budi"),
    ],
)
def test_names_are_tidied_but_keep_their_spelling(raw: str, expected: str) -> None:
    assert normalise_name(raw) == expected


def test_a_name_of_exactly_100_characters_is_kept() -> None:
    name = "A" + "b" * 99

    assert normalise_name(name) == name


@pytest.mark.parametrize("raw", [None, "", "    ", float("nan")])
def test_name_empty(raw: object) -> None:
    with pytest.raises(DomainError) as error:
        normalise_name(raw)

    assert error.value.code == "name.empty"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Siti 2", "Siti 2"),
        ("3201014508800004", "3201014508800004"),
        ("...", "..."),
        ("Budi (Ketua RT)", "Budi (Ketua RT)"),
        ("budi@mail.id", "budi@mail.id"),
        (12345, "12345"),
    ],
)
def test_name_invalid_names_the_value(raw: object, shown: str) -> None:
    with pytest.raises(DomainError) as error:
        normalise_name(raw)

    assert error.value.code == "name.invalid"
    assert error.value.params == {"value": shown}


def test_name_too_long() -> None:
    with pytest.raises(DomainError) as error:
        normalise_name("A" * 101)

    assert error.value.code == "name.too_long"
    assert error.value.params == {"length": 101}


def test_title_case_starts_words_after_space_hyphen_dot_and_comma_not_apostrophe() -> None:
    assert title_case("ABD.RAHMAN-NUR'AINI,SITI") == "Abd.Rahman-Nur'aini,Siti"


@pytest.mark.parametrize(
    ("action", "code"),
    [
        (lambda: parse_sex(None), "sex.empty"),
        (lambda: parse_sex("X"), "sex.unknown"),
        (lambda: normalise_name(""), "name.empty"),
        (lambda: normalise_name("R2D2"), "name.invalid"),
        (lambda: normalise_name("x" * 120), "name.too_long"),
    ],
)
def test_messages_in_both_languages(action: object, code: str) -> None:
    with pytest.raises(DomainError) as error:
        action()  # type: ignore[operator]

    assert error.value.code == code
    texts = [error.value.message(lang) for lang in LANGUAGES]
    assert texts[0] != texts[1]
    assert all("{" not in text for text in texts)
