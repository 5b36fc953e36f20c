"""Named events: how a lower stage tells later stages that something they care about changed.

A service announces what happened (``announce("registry.person_corrected", actor=…,
person_ids=[…])``) and knows nothing of who listens. What runs in answer is wired in one table,
``payung/reactions.py`` at the top of the tree, which says for each event which reactions run, in
which order, and whether each runs inside the announcing transaction (its failure undoes the
change) or after it commits. The layers point one way: the announcing stage never imports the
reacting one.

Every event is declared once in :mod:`payung.events.catalogue`; announcing an undeclared event, or
one with the wrong payload, is a programming error and raises.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import partial
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from payung.events.catalogue import EVENTS


class When(Enum):
    IN_TRANSACTION = "in the announcing transaction"
    AFTER_COMMIT = "after the announcing transaction commits"


@dataclass(frozen=True)
class Reaction:
    run: Callable[..., None]
    when: When = When.IN_TRANSACTION


_table: dict[str, tuple[Reaction, ...]] | None = None


def wire(table: Mapping[str, Sequence[Reaction]]) -> None:
    """Install the reaction table (called once, by the top of the tree, when Django starts)."""
    unknown = sorted(set(table) - set(EVENTS))
    missing = sorted(set(EVENTS) - set(table))
    if unknown or missing:
        raise ImproperlyConfigured(
            f"reaction table: undeclared events {unknown}, events without a row {missing}"
        )
    global _table
    _table = {name: tuple(reactions) for name, reactions in table.items()}


def reactions_of(name: str) -> tuple[Reaction, ...]:
    if _table is None:
        raise ImproperlyConfigured("the reaction table is not wired (payung.reactions)")
    return _table[name]


def announce(name: str, **payload: Any) -> None:
    """Run the reactions wired to ``name`` with ``payload`` (keyword arguments, ``actor`` first).

    Reactions in the transaction run now, in the table's order; the others are queued with
    ``on_commit`` and run, in order, only if the announcing transaction commits.
    """
    event = EVENTS.get(name)
    if event is None:
        raise LookupError(f"undeclared event {name!r}")
    if set(payload) != set(event.payload):
        raise TypeError(f"event {name!r} takes {sorted(event.payload)}, got {sorted(payload)}")
    for reaction in reactions_of(name):
        if reaction.when is When.IN_TRANSACTION:
            reaction.run(**payload)
        else:
            transaction.on_commit(partial(reaction.run, **payload))
