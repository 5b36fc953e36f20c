"""Where a claim stands: its document checklist (received or missing) and its deadlines, read
from the claim, its documents and the domain (``domain.claims``). Pure reads.

The reports the deadlines watch are documents of the checklist: Formulir 3 / KK1 is
``accident_report``, the doctor's statement (3b / KK3) ``doctor_statement``, Formulir 3a / KK2
``closeout_report``; each counts as made when it was uploaded. Working days are Monday to Friday
less the national holidays, cuti bersama and the regency's own days (``payung.holidays``); a year
whose holidays are not loaded is said in the deadline's words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from typing import Final, overload
from zoneinfo import ZoneInfo

from payung.access.actor import Actor
from payung.claims.entitlement import document_facts
from payung.claims.models import Claim, ClaimDocument
from payung.claims.selectors import claim_first_uploads, claim_queue_rows, claims_by_pk
from payung.domain import benefits
from payung.domain import claims as lifecycle
from payung.domain.workdays import Calendar
from payung.holidays import holiday_calendar

JAKARTA: Final = ZoneInfo("Asia/Jakarta")


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


# The checklist documents whose upload is the report a deadline waits for.
REPORTS: Final = {
    "first_report_at": "accident_report",
    "doctor_statement_at": "doctor_statement",
    "closeout_report_at": "closeout_report",
}


def _uploaded(documents: Sequence[ClaimDocument], code: str) -> datetime | None:
    times = [d.uploaded_at for d in documents if d.kind == code]
    return min(times) if times else None


@dataclass(frozen=True)
class _Facts:
    """What the deadlines read of a claim (a model or a queue row): no personal data."""

    kind: str
    status: str
    event_date: date
    event_time: time
    documents_complete_on: date | None
    paid_on: date | None


@lru_cache(maxsize=4096)
def _lapse(event_date: date) -> date | None:
    return benefits.lapse_last_day(
        event_date, benefits.BENEFIT_TABLES.on(event_date).jkk_lapse_years
    )


def _deadlines(
    claim: _Facts,
    uploads: Mapping[str, datetime | None],
    *,
    benefit_due: int,
    today: date,
    holidays: Calendar,
) -> tuple[lifecycle.Deadline, ...]:
    kind = lifecycle.Kind(claim.kind)
    facts = lifecycle.ClaimFacts(
        kind=kind,
        event_at=datetime.combine(claim.event_date, claim.event_time, tzinfo=JAKARTA),
        state=lifecycle.State(claim.status),
        documents_complete_on=claim.documents_complete_on,
        paid_on=claim.paid_on,
        benefit_due=benefit_due,
        lapse_last_day=_lapse(claim.event_date) if kind.is_jkk else None,
        **{field: uploads.get(code) for field, code in REPORTS.items()},
    )
    return lifecycle.deadlines(facts, today=today, holidays=holidays)


def claim_deadlines(
    claim: Claim,
    documents: Sequence[ClaimDocument],
    *,
    benefit_due: int,
    today: date,
    holidays: Calendar | None = None,
) -> tuple[lifecycle.Deadline, ...]:
    """The claim's open deadlines (``holidays``: the installation's calendar unless given)."""
    facts = _Facts(
        claim.kind,
        claim.status,
        claim.event_date,
        claim.event_time,
        claim.documents_complete_on,
        claim.paid_on,
    )
    uploads = {code: _uploaded(documents, code) for code in REPORTS.values()}
    calendar = holiday_calendar() if holidays is None else holidays
    return _deadlines(facts, uploads, benefit_due=benefit_due, today=today, holidays=calendar)


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


class ClaimQueue(Sequence[Queued]):
    """The region's claims in queue order. The order is computed from light rows; a page (a
    slice) reads only its own claims in full (names, NIKs: decrypted for those rows only)."""

    def __init__(
        self,
        order: list[tuple[int, tuple[lifecycle.Deadline, ...]]],
        fetch: Callable[[list[int]], dict[int, Claim]],
    ) -> None:
        self._order = order
        self._fetch = fetch

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, index: int) -> Queued: ...
    @overload
    def __getitem__(self, index: slice) -> list[Queued]: ...
    def __getitem__(self, index: int | slice) -> Queued | list[Queued]:
        if isinstance(index, int):
            return self[index : index + 1 or None][0]
        chosen = self._order[index]
        claims = self._fetch([pk for pk, _ in chosen])
        return [Queued(claims[pk], found) for pk, found in chosen]


def claim_queue(*, user: Actor, today: date, holidays: Calendar | None = None) -> ClaimQueue:
    """The region's claims with their deadlines, overdue first, then the earliest due, then the
    newest report (the late interest is not reckoned here: its benefit is not computed for a
    list). Claims in a final state have no deadline and are not reckoned (ADR 0042)."""
    calendar = holiday_calendar() if holidays is None else holidays
    uploads = claim_first_uploads(user=user, kinds=REPORTS.values())
    reckoned = []
    for pk, kind, status, event_date, event_time, complete, paid in claim_queue_rows(user=user):
        found: tuple[lifecycle.Deadline, ...] = ()
        if lifecycle.State(status) not in lifecycle.FINAL:
            facts = _Facts(kind, status, event_date, event_time, complete, paid)
            found = _deadlines(
                facts, uploads.get(pk, {}), benefit_due=0, today=today, holidays=calendar
            )
        reckoned.append((pk, found))
    # The rows come newest report first; a stable sort keeps that order among equals.
    ordered = sorted(
        reckoned,
        key=lambda r: (not any(d.overdue for d in r[1]), r[1][0].due if r[1] else date.max),
    )
    return ClaimQueue(
        ordered,
        lambda pks: claims_by_pk(user=user, pks=pks),
    )
