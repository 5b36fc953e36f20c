"""The workflow's one write path (:func:`move`) and the places it takes and frees: approval within
the quota, the waiting list, freeing and moving places.

Every change of a candidacy's state goes through :func:`move`, which asks ``domain.workflow``
whether the action is allowed, saves, writes one audit row (``candidate.<action>``) and frees the
place when the candidacy leaves approved or enrolled. Freeing a place offers it to the waiting
list, and a promotion is a ``move`` again: the write path and the places are one module, so that
recursion needs no import hidden in a function (ADR 0038).

Each candidacy draws on one area's places (``programmes.ProgrammeArea``): its village for a
per-village quota, its district for a split total, the regency for a plain total. Approval takes
a place with one conditional ``UPDATE … SET taken = taken + 1 WHERE taken < quota``: whichever
verifier's statement reaches the row first gets the place, the database re-checks the condition
for the others, and nobody exceeds the quota however many approve at once. Whoever finds no place
is put on the waiting list, told their position. A freed place goes at once to the first person
on the waiting list (the programme's priority order), and their village receives a notice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import F, Q

from payung.access.actor import Actor, actor_pk, actor_region
from payung.access.scope import require
from payung.audit.models import AuditEvent
from payung.audit.services import audit_record
from payung.budgets.commitment import approval_check, quota_check
from payung.budgets.services import payer_region
from payung.domain.budget import EXCEEDED as BUDGET_EXCEEDED
from payung.domain.errors import DomainError, register
from payung.domain.programme import QuotaModel
from payung.domain.regions import Level, RegionCode
from payung.domain.roles import Capability
from payung.domain.workflow import (
    TRANSITIONS,
    WORKFLOW_SAMPLE,
    Action,
    State,
    bulk_sample,
    frees_place,
    transition,
)
from payung.programmes.models import Programme, ProgrammeArea
from payung.registry.models import Candidate
from payung.screening.candidacies import Moved, bulk_refusal, clock, locked_candidates
from payung.screening.models import Notice
from payung.screening.rules import rules_of, ruleset_current

QUOTA_FULL = register(
    "quota.full",
    id="Kuota {area} penuh ({taken} dari {quota} tempat terisi); kandidat masuk daftar tunggu "
    "nomor {position}.",
    en="The quota of {area} is full ({taken} of {quota} places taken); the candidate is number "
    "{position} on the waiting list.",
)
QUOTA_NO_AREA = register(
    "quota.no_area",
    id="Program ini tidak memiliki kuota untuk wilayah {area}.",
    en="This programme has no places for area {area}.",
)
MOVE_NOT_FREE = register(
    "quota.move_not_free",
    id="{area} hanya memiliki {free} tempat kosong; tidak dapat memindahkan {places}.",
    en="{area} has only {free} free places; cannot move {places}.",
)
MOVE_INVALID = register(
    "quota.move_invalid",
    id="Pemindahan kuota tidak sah: {detail}.",
    en="The move of places is not valid: {detail}.",
)
NOTICE_PROMOTION_HELD = register(
    "notice.promotion_held",
    id="Ada tempat kosong di {area}, tetapi kandidat berikutnya dari daftar tunggu belum disetujui "
    "dalam program {programme}: komitmen {committed} melebihi anggaran {budget} (kurang "
    "{shortfall}). Kandidat tetap di daftar tunggu sampai anggaran mencukupi.",
    en="A place became free in {area}, but the next candidate on the waiting list was not "
    "approved in programme {programme}: the commitment of {committed} exceeds the budget of "
    "{budget} ({shortfall} short). The candidate stays on the waiting list until the budget "
    "allows.",
)
NOTICE_PLACE_OFFERED = register(
    "notice.place_offered",
    id="Ada tempat kosong di {area}: kandidat berikutnya dari daftar tunggu kini disetujui "
    "dalam program {programme}.",
    en="A place became free in {area}: the next candidate on the waiting list is now approved "
    "in programme {programme}.",
)


def move(
    candidate: Candidate,
    action: Action,
    *,
    actor: Actor,
    reason: str = "",
    audit_after: dict[str, Any] | None = None,
) -> State:
    """Apply ``action`` to ``candidate`` (already locked by the caller, with
    ``candidacies.locked_candidates``) and audit it; free its place if it no longer holds one."""
    before = State(candidate.status)
    after = transition(
        before,
        action,
        reason=reason,
        actor_id=actor_pk(actor),
        submitted_by=candidate.submitted_by_id,
    )
    candidate.status = after.value
    candidate.status_changed_at = clock()
    fields = ["status", "status_changed_at"]
    if TRANSITIONS[action].needs_reason or action in (Action.WAITLIST, Action.PROMOTE):
        candidate.status_reason = reason
        fields.append("status_reason")
    if action is Action.SUBMIT:
        candidate.submitted_by_id = actor_pk(actor)
        candidate.submitted_at = candidate.status_changed_at
        fields += ["submitted_by", "submitted_at"]
    candidate.save(update_fields=fields)
    audit_record(
        actor=actor,
        action=f"candidate.{action.value}",
        target=candidate,
        subject_key=f"person:{candidate.person_id}",
        before={"status": before.value},
        after={"status": after.value, **(audit_after or {})},
        reason=reason,
    )
    if frees_place(before, after):
        place_release(candidate=candidate, actor=actor, reason=reason)
    return after


def area_of(programme: Programme, village_code: str) -> str:
    """The region whose places a candidacy in ``village_code`` draws on."""
    model = QuotaModel(programme.quota_model)
    if model is QuotaModel.PER_VILLAGE:
        return village_code
    if model is QuotaModel.TOTAL_BY_DISTRICT:
        return RegionCode(village_code).ancestor(Level.DISTRICT).code
    return programme.regency_id


def in_area(programme: Programme, area: str) -> Q:
    """The candidacies of ``programme`` drawing on ``area``'s places."""
    model = QuotaModel(programme.quota_model)
    condition = Q(programme_id=programme.pk)
    if model is QuotaModel.PER_VILLAGE:
        return condition & Q(village_id=area)
    if model is QuotaModel.TOTAL_BY_DISTRICT:
        return condition & Q(village__code__startswith=area + ".")
    return condition


def _take(programme: Programme, area: str) -> bool:
    return (
        ProgrammeArea.objects.filter(
            programme_id=programme.pk, region_id=area, taken__lt=F("quota")
        ).update(taken=F("taken") + 1)
        == 1
    )


def waitlist_position(candidate: Candidate) -> int:
    """1 for the first person on the waiting list of the candidacy's area."""
    programme = candidate.programme
    key = candidate.screening.priority_key
    ahead = Candidate.objects.filter(
        in_area(programme, area_of(programme, candidate.village_id)),
        Q(screening__priority_key__lt=key) | Q(screening__priority_key=key, pk__lt=candidate.pk),
        status=State.WAITLISTED,
    ).count()
    return ahead + 1


def candidates_approve(
    *, actor: Actor, candidate_ids: Sequence[int], reason: str = "", bulk: bool = False
) -> Moved:
    """Approve each verified candidacy within its area's quota, or put it on the waiting list.

    Each candidacy in its own savepoint; areas are reached in one order (area, then candidacy)
    so two bulk approvals cannot deadlock on the area rows.
    """
    require(actor, Capability.VERIFY)
    refusal = bulk_refusal(reason=reason, bulk=bulk)
    if refusal is not None:
        raise refusal
    if bulk:
        _check_sample(actor, candidate_ids)
    result = Moved()
    with transaction.atomic():
        candidates = locked_candidates(candidate_ids)
        candidates.sort(key=lambda c: (area_of(c.programme, c.village_id), c.pk))
        for candidate in candidates:
            try:
                with transaction.atomic():
                    note = _approve_one(candidate, actor=actor, reason=reason)
            except DomainError as error:
                result.refused[candidate.pk] = error
                continue
            result.done[candidate.status] += 1
            if note is not None:
                result.notes[candidate.pk] = note
    return result


def _check_sample(actor: Actor, candidate_ids: Sequence[int]) -> None:
    """Refuse a bulk approval until the verifier has opened the programme's random sample."""
    by_programme: dict[int, list[int]] = {}
    for pk, programme_id in Candidate.objects.filter(pk__in=candidate_ids).values_list(
        "pk", "programme_id"
    ):
        by_programme.setdefault(programme_id, []).append(pk)
    for programme in Programme.objects.filter(pk__in=by_programme):
        size = rules_of(ruleset_current(programme=programme, actor=actor)).bulk_sample
        ids = by_programme[programme.pk]
        sample = bulk_sample(ids, size, seed=f"{actor_pk(actor) or ''}:{sorted(ids)}")
        if not sample:
            continue
        opened = opened_by(actor=actor, candidate_ids=sample)
        missing = [pk for pk in sample if pk not in opened]
        if missing:
            raise DomainError(
                WORKFLOW_SAMPLE,
                total=len(ids),
                count=len(missing),
                candidates=", ".join(f"#{pk}" for pk in missing),
            )


def opened_by(*, actor: Actor, candidate_ids: Sequence[int]) -> set[int]:
    """Candidacies ``actor`` opened (``candidate.open``) since their last change of state."""
    changed = dict(
        Candidate.objects.filter(pk__in=candidate_ids).values_list("pk", "status_changed_at")
    )
    opened: set[int] = set()
    for object_id, at in AuditEvent.objects.filter(
        action="candidate.open",
        actor_id=actor_pk(actor),
        object_type="registry.Candidate",
        object_id__in=[str(pk) for pk in candidate_ids],
    ).values_list("object_id", "occurred_at"):
        since = changed.get(int(object_id))
        if since is None or at >= since:
            opened.add(int(object_id))
    return opened


def candidate_approve(*, actor: Actor, candidate: Candidate, reason: str = "") -> Moved:
    result = candidates_approve(actor=actor, candidate_ids=[candidate.pk], reason=reason)
    if candidate.pk in result.refused:
        raise result.refused[candidate.pk]
    return result


def _approve_one(candidate: Candidate, *, actor: Actor, reason: str) -> DomainError | None:
    # The workflow first (verified, maker-checker), so a refused approval takes no place.
    transition(
        State(candidate.status),
        Action.APPROVE,
        actor_id=actor_pk(actor),
        submitted_by=candidate.submitted_by_id,
    )
    programme = candidate.programme
    area = area_of(programme, candidate.village_id)
    # Approvals in one area queue on its row, so each waiting-list position is counted after
    # the previous approval's; the conditional update below is the quota's guard regardless.
    row = (
        ProgrammeArea.objects.select_for_update()
        .filter(programme_id=programme.pk, region_id=area)
        .first()
    )
    if row is None:
        raise DomainError(QUOTA_NO_AREA, area=area)
    if _take(programme, area):
        move(candidate, Action.APPROVE, actor=actor, reason=reason, audit_after={"area": area})
        # The payer's budget against the places now taken: beyond it the approval is refused
        # (this savepoint rolls back, the place with it), near it the approval carries a note.
        return approval_check(programme=programme, village=candidate.village_id)
    move(candidate, Action.WAITLIST, actor=actor, reason=reason, audit_after={"area": area})
    note = DomainError(
        QUOTA_FULL,
        area=area,
        taken=row.taken,
        quota=row.quota,
        position=waitlist_position(candidate),
    )
    # The waiting-list message is part of the record: the audit row says why the person waits.
    audit_record(
        actor=actor,
        action="candidate.waitlist_reason",
        target=candidate,
        subject_key=f"person:{candidate.person_id}",
        after={"code": note.code, **note.params},
    )
    return note


def place_release(*, candidate: Candidate, actor: Actor, reason: str) -> None:
    """The candidacy no longer holds its place: free it and offer it to the waiting list."""
    programme = candidate.programme
    area = area_of(programme, candidate.village_id)
    ProgrammeArea.objects.filter(programme_id=programme.pk, region_id=area, taken__gt=0).update(
        taken=F("taken") - 1
    )
    audit_record(
        actor=actor,
        action="place.release",
        target=candidate,
        subject_key=f"person:{candidate.person_id}",
        after={"area": area},
        reason=reason,
    )
    waitlist_promote(programme=programme, area=area, actor=actor)


def waitlist_promote(*, programme: Programme, area: str, actor: Actor) -> list[Candidate]:
    """Give the free places of ``area`` to the waiting list, first in priority order first.

    A promotion is an approval and passes the same budget check (ADR 0024): one the payer's
    budget cannot pay is not made. The candidacy stays on the waiting list in its position, the
    place stays free, and an audit row (``candidate.promotion_held``) and a notice to the village
    say why; the candidacies of that payer are then passed over in this round (its budget is the
    same for all of them), and those of other payers (villages billed under a shared quota) may
    take the place. Raising the budget offers the places again (:func:`waitlist_offer`).
    """
    promoted: list[Candidate] = []
    held: set[str] = set()  # payers found beyond their budget in this round
    while True:
        waiting = Candidate.objects.filter(in_area(programme, area), status=State.WAITLISTED)
        if held and not programme.payer.bills_villages:
            return promoted  # one payer for every candidacy
        following = (
            waiting.exclude(village_id__in=held)
            .select_for_update(of=("self",))
            .select_related("programme")
            .order_by("screening__priority_key", "pk")
            .first()
        )
        if following is None:
            return promoted
        try:
            with transaction.atomic():
                if not _take(programme, area):
                    return promoted
                move(
                    following,
                    Action.PROMOTE,
                    actor=actor,
                    reason="place freed",
                    audit_after={"area": area},
                )
                # Beyond the budget: raises, the savepoint undoes both.
                approval_check(programme=programme, village=following.village_id)
        except DomainError as refusal:
            if refusal.code != BUDGET_EXCEEDED:
                raise
            following.refresh_from_db(fields=["status", "status_changed_at", "status_reason"])
            held.add(payer_region(programme, following.village_id))
            _promotion_held(following, area=area, refusal=refusal, actor=actor)
            continue
        Notice.objects.create(
            region_id=following.village_id,
            candidate=following,
            code=NOTICE_PLACE_OFFERED,
            params={"area": area, "programme": str(programme)},
        )
        promoted.append(following)


def _promotion_held(candidate: Candidate, *, area: str, refusal: DomainError, actor: Actor) -> None:
    """Record why a free place was not given to ``candidate``, and tell the village once."""
    audit_record(
        actor=actor,
        action="candidate.promotion_held",
        target=candidate,
        subject_key=f"person:{candidate.person_id}",
        after={"area": area, "code": refusal.code, **refusal.params},
    )
    params = {"area": area, "programme": str(candidate.programme), **refusal.params}
    unread = Notice.objects.filter(candidate=candidate, code=NOTICE_PROMOTION_HELD, read_at=None)
    if not unread.exists():  # the audit trail keeps every attempt; the village needs one notice
        Notice.objects.create(
            region_id=candidate.village_id,
            candidate=candidate,
            code=NOTICE_PROMOTION_HELD,
            params=params,
        )


def waitlist_offer(*, programme: Programme, region: str, actor: Actor) -> list[Candidate]:
    """Offer the free places again to the waiting candidacies paid for by the payer of
    ``region`` (the village, or the regency): called when its budget was raised (the reaction
    to ``budgets.budget_changed``, ``screening.reactions``)."""
    waiting = Candidate.objects.filter(programme=programme, status=State.WAITLISTED)
    if region != programme.regency_id:
        waiting = waiting.filter(village_id=region)
    villages = waiting.order_by().values_list("village_id", flat=True).distinct()
    promoted: list[Candidate] = []
    for area in sorted({area_of(programme, village) for village in villages}):
        promoted += waitlist_promote(programme=programme, area=area, actor=actor)
    return promoted


def places_move_check(
    *,
    actor: Actor,
    programme: Programme,
    source: str,
    target: str,
    places: int,
    reason: str,
    areas: Mapping[str, ProgrammeArea],
) -> DomainError | None:
    """The refusal :func:`places_move` raises for this move between ``areas`` (region code → the
    programme's area), or None: the service asks it of the rows it locked, the confirmation page
    of the areas its user sees, so the page refuses what the service would, in the same words."""
    if not reason.strip():
        return DomainError(MOVE_INVALID, detail="reason")
    if places < 1 or source == target:
        return DomainError(MOVE_INVALID, detail=f"{places} from {source} to {target}")
    scope = actor_region(actor)
    if scope is not None and not scope.contains(RegionCode(programme.regency_id)):
        return DomainError(MOVE_INVALID, detail="programme outside your region")
    if source not in areas or target not in areas:
        return DomainError(QUOTA_NO_AREA, area=source if source not in areas else target)
    if areas[source].free < places:
        return DomainError(MOVE_NOT_FREE, area=source, free=areas[source].free, places=places)
    return None


@transaction.atomic
def places_move(
    *, actor: Actor, programme: Programme, source: str, target: str, places: int, reason: str
) -> tuple[ProgrammeArea, ProgrammeArea]:
    """Move ``places`` unused places from area ``source`` to area ``target`` (an explicit,
    audited administrator decision), then fill them from ``target``'s waiting list."""
    require(actor, Capability.MANAGE_PROGRAMMES)
    # Both rows locked in one order, so two moves between the same areas cannot deadlock.
    rows = {
        a.region_id: a
        for a in ProgrammeArea.objects.select_for_update()
        .filter(programme=programme, region_id__in=[source, target])
        .order_by("region_id")
    }
    refusal = places_move_check(
        actor=actor,
        programme=programme,
        source=source,
        target=target,
        places=places,
        reason=reason,
        areas=rows,
    )
    if refusal is not None:
        raise refusal
    giving, receiving = rows[source], rows[target]
    for area, change in ((giving, -places), (receiving, places)):
        before = {"quota": area.quota, "taken": area.taken}
        area.quota += change
        area.save(update_fields=["quota"])
        audit_record(
            actor=actor,
            action="programme_area.move_places",
            target=area,
            before=before,
            after={"quota": area.quota, "taken": area.taken, "from": source, "to": target},
            reason=reason,
        )
    quota_check(programme, target)  # refuses a quota the receiving payer's budget cannot pay
    waitlist_promote(programme=programme, area=target, actor=actor)
    receiving.refresh_from_db()
    return giving, receiving
