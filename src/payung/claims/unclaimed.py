"""Finding the claims nobody made: deaths matched against the people covered on the death date.

A death is known to Payung two ways:

- an **external list of deaths** (``dedupe`` lists of kind ``deceased``: the civil registry's or a
  village's list), kept as an active ``PersonFlag`` with how the person was matched (the exact
  NIK, or a probable match with its score). A list row carries no death date: the person died at
  the latest on the date of the first list that held them;
- a **coverage ended because the worker died** (``enrolment.Coverage`` with ``end_reason`` died):
  the end date is the death date.

A village file's dead resident never reaches the registry (the import refuses the row,
``row.deceased``), so it is not a source here.

For each such person with an enrolment, no case yet and no death claim reported, the coverage on
the death date is read as a claim's is (:func:`~payung.claims.coverage.coverage_decision`,
arrears included); a covered worker opens one :class:`~payung.claims.models.UnclaimedDeath`
with the reasons in words. The candidates are found with a few set-based queries (the flags, the
coverage ends, the cases and the claims that already exist); only the dead who were enrolled are
read one by one, which for a regency is tens a month, not its thousands of covered workers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Final

from django.db import transaction
from django.db.models import Q

from payung.access.actor import Actor, actor_label
from payung.access.scope import require, require_region, scoped
from payung.audit.services import AuditItem, audit_bulk, audit_record
from payung.claims.coverage import coverage_decision
from payung.claims.models import Claim, ClaimKind, UnclaimedDeath, UnclaimedStatus
from payung.dedupe.models import PersonFlag
from payung.domain.errors import DomainError, Issue, note, register
from payung.domain.flags import ListKind
from payung.domain.period import day_text
from payung.domain.roles import Capability
from payung.domain.text import check_free_text
from payung.enrolment.models import Coverage, CoverageEnd
from payung.programmes.models import Programme
from payung.registry.models import Person

DEATH_KINDS: Final = (ClaimKind.JKM_DEATH, ClaimKind.JKK_DEATH)

LISTED_NIK: Final = register(
    "unclaimed.listed_nik",
    id="Tercantum di daftar kematian {source} tanggal {list_date}; cocok dengan NIK yang sama.",
    en="On the deaths list of {source} dated {list_date}; matched on the same NIK.",
)
LISTED_PROBABLE: Final = register(
    "unclaimed.listed_probable",
    id="Tercantum di daftar kematian {source} tanggal {list_date}; cocok menurut nama dan data "
    "kelahiran (kemiripan {score}), bukan NIK yang sama: periksa orangnya.",
    en="On the deaths list of {source} dated {list_date}; a probable match by name and birth "
    "data (score {score}), not the same NIK: check the person.",
)
ENDED_DIED: Final = register(
    "unclaimed.coverage_ended_died",
    id="Kepesertaan {programme} diakhiri karena meninggal dunia pada {day}.",
    en="The cover of {programme} was ended because the worker died on {day}.",
)
DATE_AT_LATEST: Final = register(
    "unclaimed.date_at_latest",
    id="Daftar tidak memuat tanggal kematian: dianggap paling lambat {day} (tanggal daftar).",
    en="The list gives no date of death: taken as {day} at the latest (the list's date).",
)
NO_CLAIM: Final = register(
    "unclaimed.no_claim",
    id="Belum ada klaim kematian (JKM atau JKK) yang dilaporkan untuk pekerja ini.",
    en="No death claim (JKM or JKK) has been reported for this worker.",
)
CLOSE_REASON: Final = register(
    "unclaimed.reason_required",
    id="Alasan menutup kasus wajib diisi.",
    en="A reason for closing the case is required.",
)
NOT_OPEN: Final = register(
    "unclaimed.not_open",
    id="Kasus ini sudah {status}; tidak ada yang diubah.",
    en="This case is already {status}; nothing was changed.",
)


@dataclass
class Death:
    """What is known of one person's death before the coverage is read."""

    person_id: int
    day: date
    exact: bool
    reasons: list[Issue] = field(default_factory=list)


@dataclass(frozen=True)
class Found:
    deaths: int  # the dead (enrolled, without a case or a death claim) read
    opened: list[UnclaimedDeath]
    not_covered: int


def _shown(day: date) -> str:
    return day_text(day)


def _deaths(people: Q) -> dict[int, Death]:
    """Person → the death known of them, limited by ``people``: the deaths lists that hold them
    first (in the order they came), then the coverage ended for death (the exact date) or, with
    none, the first list's date (at the latest)."""
    listed: dict[int, list[Issue]] = {}
    first_list: dict[int, date] = {}
    flags = (
        PersonFlag.objects.filter(kind=ListKind.DECEASED, active=True)
        .filter(person__in=Person.objects.filter(people))
        .select_related("first_list")
        .order_by("first_list__list_date", "pk")
    )
    for flag in flags:
        day = flag.first_list.list_date
        words = {"source": flag.source, "list_date": _shown(day)}
        if flag.match == "nik":
            reason = note(LISTED_NIK, **words)
        else:
            reason = note(LISTED_PROBABLE, score=f"{flag.score or 0:.2f}", **words)
        listed.setdefault(flag.person_id, []).append(reason)
        first_list.setdefault(flag.person_id, day)
    ended: dict[int, tuple[date, Issue]] = {}
    ends = (
        Coverage.objects.filter(end_reason=CoverageEnd.DIED, ended_on__isnull=False)
        .filter(enrolment__person__in=Person.objects.filter(people))
        .select_related("programme", "enrolment")
        .order_by("ended_on", "pk")
    )
    for end in ends:
        if end.ended_on is not None and end.enrolment.person_id not in ended:
            reason = note(ENDED_DIED, programme=str(end.programme), day=_shown(end.ended_on))
            ended[end.enrolment.person_id] = (end.ended_on, reason)
    found: dict[int, Death] = {}
    for person_id in sorted(set(listed) | set(ended)):
        reasons = list(listed.get(person_id, []))
        if person_id in ended:
            day, reason = ended[person_id]
            found[person_id] = Death(person_id, day, exact=True, reasons=[*reasons, reason])
        else:
            day = first_list[person_id]
            reasons.append(note(DATE_AT_LATEST, day=_shown(day)))
            found[person_id] = Death(person_id, day, exact=False, reasons=reasons)
    return found


@transaction.atomic
def unclaimed_deaths_find(
    *,
    actor: Actor,
    now: datetime,
    programme: Programme | None = None,
    region: str | None = None,
    person_ids: list[int] | None = None,
) -> Found:
    """Open a case for every worker known to have died, covered on the death date (arrears
    included), with no case yet and no death claim reported; within ``actor``'s region, and
    ``programme``'s, ``region``'s or ``person_ids`` when given. Idempotent: a re-run opens
    nothing new."""
    require(actor, Capability.VERIFY)
    people = scoped(Person.objects.all(), actor).filter(merged_into__isnull=True)
    if region:
        people = people.filter(village__code__startswith=region)
    if person_ids is not None:
        people = people.filter(pk__in=person_ids)
    people = (
        people.filter(enrolments__isnull=False)
        .exclude(unclaimed_death__isnull=False)
        .exclude(claims__kind__in=DEATH_KINDS)
        .distinct()
    )
    deaths = _deaths(Q(pk__in=people.values("pk")))
    persons = Person.objects.in_bulk(list(deaths))
    opened: list[UnclaimedDeath] = []
    not_covered = 0
    for person_id, death in sorted(deaths.items()):
        person = persons[person_id]
        decision = coverage_decision(person=person, day=death.day)
        enrolment = decision.enrolment
        if not decision.covered or enrolment is None:
            not_covered += 1
            continue
        if programme is not None and enrolment.programme_id != programme.pk:
            continue
        reasons = [*death.reasons, *decision.reasons, note(NO_CLAIM)]
        opened.append(
            UnclaimedDeath(
                person=person,
                village_id=person.village_id,
                death_date=death.day,
                date_exact=death.exact,
                enrolment=enrolment,
                programme_id=enrolment.programme_id,
                reasons=[
                    {"code": r.code, "params": dict(r.params), "severity": str(r.severity)}
                    for r in reasons
                ],
                found_at=now,
                found_by_label=actor_label(actor),
            )
        )
    UnclaimedDeath.objects.bulk_create(opened)
    audit_bulk(
        actor=actor,
        action="unclaimed_death.open",
        items=[
            AuditItem(
                target=case,
                after={
                    "death_date": case.death_date.isoformat(),
                    "date_exact": case.date_exact,
                    "programme": case.programme_id,
                    "reasons": [r["code"] for r in case.reasons],
                },
                subject_key=f"person:{case.person_id}",
            )
            for case in opened
        ],
        reason="kemungkinan JKM belum diklaim",
    )
    return Found(len(deaths), opened, not_covered)


def _decided(case: UnclaimedDeath) -> None:
    if case.status != UnclaimedStatus.OPEN:
        raise DomainError(NOT_OPEN, status=str(UnclaimedStatus(case.status).label).lower())


@transaction.atomic
def unclaimed_death_close(
    *, actor: Actor, case: UnclaimedDeath, reason: str, now: datetime
) -> UnclaimedDeath:
    """Close an open case with the labour office's reason (the heirs claimed directly at BPJS,
    the wrong person was matched …)."""
    require(actor, Capability.VERIFY)
    require_region(actor, case.village_id)
    case = UnclaimedDeath.objects.select_for_update().get(pk=case.pk)
    _decided(case)
    reason = reason.strip()
    if not reason:
        raise DomainError(CLOSE_REASON)
    check_free_text(reason, label_id="Alasan", label_en="Reason")
    case.status, case.close_reason = UnclaimedStatus.CLOSED, reason[:500]
    case.decided_by_label, case.decided_at = actor_label(actor), now
    case.save(update_fields=["status", "close_reason", "decided_by_label", "decided_at"])
    audit_record(
        actor=actor,
        action="unclaimed_death.close",
        target=case,
        subject_key=f"person:{case.person_id}",
        before={"status": UnclaimedStatus.OPEN.value},
        after={"status": case.status},
        reason=case.close_reason,
    )
    return case


def unclaimed_death_claimed(*, actor: Actor, claim: Claim) -> UnclaimedDeath | None:
    """A death claim was reported (``claims.services.claim_report``, in its transaction): the
    person's open case, if any, becomes that claim."""
    if claim.kind not in DEATH_KINDS:
        return None
    case = (
        UnclaimedDeath.objects.select_for_update()
        .filter(person_id=claim.person_id, status=UnclaimedStatus.OPEN)
        .first()
    )
    if case is None:
        return None
    case.status, case.claim = UnclaimedStatus.CLAIMED, claim
    case.decided_by_label, case.decided_at = actor_label(actor), claim.reported_at
    case.save(update_fields=["status", "claim", "decided_by_label", "decided_at"])
    audit_record(
        actor=actor,
        action="unclaimed_death.claim",
        target=case,
        subject_key=f"person:{case.person_id}",
        before={"status": UnclaimedStatus.OPEN.value},
        after={"status": case.status, "claim": claim.pk, "kind": claim.kind},
    )
    return case
