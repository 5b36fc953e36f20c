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
)
