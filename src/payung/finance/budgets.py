"""Budgets per payer and year, what the places commit against them, and the checks on approval
and on quota changes.

Committed = places × months × the monthly rate, each month priced from the programme's rate
table (``domain.budget.programme_cost``), checked by ``domain.budget.check_budget``: a warning
from the programme's threshold (90% unless set), an error beyond the budget. Approving a worker
commits one more place of the payer's (the places taken); setting or moving a quota commits the
quota. Near the limit the approval goes through with a note; beyond the budget it is refused —
money not budgeted cannot be promised to a worker. A promotion from the waiting list is checked
the same way (``screening.places.waitlist_promote`` holds it), and raising a budget offers the
free places to the payer's waiting list again.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum

from payung.access.scope import require, require_region
from payung.audit.services import audit_record
from payung.domain.budget import BudgetCheck, check_budget, programme_cost
from payung.domain.contributions import RateTable
from payung.domain.errors import DomainError, Severity
from payung.domain.money import rupiah
from payung.domain.programme import QuotaModel
from payung.domain.roles import Capability
from payung.domain.workflow import HOLDS_PLACE
from payung.finance.billing import payer_region, payers_ensure
from payung.finance.models import Budget, Payer
from payung.finance.rates import REFERENCE_SCHEME, contribution_terms, finance_terms, rate_table
from payung.programmes.models import Programme, ProgrammeArea
from payung.registry.models import Candidate


def committed(programme: Programme, places: int, *, table: RateTable | None = None) -> int:
    """What ``places`` workers cost over the programme's period at its rates."""
    return programme_cost(
        places=places,
        period=programme.period,
        table=table or rate_table(programme),
        terms=contribution_terms(programme),
    )


def standard_need(programme: Programme, places: int, *, table: RateTable | None = None) -> int:
    """What ``places`` would cost at the reference BPU rates (the standard minimum), with the
    reliefs the programme's payer may claim."""
    terms = contribution_terms(programme)
    return programme_cost(
        places=places,
        period=programme.period,
        table=table or rate_table(None),
        terms=type(terms)(REFERENCE_SCHEME, terms.payer, terms.sector, terms.declared_income),
    )


def payer_places(programme: Programme, region: str, *, taken: bool = False) -> int:
    """The places a payer pays for: its quota (``taken``: the places held now)."""
    areas = ProgrammeArea.objects.filter(programme=programme)
    if region != programme.regency_id and programme.quotas is not QuotaModel.PER_VILLAGE:
        # Villages billed for a regency- or district-wide quota pay for their holders.
        return Candidate.objects.filter(
            programme=programme, village_id=region, status__in=[s.value for s in HOLDS_PLACE]
        ).count()
    if region != programme.regency_id:
        areas = areas.filter(region_id=region)
    return int(areas.aggregate(n=Sum("taken" if taken else "quota"))["n"] or 0)


def budget_check(programme: Programme, region: str, places: int) -> BudgetCheck | None:
    """The payer's budget for the programme's year against ``places`` (None: no budget set)."""
    budget = Budget.objects.filter(
        payer__programme=programme, payer__region_id=region, year=programme.year
    ).first()
    if budget is None:
        return None
    return check_budget(
        budget=budget.amount,
        committed=committed(programme, places),
        warn_at_percent=Decimal(finance_terms(programme).warn_at_percent),
    )


def _verdict(check: BudgetCheck | None) -> DomainError | None:
    """Raise the check's error; give its warning back as a note."""
    if check is None or not check.issues:
        return None
    issue = check.issues[0]
    if issue.severity is Severity.ERROR:
        raise DomainError(issue.code, **issue.params)
    return DomainError(issue.code, **issue.params)


def approval_check(candidate: Candidate) -> DomainError | None:
    """After ``candidate`` took a place: refuse beyond the payer's budget, note when near it."""
    programme = candidate.programme
    region = payer_region(programme, candidate.village_id)
    return _verdict(budget_check(programme, region, payer_places(programme, region, taken=True)))


def quota_check(programme: Programme, area: str) -> DomainError | None:
    """After ``area``'s quota changed: the same check for the area's payer, on its quota."""
    region = payer_region(programme, area)
    if region != area:
        return None  # the regency pays: moving places between areas commits nothing more
    return _verdict(budget_check(programme, region, payer_places(programme, region)))


@transaction.atomic
def budget_set(*, actor: Any, programme: Programme, region: str, year: int, amount: int) -> Budget:
    """Set the budget line of the programme's payer in ``region`` for ``year``."""
    require(actor, Capability.MANAGE_FINANCE)
    require_region(actor, programme.regency_id)
    amount = rupiah(amount)
    payer = payers_ensure(programme, [region])[region]
    budget = Budget.objects.select_for_update().filter(payer=payer, year=year).first()
    before = {"amount": budget.amount} if budget else None
    if budget is None:
        budget = Budget.objects.create(payer=payer, year=year, amount=amount)
    else:
        budget.amount = amount
        budget.save(update_fields=["amount", "updated_at"])
    audit_record(
        actor=actor,
        action="budget.set",
        target=budget,
        before=before,
        after={"payer": region, "year": year, "amount": amount},
    )
    if before is not None and amount > before["amount"] and year == programme.year:
        # Promotions held for lack of budget get the free places now, if it suffices.
        from payung.screening.places import waitlist_offer

        waitlist_offer(programme=programme, region=region, actor=actor)
    return budget


def budgets_from_programme(*, actor: Any, programme: Programme) -> list[Budget]:
    """Budget lines from the programme's stated figures: each village's budget (per-village
    programmes billed to villages), or the regency's total."""
    if programme.payer.bills_villages and programme.quotas is QuotaModel.PER_VILLAGE:
        stated = [
            (area.region_id, area.budget)
            for area in programme.areas.exclude(budget=None).order_by("region_id")
        ]
    elif programme.budget_total_stated is not None:
        stated = [(programme.regency_id, programme.budget_total_stated)]
    else:
        stated = []
    return [
        budget_set(
            actor=actor, programme=programme, region=region, year=programme.year, amount=amount
        )
        for region, amount in stated
        if amount is not None
    ]


def payer_list(programme: Programme) -> list[Payer]:
    return list(Payer.objects.filter(programme=programme).select_related("region"))
