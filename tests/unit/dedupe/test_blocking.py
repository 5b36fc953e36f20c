"""Blocking keys as keyed hashes: equal keys, equal hashes; nothing without the data key."""

from __future__ import annotations

import os
from datetime import date

from payung.dedupe.blocking import STAGED_KEYS, key_hashes
from payung.domain.matching import MatchRecord, blocking_keys
from payung.registry.crypto import Keys

KEYS = Keys(b"k" * 32)
SITI = MatchRecord(key="a", nik="3201204508800001", name="Siti Aminah", birth_date=date(1980, 8, 5))


def test_one_signed_64_bit_hash_per_blocking_key_in_order():
    hashes = key_hashes(SITI, KEYS)
    assert len(hashes) == len(list(blocking_keys(SITI))) == 4
    assert all(-(2**63) <= h < 2**63 for h in hashes)
    # The most keys a record has: its NIK is its family card's number (it does not fit the
    # birth date), and it has a village and a family card.
    full = MatchRecord(
        key="a",
        nik="3201200101150003",
        name="Siti Aminah",
        birth_date=date(1980, 8, 5),
        sex="F",
        village="32.01.20.2006",
        family_card="3201200101150004",
    )
    assert len(set(key_hashes(full, KEYS))) == len(list(blocking_keys(full))) == STAGED_KEYS


def test_records_sharing_a_key_share_its_hash_and_only_that_one():
    # A NIK typo in the serial and the name written another way: the same district and birth
    # date (n2), the same NIK without district (no: the serial differs), the same name sound.
    typo = MatchRecord(
        key="b", nik="3201204508800007", name="Hj. SITI AMINAH", birth_date=date(1980, 8, 5)
    )
    shared_keys = set(blocking_keys(SITI)) & set(blocking_keys(typo))
    shared_hashes = set(key_hashes(SITI, KEYS)) & set(key_hashes(typo, KEYS))
    assert len(shared_keys) == len(shared_hashes) == 2


def test_another_data_key_gives_other_hashes_and_no_key_is_in_clear():
    hashes = key_hashes(SITI, KEYS)
    assert set(hashes).isdisjoint(key_hashes(SITI, Keys(os.urandom(32))))
    assert key_hashes(SITI, Keys(b"k" * 32)) == hashes  # the same key: the same hashes
    assert not any(str(h).find("320120") >= 0 for h in hashes)
