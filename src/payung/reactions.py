"""The reaction table: for each event a stage announces, what the later stages do, in order.

This is the one place where the stages' reactions to each other are wired. Each row names the event
(declared in :mod:`payung.events.catalogue`), then its reactions in the order they run; each says
whether it runs in the announcing transaction (a failure undoes the change) or after commit.
"""

from __future__ import annotations

from payung.claims import reactions as claims
from payung.dedupe import reactions as dedupe
from payung.events import Reaction, When
from payung.screening import reactions as screening

REACTIONS: dict[str, tuple[Reaction, ...]] = {
    # A raised budget line gives the free places to the waiting candidacies it now pays for, in
    # the same transaction as the budget (as before the event: the budget and the promotions
    # commit together).
    "budgets.budget_changed": (
        Reaction(screening.budget_changed_offer_places, When.IN_TRANSACTION),
    ),
    # Keys first (the stage just above the registry), then screening; all in the transaction:
    # the person and what follows from them change together, as before the events existed.
    "registry.person_registered": (Reaction(dedupe.keys_of_registered, When.IN_TRANSACTION),),
    "registry.person_corrected": (
        Reaction(dedupe.keys_of_corrected, When.IN_TRANSACTION),
        Reaction(screening.rescreen_corrected, When.IN_TRANSACTION),
    ),
    # In the transaction: a merge never leaves a second live candidacy holding a place.
    "registry.persons_merged": (Reaction(screening.set_aside_merged, When.IN_TRANSACTION),),
    "dedupe.pairs_found": (Reaction(screening.rescreen_found, When.IN_TRANSACTION),),
    "dedupe.pair_decided": (Reaction(screening.rescreen_decided, When.IN_TRANSACTION),),
    # Screening in the transaction (eligibility follows the list at once); then, after commit,
    # claims looks for covered workers the list says died (a suggestion for the labour office:
    # its failure must not undo the list, and `payung claims unclaimed` finds them again).
    "dedupe.flags_changed": (
        Reaction(screening.rescreen_flagged, When.IN_TRANSACTION),
        Reaction(claims.deaths_flagged_find_unclaimed, When.AFTER_COMMIT),
    ),
}
