"""Screening's answers to what the stages below announce (wired in ``payung/reactions.py``)."""

from __future__ import annotations

from payung.access.actor import Actor
from payung.programmes.models import Programme
from payung.screening.places import waitlist_offer


def budget_changed_offer_places(
    *,
    actor: Actor,
    programme: Programme,
    region: str,
    year: int,
    before: int | None,
    after: int,
) -> None:
    """A payer's budget line of the programme's year was raised: the promotions held for lack of
    budget get the free places now, if it suffices (``places.waitlist_offer``)."""
    if before is not None and after > before and year == programme.year:
        waitlist_offer(programme=programme, region=region, actor=actor)
