"""Free text refuses control characters, with the field, the character in words and where."""

from __future__ import annotations

import pytest

from payung.domain.errors import DomainError
from payung.domain.headers import Field
from payung.domain.text import check_free_text, find_control_character
from tests.unit.domain.test_worker_row import full_row, validate


@pytest.mark.parametrize(
    ("text", "position", "words"),
    [
        ("Siti\tAminah", 5, ("tab", "a tab")),
        ("Jl. Mawar\nNo. 3", 10, ("pindah baris", "a line break")),
        ("Jl. Mawar\r\nNo. 3", 10, ("pindah baris", "a line break")),
        ("Bel\x07l", 4, ("karakter kendali", "a control character")),
        ("\x00", 1, ("karakter kendali", "a control character")),
        ("a\x1bb", 2, ("karakter kendali", "a control character")),
        ("a\x7fb", 2, ("karakter kendali", "a control character")),
        ("a\x85b", 2, ("pindah baris", "a line break")),
        ("a\x9fb", 2, ("karakter kendali", "a control character")),
        ("a\u2028b", 2, ("pindah baris", "a line break")),
        ("a\u2029b", 2, ("pindah baris", "a line break")),
    ],
)
def test_each_control_character_is_found_and_named(text, position, words):
    found = find_control_character(text)
    assert found is not None
    assert found.position == position
    assert found.words == words


@pytest.mark.parametrize(
    "text", ["Siti Aminah", "Nur'aini", "Kp. Sukamaju\u00a0RT 01", "Zoë\u200b", "=1+1", "ÄÖ ñ"]
)
def test_printable_text_has_none(text):
    assert find_control_character(text) is None
    check_free_text(text, label_id="Alamat", label_en="Address")


def test_the_message_names_the_field_the_character_and_where_it_is():
    with pytest.raises(DomainError) as refused:
        check_free_text("Jl. Mawar\nNo. 3", label_id="Alamat", label_en="Address")
    assert refused.value.code == "text.control_character"
    assert refused.value.message("id") == (
        "Alamat berisi karakter tersembunyi (pindah baris) pada karakter ke-10. Hapus karakter "
        "itu, lalu ketik ulang isiannya dalam satu baris."
    )
    assert refused.value.message("en") == (
        "Address contains a hidden character (a line break) at character 10. Remove it and "
        "type the entry again on one line."
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (Field.FULL_NAME, "Siti\tAminah"),  # a tab was collapsed into a space before
        (Field.FULL_NAME, "Siti\x07Aminah"),
        (Field.ADDRESS, "Kp. Sukamaju\nNo. 3"),
        (Field.BIRTH_PLACE, "Bo\x00gor"),
        (Field.HAMLET, "Dusun\u2028II"),
        (Field.MOTHER_NAME, "Ami\x7fnah"),
        (Field.HEIR_NAME, "Ah\x85mad"),
        (Field.HEIR_RELATION, "su\x1bami"),
        (Field.OCCUPATION, "Buruh\ttani"),
        (Field.VILLAGE, "Suka\x0bmaju"),
    ],
)
def test_a_worker_row_refuses_a_control_character_in_free_text(field, value):
    result = validate(full_row(**{field.value: value}))

    assert not result.is_valid
    assert [(i.code, i.params["field"]) for i in result.errors] == [
        ("text.control_character", field.value)
    ]
    assert result.errors[0].params["label_id"] == field.label_id


def test_the_row_message_is_filled_in_both_languages():
    result = validate(full_row(full_name="Siti\tAminah"))

    (issue,) = result.errors
    assert issue.message("id") == (
        "Nama lengkap berisi karakter tersembunyi (tab) pada karakter ke-5. Hapus karakter itu, "
        "lalu ketik ulang isiannya dalam satu baris."
    )
    assert issue.message("en") == (
        "Full name contains a hidden character (a tab) at character 5. Remove it and type the "
        "entry again on one line."
    )


def test_a_place_in_the_ttl_column_refuses_it_too():
    row = full_row(ttl="Bogor\x07, 05-08-1980")
    del row[Field.BIRTH_PLACE], row[Field.BIRTH_DATE]

    assert [(i.code, i.params["field"]) for i in validate(row).errors] == [
        ("text.control_character", "ttl")
    ]


def test_formula_like_text_is_not_refused_on_input():
    # Text is data: the safe writer keeps it from becoming a formula on the way out (ADR 0025).
    result = validate(full_row(address="+SUM(1+1)*cmd|' /C calc'!A0", birth_place="@SUM(1)"))

    assert result.is_valid
    assert result.data is not None
    assert result.data.address == "+SUM(1+1)*cmd|' /C calc'!A0"


def test_white_space_around_the_text_is_trimmed_not_refused():
    check_free_text("\tKp. Sukamaju\r\n", label_id="Alamat", label_en="Address")
    with pytest.raises(DomainError) as refused:
        check_free_text("  \tKp.\tSukamaju\n", label_id="Alamat", label_en="Address")
    assert refused.value.params["position"] == 4  # counted from the first character kept
    result = validate(full_row(address="\t=1+1\n"))
    assert result.data is not None
    assert result.data.address == "=1+1"
