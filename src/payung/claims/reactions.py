"""What claims does when an earlier stage announces something (wired in ``payung/reactions.py``)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from payung.access.actor import Actor
from payung.claims.unclaimed import unclaimed_deaths_find


def deaths_flagged_find_unclaimed(*, actor: Actor, person_ids: Sequence[int]) -> None:
    """``dedupe.flags_changed``: a list raised or ended flags; those of the people it names who
    are now on a deaths list, were covered on the death date and have no death claim open a
    "kemungkinan JKM belum diklaim" case (the flags of other kinds find no death: nothing)."""
    if person_ids:
        unclaimed_deaths_find(actor=actor, now=timezone.now(), person_ids=list(person_ids))
