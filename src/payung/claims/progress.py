"""Where a claim stands: its document checklist (received or missing) and its deadlines, read
from the claim, its documents and the domain (``domain.claims``). Pure reads.

The reports the deadlines watch are documents of the checklist: Formulir 3 / KK1 is
``accident_report``, the doctor's statement (3b / KK3) ``doctor_statement``, Formulir 3a / KK2
``closeout_report``; each counts as made when it was uploaded. Public holidays are not known to
Payung yet: working days are Monday to Friday (a gap, said in the README).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

from payung.claims.entitlement import document_facts
from payung.claims.models import Claim, ClaimDocument
from payung.domain import benefits
from payung.domain import claims as lifecycle

JAKARTA: Final = ZoneInfo("Asia/Jakarta")
HOLIDAYS: Final[frozenset[date]] = frozenset()  # not known yet: see the module's docstring


@dataclass(frozen=True)
class ChecklistRow:
    code: str
    label: str
    received: bool


def checklist(
    claim: Claim, documents: Iterable[ClaimDocument], *, amount: int, lang: str
) -> list[ChecklistRow]:
    """The documents the claim's facts require, each received or missing."""
    have = {d.kind for d in documents}
    required = lifecycle.required_documents(document_facts(claim, amount=amount))
    return [ChecklistRow(d.code, d.label(lang), d.code in have) for d in required]


def document_choices(claim: Claim, lang: str) -> list[tuple[str, str]]:
    """Every checklist document a claim of this kind may need (conditions aside: a police
    report or an NPWP may be brought before the fact that requires it is recorded)."""
    kind = lifecycle.Kind(claim.kind)
    return [(d.code, d.label(lang)) for d in lifecycle.CHECKLIST.documents if kind in d.kinds]


def _uploaded(documents: Sequence[ClaimDocument], code: str) -> datetime | None:
    times = [d.uploaded_at for d in documents if d.kind == code]
    return min(times) if times else None


def claim_deadlines(
    claim: Claim, documents: Sequence[ClaimDocument], *, benefit_due: int, today: date
) -> tuple[lifecycle.Deadline, ...]:
    kind = lifecycle.Kind(claim.kind)
    lapse = None
    if kind.is_jkk:
        table = benefits.BENEFIT_TABLES.on(claim.event_date)
        lapse = benefits.lapse_last_day(claim.event_date, table.jkk_lapse_years)
    facts = lifecycle.ClaimFacts(
        kind=kind,
        event_at=datetime.combine(claim.event_date, claim.event_time, tzinfo=JAKARTA),
        state=lifecycle.State(claim.status),
        first_report_at=_uploaded(documents, "accident_report"),
        doctor_statement_at=_uploaded(documents, "doctor_statement"),
        closeout_report_at=_uploaded(documents, "closeout_report"),
        documents_complete_on=claim.documents_complete_on,
        paid_on=claim.paid_on,
        benefit_due=benefit_due,
        lapse_last_day=lapse,
    )
    return lifecycle.deadlines(facts, today=today, holidays=HOLIDAYS)


@dataclass(frozen=True)
class Queued:
    claim: Claim
    deadlines: tuple[lifecycle.Deadline, ...]

    @property
    def overdue(self) -> bool:
        return any(d.overdue for d in self.deadlines)

    def __getattr__(self, name: str) -> object:
        # A queued claim reads as the claim it holds (``pk``, ``status``, …) on a list page.
        return getattr(self.claim, name)


def claim_queue(claims: Iterable[Claim], *, today: date) -> list[Queued]:
    """The claims with their deadlines, overdue first, then the earliest due, then the newest
    report (the late interest is not reckoned here: its benefit is not computed for a list)."""
    queued = [
        Queued(c, claim_deadlines(c, list(c.documents.all()), benefit_due=0, today=today))
        for c in claims
    ]
    newest = sorted(queued, key=lambda q: (q.claim.reported_at, q.claim.pk), reverse=True)
    return sorted(
        newest,
        key=lambda q: (
            not q.overdue,
            q.deadlines[0].due if q.deadlines else date.max,
        ),
    )
