"""What screening does when a lower stage announces a change (wired in ``payung/reactions.py``).

Each reaction takes the event's payload (``payung/events/catalogue.py``) as keyword arguments.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from payung.access.actor import Actor
from payung.domain.workflow import FINAL, Action
from payung.programmes.models import Programme
from payung.registry.models import Candidate
from payung.screening.candidacies import locked_candidates
from payung.screening.places import move, waitlist_offer
from payung.screening.services import people_rescreen


def rescreen_corrected(*, actor: Actor, person_ids: Sequence[int], fields: Collection[str]) -> None:
    """``registry.person_corrected``: the data the rules read changed; screen again."""
    people_rescreen(actor=actor, person_ids=person_ids)


def set_aside_merged(*, actor: Actor, kept_id: int, merged_id: int, reason: str) -> None:
    """``registry.persons_merged``: a candidacy left on the merged record is in a programme the
    kept person already takes part in — one person takes one place: the workflow sets it aside
    (``merge``), which also frees a place it holds for the waiting list."""
    open_ids = (
        Candidate.objects.filter(person_id=merged_id)
        .exclude(status__in=[state.value for state in FINAL])
        .values_list("pk", flat=True)
    )
    for candidate in locked_candidates(open_ids):
        move(candidate, Action.MERGE, actor=actor, reason=reason)


def rescreen_found(*, actor: Actor, person_ids: Sequence[int]) -> None:
    """``dedupe.pairs_found``: an open pair asks the verifier to look before approving."""
    people_rescreen(actor=actor, person_ids=person_ids)


def rescreen_decided(*, actor: Actor, pair_id: int, same: bool, person_ids: Sequence[int]) -> None:
    """``dedupe.pair_decided``: the pair no longer holds their candidacies back (or they are one
    person now)."""
    people_rescreen(actor=actor, person_ids=person_ids)


def rescreen_flagged(*, actor: Actor, person_ids: Sequence[int]) -> None:
    """``dedupe.flags_changed``: what a list says counts for eligibility at once."""
    people_rescreen(actor=actor, person_ids=person_ids)


def budget_changed_offer_places(
    *,
    actor: Actor,
    programme: Programme,
    region: str,
    year: int,
    before: int | None,
    after: int,
) -> None:
    """``budgets.budget_changed``: a payer's budget line of the programme's year was raised: the
    promotions held for lack of budget get the free places now, if it suffices
    (``places.waitlist_offer``)."""
    if before is not None and after > before and year == programme.year:
        waitlist_offer(programme=programme, region=region, actor=actor)
