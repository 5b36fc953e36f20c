"""What the places commit against a payer's budget, and the checks on approval and on quota
changes.

Committed = places × months × the monthly rate, each month priced from the programme's rate
table (``domain.budget.programme_cost``), checked by ``domain.budget.check_budget``: a warning
from the programme's threshold (90% unless set), an error beyond the budget. Approving a worker
commits one more place of the payer's (the places taken); setting or moving a quota commits the
quota. Near the limit the approval goes through with a note; beyond the budget it is refused —
money not budgeted cannot be promised to a worker. Screening calls these checks after it took a
place (an approval, a promotion from the waiting list, a move of places); the places are read from
the rows below this app (``programmes.ProgrammeArea``, ``registry.Candidate``), never from
screening.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count, Sum

from payung.budgets.models import Budget
from payung.budgets.rates import REFERENCE_SCHEME, contribution_terms, finance_terms, rate_table
from payung.budgets.services import payer_region
from payung.domain.budget import BudgetCheck, check_budget, programme_cost
from payung.domain.contributions import ContributionTerms, RateTable
from payung.domain.errors import DomainError, Severity
from payung.domain.programme import QuotaModel
from payung.domain.workflow import HOLDS_PLACE
from payung.programmes.models import Programme, ProgrammeArea
from payung.registry.models import Candidate


def committed(
    programme: Programme,
    places: int,
    *,
    table: RateTable | None = None,
    terms: ContributionTerms | None = None,
) -> int:
    """What ``places`` workers cost over the programme's period at its rates (``table`` and
    ``terms``, when given, are the programme's own, read once by a caller pricing many payers)."""
    return programme_cost(
        places=places,
        period=programme.period,
        table=table or rate_table(programme),
        terms=terms or contribution_terms(programme),
    )


def standard_need(
    programme: Programme,
    places: int,
    *,
    table: RateTable | None = None,
    terms: ContributionTerms | None = None,
) -> int:
    """What ``places`` would cost at the reference BPU rates (the standard minimum), with the
    reliefs the programme's payer may claim (``table``: the reference table; ``terms``: the
    programme's own)."""
    terms = terms or contribution_terms(programme)
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


def payers_places(programme: Programme, regions: Iterable[str]) -> dict[str, int]:
    """``payer_places`` of each of ``regions`` (quotas, not places taken), in one query for the
    villages and one for the regency: what a page or report of every payer reads."""
    regions = list(regions)
    places = {r: payer_places(programme, r) for r in regions if r == programme.regency_id}
    others = [r for r in regions if r != programme.regency_id]
    if not others:
        return places
    counts: Iterable[tuple[str, int | None]]
    if programme.quotas is not QuotaModel.PER_VILLAGE:
        counts = (
            Candidate.objects.filter(
                programme=programme,
                village_id__in=others,
                status__in=[s.value for s in HOLDS_PLACE],
            )
            .values("village_id")
            .annotate(n=Count("pk"))
            .values_list("village_id", "n")
        )
    else:
        counts = (
            ProgrammeArea.objects.filter(programme=programme, region_id__in=others)
            .values("region_id")
            .annotate(n=Sum("quota"))
            .values_list("region_id", "n")
        )
    found = {code: int(n or 0) for code, n in counts}
    places.update({r: found.get(r, 0) for r in others})
    return places


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


def approval_check(*, programme: Programme, village: str) -> DomainError | None:
    """After a candidacy of ``village`` took a place: refuse beyond its payer's budget, note when
    near it."""
    region = payer_region(programme, village)
    return _verdict(budget_check(programme, region, payer_places(programme, region, taken=True)))


def quota_check(programme: Programme, area: str) -> DomainError | None:
    """After ``area``'s quota changed: the same check for the area's payer, on its quota."""
    region = payer_region(programme, area)
    if region != area:
        return None  # the regency pays: moving places between areas commits nothing more
    return _verdict(budget_check(programme, region, payer_places(programme, region)))
