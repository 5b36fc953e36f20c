"""Every event a stage may announce, declared once: its name (``stage.past_tense``), what it means
and the payload its reactions receive. ``actor`` is always part of the payload: the reaction acts
on behalf of whoever caused the change."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    name: str
    meaning: str
    payload: frozenset[str]


def _events(*events: Event) -> dict[str, Event]:
    return {event.name: event for event in events}


EVENTS: dict[str, Event] = _events(
    # Declared by the stages as they start announcing; see payung/reactions.py for who listens.
    Event(
        "budgets.budget_changed",
        "a payer's budget line was set: ``region`` the payer, ``year`` the line's year, "
        "``before`` the amount until now (None: a new line), ``after`` the amount now",
        frozenset({"actor", "programme", "region", "year", "before", "after"}),
    ),
    Event(
        "registry.person_registered",
        "people were created through registry.persons_register (the form, the API, the demo); "
        "person_ids are the new records. The import's commit writes people set-based and files "
        "their keys itself (imports sits above dedupe, ADR 0021): it does not announce this.",
        frozenset({"actor", "person_ids"}),
    ),
    Event(
        "registry.person_corrected",
        "a person's record was corrected (registry.person_update); fields names what changed "
        "(EDITABLE field names, and 'heirs').",
        frozenset({"actor", "person_ids", "fields"}),
    ),
    Event(
        "registry.persons_merged",
        "merged_id was recorded as the same person as kept_id (registry.persons_merge); the "
        "candidacies still on merged_id are those in a programme kept_id already takes part in, "
        "to be set aside.",
        frozenset({"actor", "kept_id", "merged_id", "reason"}),
    ),
    Event(
        "dedupe.pairs_found",
        "a scan of a region recorded new probable-duplicate pairs (dedupe.duplicates_scan); "
        "person_ids are the people in them.",
        frozenset({"actor", "person_ids"}),
    ),
    Event(
        "dedupe.pair_decided",
        "the labour office decided a probable-duplicate pair (dedupe.pair_decide): same=True "
        "merged the two records first (registry.persons_merged was announced), same=False "
        "remembered them as different people; person_ids are the pair's two people.",
        frozenset({"actor", "pair_id", "same", "person_ids"}),
    ),
    Event(
        "dedupe.flags_changed",
        "an external list or an exchange raised or ended flags (dedupe.lists.flags_update); "
        "person_ids are the people whose flags were raised or ended.",
        frozenset({"actor", "person_ids"}),
    ),
)
