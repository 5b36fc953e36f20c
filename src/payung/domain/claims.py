"""The path of a claim from the reported event to the benefit in the worker's or heirs' hands.

One transition table, :data:`TRANSITIONS`, is the whole lifecycle, in the shape of
``payung.domain.workflow``: services ask it whether an action is allowed from the current state,
who may take it, which details it needs and whether the reporter may take it. Anything not in
the table is refused with ``claim.illegal``.

::

    (report) ─▶ reported ─check─▶ coverage_checked ─complete─▶ documents_complete
                                      │ reject                        │ submit (BPJS no., date)
                                      ▼                               ▼
                                   rejected ◀──────reject──────── submitted ─pay─▶ paid
                                                                   │ return          │ hand_over
                                       documents_complete ◀─complete─ returned      ▼
                                                                                handed_over

Who acts: the village, the labour office or the BPJS liaison reports (Permenaker 1/2025 Pasal
48A: for a BPU worker the body that registered them — here the regency or the village); the
labour office or the BPJS liaison checks coverage, declares the documents complete, submits to
BPJS and records BPJS's answer (paid, rejected, returned); the village or the labour office
records the hand-over. Maker-checker: whoever reported the event may not declare its documents
complete nor submit it (the documents a reporter gathered are checked by someone else); a
reason is required to reject and to return (what is missing). ``rejected`` and ``handed_over``
are final.

Deadlines (:func:`deadlines`) are pure: the caller passes the facts, today and the holidays.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from importlib import resources
from typing import Any, Final

from payung.domain.errors import (
    DEFAULT_LANGUAGE,
    DomainError,
    Issue,
    register,
    warning,
)
from payung.domain.money import format_rupiah, percent_of
from payung.domain.period import day_text
from payung.domain.roles import Capability, Role
from payung.domain.workdays import Calendar, add_working_days


class State(StrEnum):
    REPORTED = "reported"
    COVERAGE_CHECKED = "coverage_checked"
    DOCUMENTS_COMPLETE = "documents_complete"
    SUBMITTED = "submitted"
    PAID = "paid"
    REJECTED = "rejected"
    RETURNED = "returned"
    HANDED_OVER = "handed_over"


class Action(StrEnum):
    REPORT = "report"
    CHECK = "check"
    COMPLETE = "complete"
    SUBMIT = "submit"
    PAY = "pay"
    REJECT = "reject"
    RETURN = "return"
    HAND_OVER = "hand_over"


class Actor(StrEnum):
    VILLAGE = "village"
    LABOUR_OFFICE = "labour_office"
    BPJS_LIAISON = "bpjs_liaison"


class Kind(StrEnum):
    JKK_ACCIDENT = "jkk_accident"  # a work accident the worker survived, commuting included
    JKK_DEATH = "jkk_death"  # death from a work accident
    JKM_DEATH = "jkm_death"  # death from any other cause

    @property
    def is_jkk(self) -> bool:
        return self is not Kind.JKM_DEATH


class Detail(StrEnum):
    """What an action must be given, besides who takes it."""

    REASON = "reason"
    BPJS_NUMBER = "bpjs_number"
    DATE = "date"
    REFERENCE = "reference"
    AMOUNTS = "amounts"
    HANDED_BY = "handed_by"


ILLEGAL: Final = register(
    "claim.illegal",
    id="Tindakan '{action}' tidak berlaku untuk klaim berstatus '{state}'.",
    en="Action '{action}' does not apply to a claim whose status is '{state}'.",
)
ACTOR: Final = register(
    "claim.actor",
    id="Tindakan '{action}' tidak dapat dilakukan sebagai {actor}.",
    en="Action '{action}' cannot be taken as {actor}.",
)
DETAIL_REQUIRED: Final = register(
    "claim.detail_required",
    id="Tindakan '{action}' memerlukan: {detail}.",
    en="Action '{action}' needs: {detail}.",
)
MAKER_CHECKER: Final = register(
    "claim.maker_checker",
    id="Anda yang melaporkan kejadian ini, jadi tidak boleh juga menyatakan dokumennya lengkap "
    "atau mengajukannya ke BPJS. Minta petugas lain.",
    en="You reported this event, so you may not also declare its documents complete or submit "
    "it to BPJS. Ask another officer.",
)
D_FIRST_REPORT: Final = register(
    "claim.deadline_first_report",
    id="Laporan kecelakaan tahap I (Formulir 3 / KK1) paling lambat {due} (2 × 24 jam sejak "
    "kejadian).",
    en="The stage I accident report (Form 3 / KK1) is due by {due} (2 × 24 hours after the event).",
)
D_CLOSEOUT: Final = register(
    "claim.deadline_closeout",
    id="Laporan kecelakaan tahap II (Formulir 3a / KK2) paling lambat {due} (2 × 24 jam sejak "
    "surat keterangan dokter).",
    en="The stage II accident report (Form 3a / KK2) is due by {due} (2 × 24 hours after the "
    "doctor's statement).",
)
D_LAPSE: Final = register(
    "claim.deadline_lapse",
    id="Hak klaim JKK kedaluwarsa sesudah {due} (5 tahun sejak kecelakaan).",
    en="The JKK claim lapses after {due} (5 years from the accident).",
)
D_PAYMENT: Final = register(
    "claim.deadline_payment",
    id="BPJS wajib membayar paling lambat {due} ({days} hari kerja sejak dokumen lengkap).",
    en="BPJS must pay by {due} ({days} working days after the documents were complete).",
)
D_LATE: Final = register(
    "claim.payment_late",
    id="Pembayaran BPJS terlambat {days} hari sejak {due}: denda 1% per hari dari manfaat "
    "{benefit} = {owed}.",
    en="BPJS's payment is {days} days late since {due}: 1% a day of the benefit {benefit} = "
    "{owed}.",
)


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[State]  # empty: the action opens a claim
    target: State
    actors: frozenset[Actor]
    needs: frozenset[Detail] = frozenset()
    maker_checker: bool = False  # whoever reported may not take it


_S = State
_A = Actor
_D = Detail
_OFFICE: Final = frozenset({_A.LABOUR_OFFICE, _A.BPJS_LIAISON})

TRANSITIONS: Final[dict[Action, Transition]] = {
    t.action: t
    for t in (
        Transition(Action.REPORT, frozenset(), _S.REPORTED, frozenset(_A)),
        Transition(Action.CHECK, frozenset({_S.REPORTED}), _S.COVERAGE_CHECKED, _OFFICE),
        Transition(
            Action.COMPLETE,
            frozenset({_S.COVERAGE_CHECKED, _S.RETURNED}),
            _S.DOCUMENTS_COMPLETE,
            _OFFICE,
            frozenset({_D.DATE}),
            maker_checker=True,
        ),
        Transition(
            Action.SUBMIT,
            frozenset({_S.DOCUMENTS_COMPLETE}),
            _S.SUBMITTED,
            _OFFICE,
            frozenset({_D.BPJS_NUMBER, _D.DATE}),
            maker_checker=True,
        ),
        Transition(
            Action.PAY,
            frozenset({_S.SUBMITTED}),
            _S.PAID,
            _OFFICE,
            frozenset({_D.AMOUNTS, _D.DATE, _D.REFERENCE}),
        ),
        Transition(
            Action.REJECT,
            frozenset({_S.COVERAGE_CHECKED, _S.SUBMITTED}),
            _S.REJECTED,
            _OFFICE,
            frozenset({_D.REASON}),
        ),
        Transition(
            Action.RETURN,
            frozenset({_S.SUBMITTED}),
            _S.RETURNED,
            _OFFICE,
            frozenset({_D.REASON}),
        ),
        Transition(
            Action.HAND_OVER,
            frozenset({_S.PAID}),
            _S.HANDED_OVER,
            frozenset({_A.VILLAGE, _A.LABOUR_OFFICE}),
            frozenset({_D.DATE, _D.HANDED_BY}),
        ),
    )
}

ACTOR_CAPABILITY: Final[dict[Actor, Capability]] = {
    Actor.VILLAGE: Capability.COLLECT_DATA,
    Actor.LABOUR_OFFICE: Capability.VERIFY,
    Actor.BPJS_LIAISON: Capability.LIAISE_BPJS,
}
FINAL: Final = frozenset({State.REJECTED, State.HANDED_OVER})


@dataclass(frozen=True)
class Step:
    """The details given with an action (only those the action needs are checked)."""

    reason: str = ""
    bpjs_number: str = ""
    on: date | None = None
    reference: str = ""
    amounts: Mapping[str, int] | None = None  # per component, as BPJS paid
    handed_by: str = ""

    def has(self, detail: Detail) -> bool:
        value: object = {
            Detail.REASON: self.reason.strip(),
            Detail.BPJS_NUMBER: self.bpjs_number.strip(),
            Detail.DATE: self.on,
            Detail.REFERENCE: self.reference.strip(),
            Detail.AMOUNTS: self.amounts,
            Detail.HANDED_BY: self.handed_by.strip(),
        }[detail]
        return bool(value)


def _check_actor(rule: Transition, actor: Actor) -> None:
    if actor not in rule.actors:
        raise DomainError(ACTOR, action=rule.action.value, actor=actor.value)


def open_claim(actor: Actor) -> State:
    """The state a newly reported claim starts in (``claim.actor`` if ``actor`` may not)."""
    rule = TRANSITIONS[Action.REPORT]
    _check_actor(rule, actor)
    return rule.target


def transition(
    state: State,
    action: Action,
    *,
    actor: Actor,
    step: Step | None = None,
    actor_id: int | None = None,
    reported_by: int | None = None,
) -> State:
    """The state ``action`` leads to from ``state``, or a ``DomainError`` saying why not."""
    rule = TRANSITIONS[action]
    if state not in rule.sources:
        raise DomainError(ILLEGAL, action=action.value, state=state.value)
    _check_actor(rule, actor)
    given = step or Step()
    missing = sorted(detail.value for detail in rule.needs if not given.has(detail))
    if missing:
        raise DomainError(DETAIL_REQUIRED, action=action.value, detail=", ".join(missing))
    if rule.maker_checker and actor_id is not None and actor_id == reported_by:
        raise DomainError(MAKER_CHECKER)
    return rule.target


def actors_of(role: Role) -> frozenset[Actor]:
    """Whom a user of ``role`` may act as."""
    return frozenset(actor for actor, needed in ACTOR_CAPABILITY.items() if role.can(needed))


def offered_actions(state: State, role: Role) -> tuple[Action, ...]:
    """The actions a page offers a user of ``role`` on a claim in ``state``, in table order."""
    actors = actors_of(role)
    return tuple(
        action
        for action, rule in TRANSITIONS.items()
        if state in rule.sources and rule.actors & actors
    )


# Deadlines ------------------------------------------------------------------------------------

REPORT_HOURS: Final = 48
PAYMENT_WORKING_DAYS: Final[Mapping[Kind, int]] = {
    Kind.JKK_ACCIDENT: 7,
    Kind.JKK_DEATH: 7,
    Kind.JKM_DEATH: 3,  # "about 3 working days" (press): a target, no late interest
}
LATE_PERCENT_A_DAY: Final = Decimal(1)


def first_report_due(event_at: datetime) -> datetime:
    """Formulir 3 / KK1: 2 × 24 hours after the accident."""
    return event_at + timedelta(hours=REPORT_HOURS)


def closeout_report_due(doctor_statement_at: datetime) -> datetime:
    """Formulir 3a / KK2: 2 × 24 hours after the doctor's statement (3b / KK3)."""
    return doctor_statement_at + timedelta(hours=REPORT_HOURS)


def payment_due(kind: Kind, documents_complete_on: date, holidays: Collection[date]) -> date:
    """BPJS's payment date: 7 working days after complete documents for JKK, about 3 for JKM."""
    return add_working_days(documents_complete_on, PAYMENT_WORKING_DAYS[kind], holidays)


@dataclass(frozen=True)
class LateInterest:
    days: int
    owed: int


def late_interest(benefit_due: int, due: date, paid_on: date) -> LateInterest:
    """What BPJS owes for paying a JKK benefit after ``due`` (PP 44/2015 Pasal 37): 1% of the
    benefit due for each calendar day past the due date, with no cap found."""
    days = max((paid_on - due).days, 0)
    return LateInterest(days, percent_of(benefit_due, LATE_PERCENT_A_DAY * days))


@dataclass(frozen=True)
class ClaimFacts:
    """What is known of one claim for its deadlines (None: not happened or not known)."""

    kind: Kind
    event_at: datetime
    state: State
    first_report_at: datetime | None = None
    doctor_statement_at: datetime | None = None
    closeout_report_at: datetime | None = None
    documents_complete_on: date | None = None
    paid_on: date | None = None
    benefit_due: int = 0
    lapse_last_day: date | None = None  # benefits.lapse_last_day for JKK, None for JKM


@dataclass(frozen=True)
class Deadline:
    code: str
    due: date
    overdue: bool
    issue: Issue
    caveats: tuple[Issue, ...] = ()  # what the count could not know (a year's holidays)

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The deadline in words, its caveats after it."""
        return " ".join([self.issue.message(lang), *(c.message(lang) for c in self.caveats)])


_OPEN_FOR_LAPSE: Final = frozenset({State.REPORTED, State.COVERAGE_CHECKED, State.RETURNED})


def _deadline(
    code: str, due: date, today: date, caveats: tuple[Issue, ...] = (), **params: object
) -> Deadline:
    return Deadline(code, due, due < today, warning(code, due=day_text(due), **params), caveats)


def deadlines(facts: ClaimFacts, *, today: date, holidays: Calendar) -> tuple[Deadline, ...]:
    """The deadlines still open on ``today``, earliest first (a queue orders by ``due``);
    none once the claim is rejected or handed over. A deadline counted in working days carries
    the calendar's gaps between its start and its due date (a year whose holidays are not
    loaded) as caveats."""
    if facts.state in FINAL:
        return ()
    found: list[Deadline] = []
    if facts.kind.is_jkk and facts.first_report_at is None:
        found.append(_deadline(D_FIRST_REPORT, first_report_due(facts.event_at).date(), today))
    if facts.doctor_statement_at is not None and facts.closeout_report_at is None:
        due = closeout_report_due(facts.doctor_statement_at).date()
        found.append(_deadline(D_CLOSEOUT, due, today))
    if facts.lapse_last_day is not None and facts.state in _OPEN_FOR_LAPSE:
        found.append(_deadline(D_LAPSE, facts.lapse_last_day, today))
    found.extend(_payment_deadlines(facts, today, holidays))
    return tuple(sorted(found, key=lambda d: d.due))


def _payment_deadlines(facts: ClaimFacts, today: date, holidays: Calendar) -> Iterable[Deadline]:
    if facts.documents_complete_on is None:
        return
    due = payment_due(facts.kind, facts.documents_complete_on, holidays)
    days = PAYMENT_WORKING_DAYS[facts.kind]
    caveats = holidays.gaps(facts.documents_complete_on, due)
    if facts.paid_on is None:
        yield _deadline(D_PAYMENT, due, today, caveats, days=days)
    if not facts.kind.is_jkk:
        return  # JKM's payment time is a target: no interest is owed past it
    late = late_interest(facts.benefit_due, due, facts.paid_on or today)
    if late.days:
        yield _deadline(
            D_LATE,
            due,
            today,
            caveats,
            days=late.days,
            benefit=format_rupiah(facts.benefit_due),
            owed=format_rupiah(late.owed),
        )


# Documents ------------------------------------------------------------------------------------


class Condition(StrEnum):
    ALWAYS = "always"
    SPOUSE_CLAIMS = "spouse_claims"
    TRAFFIC_ACCIDENT = "traffic_accident"
    AMOUNT_ABOVE = "amount_above"
    OPTIONAL = "optional"  # offered for upload, never required (e.g. the hand-over photo)


@dataclass(frozen=True)
class Document:
    code: str
    kinds: frozenset[Kind]
    condition: Condition
    label_id: str
    label_en: str

    def label(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.label_en if lang.lower().startswith("en") else self.label_id


@dataclass(frozen=True)
class Checklist:
    documents: tuple[Document, ...]
    npwp_threshold: int


def parse_checklist(text: str) -> Checklist:
    """A checklist from a ``claim_documents.json`` text (a programme may ship its own)."""
    data: dict[str, Any] = json.loads(text)
    documents = tuple(
        Document(
            item["code"],
            frozenset(Kind(kind) for kind in item["kinds"]),
            Condition(item["condition"]),
            item["id"],
            item["en"],
        )
        for item in data["documents"]
    )
    return Checklist(documents, int(data["npwp_threshold"]))


CHECKLIST: Final = parse_checklist(
    resources.files("payung.data").joinpath("claim_documents.json").read_text("utf-8")
)


@dataclass(frozen=True)
class DocumentFacts:
    kind: Kind
    spouse_claims: bool = False
    traffic_accident: bool = False
    amount: int = 0  # the benefit total, for the NPWP threshold


def required_documents(
    facts: DocumentFacts, checklist: Checklist = CHECKLIST
) -> tuple[Document, ...]:
    """The documents a claim with ``facts`` needs, in checklist order."""
    applies = {
        Condition.ALWAYS: True,
        Condition.SPOUSE_CLAIMS: facts.spouse_claims,
        Condition.TRAFFIC_ACCIDENT: facts.traffic_accident,
        Condition.AMOUNT_ABOVE: facts.amount > checklist.npwp_threshold,
        Condition.OPTIONAL: False,
    }
    return tuple(
        doc for doc in checklist.documents if facts.kind in doc.kinds and applies[doc.condition]
    )


def missing_documents(
    facts: DocumentFacts, received: Iterable[str], checklist: Checklist = CHECKLIST
) -> tuple[Document, ...]:
    """The required documents whose code is not among ``received``."""
    have = set(received)
    return tuple(doc for doc in required_documents(facts, checklist) if doc.code not in have)
