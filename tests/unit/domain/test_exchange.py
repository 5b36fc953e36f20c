"""The keyed-hash exchange between installations: tokens, files, overlap."""

from __future__ import annotations

import base64
import os

import pytest

from payung.domain.errors import DomainError
from payung.domain.exchange import overlap, parse_key, parse_tokens, token, tokens_of

KEY = os.urandom(32)
NIK = "3201014508800004"


def test_a_token_depends_on_the_key_and_the_number():
    first = token(KEY, NIK)
    assert first == token(KEY, NIK)
    assert first != token(os.urandom(32), NIK)
    assert first != token(KEY, "3201014508800005")
    assert len(first) == 64


def test_both_parties_find_exactly_the_people_they_share():
    bogor = {"b1": "3201014508800004", "b2": "3201010508800001", "b3": "3201011203850002"}
    lebak = {"l1": "3602014101900003", "l2": "3201010508800001"}
    received_by_bogor = set(tokens_of(KEY, lebak))
    received_by_lebak = set(tokens_of(KEY, bogor))
    assert overlap(tokens_of(KEY, bogor), received_by_bogor) == ["b2"]
    assert overlap(tokens_of(KEY, lebak), received_by_lebak) == ["l2"]
    # With different keys nothing matches: the key is what makes the exchange possible.
    assert overlap(tokens_of(os.urandom(32), bogor), received_by_bogor) == []


def test_keys_and_files_are_checked():
    assert parse_key(base64.urlsafe_b64encode(KEY).decode() + "\n") == KEY
    for bad in ("", "not base64!", base64.urlsafe_b64encode(b"short").decode()):
        with pytest.raises(DomainError) as error:
            parse_key(bad)
        assert error.value.code == "exchange.key_invalid"
    good = token(KEY, NIK)
    assert parse_tokens([good + "\n", "\n", good]) == {good}
    with pytest.raises(DomainError) as error:
        parse_tokens([good, NIK])
    assert error.value.code == "exchange.token_invalid"
    assert error.value.params == {"line": 2}
