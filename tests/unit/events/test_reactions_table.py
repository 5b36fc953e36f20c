"""The reaction table as wired: for each event, which reactions run, in which order, and when.

A change of order or of a reaction's moment (in the transaction or after commit) is a change of
behaviour: it must show up here, and in the ADR (docs/adr/0034-reactions-through-one-table.md).
"""

from __future__ import annotations

from payung.events import When, reactions_of
from payung.reactions import REACTIONS

IN = When.IN_TRANSACTION
AFTER = When.AFTER_COMMIT

EXPECTED = {
    "registry.person_registered": [("payung.dedupe.reactions", "keys_of_registered", IN)],
    "registry.person_corrected": [
        ("payung.dedupe.reactions", "keys_of_corrected", IN),
        ("payung.screening.reactions", "rescreen_corrected", IN),
    ],
    "registry.persons_merged": [("payung.screening.reactions", "set_aside_merged", IN)],
    "dedupe.pairs_found": [("payung.screening.reactions", "rescreen_found", IN)],
    "dedupe.pair_decided": [("payung.screening.reactions", "rescreen_decided", IN)],
    "dedupe.flags_changed": [
        ("payung.screening.reactions", "rescreen_flagged", IN),
        # A suggestion for the labour office: a failure must not undo the list (issue 13 item 7).
        ("payung.claims.reactions", "deaths_flagged_find_unclaimed", AFTER),
    ],
}


def _rows(table):
    return {
        name: [(r.run.__module__, r.run.__name__, r.when) for r in reactions]
        for name, reactions in table.items()
    }


def test_each_event_runs_its_reactions_in_this_order_and_moment():
    # Items other branches add (e.g. budgets.budget_changed) have their own test.
    assert {name: rows for name, rows in _rows(REACTIONS).items() if name in EXPECTED} == EXPECTED
    assert set(EXPECTED) <= set(REACTIONS)


def test_the_installed_table_is_this_one():
    assert {name: list(reactions_of(name)) for name in EXPECTED} == {
        name: list(REACTIONS[name]) for name in EXPECTED
    }


def test_a_reaction_lives_in_the_stage_that_reacts_never_in_the_announcing_one():
    for name, reactions in REACTIONS.items():
        announcer = name.split(".")[0]
        for reaction in reactions:
            assert reaction.run.__module__.split(".")[1] != announcer, (name, reaction)
