"""The reaction table: for each event a stage announces, what the later stages do, in order.

This is the one place where the stages' reactions to each other are wired. Each row names the event
(declared in :mod:`payung.events.catalogue`), then its reactions in the order they run; each says
whether it runs in the announcing transaction (a failure undoes the change) or after commit.
"""

from __future__ import annotations

from payung.events import Reaction

REACTIONS: dict[str, tuple[Reaction, ...]] = {}
