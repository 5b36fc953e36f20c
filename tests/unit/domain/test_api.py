"""The JSON depth check runs before the parser, so a hostile body never reaches json.loads."""

from __future__ import annotations

import json

import pytest

from payung.domain.api import MAX_JSON_DEPTH, check_json_depth, json_depth
from payung.domain.errors import DomainError


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("", 0),
        ("12", 0),
        ("[]", 1),
        ('{"a": [1, {"b": 2}]}', 3),
        ('{"a": "[[[{{{"}', 1),  # brackets inside a string do not count
        (r'["\"[[", "\\", ["x"]]', 2),  # nor after escaped quotes and backslashes
        ("[" * 100_000, 100_000),
    ],
)
def test_depth_counts_only_structural_brackets(text, depth):
    assert json_depth(text) == depth


def test_depth_agrees_with_the_parser_on_a_nested_document():
    document = {"heirs": [{"name": "Ahmad", "phones": [["0812", {"note": "]]]"}]]}]}
    assert json_depth(json.dumps(document)) == 6


def test_an_unterminated_string_stops_the_scan_and_stays_linear():
    assert json_depth('[["' + '\\"[' * 1_000_000) == 2


def test_deeper_than_the_limit_is_refused_with_the_limit_named():
    check_json_depth("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH)
    with pytest.raises(DomainError) as refused:
        check_json_depth("[" * 100_000)
    assert refused.value.code == "request.too_deep"
    assert refused.value.message("id") == (
        "JSON dalam isi permintaan bersarang lebih dari 32 tingkat."
    )
    assert refused.value.message("en") == "The body's JSON is nested more than 32 levels deep."
