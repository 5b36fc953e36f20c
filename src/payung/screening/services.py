"""Acting on candidacies and screening them: the decisions a village or a verifier takes.

:func:`candidates_act` takes one decision on many candidacies, each through the workflow's one
write path (``places.move``); an approval is the places' (``places.candidates_approve``).
:func:`candidates_act_check` says, before a confirmation, what the decision would refuse and whom
it would leave as they are. Screening (:func:`candidates_screen`) applies the programme's current
rule set (``rules``, ``domain.eligibility``) to many candidacies at once, in chunks, and keeps
every finding and the rule-set version. Below this module: ``places``, then ``rules`` and
``candidacies`` (ADR 0038).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.db import transaction
from django.db.models import Count, Q

from payung.access.actor import Actor
from payung.access.scope import require
from payung.audit.services import AuditItem, audit_bulk, audit_record
from payung.db import bulk_insert, json_text
from payung.dedupe.models import DuplicatePair, PairStatus, PersonFlag
from payung.domain.eligibility import (
    Applicant,
    Decision,
    FlagFact,
    priority_key,
    screen,
)
from payung.domain.eligibility import Screening as Result
from payung.domain.errors import DomainError, register
from payung.domain.flags import ListKind
from payung.domain.period import Month, MonthSpan
from payung.domain.workflow import (
    ACTOR_CAPABILITY,
    HOLDS_PLACE,
    TRANSITIONS,
    Action,
    State,
    reason_refusal,
)
from payung.programmes.models import Programme
from payung.registry.models import Candidate, Heir
from payung.screening.candidacies import Moved, bulk_refusal, clock, locked_candidates
from payung.screening.models import Screening
from payung.screening.places import candidates_approve, move
from payung.screening.rules import rules_of, ruleset_current

CHUNK = 2000

OVERRIDE_REASON = register(
    "screening.override_reason",
    id="Hasil penyaringan menyatakan tidak layak; verifikasi hanya dengan alasan yang jelas.",
    en="Screening found the candidate not eligible; verify only with a clear reason.",
)
NOT_SCREENED = register(
    "screening.not_screened",
    id="Kandidat belum disaring.",
    en="The candidate has not been screened.",
)

# ---------------------------------------------------------------------------------------------
# Moving candidacies along the workflow


def _check_actor(actor: Actor, action: Action) -> None:
    capability = ACTOR_CAPABILITY.get(TRANSITIONS[action].actor)
    if capability is not None:
        require(actor, capability)


def candidate_act(*, actor: Actor, candidate: Candidate, action: Action, reason: str = "") -> State:
    """One verifier or village action on one candidacy (verify, return, reject, end, submit).

    Submitting also screens; approving goes through ``places.candidate_approve``.
    """
    moved = candidates_act(actor=actor, candidate_ids=[candidate.pk], action=action, reason=reason)
    if candidate.pk in moved.refused:
        raise moved.refused[candidate.pk]
    candidate.refresh_from_db()
    return State(candidate.status)


def candidates_act(
    *,
    actor: Actor,
    candidate_ids: Sequence[int],
    action: Action,
    reason: str = "",
    bulk: bool = False,
) -> Moved:
    """``action`` on each candidacy, each in its own savepoint: one stale or refused candidacy
    does not undo the others, and none is left half-changed."""
    if action in (Action.APPROVE, Action.WAITLIST):
        return candidates_approve(
            actor=actor, candidate_ids=candidate_ids, reason=reason, bulk=bulk
        )
    _check_actor(actor, action)
    refusal = bulk_refusal(reason=reason, bulk=bulk)
    if refusal is not None:
        raise refusal
    result = Moved()
    submitted: list[int] = []
    with transaction.atomic():
        for candidate in locked_candidates(candidate_ids):
            try:
                with transaction.atomic():
                    _act_one(candidate, action, actor=actor, reason=reason)
            except DomainError as error:
                result.refused[candidate.pk] = error
                continue
            result.done[candidate.status] += 1
            if action is Action.SUBMIT:
                submitted.append(candidate.pk)
        if submitted:
            screened = candidates_screen(actor=actor, candidate_ids=submitted)
            result.done = Counter({State.SCREENED.value: screened.screened})
    return result


@dataclass(frozen=True)
class ActCheck:
    """What a decision on the chosen candidacies would do, said before it is taken."""

    refusal: DomainError | None  # what refuses the whole choice, or None
    applies: list[Candidate]  # those whose status allows the decision
    skipped: list[Candidate]  # those it leaves as they are


def candidates_act_check(
    *, candidates: Sequence[Candidate], action: Action, reason: str, bulk: bool
) -> ActCheck:
    """What :func:`candidates_act` would refuse for the whole choice (a bulk decision without a
    reason, a decision that needs one), and which candidacies it would apply to: the checks it
    runs, computed without deciding anything, for a confirmation page (ADR 0027)."""
    refusal = bulk_refusal(reason=reason, bulk=bulk) or reason_refusal(action, reason)
    sources = TRANSITIONS[action].sources
    return ActCheck(
        refusal=refusal,
        applies=[c for c in candidates if State(c.status) in sources],
        skipped=[c for c in candidates if State(c.status) not in sources],
    )


def _act_one(candidate: Candidate, action: Action, *, actor: Actor, reason: str) -> None:
    if action is Action.VERIFY:
        screening = Screening.objects.filter(candidate=candidate).first()
        if screening is None:
            raise DomainError(NOT_SCREENED)
        if screening.decision == Decision.INELIGIBLE and not reason.strip():
            raise DomainError(OVERRIDE_REASON)
    move(candidate, action, actor=actor, reason=reason)


@transaction.atomic
def candidate_open(*, actor: Actor, candidate: Candidate) -> None:
    """Record that a verifier opened a candidacy (its personal data was read, and a bulk
    approval's random sample asks for it)."""
    audit_record(
        actor=actor,
        action="candidate.open",
        target=candidate,
        subject_key=f"person:{candidate.person_id}",
    )


# ---------------------------------------------------------------------------------------------
# Screening


@dataclass(frozen=True)
class Screened:
    screened: int
    decisions: dict[str, int]
    sent_back: int  # rescreens that changed a verified or waitlisted decision


def _applicants(
    candidates: Sequence[Mapping[str, Any]], programmes: dict[int, Programme]
) -> dict[int, Applicant]:
    """What screening needs of each candidacy, in four queries for the whole chunk."""
    people = [c["person_id"] for c in candidates]
    heirs = dict(
        Heir.objects.filter(person_id__in=people)
        .values("person_id")
        .annotate(n=Count("pk"))
        .values_list("person_id", "n")
    )
    flags: dict[int, list[FlagFact]] = defaultdict(list)
    for person, kind, source, list_date in PersonFlag.objects.filter(
        person_id__in=people, active=True
    ).values_list("person_id", "kind", "source", "last_list__list_date"):
        flags[person].append(FlagFact(ListKind(kind), source, list_date))
    pairs: Counter[int] = Counter()
    for a, b in DuplicatePair.objects.filter(
        Q(person_a_id__in=people) | Q(person_b_id__in=people), status=PairStatus.OPEN
    ).values_list("person_a_id", "person_b_id"):
        pairs[a] += 1
        pairs[b] += 1
    places = _other_places(candidates, programmes)
    return {
        c["pk"]: Applicant(
            birth_date=c["person__birth_date"],
            village_code=c["village_id"],
            occupation_code=c["person__occupation_code"],
            decile=c["person__decile"],
            mother_name=c["person__mother_name"],
            heirs=heirs.get(c["person_id"], 0),
            flags=tuple(flags.get(c["person_id"], ())),
            open_duplicates=pairs[c["person_id"]],
            other_places=places.get(c["pk"], ()),
        )
        for c in candidates
    }


def _other_places(
    candidates: Sequence[Mapping[str, Any]], programmes: dict[int, Programme]
) -> dict[int, tuple[str, ...]]:
    """Per candidacy, the other programmes holding a place for its person in overlapping months."""
    people = [c["person_id"] for c in candidates]
    held: dict[int, list[tuple[int, str, MonthSpan]]] = defaultdict(list)
    for person, programme, name, year, start, months in Candidate.objects.filter(
        person_id__in=people, status__in=[s.value for s in HOLDS_PLACE]
    ).values_list(
        "person_id",
        "programme_id",
        "programme__name",
        "programme__year",
        "programme__coverage_start",
        "programme__coverage_months",
    ):
        held[person].append((programme, f"{name} ({year})", MonthSpan(Month.of(start), months)))
    if not held:
        return {}
    spans = {pk: programme.period for pk, programme in programmes.items()}
    return {
        c["pk"]: tuple(
            name
            for programme, name, span in held.get(c["person_id"], ())
            if programme != c["programme_id"] and span.overlaps(spans[c["programme_id"]])
        )
        for c in candidates
        if c["person_id"] in held
    }


_SCREEN_FROM = {State.SUBMITTED: Action.SCREEN}
_RESCREEN_FROM = frozenset({State.SCREENED, State.VERIFIED, State.WAITLISTED})
# Approved and enrolled candidacies keep their state: a new finding (a death, another payer)
# shows on the verifier's queue, who ends the candidacy with a reason.
_RESCREEN_ONLY = frozenset({State.APPROVED, State.ENROLLED, State.RETURNED})


def candidates_screen(*, actor: Actor, candidate_ids: Sequence[int]) -> Screened:
    """Screen (or screen again) the given candidacies under their programme's current rules.

    A submitted candidacy becomes ``screened``; a screened, verified or waitlisted one whose
    decision changes goes back to ``screened`` for the verifier (``rescreen``); others keep
    their state and get the new findings. Runs in chunks, one transaction each.
    """
    ids = sorted(set(candidate_ids))
    decisions: Counter[str] = Counter()
    sent_back = 0
    for start in range(0, len(ids), CHUNK):
        chunk_decisions, chunk_back = _screen_chunk(actor, ids[start : start + CHUNK])
        decisions.update(chunk_decisions)
        sent_back += chunk_back
    return Screened(sum(decisions.values()), dict(decisions), sent_back)


@transaction.atomic
def _screen_chunk(actor: Actor, ids: list[int]) -> tuple[Counter[str], int]:
    rows = list(
        Candidate.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .order_by("pk")
        .values(
            "pk",
            "status",
            "person_id",
            "village_id",
            "programme_id",
            "submitted_at",
            "person__birth_date",
            "person__occupation_code",
            "person__decile",
            "person__mother_name",
            "screening__decision",
        )
    )
    programmes = {
        p.pk: p for p in Programme.objects.filter(pk__in={r["programme_id"] for r in rows})
    }
    applicants = _applicants(rows, programmes)
    versions = {pk: ruleset_current(programme=p, actor=actor) for pk, p in programmes.items()}
    rules = {pk: rules_of(v) for pk, v in versions.items()}
    now = clock()
    screenings: list[tuple[object, ...]] = []
    moves: dict[State, list[int]] = defaultdict(list)
    audit: dict[str, list[AuditItem]] = defaultdict(list)
    decisions: Counter[str] = Counter()
    sent_back = 0
    for row in rows:
        state = State(row["status"])
        if state not in _SCREEN_FROM and state not in _RESCREEN_FROM | _RESCREEN_ONLY:
            continue
        programme = programmes[row["programme_id"]]
        rule_set = rules[programme.pk]
        result: Result = screen(
            applicants[row["pk"]],
            rule_set,
            coverage_start=programme.coverage_start,
            regency=programme.regency_id,
        )
        submitted = (row["submitted_at"] or now).astimezone(UTC).isoformat()
        findings = result.to_json()
        screenings.append(
            (
                row["pk"],
                versions[programme.pk].pk,
                result.decision.value,
                json_text(findings),
                priority_key(
                    rule_set,
                    decile=row["person__decile"],
                    occupation_code=row["person__occupation_code"],
                    submitted=submitted,
                ),
                now,
            )
        )
        decisions[result.decision.value] += 1
        if state is State.SUBMITTED:
            action, target = Action.SCREEN, State.SCREENED
        elif state in _RESCREEN_FROM and row["screening__decision"] not in (
            None,
            result.decision.value,
        ):
            action, target = Action.RESCREEN, State.SCREENED
            sent_back += state is not State.SCREENED
        else:
            action, target = Action.RESCREEN, state
        if target is not state:
            moves[target].append(row["pk"])
        audit[f"candidate.{action.value}"].append(
            AuditItem(
                ref=("registry.Candidate", str(row["pk"]), row["village_id"]),
                before={"status": state.value, "decision": row["screening__decision"]},
                after={
                    "status": target.value,
                    "decision": result.decision.value,
                    "rule_set": versions[programme.pk].version,
                    "findings": findings,
                },
                subject_key=f"person:{row['person_id']}",
            )
        )
    # The latest screening replaces the previous one; each is kept in the audit trail.
    Screening.objects.filter(candidate_id__in=[s[0] for s in screenings]).delete()
    bulk_insert(
        Screening,
        ("candidate", "rule_set", "decision", "findings", "priority_key", "screened_at"),
        screenings,
    )
    for target, moved in moves.items():
        Candidate.objects.filter(pk__in=moved).update(status=target.value, status_changed_at=now)
    for action_name, items in audit.items():
        audit_bulk(actor=actor, action=action_name, items=items)
    return decisions, sent_back


def people_rescreen(*, actor: Actor, person_ids: Iterable[int]) -> Screened:
    """Screen again every open candidacy of these people (their data or flags changed): the
    reactions to the registry's and dedupe's events (``screening/reactions.py``)."""
    people = sorted(set(person_ids))
    states = [s.value for s in _RESCREEN_FROM | _RESCREEN_ONLY]
    ids: list[int] = []
    for start in range(0, len(people), CHUNK):
        ids += Candidate.objects.filter(
            person_id__in=people[start : start + CHUNK], status__in=states
        ).values_list("pk", flat=True)
    return candidates_screen(actor=actor, candidate_ids=ids)
