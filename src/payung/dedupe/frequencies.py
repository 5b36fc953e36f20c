"""How common each name and birth date is, kept from a region's last whole scan, so that every
check weighs a pair as the scan does (issue 15 item 5, ADR 0050).

``domain.matching.Frequencies`` weighs an agreeing name or birth date by how many records share
it. The whole scan counts them over every person it reads; an import row, the data-entry form or
a list check sees a handful of candidates, which say nothing of how common a name is. So the scan
keeps its counts (:func:`frequencies_keep`) and the others read the newest counts of a region
covering theirs (:func:`frequencies_for`), or weigh without frequencies when no scan has counted
one (as before).

A name is kept as a keyed hash of its matching key (``name_key``), under a key derived from the
installation's blind-index key: the table holds no name. Counts kept under another data key are
not used (``key_version``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from datetime import date
from functools import lru_cache
from typing import Final

from django.utils import timezone

from payung.dedupe.models import MatchFrequencies
from payung.domain.matching import TF_FEWEST_RECORDS, Frequencies
from payung.domain.regions import RegionCode
from payung.registry.crypto import Keys, current_keys

_LABEL: Final = "payung/name-frequencies/v1"


@lru_cache(maxsize=4)
def _secret(keys: Keys) -> bytes:
    return bytes.fromhex(keys.blind_index(_LABEL, context="derive"))


def _hash(secret: bytes, name_key: str) -> str:
    return hashlib.blake2b(name_key.encode(), key=secret, digest_size=10).hexdigest()


def key_version(keys: Keys) -> str:
    """Which data key the hashes are under (a hash of a fixed text under the derived key)."""
    return _hash(_secret(keys), "payung/key-version")


class HashedCounts(Mapping[str, int]):
    """``{name key: count}`` read from counts kept by hash: a name key is hashed to be looked up."""

    def __init__(self, counts: Mapping[str, int], secret: bytes) -> None:
        self._counts = counts
        self._secret = secret

    def __getitem__(self, name_key: str) -> int:
        return self._counts[_hash(self._secret, name_key)]

    def __iter__(self) -> Iterator[str]:
        raise TypeError("kept name counts are looked up by name, never listed")

    def __len__(self) -> int:
        return len(self._counts)


def frequencies_keep(frequencies: Frequencies, *, region: RegionCode, records: int) -> None:
    """Keep a whole scan's counts for ``region`` (only from ``TF_FEWEST_RECORDS`` records on,
    as the scan weighs by them only then); the older counts of that region are replaced."""
    if records < TF_FEWEST_RECORDS:
        return
    keys = current_keys()
    secret = _secret(keys)
    MatchFrequencies.objects.filter(region=str(region)).delete()
    MatchFrequencies.objects.create(
        region=str(region),
        counted_at=timezone.now(),
        records=records,
        key_version=key_version(keys),
        name_typical=frequencies.name_typical,
        date_typical=frequencies.date_typical,
        names={_hash(secret, key): count for key, count in frequencies.names.items()},
        dates={born.isoformat(): count for born, count in frequencies.dates.items()},
    )


def frequencies_for(region: RegionCode | str | None) -> Frequencies | None:
    """The newest counts of a region covering ``region`` (itself or a region above it; None:
    of any region), or None when no scan has counted one under the current data key."""
    keys = current_keys()
    version = key_version(keys)
    kept = MatchFrequencies.objects.filter(key_version=version)
    if region is not None:
        code = RegionCode.parse(str(region))
        kept = kept.filter(region__in=[c.code for c in code.lineage()])
    row = kept.order_by("-counted_at", "-pk").values_list("pk", "counted_at").first()
    return None if row is None else _loaded(row[0], version, row[1].isoformat())


@lru_cache(maxsize=8)
def _loaded(pk: int, version: str, counted_at: str) -> Frequencies:
    """The kept counts as ``Frequencies`` (read once per process: a row is never changed, only
    replaced by a newer one; its time is in the key should a number be used again)."""
    row = MatchFrequencies.objects.get(pk=pk)
    return Frequencies(
        names=HashedCounts(row.names, _secret(current_keys())),
        dates={date.fromisoformat(day): count for day, count in row.dates.items()},
        name_typical=row.name_typical,
        date_typical=row.date_typical,
    )
