"""What a claim is worth and who may claim it, read from what the stages below recorded.

- :func:`paid_months` — the enrolment's months paid up to the event month (finance's
  ``protection_of``, the reading coverage uses);
- :func:`declared_income` — the income the event month's contribution was billed on: the frozen
  bill line's price (``finance.Price.income_key``); when that month has no line with a known
  income, the person's declared income (``Person.monthly_income``), and the result says so;
- :func:`claim_entitlement` — ``domain.benefits`` for the claim's kind on the event date;
- :func:`claim_heirs` — the worker's recorded heirs through ``domain.heirs.entitled_heirs``;
- :func:`document_facts` — the facts the document checklist depends on.

Pure reads: nothing here writes. The claim reaches these through a scoped selector.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from payung.claims.models import Claim, ClaimChild, ClaimKind
from payung.domain import benefits
from payung.domain.claims import DocumentFacts, Kind
from payung.domain.coverage import MonthState
from payung.domain.errors import DomainError, Issue, note, register, warning
from payung.domain.heirs import HeirDecision, RecordedHeir, Relation, entitled_heirs, relation_of
from payung.domain.money import format_rupiah
from payung.domain.period import Month, month_range
from payung.finance.models import BillLine
from payung.finance.services import protection_of
from payung.registry.models import Heir

INCOME_BILLED: Final = register(
    "claim_entitlement.income_billed",
    id="Upah dasar {income}: penghasilan yang dilaporkan pada tagihan iuran bulan {month_id}.",
    en="Base income {income}: the declared income the contribution for {month_en} was billed on.",
)
INCOME_DECLARED: Final = register(
    "claim_entitlement.income_declared",
    id="Upah dasar {income}: tagihan bulan {month_id} tidak mencatat penghasilan, jadi dipakai "
    "penghasilan yang tercatat pada data pekerja saat ini.",
    en="Base income {income}: the bill for {month_en} records no income, so the worker's income "
    "as recorded now is used.",
)
INCOME_FLOOR: Final = register(
    "claim_entitlement.income_floor",
    id="Upah dasar {income}: penghasilan tidak diketahui, iuran JKK bulan {month_id} ditagih dari "
    "tingkat penghasilan terendah.",
    en="Base income {income}: the income is unknown; the JKK contribution for {month_en} was "
    "billed on the lowest income level.",
)
INCOME_UNKNOWN: Final = register(
    "claim_entitlement.income_unknown",
    id="Penghasilan pekerja tidak diketahui: manfaat JKK belum dapat dihitung.",
    en="The worker's income is not known: the JKK benefit cannot be computed yet.",
)
NOT_COVERED: Final = register(
    "claim_entitlement.not_covered",
    id="Tidak ada hak manfaat: pekerja tidak terlindungi pada tanggal kejadian.",
    en="No entitlement: the worker was not protected on the event date.",
)


def _month_words(month: Month) -> dict[str, str]:
    """The month as a reason says it: "Januari 2026" / "January 2026"."""
    return {
        "month_id": month_range(month, month, "id"),
        "month_en": month_range(month, month, "en"),
    }


def paid_months(claim: Claim) -> int:
    """The enrolment's covered months paid up to and including the event month."""
    if claim.enrolment is None:
        return 0
    state = protection_of(claim.enrolment, as_of=Month.of(claim.event_date))
    return sum(1 for status in state.months if status.state is MonthState.PAID)


@dataclass(frozen=True)
class Income:
    amount: int | None
    reason: Issue


def declared_income(claim: Claim) -> Income:
    """The income the event month was billed on (for an unknown income, the lowest income level
    JKK was charged on), else the person's income now (said so)."""
    month = Month.of(claim.event_date)
    billed = None
    if claim.enrolment_id is not None:
        billed = (
            BillLine.objects.filter(enrolment_id=claim.enrolment_id, bill__month=month.first_day)
            .values_list("price__income_key", "price__charges")
            .first()
        )
    if billed is not None:
        key, charges = billed
        if key >= 0:
            return Income(
                key, note(INCOME_BILLED, income=format_rupiah(key), **_month_words(month))
            )
        # Income unknown: BPU's JKK was charged on the lowest income level, which is the wage.
        floor = next((c["income"] for c in charges if c["component"] == "jkk"), None)
        if floor is not None:
            return Income(
                floor, note(INCOME_FLOOR, income=format_rupiah(floor), **_month_words(month))
            )
    income = claim.person.monthly_income
    if income is None:
        return Income(None, warning(INCOME_UNKNOWN))
    return Income(
        income, warning(INCOME_DECLARED, income=format_rupiah(income), **_month_words(month))
    )


@dataclass(frozen=True)
class ClaimEntitlement:
    """The entitlement (None: none, with why in ``notes``) and the facts it was computed on."""

    entitlement: benefits.Entitlement | None
    notes: tuple[Issue, ...]
    paid_months: int
    income: Income | None

    @property
    def total(self) -> int:
        return self.entitlement.total if self.entitlement is not None else 0


def claim_entitlement(claim: Claim, *, today: date) -> ClaimEntitlement:
    """``domain.benefits`` for the claim on its event date; nothing when not covered, or when
    the domain refuses (no benefit table on that date: ``benefit.no_table``), with why."""
    try:
        return _entitlement(claim, today)
    except DomainError as refusal:
        return ClaimEntitlement(None, (refusal.issue,), paid_months(claim), None)


def _entitlement(claim: Claim, today: date) -> ClaimEntitlement:
    months = paid_months(claim)
    if not claim.covered:
        return ClaimEntitlement(None, (note(NOT_COVERED), *claim.reasons), months, None)
    children = claim_children(claim)
    if claim.kind == ClaimKind.JKM_DEATH:
        found = benefits.jkm_death(event=claim.event_date, paid_months=months, children=children)
        return ClaimEntitlement(found, (), months, None)
    income = declared_income(claim)
    if income.amount is None:
        return ClaimEntitlement(None, (income.reason,), months, income)
    claimed_on = claim_day(claim, today)
    if claim.kind == ClaimKind.JKK_DEATH:
        found = benefits.jkk_death(
            event=claim.event_date, income=income.amount, claimed_on=claimed_on, children=children
        )
    else:
        found = benefits.jkk_accident(
            event=claim.event_date,
            income=income.amount,
            claimed_on=claimed_on,
            days_off_work=claim.days_off_work,
            total_disability=claim.total_disability,
            disabilities=claim.disability_codes,
            transport=benefits.Transport(claim.transport_mode) if claim.transport_mode else None,
            transport_claimed=claim.transport_claimed,
            children=children,
        )
    return ClaimEntitlement(found, (income.reason,), months, income)


def claim_children(claim: Claim) -> tuple[benefits.Child, ...]:
    """The children recorded on the claim, eldest first (the domain schools at most the
    table's number of them, in this order, and names the others)."""
    return tuple(
        benefits.Child(
            name=child.name,
            birth_date=child.birth_date,
            level=benefits.SchoolLevel(child.level),
            grade=child.grade,
            ends_on=child.ends_on,
        )
        for child in ClaimChild.objects.filter(claim_id=claim.pk).order_by("birth_date", "pk")
    )


def claim_day(claim: Claim, today: date) -> date:
    """The day the claim counts as made, for the lapse: the report's day."""
    return claim.reported_at.date() if claim.reported_at else today


@dataclass(frozen=True)
class Heirs:
    decision: HeirDecision
    by_pk: dict[int, Heir]


def _recorded(heir: Heir) -> RecordedHeir:
    return RecordedHeir(heir.pk, heir.name, relation_of(heir.relation))


def claim_heirs(claim: Claim) -> Heirs:
    """The worker's recorded heirs and who of them is entitled (PP 44/2015 Pasal 37(5))."""
    heirs = {
        heir.pk: heir for heir in Heir.objects.filter(person_id=claim.person_id).order_by("pk")
    }
    return Heirs(entitled_heirs(_recorded(h) for h in heirs.values()), heirs)


def recorded_heir(heir: Heir) -> RecordedHeir:
    return _recorded(heir)


def document_facts(claim: Claim, *, amount: int) -> DocumentFacts:
    spouse = claim.claimant is not None and relation_of(claim.claimant.relation) is Relation.SPOUSE
    return DocumentFacts(
        kind=Kind(claim.kind),
        spouse_claims=spouse,
        traffic_accident=claim.traffic_accident,
        amount=amount,
    )
