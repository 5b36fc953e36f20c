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
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Final

from django.db import transaction

from payung.access.actor import Actor, actor_label, actor_pk
from payung.access.scope import require, require_region
from payung.audit.services import audit_record
from payung.claims.coverage import coverage_decision
from payung.claims.models import Claim, ClaimDocument, ClaimKind, ClaimStatus
from payung.claims.unclaimed import unclaimed_death_claimed
from payung.domain._digits import mask
from payung.domain.errors import DomainError, register
from payung.domain.phone import parse_phone
from payung.domain.roles import Capability
from payung.domain.text import check_free_text
from payung.files.documents import TYPES, DocumentType, check_document
from payung.registry import crypto
from payung.registry.models import Person

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
        raise DomainError(EVENT_IN_FUTURE, day=report.event_date.strftime("%d-%m-%Y"))
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
