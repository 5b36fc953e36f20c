"""Blocking keys as the database keeps them: keyed hashes, never the keys themselves.

``domain.matching.blocking_keys`` cuts a NIK into parts (``n2:320120450880`` is a district and a
birth date), so a key is personal data. The registry keeps each person's keys
(``dedupe.models.PersonKey``) and an import stages each row's (``ImportRow.match_key_*``) as
keyed BLAKE2b hashes (a MAC, twice as fast here as HMAC-SHA256 for these short keys) under a key
derived from the installation's blind-index key, 64 bits to fit an indexed ``bigint``. Equal
keys give equal hashes; without the data key a hash tells nothing. Two different keys sharing a
hash (about one pair in 10¹⁰ among a regency's keys) only make two records meet for scoring,
which then finds them apart.

No Django model here: the importer's worker processes hash their rows' keys
(``imports/rowcheck.py``) with the ``Keys`` they are handed.
"""

from __future__ import annotations

import hashlib
from datetime import date
from functools import lru_cache
from typing import Final

from payung.domain.matching import MatchRecord, blocking_keys
from payung.registry.crypto import Keys

# ImportRow stages at most this many keys per row (blocking_keys yields seven at most).
STAGED_KEYS: Final = 7


# What blocking reads of a person (``matching.blocking_keys``), as a ``values_list``.
BLOCKING_FIELDS = ("pk", "nik", "full_name", "birth_date", "sex", "village_id", "family_card")


def blocking_record(
    nik: str, name: str, born: date | None, sex: str, village: str, family_card: str | None
) -> MatchRecord:
    """A person's or an import row's record as blocking reads it: the same fields for both, so
    a row and the person it duplicates share their keys."""
    return MatchRecord(
        key="",
        nik=nik,
        name=name,
        birth_date=born,
        sex=sex,
        village=village,
        family_card=family_card or "",
    )


@lru_cache(maxsize=4)
def _secret(keys: Keys) -> bytes:
    # A key of its own, derived from the blind-index key: a key hash is never a NIK's index.
    return bytes.fromhex(keys.blind_index("payung/blocking-keys/v3", context="derive"))


def key_hashes(record: MatchRecord, keys: Keys) -> tuple[int, ...]:
    """The record's blocking keys as signed 64-bit keyed hashes, in ``blocking_keys``' order."""
    secret = _secret(keys)
    hashes = []
    for key in blocking_keys(record):
        digest = hashlib.blake2b(key.encode(), key=secret, digest_size=8).digest()
        hashes.append(int.from_bytes(digest, "big", signed=True))
    if len(hashes) > STAGED_KEYS:
        raise RuntimeError("more blocking keys than an import row stages")
    return tuple(hashes)
