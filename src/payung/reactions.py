"""The reaction table: for each event a stage announces, what the later stages do, in order.

This is the one place where the stages' reactions to each other are wired. Each row names the event
(declared in :mod:`payung.events.catalogue`), then its reactions in the order they run; each says
whether it runs in the announcing transaction (a failure undoes the change) or after commit.
"""

from __future__ import annotations

from payung.events import Reaction, When
from payung.screening import reactions as screening

REACTIONS: dict[str, tuple[Reaction, ...]] = {
    # A raised budget line gives the free places to the waiting candidacies it now pays for, in
    # the same transaction as the budget (as before the event: the budget and the promotions
    # commit together).
    "budgets.budget_changed": (
        Reaction(screening.budget_changed_offer_places, When.IN_TRANSACTION),
    ),
}
