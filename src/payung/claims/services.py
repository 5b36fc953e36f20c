"""The writes of claims, each one audited transaction (the only code that changes a claim).

- :func:`claim_report` records a report (Permenaker 1/2025 Pasal 48A's minimum) and, in the same
  transaction, the coverage decision on the event date: ``reported`` then ``coverage_checked``.
  A report for a worker who was not covered is recorded too, with why: that gap is what the
  regency must see.
- :func:`document_upload` keeps one document, its type checked from its bytes, sealed at rest.
- :func:`document_open` gives a document's bytes back to a reader who may see it, and audits it.

The later steps (documents complete, submitted, paid, rejected, returned, handed over) follow the
domain's transition table, merged separately.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Final

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import override

from payung.access.actor import Actor, actor_label, actor_pk
from payung.access.scope import require, require_region
from payung.audit.services import audit_record
from payung.claims.coverage import coverage_decision
from payung.claims.entitlement import claim_entitlement, claim_heirs, document_facts, recorded_heir
from payung.claims.models import Claim, ClaimChild, ClaimDocument, ClaimKind, ClaimStatus
from payung.claims.unclaimed import unclaimed_death_claimed
from payung.domain import claims as lifecycle
from payung.domain._digits import mask
from payung.domain.benefits import (
    BENEFIT_TABLES,
    LEVEL_LABELS,
    LEVEL_YEARS,
    Component,
    SchoolLevel,
    Transport,
)
from payung.domain.errors import DomainError, register
from payung.domain.heirs import check_claimant
from payung.domain.money import format_rupiah
from payung.domain.period import day_text
from payung.domain.phone import parse_phone
from payung.domain.roles import Capability
from payung.domain.text import check_free_text
from payung.files.documents import TYPES, DocumentType, check_document
from payung.registry import crypto
from payung.registry.models import Heir, Person

DOCUMENT_CONTEXT: Final = "claim_document"
_KIND: Final = re.compile(r"[a-z0-9_]{1,40}")

EVENT_IN_FUTURE: Final = register(
    "claim.event_in_future",
    id="Tanggal kejadian {day} belum terjadi; periksa tanggalnya.",
    en="The event date {day} has not happened yet; check the date.",
)
REQUIRED: Final = register(
    "claim.required",
    id="{label_id} wajib diisi.",
    en="{label_en} is required.",
)
ON_THE_WAY_JKK: Final = register(
    "claim.on_the_way_jkk",
    id="Kecelakaan dalam perjalanan berangkat atau pulang kerja hanya untuk klaim JKK.",
    en="An accident on the way to or from work applies to JKK claims only.",
)
DOCUMENT_KIND: Final = register(
    "claim.document_kind",
    id="Jenis dokumen wajib dipilih (huruf kecil, angka dan garis bawah).",
    en="Choose the document's kind (lower-case letters, digits and underscores).",
)

NOT_ON_CHECKLIST: Final = register(
    "claim_documents.not_on_checklist",
    id="Jenis dokumen '{kind}' tidak ada dalam daftar dokumen klaim jenis ini.",
    en="The document kind '{kind}' is not on this kind of claim's checklist.",
)
AMOUNT_NEGATIVE: Final = register(
    "claim.amount_negative",
    id="Jumlah yang dibayar tidak boleh negatif.",
    en="An amount paid cannot be negative.",
)

# (field, Indonesian label, English label) of the free text a report holds.
_ONE_LINE: Final = (
    ("place", "Tempat kejadian", "Place of the event"),
    ("cause", "Penyebab", "Cause"),
    ("reporter_name", "Nama pelapor", "Reporter's name"),
)


@dataclass(frozen=True)
class Report:
    """What a report says (Permenaker 1/2025 Pasal 48A): the chronology with place, cause, date
    and time, and who to call back."""

    kind: ClaimKind
    event_date: date
    event_time: time
    place: str
    cause: str
    chronology: str
    reporter_name: str
    reporter_phone: str
    on_the_way: bool = False
    traffic_accident: bool = False  # a police report is then on the checklist


def _checked(report: Report, today: date) -> tuple[dict[str, str], str]:
    """The report's texts trimmed and checked, and the phone in E.164; or the refusal."""
    texts: dict[str, str] = {}
    for field, label_id, label_en in _ONE_LINE:
        value = str(getattr(report, field)).strip()
        if not value:
            raise DomainError(REQUIRED, label_id=label_id, label_en=label_en)
        check_free_text(value, label_id=label_id, label_en=label_en)
        texts[field] = value
    chronology = report.chronology.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not chronology:
        raise DomainError(REQUIRED, label_id="Kronologi", label_en="Chronology")
    # A chronology is told in lines: a line break is allowed, every other control character not.
    for number, line in enumerate(chronology.split("\n"), start=1):
        check_free_text(
            line, label_id=f"Kronologi (baris {number})", label_en=f"Chronology (line {number})"
        )
    texts["chronology"] = chronology
    if report.event_date > today:
        raise DomainError(EVENT_IN_FUTURE, day=day_text(report.event_date))
    if report.on_the_way and report.kind == ClaimKind.JKM_DEATH:
        raise DomainError(ON_THE_WAY_JKK)
    return texts, parse_phone(report.reporter_phone).e164


@transaction.atomic
def claim_report(*, actor: Actor, person: Person, report: Report, now: datetime) -> Claim:
    """Record a report for ``person`` (as reached by the reporter) and decide its coverage."""
    require(actor, Capability.REPORT_CLAIMS)
    while person.merged_into_id is not None:  # a merged record stands for the person kept
        person = Person.objects.get(pk=person.merged_into_id)
    require_region(actor, person.village_id)
    texts, phone = _checked(report, now.date())
    claim = Claim.objects.create(
        person=person,
        village_id=person.village_id,
        kind=report.kind,
        on_the_way=report.on_the_way,
        traffic_accident=report.traffic_accident,
        status=ClaimStatus.REPORTED,
        event_date=report.event_date,
        event_time=report.event_time,
        reporter_phone=phone,
        reported_by_id=actor_pk(actor),
        reported_by_label=actor_label(actor),
        reported_at=now,
        **texts,
    )
    subject = f"person:{person.pk}"
    audit_record(
        actor=actor,
        action="claim.report",
        target=claim,
        subject_key=subject,
        after={
            "kind": claim.kind,
            "event_date": claim.event_date.isoformat(),
            "event_time": claim.event_time.strftime("%H:%M"),
            "on_the_way": claim.on_the_way,
            "reporter_name": claim.reporter_name,
            "reporter_phone": mask(phone),
        },
    )
    decision = coverage_decision(person=person, day=claim.event_date)
    claim.covered = decision.covered
    claim.enrolment = decision.enrolment
    claim.programme_id = decision.enrolment.programme_id if decision.enrolment else None
    claim.coverage_reasons = [
        {"code": r.code, "params": dict(r.params), "severity": str(r.severity)}
        for r in decision.reasons
    ]
    claim.coverage_checked_at = now
    claim.status = ClaimStatus.COVERAGE_CHECKED
    claim.save(
        update_fields=[
            "covered",
            "enrolment",
            "programme",
            "coverage_reasons",
            "coverage_checked_at",
            "status",
        ]
    )
    audit_record(
        actor=actor,
        action="claim.coverage_check",
        target=claim,
        subject_key=subject,
        before={"status": ClaimStatus.REPORTED.value},
        after={
            "status": claim.status,
            "covered": claim.covered,
            "programme": claim.programme_id,
            "kpj": mask(decision.enrolment.kpj) if decision.enrolment else None,
            "reasons": [r.code for r in decision.reasons],
        },
    )
    # A death reported: an open "kemungkinan JKM belum diklaim" case of the person is this claim.
    unclaimed_death_claimed(actor=actor, claim=claim)
    return claim


@transaction.atomic
def document_upload(
    *, actor: Actor, claim: Claim, kind: str, data: bytes, file_name: str
) -> ClaimDocument:
    """Keep one document of ``claim``: PDF, JPEG or PNG by its bytes (``document.*`` refusals),
    sealed with the data key."""
    require(actor, Capability.REPORT_CLAIMS)
    require_region(actor, claim.village_id)
    kind = kind.strip()
    if not _KIND.fullmatch(kind):
        raise DomainError(DOCUMENT_KIND)
    claim_kind = lifecycle.Kind(claim.kind)
    if not any(d.code == kind and claim_kind in d.kinds for d in lifecycle.CHECKLIST.documents):
        raise DomainError(NOT_ON_CHECKLIST, kind=kind)
    found: DocumentType = check_document(data, name=file_name)
    name = file_name.strip().replace("\\", "/").rsplit("/", 1)[-1][:200] or f"dokumen.{found.kind}"
    check_free_text(name, label_id="Nama berkas", label_en="File name")
    digest = hashlib.sha256(data).hexdigest()
    document = ClaimDocument.objects.create(
        claim=claim,
        kind=kind,
        file_type=found.kind,
        file_name=name,
        size=len(data),
        sha256=digest,
        content=crypto.seal(data, context=DOCUMENT_CONTEXT),
        uploaded_by_id=actor_pk(actor),
    )
    audit_record(
        actor=actor,
        action="claim_document.upload",
        target=document,
        subject_key=f"person:{claim.person_id}",
        after={"kind": kind, "file_type": found.kind, "size": len(data), "sha256": digest},
    )
    return document


@dataclass(frozen=True)
class Opened:
    name: str
    content_type: str
    data: bytes


@transaction.atomic
def document_open(*, actor: Actor, document: ClaimDocument) -> Opened:
    """A document's bytes for a reader who may see it (reached through a scoped selector); every
    opening is audited."""
    require(actor, Capability.REPORT_CLAIMS)
    require_region(actor, document.claim.village_id)
    data = crypto.unseal(bytes(document.content), context=DOCUMENT_CONTEXT)
    audit_record(
        actor=actor,
        action="claim_document.open",
        target=document,
        subject_key=f"person:{document.claim.person_id}",
        after={"kind": document.kind, "file_type": document.file_type},
    )
    return Opened(document.file_name, TYPES[document.file_type].content_type, data)


# The lifecycle after the report (``domain.claims.TRANSITIONS`` decides what is legal) ----------

DOCUMENTS_MISSING: Final = register(
    "claim_documents.missing",
    id="Dokumen belum lengkap; masih kurang: {missing_id}.",
    en="The documents are not complete; still missing: {missing_en}.",
)
CLAIMANT_REQUIRED: Final = register(
    "claim.claimant_required",
    id="Pilih ahli waris yang mengajukan klaim kematian ini.",
    en="Choose the heir who claims this death benefit.",
)
_STATUS: Final = ("status", "status_changed_by_label")
_AS: Final = (lifecycle.Actor.LABOUR_OFFICE, lifecycle.Actor.BPJS_LIAISON, lifecycle.Actor.VILLAGE)


def _acting_as(actor: Actor, action: lifecycle.Action) -> lifecycle.Actor:
    """The domain's actor ``actor`` takes ``action`` as: one the action admits if they can be
    it, else one they can be (the domain then refuses with ``claim.actor``); 403 if none."""
    rule = lifecycle.TRANSITIONS[action]
    can = [a for a in _AS if _can(actor, lifecycle.ACTOR_CAPABILITY[a])]
    if not can:
        raise PermissionDenied(action.value)
    return next((a for a in can if a in rule.actors), can[0])


def _can(actor: Actor, capability: Capability) -> bool:
    try:
        require(actor, capability)
    except PermissionDenied:
        return False
    return True


def _move(
    *, actor: Actor, claim: Claim, action: lifecycle.Action, step: lifecycle.Step
) -> tuple[Claim, str]:
    """Lock the claim, check its region and the domain's transition; the state before."""
    require(actor, Capability.REPORT_CLAIMS)
    locked = Claim.objects.select_for_update().select_related("person").get(pk=claim.pk)
    require_region(actor, locked.village_id)
    before = locked.status
    as_actor = _acting_as(actor, action)
    require(actor, lifecycle.ACTOR_CAPABILITY[as_actor])
    target = lifecycle.transition(
        lifecycle.State(before),
        action,
        actor=as_actor,
        step=step,
        actor_id=actor_pk(actor),
        reported_by=locked.reported_by_id,
    )
    locked.status = target.value
    locked.status_changed_by_label = actor_label(actor)
    return locked, before


def _saved(
    *, actor: Actor, locked: Claim, before: str, action: str, fields: tuple[str, ...], **after: Any
) -> Claim:
    """Save a lifecycle step's state and ``fields``, and audit it: before the status it left,
    after the status it reached and what the step carries."""
    locked.save(update_fields=[*_STATUS, *fields])
    audit_record(
        actor=actor,
        action=action,
        target=locked,
        subject_key=f"person:{locked.person_id}",
        before={"status": before},
        after={"status": locked.status, **after},
    )
    return locked


def _claimant(claim: Claim, heir: Heir | None) -> Heir | None:
    """The claiming heir, checked against the entitled group (``heir.not_entitled``)."""
    if heir is None:
        return claim.claimant
    if heir.person_id != claim.person_id:
        raise PermissionDenied("heir_of_another_worker")
    check_claimant(claim_heirs(claim).decision, recorded_heir(heir))
    return heir


@transaction.atomic
def claim_complete(
    *, actor: Actor, claim: Claim, on: date, today: date, claimant: Heir | None = None
) -> Claim:
    """Declare the documents complete: refused (``claim_documents.missing``) while a document
    the checklist requires for the claim's facts has not been received."""
    locked, before = _move(
        actor=actor, claim=claim, action=lifecycle.Action.COMPLETE, step=lifecycle.Step(on=on)
    )
    locked.claimant = _claimant(locked, claimant)
    amount = claim_entitlement(locked, today=today).total
    received = locked.documents.values_list("kind", flat=True)
    facts = document_facts(locked, amount=amount)
    missing = lifecycle.missing_documents(facts, received)
    if missing:
        raise DomainError(
            DOCUMENTS_MISSING,
            missing_id="; ".join(d.label("id") for d in missing),
            missing_en="; ".join(d.label("en") for d in missing),
            codes=",".join(d.code for d in missing),
        )
    locked.documents_complete_on = on
    return _saved(
        actor=actor,
        locked=locked,
        before=before,
        action="claim.complete",
        fields=(
            "claimant",
            "documents_complete_on",
        ),
        on=on.isoformat(),
        documents=sorted(set(received)),
        claimant=locked.claimant_id,
        # The facts the checklist was judged on.
        traffic_accident=facts.traffic_accident,
        spouse_claims=facts.spouse_claims,
        benefit_total=facts.amount,
    )


@transaction.atomic
def claim_submit(
    *,
    actor: Actor,
    claim: Claim,
    bpjs_number: str,
    on: date | None,
    claimant: Heir | None = None,
) -> Claim:
    """Record the submission to BPJS: BPJS's claim (receipt) number and the date; for a death
    claim, the claiming heir among the entitled ones."""
    number = bpjs_number.strip()
    step = lifecycle.Step(bpjs_number=number, on=on)
    locked, before = _move(actor=actor, claim=claim, action=lifecycle.Action.SUBMIT, step=step)
    check_free_text(number, label_id="Nomor klaim BPJS", label_en="BPJS claim number")
    chosen = _claimant(locked, claimant)
    death = locked.kind != ClaimKind.JKK_ACCIDENT
    if death and chosen is None and claim_heirs(locked).decision.entitled:
        raise DomainError(CLAIMANT_REQUIRED)
    locked.claimant = chosen
    locked.bpjs_claim_number = number
    locked.submitted_on = on
    return _saved(
        actor=actor,
        locked=locked,
        before=before,
        action="claim.submit",
        fields=(
            "claimant",
            "bpjs_claim_number",
            "submitted_on",
        ),
        bpjs_number=number,
        on=step.on.isoformat() if step.on else None,
        claimant=chosen.pk if chosen else None,
    )


@transaction.atomic
def claim_pay(
    *, actor: Actor, claim: Claim, amounts: Mapping[str, int], on: date | None, reference: str
) -> Claim:
    """Record BPJS's payment: the amount of each component as paid, the date, the reference."""
    paid = {str(Component(code)): int(value) for code, value in amounts.items() if value}
    if any(value < 0 for value in paid.values()):
        raise DomainError(AMOUNT_NEGATIVE)
    step = lifecycle.Step(amounts=paid, on=on, reference=reference.strip())
    locked, before = _move(actor=actor, claim=claim, action=lifecycle.Action.PAY, step=step)
    check_free_text(step.reference, label_id="Referensi pembayaran", label_en="Payment reference")
    locked.paid_amounts = paid
    locked.paid_on = on
    locked.paid_reference = step.reference
    locked.save(
        update_fields=[
            *_STATUS,
            "paid_amounts",
            "paid_on",
            "paid_reference",
        ]
    )
    audit_record(
        actor=actor,
        action="claim.pay",
        target=locked,
        subject_key=f"person:{locked.person_id}",
        before={"status": before},
        after={
            "status": locked.status,
            "amounts": paid,
            "total": sum(paid.values()),
            "on": on.isoformat() if on else None,
            "reference": step.reference,
        },
    )
    return locked


def _reason(text: str) -> str:
    reason = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    for number, line in enumerate(reason.split("\n"), start=1):
        check_free_text(
            line, label_id=f"Alasan (baris {number})", label_en=f"Reason (line {number})"
        )
    return reason


@transaction.atomic
def claim_reject(*, actor: Actor, claim: Claim, reason: str) -> Claim:
    """Record a rejection (final), with its reason."""
    text = _reason(reason)
    step = lifecycle.Step(reason=text)
    locked, before = _move(actor=actor, claim=claim, action=lifecycle.Action.REJECT, step=step)
    locked.rejection_reason = text
    return _saved(
        actor=actor,
        locked=locked,
        before=before,
        action="claim.reject",
        fields=("rejection_reason",),
        reason=text,
    )


@transaction.atomic
def claim_return(*, actor: Actor, claim: Claim, reason: str) -> Claim:
    """Record BPJS's return for documents, with what is missing; the documents are declared
    complete again afterwards."""
    text = _reason(reason)
    step = lifecycle.Step(reason=text)
    locked, before = _move(actor=actor, claim=claim, action=lifecycle.Action.RETURN, step=step)
    locked.return_reason = text
    locked.documents_complete_on = None
    return _saved(
        actor=actor,
        locked=locked,
        before=before,
        action="claim.return",
        fields=(
            "return_reason",
            "documents_complete_on",
        ),
        missing=text,
    )


@transaction.atomic
def claim_hand_over(*, actor: Actor, claim: Claim, on: date | None, handed_by: str) -> Claim:
    """Record the benefit handed to the worker or the heirs: the date and by whom."""
    by = handed_by.strip()
    step = lifecycle.Step(on=on, handed_by=by)
    locked, before = _move(actor=actor, claim=claim, action=lifecycle.Action.HAND_OVER, step=step)
    check_free_text(by, label_id="Diserahkan oleh", label_en="Handed over by")
    locked.handed_over_on = on
    locked.handed_over_by = by
    return _saved(
        actor=actor,
        locked=locked,
        before=before,
        action="claim.hand_over",
        fields=(
            "handed_over_on",
            "handed_over_by",
        ),
        on=on.isoformat() if on else None,
        handed_by=by,
    )


# What a claim's benefits are computed on, beyond the report (issue 13 item 3).
DETAILS_JKK_ONLY: Final = register(
    "claim.details_jkk_accident",
    id="Hari tidak mampu bekerja, cacat dan biaya transportasi hanya dicatat untuk kecelakaan "
    "kerja (JKK) yang tidak menyebabkan kematian.",
    en="Days unable to work, disabilities and transport are recorded for a work accident (JKK) "
    "the worker survived only.",
)
DETAILS_CLOSED: Final = register(
    "claim.details_closed",
    id="Klaim sudah {status}; rinciannya tidak dapat diubah lagi.",
    en="The claim is already {status_en}; its details can no longer be changed.",
)
DISABILITY_BOTH: Final = register(
    "claim.disability_both",
    id="Pilih cacat total tetap atau cacat sebagian, tidak keduanya.",
    en="Choose a total permanent disability or partial disabilities, not both.",
)
TRANSPORT_MODE: Final = register(
    "claim.transport_mode_required",
    id="Biaya transportasi {amount} dicatat: pilih jenis angkutannya (darat, laut atau udara).",
    en="A transport cost of {amount} is recorded: choose how the worker was carried (land, sea "
    "or air).",
)
CHILD_NOT_HERE: Final = register(
    "claim.child_not_applicable",
    id="Anak untuk beasiswa pendidikan dicatat pada klaim kematian atau cacat total tetap saja.",
    en="Children for the education benefit are recorded on a death or a total permanent "
    "disability claim only.",
)
CHILD_BORN_LATER: Final = register(
    "claim.child_birth_future",
    id="Tanggal lahir {day} belum terjadi; periksa tanggalnya.",
    en="The birth date {day} has not happened yet; check the date.",
)
CHILD_GRADE: Final = register(
    "claim.child_grade",
    id="Kelas {grade} tidak ada pada jenjang {level} (1 sampai {last}).",
    en="Grade {grade} does not exist in {level} (1 to {last}).",
)
_CLOSED: Final = frozenset({ClaimStatus.PAID, ClaimStatus.REJECTED, ClaimStatus.HANDED_OVER})


@dataclass(frozen=True)
class AccidentDetails:
    """A surviving worker's JKK facts: days unable to work, a total permanent disability or
    the partial-disability rows (codes of ``data/benefit_tables.json``), the transport."""

    days_off_work: int = 0
    total_disability: bool = False
    disabilities: tuple[str, ...] = ()
    transport_mode: str = ""  # "" | land | sea | air
    transport_claimed: int = 0


def _open_for_details(actor: Actor, claim: Claim) -> Claim:
    require(actor, Capability.REPORT_CLAIMS)
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    require_region(actor, locked.village_id)
    if locked.status in _CLOSED:
        status = ClaimStatus(locked.status)
        with override("en"):
            status_en = str(status.label)
        with override("id"):
            status_id = str(status.label)
        raise DomainError(DETAILS_CLOSED, status=status_id.lower(), status_en=status_en.lower())
    return locked


@transaction.atomic
def claim_details_record(*, actor: Actor, claim: Claim, details: AccidentDetails) -> Claim:
    """Record what a surviving worker's JKK benefits are computed on; until the claim is paid,
    rejected or handed over. Audited with what changed (the injuries by count, never named)."""
    locked = _open_for_details(actor, claim)
    if locked.kind != ClaimKind.JKK_ACCIDENT:
        raise DomainError(DETAILS_JKK_ONLY)
    if details.days_off_work < 0 or details.transport_claimed < 0:
        raise DomainError(AMOUNT_NEGATIVE)
    codes = tuple(dict.fromkeys(details.disabilities))  # once each, in the order given
    if details.total_disability and codes:
        raise DomainError(DISABILITY_BOTH)
    for code in codes:
        BENEFIT_TABLES.disability_row(code)  # benefit.disability_unknown
    mode = Transport(details.transport_mode) if details.transport_mode else None
    if mode is None and details.transport_claimed:
        raise DomainError(TRANSPORT_MODE, amount=format_rupiah(details.transport_claimed))
    before = _details_of(locked)
    locked.days_off_work = details.days_off_work
    locked.total_disability = details.total_disability
    locked.disabilities = ",".join(codes) or None
    locked.transport_mode = mode.value if mode else ""
    locked.transport_claimed = details.transport_claimed if mode else 0
    locked.save(update_fields=[*before])
    audit_record(
        actor=actor,
        action="claim.details",
        target=locked,
        subject_key=f"person:{locked.person_id}",
        before=before,
        after=_details_of(locked),
    )
    return locked


def _details_of(claim: Claim) -> dict[str, Any]:
    """The benefit details as the audit trail keeps them (the injuries by number only); the keys
    are the fields they are stored in."""
    return {
        "days_off_work": claim.days_off_work,
        "total_disability": claim.total_disability,
        "disabilities": len(claim.disability_codes),
        "transport_mode": claim.transport_mode,
        "transport_claimed": claim.transport_claimed,
    }


@dataclass(frozen=True)
class ChildInput:
    name: str
    birth_date: date
    level: str
    grade: int = 1
    ends_on: date | None = None


def _schools_children(claim: Claim) -> bool:
    return claim.kind != ClaimKind.JKK_ACCIDENT or claim.total_disability


@transaction.atomic
def claim_child_add(*, actor: Actor, claim: Claim, child: ChildInput, today: date) -> ClaimChild:
    """Record a child for the education benefit (a death, or a total permanent disability)."""
    locked = _open_for_details(actor, claim)
    if not _schools_children(locked):
        raise DomainError(CHILD_NOT_HERE)
    name = child.name.strip()
    if not name:
        raise DomainError(REQUIRED, label_id="Nama anak", label_en="The child's name")
    check_free_text(name, label_id="Nama anak", label_en="The child's name")
    if child.birth_date > today:
        raise DomainError(CHILD_BORN_LATER, day=day_text(child.birth_date))
    level = SchoolLevel(child.level)
    last = LEVEL_YEARS[level]
    if not 1 <= child.grade <= last:
        raise DomainError(CHILD_GRADE, grade=child.grade, level=LEVEL_LABELS[level], last=last)
    row = ClaimChild.objects.create(
        claim=locked,
        name=name,
        birth_date=child.birth_date,
        level=level.value,
        grade=child.grade,
        ends_on=child.ends_on,
    )
    audit_record(
        actor=actor,
        action="claim_child.add",
        target=row,
        subject_key=f"person:{locked.person_id}",
        before=None,
        after={
            "claim": locked.pk,
            "birth_year": child.birth_date.year,
            "level": level.value,
            "grade": child.grade,
            "ends_on": child.ends_on.isoformat() if child.ends_on else None,
        },
    )
    return row


@transaction.atomic
def claim_child_remove(*, actor: Actor, child: ClaimChild) -> None:
    """Remove a child recorded by mistake (the claim still open)."""
    locked = _open_for_details(actor, child.claim)
    row = ClaimChild.objects.select_for_update().get(pk=child.pk, claim=locked)
    audit_record(
        actor=actor,
        action="claim_child.remove",
        target=row,
        subject_key=f"person:{locked.person_id}",
        before={"claim": locked.pk, "level": row.level, "grade": row.grade},
        after=None,
    )
    row.delete()
