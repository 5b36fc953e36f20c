"""The path of a candidacy from the village's list to a place in the programme.

One transition table, :data:`TRANSITIONS`, is the whole workflow: services ask it whether an
action is allowed from the current state, whether it needs a reason, and whether the maker may
also be the checker. Anything not in the table is refused with ``workflow.illegal``.

::

    draft ──submit──▶ submitted ──screen──▶ screened ──verify──▶ verified ──approve──▶ approved
                                             ▲    │                  │                 │  │
                                    rescreen │    │ return, reject   └──waitlist──▶ waitlisted
                                             │    ▼                                    │
    (verified, waitlisted) ──────────────────┘  returned ──submit──▶ submitted      promote
                                                                                       ▼
    approved ──enrol──▶ enrolled ──end──▶ ended                                     approved
    (screened, verified, waitlisted, returned, approved) ──reject──▶ rejected
    (submitted, screened, verified, waitlisted) ──return──▶ returned
    approved ──end──▶ ended            any open state ──merge──▶ merged

Who acts: the village (a role with ``collect_data``) submits; the system screens, rescreens
(when data, lists or duplicates change), promotes from the waiting list and merges; the labour
office (a role with ``verify``) verifies, approves (which ends as approved or waitlisted, by the
quota), returns, rejects and ends. The buttons a page offers are read from this table too
(:func:`offered_actions`, :func:`bulk_actions`): waitlisting is an approval's outcome, never
chosen, and participation is ended one candidacy at a time, never in a bulk decision.
A reason is required to return, reject and end; whoever submitted may not verify or approve
(maker-checker). States ``rejected``, ``ended`` and ``merged`` are final. A place is *taken* in
``approved`` and ``enrolled``; leaving them frees it, and the waiting list's first person is
promoted.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from payung.domain.errors import DomainError, register
from payung.domain.roles import Capability, Role


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    SCREENED = "screened"
    RETURNED = "returned"
    REJECTED = "rejected"
    VERIFIED = "verified"
    APPROVED = "approved"
    WAITLISTED = "waitlisted"
    ENROLLED = "enrolled"
    ENDED = "ended"
    MERGED = "merged"


class Action(StrEnum):
    SUBMIT = "submit"
    SCREEN = "screen"
    RESCREEN = "rescreen"
    VERIFY = "verify"
    RETURN = "return"
    REJECT = "reject"
    APPROVE = "approve"
    WAITLIST = "waitlist"
    PROMOTE = "promote"
    ENROL = "enrol"
    END = "end"
    MERGE = "merge"


class Actor(StrEnum):
    """Who performs an action: the village (data collection), the labour office, the system."""

    VILLAGE = "village"
    VERIFIER = "verifier"
    SYSTEM = "system"


WORKFLOW_ILLEGAL: Final = register(
    "workflow.illegal",
    id="Tindakan '{action}' tidak berlaku untuk kandidat berstatus '{state}'.",
    en="Action '{action}' does not apply to a candidate whose status is '{state}'.",
)
WORKFLOW_REASON: Final = register(
    "workflow.reason_required",
    id="Alasan wajib diisi untuk tindakan '{action}'.",
    en="A reason is required for action '{action}'.",
)
WORKFLOW_SAMPLE: Final = register(
    "workflow.sample_unopened",
    id="Sebelum menyetujui {total} calon sekaligus, buka dulu {count} calon contoh acak ini: "
    "{candidates}.",
    en="Before approving {total} candidates at once, open these {count} randomly drawn "
    "candidates first: {candidates}.",
)
WORKFLOW_MAKER_CHECKER: Final = register(
    "workflow.maker_checker",
    id="Anda yang mengajukan kandidat ini, jadi tidak boleh juga memverifikasi atau "
    "menyetujuinya. Minta verifikator lain.",
    en="You submitted this candidate, so you may not also verify or approve it. Ask another "
    "verifier.",
)


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[State]
    target: State
    actor: Actor
    needs_reason: bool = False
    maker_checker: bool = False  # the submitter may not perform it
    chosen: bool = True  # False: never chosen, only the outcome of another action
    in_bulk: bool = True  # may be decided for several candidacies at once


_S = State
_OPEN: Final = frozenset(
    {_S.DRAFT, _S.SUBMITTED, _S.SCREENED, _S.RETURNED, _S.VERIFIED, _S.APPROVED, _S.WAITLISTED}
)

TRANSITIONS: Final[dict[Action, Transition]] = {
    t.action: t
    for t in (
        Transition(Action.SUBMIT, frozenset({_S.DRAFT, _S.RETURNED}), _S.SUBMITTED, Actor.VILLAGE),
        Transition(Action.SCREEN, frozenset({_S.SUBMITTED}), _S.SCREENED, Actor.SYSTEM),
        Transition(
            Action.RESCREEN,
            frozenset({_S.SCREENED, _S.VERIFIED, _S.WAITLISTED}),
            _S.SCREENED,
            Actor.SYSTEM,
        ),
        Transition(
            Action.VERIFY,
            frozenset({_S.SCREENED}),
            _S.VERIFIED,
            Actor.VERIFIER,
            maker_checker=True,
        ),
        Transition(
            Action.RETURN,
            frozenset({_S.SUBMITTED, _S.SCREENED, _S.VERIFIED, _S.WAITLISTED}),
            _S.RETURNED,
            Actor.VERIFIER,
            needs_reason=True,
        ),
        Transition(
            Action.REJECT,
            frozenset({_S.SCREENED, _S.VERIFIED, _S.WAITLISTED, _S.RETURNED, _S.APPROVED}),
            _S.REJECTED,
            Actor.VERIFIER,
            needs_reason=True,
        ),
        Transition(
            Action.APPROVE,
            frozenset({_S.VERIFIED}),
            _S.APPROVED,
            Actor.VERIFIER,
            maker_checker=True,
        ),
        Transition(
            Action.WAITLIST,
            frozenset({_S.VERIFIED}),
            _S.WAITLISTED,
            Actor.VERIFIER,
            maker_checker=True,
            chosen=False,  # an approval when the quota is full
        ),
        Transition(Action.PROMOTE, frozenset({_S.WAITLISTED}), _S.APPROVED, Actor.SYSTEM),
        Transition(Action.ENROL, frozenset({_S.APPROVED}), _S.ENROLLED, Actor.SYSTEM),
        Transition(
            Action.END,
            frozenset({_S.APPROVED, _S.ENROLLED}),
            _S.ENDED,
            Actor.VERIFIER,
            needs_reason=True,
            in_bulk=False,
        ),
        Transition(Action.MERGE, _OPEN, _S.MERGED, Actor.SYSTEM),
    )
}

# The capability that lets a user act as the village or as the labour office.
ACTOR_CAPABILITY: Final[dict[Actor, Capability]] = {
    Actor.VILLAGE: Capability.COLLECT_DATA,
    Actor.VERIFIER: Capability.VERIFY,
}

# States in which the candidate holds one of the programme's places.
HOLDS_PLACE: Final = frozenset({State.APPROVED, State.ENROLLED})
FINAL: Final = frozenset({State.REJECTED, State.ENDED, State.MERGED})


def transition(
    state: State,
    action: Action,
    *,
    reason: str = "",
    actor_id: int | None = None,
    submitted_by: int | None = None,
) -> State:
    """The state ``action`` leads to from ``state``, or a ``DomainError`` saying why not."""
    rule = TRANSITIONS[action]
    if state not in rule.sources:
        raise DomainError(WORKFLOW_ILLEGAL, action=action.value, state=state.value)
    refusal = reason_refusal(action, reason)
    if refusal is not None:
        raise refusal
    if rule.maker_checker and actor_id is not None and actor_id == submitted_by:
        raise DomainError(WORKFLOW_MAKER_CHECKER)
    return rule.target


def reason_refusal(action: Action, reason: str) -> DomainError | None:
    """``workflow.reason_required`` when ``action`` needs a reason and ``reason`` is blank: the
    check :func:`transition` makes, for a page to ask before anything is decided."""
    if TRANSITIONS[action].needs_reason and not reason.strip():
        return DomainError(WORKFLOW_REASON, action=action.value)
    return None


def frees_place(before: State, after: State) -> bool:
    return before in HOLDS_PLACE and after not in HOLDS_PLACE


def allowed_actions(state: State, actor: Actor) -> tuple[Action, ...]:
    """What ``actor`` can do from ``state`` (the buttons a screen offers)."""
    return tuple(a for a, t in TRANSITIONS.items() if state in t.sources and t.actor is actor)


def actors_of(role: Role) -> frozenset[Actor]:
    """Whom a user of ``role`` may act as (never the system)."""
    return frozenset(actor for actor, needed in ACTOR_CAPABILITY.items() if role.can(needed))


def offered_actions(state: State, role: Role) -> tuple[Action, ...]:
    """The decisions a page offers a user of ``role`` on a candidacy in ``state``: the chosen
    transitions the table allows from ``state`` to an actor the role may act as, in table
    order."""
    actors = actors_of(role)
    return tuple(
        action
        for action, rule in TRANSITIONS.items()
        if rule.chosen and state in rule.sources and rule.actor in actors
    )


def bulk_actions(role: Role) -> tuple[Action, ...]:
    """The decisions a user of ``role`` may take on several candidacies at once, in table
    order (each applies to those of them whose state allows it)."""
    actors = actors_of(role)
    return tuple(
        action
        for action, rule in TRANSITIONS.items()
        if rule.chosen and rule.in_bulk and rule.actor in actors
    )


def bulk_sample(candidate_ids: Iterable[int], size: int, *, seed: str) -> tuple[int, ...]:
    """The candidacies a verifier must open before approving ``candidate_ids`` at once.

    Drawn at random, but the same for the same verifier and selection (``seed``), so the
    verifier can open them and come back; a different selection draws again. No sample when
    the selection is no larger than ``size``.
    """
    chosen = sorted(set(candidate_ids))
    if size <= 0 or len(chosen) <= size:
        return ()
    # Not for secrets: a fair, repeatable draw the verifier cannot choose.
    return tuple(sorted(random.Random(seed).sample(chosen, size)))  # noqa: S311
