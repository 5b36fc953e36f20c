"""The registry's blocking keys (``PersonKey``): written when people are created, read by imports.

An import compares each new row with the people sharing one of its blocking keys. Loading every
person's keys for every import costs seconds per 100,000 people; instead each person's keys are
kept as keyed hashes (``dedupe.blocking``) in an indexed table, and a chunk of rows asks for its
keys in one query (ADR 0021).

- ``person_keys_add`` files the keys of people just created through ``persons_register`` (the
  form: the reaction to ``registry.person_registered``, ``dedupe/reactions.py``); the import's
  commit files its rows' staged keys with set-based SQL (``imports/commit.py``).
- ``person_keys_follow`` adds the keys of corrected people (a name written anew) that they do
  not have yet; their old keys stay, as a merged record keeps its keys: a list in the old
  spelling still finds them.
- ``person_keys_fill`` computes the keys of people who have none (people registered before this
  table existed, or written by a bulk load) and, with ``rebuild``, of everyone (after a data-key
  change or a change of ``blocking_keys``); ``payung matchkeys`` and the migration run it.
- ``people_by_keys`` and ``known_people`` are the import's look-ups.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import models

from payung.db import bulk_insert, select_in
from payung.dedupe.blocking import BLOCKING_FIELDS, blocking_record, key_hashes
from payung.dedupe.models import PersonKey
from payung.domain.matching import MAX_BLOCK, MatchRecord
from payung.registry.crypto import current_keys
from payung.registry.models import Person

FILL_CHUNK = 5_000


def person_keys_add(people: Iterable[tuple[int, MatchRecord]]) -> int:
    """File the blocking keys of people just created: ``(person pk, what matching reads)``."""
    keys = current_keys()
    rows = [(pk, key) for pk, record in people for key in key_hashes(record, keys)]
    return bulk_insert(PersonKey, ("person", "key"), rows)


def person_records(pks: Iterable[int]) -> list[tuple[int, MatchRecord]]:
    """``(pk, what blocking reads)`` of the people ``pks`` (their NIKs decrypted), in pk order."""
    ordered = sorted(set(pks))
    found: list[tuple[int, MatchRecord]] = []
    for start in range(0, len(ordered), FILL_CHUNK):
        rows = (
            Person.objects.filter(pk__in=ordered[start : start + FILL_CHUNK])
            .order_by("pk")
            .values_list(*BLOCKING_FIELDS)
        )
        found += [(pk, blocking_record(*values)) for pk, *values in rows]
    return found


def person_keys_follow(pks: Iterable[int]) -> int:
    """File the keys the people ``pks`` have now and did not have (after a correction); return
    how many keys were added. Read through the primary key (key, person): no scan by person."""
    keys = current_keys()
    wanted = {(pk, key) for pk, record in person_records(pks) for key in key_hashes(record, keys)}
    if not wanted:
        return 0
    held = set(
        PersonKey.objects.filter(
            key__in={key for _, key in wanted}, person__in={pk for pk, _ in wanted}
        ).values_list("person", "key")
    )
    return bulk_insert(PersonKey, ("person", "key"), sorted(wanted - held))


def person_keys_fill(
    *,
    rebuild: bool = False,
    person_model: type[models.Model] = Person,
    key_model: type[models.Model] = PersonKey,
) -> int:
    """Compute the keys of the people who have none (everyone's with ``rebuild``); return how many
    people got keys. The models may be a migration's historical ones."""
    keys = current_keys()
    keyed: set[int] = set()
    if rebuild:
        key_model.objects.all().delete()  # type: ignore[attr-defined]
    else:
        # Read once: the table has no index on person (the commit writes it faster without),
        # and a NOT IN / NOT EXISTS per chunk would walk it again and again.
        keyed = set(key_model.objects.values_list("person", flat=True))  # type: ignore[attr-defined]
    people = person_model.objects.order_by("pk")  # type: ignore[attr-defined]
    filled, last = 0, 0
    while True:
        chunk = list(people.filter(pk__gt=last).values_list("pk", flat=True)[:FILL_CHUNK])
        if not chunk:
            return filled
        last = chunk[-1]
        todo = list(
            people.filter(pk__in=[pk for pk in chunk if pk not in keyed]).values_list(
                *BLOCKING_FIELDS
            )
        )
        rows = [
            (pk, key) for pk, *values in todo for key in key_hashes(blocking_record(*values), keys)
        ]
        bulk_insert(key_model, ("person", "key"), rows)
        filled += len(todo)


def people_by_keys(hashes: Iterable[int], *, max_block: int = MAX_BLOCK) -> dict[int, list[int]]:
    """Key hash → the people (record pks) filed under it, for the keys held by fewer than
    ``max_block`` people: with the row asking, a bigger block is not compared
    (``matching.candidate_pairs``' rule)."""
    found: dict[int, list[int]] = defaultdict(list)
    for hashed, pk in select_in(PersonKey, ("key", "person"), "key", list(set(hashes))):
        found[hashed].append(pk)
    return {hashed: pks for hashed, pks in found.items() if len(pks) < max_block}


@dataclass(frozen=True)
class KnownPerson:
    """A registered record an import row may be: what matching reads of it (key ``p<pk>``), and
    the person it stands for — itself, or the one it was merged into — with that one's village."""

    record: MatchRecord
    person: int
    village: str


def known_people(pks: Sequence[int]) -> dict[int, KnownPerson]:
    """The records ``pks`` (decrypting their NIKs), by pk."""
    rows = Person.objects.filter(pk__in=pks).values_list(
        "pk",
        "nik",
        "full_name",
        "birth_date",
        "sex",
        "village_id",
        "phone",
        "mother_name",
        "family_card",
        "merged_into_id",
        "merged_into__village_id",
    )
    found: dict[int, KnownPerson] = {}
    for pk, nik, name, born, sex, village, phone, mother, card, merged_into, kept_village in rows:
        record = MatchRecord(
            key=f"p{pk}",
            nik=nik,
            name=name,
            birth_date=born,
            sex=sex,
            village=village,
            phone=phone,
            mother_name=mother,
            family_card=card or "",
        )
        found[pk] = KnownPerson(record, merged_into or pk, kept_village or village)
    return found
