"""Probable duplicates at import time: rows that are probably a registered person, or another
row of the same file, although their NIKs differ (ADR 0021).

Each valid row whose NIK is new is compared, through ``payung.domain.matching``, with

- the registered people — of every region: a worker listed by two villages is exactly the
  overlap the labour office must see — sharing one of its blocking keys, found with one indexed
  query per chunk of rows (``dedupe.keys``);
- the earlier rows of the file sharing one (``matching.BlockIndex``).

A row scoring at least ``matching.PROBABLE`` with someone gets one warning (the row is still
saved) naming the best match, the score and the reasons, and says only what the uploader may
see: a person outside their region is "someone registered in another area", without name, NIK,
village or the position of a differing NIK digit (as ``registry.registered_elsewhere`` says only
that a NIK is registered elsewhere). Every match is staged as an ``ImportMatch``; the commit turns
it into a pair in the labour office's review queue (``imports.pairs.import_pairs_record``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from payung.access.actor import Actor, actor_region
from payung.db import json_text
from payung.dedupe.blocking import key_hashes
from payung.dedupe.frequencies import frequencies_for
from payung.dedupe.keys import KnownPerson, known_people, people_by_keys
from payung.dedupe.services import reasons_json
from payung.domain._digits import mask
from payung.domain.errors import Issue, Severity, register
from payung.domain.matching import BlockIndex, Match, MatchRecord, reasons_text, score_pairs
from payung.domain.regions import RegionCode
from payung.imports.rowcheck import CheckedRow, row_record
from payung.regions.models import Region
from payung.registry.crypto import current_keys

PROBABLE_DUPLICATE: Final = register(
    "import.probable_duplicate",
    id="Kemungkinan orang yang sama dengan {name} (NIK {nik}, {village}) yang sudah terdaftar, "
    "skor {score}. {reasons_id} Baris tetap disimpan; Disnaker akan memeriksanya.",
    en="Probably the same person as {name} (NIK {nik}, {village}), already registered, score "
    "{score}. {reasons_en} The row is still saved; the labour office will review it.",
)
PROBABLE_DUPLICATE_ELSEWHERE: Final = register(
    "import.probable_duplicate_elsewhere",
    id="Kemungkinan orang yang sama sudah terdaftar di wilayah lain, skor {score}. {reasons_id} "
    "Baris tetap disimpan; Disnaker akan memeriksanya.",
    en="Probably the same person is already registered in another area, score {score}. "
    "{reasons_en} The row is still saved; the labour office will review it.",
)
PROBABLE_DUPLICATE_IN_FILE: Final = register(
    "import.probable_duplicate_in_file",
    id="Kemungkinan orang yang sama dengan baris {first_row} berkas ini, skor {score}. "
    "{reasons_id} Baris tetap disimpan; Disnaker akan memeriksanya.",
    en="Probably the same person as row {first_row} of this file, score {score}. {reasons_en} "
    "The row is still saved; the labour office will review it.",
)
PROBABLE_CODES: Final = frozenset(
    {PROBABLE_DUPLICATE, PROBABLE_DUPLICATE_ELSEWHERE, PROBABLE_DUPLICATE_IN_FILE}
)

# ImportMatch's columns as ProbableDuplicates.staged holds them.
MATCH_FIELDS: Final = ("batch", "row_number", "person", "other_row_number", "score", "reasons")


def _score(value: float) -> str:
    return f"{value:g}"


class ProbableDuplicates:
    """Compares an import's valid new rows, chunk by chunk in file order, with the registry and
    with the rows before them; adds the warning to each probable duplicate's issues."""

    def __init__(self, batch_pk: int, actor: Actor) -> None:
        self.batch_pk = batch_pk
        self.scope: RegionCode | None = actor_region(actor)
        # weighed as the region's last whole scan weighs (a common name less, a rare one more)
        self.frequencies = frequencies_for(self.scope)
        self.earlier: BlockIndex[int] = BlockIndex()
        self.rows: dict[int, tuple[str, Any]] = {}  # row number → (NIK, clean values)
        self.staged: list[tuple[object, ...]] = []  # ImportMatch rows (MATCH_FIELDS)
        self.flagged: set[int] = set()  # row numbers with a warning

    def check(self, rows: Sequence[CheckedRow]) -> None:
        """``rows``: the chunk's rows whose outcome is ``valid`` (a new person)."""
        by_key = people_by_keys(key for row in rows for key in row.match_keys)
        known = known_people(sorted({pk for pks in by_key.values() for pk in pks}))
        found: list[tuple[CheckedRow, list[tuple[Match, KnownPerson]], list[Match]]] = []
        for row in rows:
            candidates = {pk for key in row.match_keys for pk in by_key.get(key, ())}
            earlier = self.earlier.meet(row.number, row.match_keys)
            self.rows[row.number] = (row.nik, row.clean)
            if not candidates and not earlier:
                continue  # most rows: nobody shares a key with them
            record = row_record(row.number, row.nik, row.clean)
            # A record merged into another stands for that person: the best match per person.
            registry: dict[int, tuple[Match, KnownPerson]] = {}
            pairs = ((record, known[pk].record) for pk in candidates)
            for match in score_pairs(pairs, frequencies=self.frequencies):
                other = known[_other(match, record.key)]
                registry.setdefault(other.person, (match, other))
            in_file = score_pairs(
                ((record, row_record(n, *self.rows[n])) for n in earlier),
                frequencies=self.frequencies,
            )
            if registry or in_file:
                found.append((row, list(registry.values()), in_file))
        if not found:
            return
        villages = dict(
            Region.objects.filter(
                code__in={other.village for _, matched, _ in found for _, other in matched}
            ).values_list("code", "name")
        )
        for row, matched, in_file in found:
            for match, other in matched:
                self._stage(row.number, match, person=other.person)
            for match in in_file:
                self._stage(row.number, match, other_row=_other(match, f"r{row.number}"))
            self.flagged.add(row.number)
            if matched:
                best, other = matched[0]  # best first
                row.issues.append(self._registry_issue(best, other, villages))
            else:
                best = in_file[0]
                first_row = _other(best, f"r{row.number}")
                row.issues.append(_issue(PROBABLE_DUPLICATE_IN_FILE, best, first_row=first_row))

    def _stage(
        self, number: int, match: Match, *, person: int | None = None, other_row: int | None = None
    ) -> None:
        reasons = json_text(reasons_json(match.reasons))
        self.staged.append((self.batch_pk, number, person, other_row, match.score, reasons))

    def _registry_issue(self, match: Match, known: KnownPerson, villages: dict[str, str]) -> Issue:
        return registry_issue(self.scope, match, known, villages)


def registry_issue(
    scope: RegionCode | None, match: Match, known: KnownPerson, villages: dict[str, str]
) -> Issue:
    """The warning about a registered person, saying of them only what ``scope`` may see."""
    if scope is not None and not scope.contains(RegionCode(known.village)):
        return _issue(PROBABLE_DUPLICATE_ELSEWHERE, match, positions=False)
    record = known.record
    return _issue(
        PROBABLE_DUPLICATE,
        match,
        name=record.name,
        nik=mask(record.nik),
        village=villages.get(known.village, known.village),
    )


def probable_for(record: MatchRecord, *, actor: Actor) -> Issue | None:
    """The data-entry form's warning: the registered person ``record`` (typed, not yet saved,
    with a new NIK) is most probably, if any scores at least ``PROBABLE``."""
    by_key = people_by_keys(key_hashes(record, current_keys()))
    candidates = sorted({pk for pks in by_key.values() for pk in pks})
    if not candidates:
        return None
    known = known_people(candidates)
    frequencies = frequencies_for(actor_region(actor))
    matches = score_pairs(
        ((record, known[pk].record) for pk in candidates), frequencies=frequencies
    )
    if not matches:
        return None
    best = matches[0]
    other = known[_other(best, record.key)]
    villages = dict(Region.objects.filter(code=other.village).values_list("code", "name"))
    return registry_issue(actor_region(actor), best, other, villages)


def _other(match: Match, key: str) -> int:
    """The number in the key (``p<pk>``, ``r<row>``) of the pair's other record."""
    return int((match.b if match.a == key else match.a)[1:])


def _issue(code: str, match: Match, *, positions: bool = True, **params: object) -> Issue:
    """The warning, its reasons written out in both languages (a row's issues are kept as codes
    and parameters, and shown in the reader's language)."""
    return Issue(
        code,
        {
            **params,
            "score": _score(match.score),
            "reasons_id": reasons_text(match.reasons, "id", positions=positions),
            "reasons_en": reasons_text(match.reasons, "en", positions=positions),
        },
        Severity.WARNING,
    )
