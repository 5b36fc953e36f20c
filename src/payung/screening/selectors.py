"""Reading candidacies, their screening and the programme's places within the reader's region."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from payung.access.actor import Actor
from payung.access.scope import scoped
from payung.audit.models import AuditEvent
from payung.dedupe.models import DuplicatePair, PairStatus, PersonFlag
from payung.domain.errors import message_for
from payung.domain.workflow import State
from payung.programmes.models import Programme, ProgrammeArea
from payung.registry.models import Candidate
from payung.screening.models import Notice, RuleSetVersion
from payung.screening.places import area_of


@dataclass(frozen=True)
class CandidateFilter:
    status: str = ""
    decision: str = ""
    district: str = ""
    village: str = ""
    flag: str = ""  # a ListKind, or "any"
    duplicates: bool = False


def _open_pairs(person: Any) -> Exists:
    return Exists(
        DuplicatePair.objects.filter(
            Q(person_a=person) | Q(person_b=person), status=PairStatus.OPEN
        )
    )


def candidate_list(
    *,
    user: Actor,
    programme: Programme,
    where: CandidateFilter = CandidateFilter(),
    ids: Collection[int] | None = None,
) -> QuerySet[Candidate]:
    """The candidacies of ``programme`` the user may see, filtered (to ``ids`` when given: the
    ones ticked in a form, of which any the user may not see are left out), with what the
    queue shows."""
    candidates = scoped(
        Candidate.objects.filter(programme=programme).select_related(
            "person", "village", "screening", "screening__rule_set"
        ),
        user,
    ).annotate(open_pairs=_open_pairs(OuterRef("person")))
    if ids is not None:
        candidates = candidates.filter(pk__in=ids)
    if where.status:
        candidates = candidates.filter(status=where.status)
    if where.decision:
        candidates = candidates.filter(screening__decision=where.decision)
    if where.village:
        candidates = candidates.filter(village_id=where.village)
    elif where.district:
        candidates = candidates.filter(village__code__startswith=where.district + ".")
    if where.flag:
        flags = PersonFlag.objects.filter(person=OuterRef("person"), active=True)
        if where.flag != "any":
            flags = flags.filter(kind=where.flag)
        candidates = candidates.filter(Exists(flags))
    if where.duplicates:
        candidates = candidates.filter(open_pairs=True)
    return candidates.order_by("village_id", "person__full_name", "pk")


def candidate_get(*, user: Actor, pk: int) -> Candidate:
    found = scoped(
        Candidate.objects.select_related(
            "person", "village", "programme", "screening", "screening__rule_set", "submitted_by"
        ),
        user,
    ).filter(pk=pk)
    candidate = found.first()
    if candidate is None:
        raise Http404
    return candidate


def status_counts(*, user: Actor, programme: Programme) -> dict[str, int]:
    rows = (
        scoped(Candidate.objects.filter(programme=programme), user)
        .values("status")
        .annotate(n=Count("pk"))
    )
    return {r["status"]: r["n"] for r in rows}


@dataclass(frozen=True)
class FindingView:
    rule: str
    outcome: str
    code: str
    text: str


def findings_said(findings: list[dict[str, Any]], lang: str) -> list[FindingView]:
    """A screening's findings in the reader's language."""
    return [
        FindingView(
            f["rule"], f["outcome"], f["code"], message_for(f["code"], lang, **f.get("params", {}))
        )
        for f in findings
    ]


def candidate_history(*, user: Actor, candidate: Candidate) -> QuerySet[AuditEvent]:
    """The candidacy's transitions and screenings, oldest first (the reader already sees it)."""
    # Openings (``candidate.open``) are reads: in the audit trail, not in the workflow's history.
    return (
        AuditEvent.objects.filter(object_type="registry.Candidate", object_id=str(candidate.pk))
        .exclude(action="candidate.open")
        .order_by("pk")
    )


def candidate_pairs(*, user: Actor, candidate: Candidate) -> QuerySet[DuplicatePair]:
    """Open duplicate pairs of the candidate's person that the reader may see."""
    return scoped(
        DuplicatePair.objects.filter(
            Q(person_a_id=candidate.person_id) | Q(person_b_id=candidate.person_id),
            status=PairStatus.OPEN,
        ).select_related("person_a__village", "person_b__village"),
        user,
    )


def ruleset_list(*, user: Actor, programme: Programme) -> QuerySet[RuleSetVersion]:
    return scoped(programme.rule_sets.select_related("created_by"), user)


@dataclass(frozen=True)
class AreaPlaces:
    area: ProgrammeArea
    waiting: int


def places_list(*, user: Actor, programme: Programme) -> list[AreaPlaces]:
    """Each area's places, taken and free, and how many wait, for the areas the user sees."""
    areas = list(scoped(programme.areas.select_related("region"), user).order_by("region_id"))
    waiting: dict[str, int] = {}
    rows = (
        scoped(Candidate.objects.filter(programme=programme, status=State.WAITLISTED), user)
        .values("village_id")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        area = area_of(programme, row["village_id"])
        waiting[area] = waiting.get(area, 0) + row["n"]
    return [AreaPlaces(a, waiting.get(a.region_id, 0)) for a in areas]


def notice_list(*, user: Actor, unread: bool = False) -> QuerySet[Notice]:
    notices = scoped(Notice.objects.select_related("candidate__person", "region"), user)
    return notices.filter(read_at=None) if unread else notices
