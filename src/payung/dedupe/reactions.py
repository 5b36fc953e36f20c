"""What matching does when the registry announces a change (wired in ``payung/reactions.py``).

Each reaction takes the event's payload (``payung/events/catalogue.py``) as keyword arguments.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from payung.access.actor import Actor
from payung.dedupe.keys import person_keys_add, person_keys_follow, person_records

# What ``domain.matching.blocking_keys`` reads of a person: a correction of another field leaves
# the keys as they are.
KEY_FIELDS = frozenset({"nik", "full_name", "birth_date"})


def keys_of_registered(*, actor: Actor, person_ids: Sequence[int]) -> None:
    """``registry.person_registered``: file the new people's blocking keys, so the next import
    finds them as probable duplicates (ADR 0021)."""
    person_keys_add(person_records(person_ids))


def keys_of_corrected(*, actor: Actor, person_ids: Sequence[int], fields: Collection[str]) -> None:
    """``registry.person_corrected``: a corrected name is found under its new keys too."""
    if not KEY_FIELDS.isdisjoint(fields):
        person_keys_follow(person_ids)
