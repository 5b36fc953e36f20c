"""The writes of complaints, each one audited transaction (the only code that changes one).

- :func:`complaint_file` records a complaint filed on the public form (actor: the public form,
  a :class:`~payung.access.actor.System`) or by a village for a resident, with its two time
  limits in working days; it returns the complaint and the PIN, which is shown once and kept
  only as a hash.
- :func:`complaint_move` takes one step of the lifecycle (``TRANSITIONS``); a step the status
  does not allow is refused with ``complaint.transition``, never a 500.
- :func:`complaint_tell` records that the village told the complainant the answer.

The audit rows never hold the text, the name, the contact or the answer.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Final

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.utils import timezone

from payung.access.actor import Actor, System, actor_label, actor_pk
from payung.access.scope import require, require_region
from payung.audit.services import audit_record
from payung.complaints.models import (
    CONTACT_MAX,
    NAME_MAX,
    TEXT_MAX,
    Complaint,
    ComplaintCategory,
    ComplaintStatus,
    FiledVia,
)
from payung.domain.errors import DomainError, register
from payung.domain.regions import Level
from payung.domain.roles import Capability
from payung.domain.text import check_free_text
from payung.domain.workdays import add_working_days
from payung.holidays import holiday_calendar
from payung.programmes.models import Programme, ProgrammeStatus
from payung.regions.models import Region

# The actor of a complaint filed on the public page: nobody signed in, named in the audit trail.
PUBLIC_FORM: Final = System(name="public complaint form")
# Letters and digits nobody confuses when reading them aloud (no 0/O, 1/I/L).
ALPHABET: Final = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH: Final = 8
PIN_LENGTH: Final = 6
PIN_DIGITS: Final = "23456789"

REQUIRED: Final = register(
    "complaint.required",
    id="{label_id} wajib diisi.",
    en="{label_en} is required.",
)
TOO_LONG: Final = register(
    "complaint.too_long",
    id="{label_id} paling panjang {limit} karakter; yang diisi {length}.",
    en="{label_en} may be at most {limit} characters long; this one is {length}.",
)
VILLAGE: Final = register(
    "complaint.village",
    id="Pilih desa atau kelurahan dari daftar.",
    en="Choose the village from the list.",
)
TRANSITION: Final = register(
    "complaint.transition",
    id="Pengaduan berstatus '{status_id}' tidak dapat {action_id}.",
    en="A complaint that is '{status_en}' cannot be {action_en}.",
)
ANSWER_REQUIRED: Final = register(
    "complaint.answer_required",
    id="Tulis jawabannya lebih dulu: jawaban itulah yang disampaikan kepada pengadu.",
    en="Write the answer first: it is what the complainant is told.",
)
TOLD_ALREADY: Final = register(
    "complaint.told_already",
    id="Jawaban pengaduan ini sudah dicatat disampaikan kepada pengadu.",
    en="This complaint's answer is already recorded as told to the complainant.",
)
NOT_ANSWERED: Final = register(
    "complaint.not_answered",
    id="Pengaduan ini belum dijawab; belum ada jawaban yang dapat disampaikan.",
    en="This complaint has not been answered; there is no answer to tell yet.",
)

_STATUS_ID: Final = {
    ComplaintStatus.RECEIVED: "diterima",
    ComplaintStatus.IN_PROGRESS: "sedang ditangani",
    ComplaintStatus.ANSWERED: "sudah dijawab",
    ComplaintStatus.CLOSED: "ditutup",
}


class Step(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    ANSWER = "answer"
    REOPEN = "reopen"
    CLOSE = "close"


# step → (the status it leaves, the status it reaches, Indonesian and English verbs)
TRANSITIONS: Final = {
    Step.ACKNOWLEDGE: (
        ComplaintStatus.RECEIVED,
        ComplaintStatus.IN_PROGRESS,
        "mulai ditangani",
        "taken up",
    ),
    Step.ANSWER: (ComplaintStatus.IN_PROGRESS, ComplaintStatus.ANSWERED, "dijawab", "answered"),
    Step.REOPEN: (
        ComplaintStatus.ANSWERED,
        ComplaintStatus.IN_PROGRESS,
        "dibuka kembali",
        "reopened",
    ),
    Step.CLOSE: (ComplaintStatus.ANSWERED, ComplaintStatus.CLOSED, "ditutup", "closed"),
}


# The audit action each step writes (named in full: the catalogue finds its actions by name).
ACTIONS: Final = {
    Step.ACKNOWLEDGE: "complaint.acknowledge",
    Step.ANSWER: "complaint.answer",
    Step.REOPEN: "complaint.reopen",
    Step.CLOSE: "complaint.close",
}


@dataclass(frozen=True)
class Filing:
    """What a complainant says: where, about what, and who to answer."""

    village_code: str
    category: ComplaintCategory
    text: str
    name: str
    contact: str = ""


def due_dates(filed_on: date, holidays: frozenset[date] | None = None) -> tuple[date, date]:
    """The days by which a complaint filed on ``filed_on`` is to be taken up and answered:
    ``PAYUNG_COMPLAINT_RESPOND_DAYS`` and ``PAYUNG_COMPLAINT_ANSWER_DAYS`` working days later,
    weekends and the holiday calendar (national and the regency's) skipped."""
    calendar = holiday_calendar() if holidays is None else holidays
    return (
        add_working_days(filed_on, settings.PAYUNG_COMPLAINT_RESPOND_DAYS, calendar),
        add_working_days(filed_on, settings.PAYUNG_COMPLAINT_ANSWER_DAYS, calendar),
    )


def _text(value: str, *, label_id: str, label_en: str, limit: int, lines: bool) -> str:
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > limit:
        raise DomainError(
            TOO_LONG, label_id=label_id, label_en=label_en, limit=limit, length=len(text)
        )
    for line in text.split("\n") if lines else [text]:
        check_free_text(line, label_id=label_id, label_en=label_en)
    return text


def _required(value: str, *, label_id: str, label_en: str, limit: int, lines: bool) -> str:
    text = _text(value, label_id=label_id, label_en=label_en, limit=limit, lines=lines)
    if not text:
        raise DomainError(REQUIRED, label_id=label_id, label_en=label_en)
    return text


def _new_code() -> str:
    return "ADU-" + "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def _programme_of(village: Region) -> Programme | None:
    """The regency's active programme the complaint is about, if there is one."""
    regency = ".".join(village.code.split(".")[:2])
    return (
        Programme.objects.filter(regency_id=regency, status=ProgrammeStatus.ACTIVE)
        .order_by("-year", "-pk")
        .first()
    )


@transaction.atomic
def complaint_file(*, actor: Actor, filing: Filing, now: datetime) -> tuple[Complaint, str]:
    """File a complaint; the complaint and its PIN (shown once, kept as a hash)."""
    public = actor == PUBLIC_FORM
    if not public:
        require(actor, Capability.HANDLE_COMPLAINTS)
    village = Region.objects.filter(
        code=filing.village_code, level=Level.VILLAGE, active=True
    ).first()
    if village is None:
        raise DomainError(VILLAGE)
    if not public:
        require_region(actor, village.code)
    text = _required(filing.text, label_id="Isi pengaduan", label_en="The complaint",
                     limit=TEXT_MAX, lines=True)  # fmt: skip
    name = _required(filing.name, label_id="Nama pengadu", label_en="The complainant's name",
                     limit=NAME_MAX, lines=False)  # fmt: skip
    contact = _text(filing.contact, label_id="Kontak", label_en="The contact",
                    limit=CONTACT_MAX, lines=False)  # fmt: skip
    respond_due, answer_due = due_dates(timezone.localdate(now))
    pin = "".join(secrets.choice(PIN_DIGITS) for _ in range(PIN_LENGTH))
    programme = _programme_of(village)
    for _attempt in range(5):  # 31^8 codes: a clash is all but impossible, and retried
        try:
            with transaction.atomic():
                complaint = Complaint.objects.create(
                    code=_new_code(),
                    pin_hash=make_password(pin),
                    programme=programme,
                    village=village,
                    category=ComplaintCategory(filing.category),
                    text=text,
                    complainant_name=name,
                    complainant_contact=contact or None,
                    status=ComplaintStatus.RECEIVED,
                    via=FiledVia.PUBLIC if public else FiledVia.VILLAGE,
                    filed_by_id=actor_pk(actor),
                    filed_by_label=actor_label(actor),
                    filed_at=now,
                    respond_due=respond_due,
                    answer_due=answer_due,
                )
            break
        except IntegrityError:
            continue
    else:  # pragma: no cover - five clashes in a row
        raise RuntimeError("no free complaint code")
    audit_record(
        actor=actor,
        action="complaint.file",
        target=complaint,
        after={
            "status": complaint.status,
            "category": complaint.category,
            "via": complaint.via,
            "programme": complaint.programme_id,
            "respond_due": respond_due.isoformat(),
            "answer_due": answer_due.isoformat(),
        },
    )
    return complaint, pin


def _locked(actor: Actor, complaint: Complaint) -> Complaint:
    require(actor, Capability.HANDLE_COMPLAINTS)
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    require_region(actor, locked.village_id)
    return locked


@transaction.atomic
def complaint_move(
    *, actor: Actor, complaint: Complaint, step: Step, now: datetime, answer: str = ""
) -> Complaint:
    """Take ``step``; ``answer`` is the answer's text for :attr:`Step.ANSWER`."""
    locked = _locked(actor, complaint)
    source, target, verb_id, verb_en = TRANSITIONS[step]
    before = ComplaintStatus(locked.status)
    if before != source:
        raise DomainError(
            TRANSITION,
            status_id=_STATUS_ID[before],
            status_en=before.label,
            action_id=verb_id,
            action_en=verb_en,
        )
    after: dict[str, object] = {}
    fields = ["status", "status_changed_by_label"]
    today = timezone.localdate(now)
    if step == Step.ACKNOWLEDGE:
        locked.acknowledged_at = now
        fields.append("acknowledged_at")
        after["late"] = today > locked.respond_due
    elif step == Step.ANSWER:
        text = _text(answer, label_id="Jawaban", label_en="The answer", limit=TEXT_MAX,
                     lines=True)  # fmt: skip
        if not text:
            raise DomainError(ANSWER_REQUIRED)
        locked.answer = text
        locked.answered_at = now
        locked.answered_by_label = actor_label(actor)
        locked.told_at = None  # a new answer is told anew
        locked.told_by_label = ""
        fields += ["answer", "answered_at", "answered_by_label", "told_at", "told_by_label"]
        after["length"] = len(text)
        after["late"] = today > locked.answer_due
    elif step == Step.CLOSE:
        locked.closed_at = now
        fields.append("closed_at")
        after["told"] = locked.told_at is not None
    locked.status = target
    locked.status_changed_by_label = actor_label(actor)
    locked.save(update_fields=fields)
    audit_record(
        actor=actor,
        action=ACTIONS[step],
        target=locked,
        before={"status": before.value},
        after={"status": locked.status, **after},
    )
    return locked


@transaction.atomic
def complaint_tell(*, actor: Actor, complaint: Complaint, now: datetime) -> Complaint:
    """Record that the complainant was told the answer (by the village, in person or by
    phone; by the notification channel once there is one)."""
    locked = _locked(actor, complaint)
    if locked.status not in (ComplaintStatus.ANSWERED, ComplaintStatus.CLOSED):
        raise DomainError(NOT_ANSWERED)
    if locked.told_at is not None:
        raise DomainError(TOLD_ALREADY)
    locked.told_at = now
    locked.told_by_label = actor_label(actor)
    locked.save(update_fields=["told_at", "told_by_label"])
    audit_record(
        actor=actor, action="complaint.tell", target=locked, after={"status": locked.status}
    )
    return locked
