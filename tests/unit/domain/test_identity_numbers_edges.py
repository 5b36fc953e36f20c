"""Identity numbers, phones, exchange tokens and JSON depth at their edges (ADR 0032)."""

from __future__ import annotations

import pytest

from payung.domain._digits import Problem, all_end_in_zero, classify
from payung.domain.api import json_depth
from payung.domain.errors import DomainError
from payung.domain.exchange import parse_tokens
from payung.domain.family_card import FamilyCard
from payung.domain.phone import parse_phone


def test_excel_damage_is_seen_through_spaces():
    assert classify("3,20101 E+15") is Problem.EXCEL_DAMAGED
    assert classify("3201 0145 0880 0004") == "3201014508800004"


def test_a_column_of_one_row_can_end_in_zero_and_other_lengths_are_skipped():
    assert all_end_in_zero(["3201014508800000"], length=16, min_rows=1)
    assert all_end_in_zero(["123", "3201014508800000", "3201014508800010"], length=16, min_rows=2)
    assert not all_end_in_zero(["123", "3201014508800004"], length=16, min_rows=1)
    with pytest.raises(ValueError, match=r"^min_rows must be at least 1$"):
        all_end_in_zero([], length=16, min_rows=0)


@pytest.mark.parametrize("raw", ["320101250120000a", "３２０１０１２５０１２０００３"])
def test_a_family_card_value_must_be_sixteen_ascii_digits(raw):
    with pytest.raises(
        ValueError, match=r"^FamilyCard\.value must be 16 ASCII digits; use parse_family_card\(\)$"
    ):
        FamilyCard(raw)


@pytest.mark.parametrize("raw", [0, 0.0])
def test_a_zero_phone_cell_is_too_short_not_a_non_digit(raw):
    with pytest.raises(DomainError) as error:
        parse_phone(raw)
    assert error.value.code == "phone.length"


TOKEN = "0123456789abcdef" * 4


def test_blank_lines_between_tokens_are_skipped_and_a_bad_line_is_numbered():
    assert parse_tokens(["", TOKEN, "  ", TOKEN[::-1]]) == {TOKEN, TOKEN[::-1]}
    with pytest.raises(DomainError) as error:
        parse_tokens([TOKEN, "", "X" * 64])
    assert (error.value.code, error.value.params) == ("exchange.token_invalid", {"line": 3})


@pytest.mark.parametrize(
    ("text", "depth"),
    [("[][]", 1), ('{"a": [[], [[]]]}', 4), ("[[[],[[]]]]", 4), ("[[][[]]]", 3)],
)
def test_json_depth_counts_each_closing_bracket_once(text, depth):
    assert json_depth(text) == depth
