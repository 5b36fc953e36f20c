"""The programme's realisation report (laporan realisasi; issue 14 item 2, ADR 0046).

Per payer (the budget lines, ``finance.selectors.budget_overview``: the same figures as the
budget page) the budget, what the places commit, what was billed and paid, and what is left;
per month what the places commit, billed, paid, paid so far and the budget left; and the gap
between the budget and what the rate tables imply — places × the monthly rate × the months, at the
programme's own rate and at the standard BPU minimum (``budgets.commitment.committed`` and
``standard_need``). Lebak: 3,450 places × Rp16,200 × 12 = Rp670,680,000, its budget; at the BPU
minimum Rp16,800 they would need Rp695,520,000, Rp24,840,000 more.

Opened by a reader whose region holds the whole programme (the regency's staff, the whole
installation); a village or a district has the village report. A pure function of the reader and
the parameters.
"""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from payung.access.actor import Actor, actor_user
from payung.budgets.commitment import payers_places
from payung.budgets.rates import REFERENCE_SCHEME, contribution_terms, rate_table
from payung.domain.budget import programme_cost
from payung.domain.contributions import ContributionTerms, RateTable
from payung.domain.period import Month, MonthSpan
from payung.domain.programme import QuotaModel
from payung.domain.regions import Level, RegionCode
from payung.domain.roles import Role
from payung.edge.pages import language
from payung.finance.selectors import BudgetOverview, budget_overview
from payung.programmes.models import Programme
from payung.programmes.selectors import programme_area_list
from payung.reports.readings import (
    money_by_month,
    month_name,
    months_of,
    period_text,
    sees_regency,
    visible_payers,
)
from payung.reports.report import Cell, Column, Report, Signature, Table


def _percent(part: int, whole: int | None) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part * 100) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _payer_name(code: str, name: str) -> str:
    region = RegionCode(code)
    if region.level is not Level.VILLAGE:
        return name
    word = _("Urban village %(name)s") if region.is_kelurahan else _("Village %(name)s")
    return word % {"name": name}


def _payer_table(overview: BudgetOverview) -> Table:
    rows = tuple(
        (
            _payer_name(row.region, row.name),
            row.budget,
            row.committed,
            row.billed,
            row.paid,
            None if row.budget is None else row.budget - row.paid,
            _percent(row.paid, row.budget),
        )
        for row in overview.payers
    )
    t = overview.total
    return Table(
        title=_("Budget and realisation per payer"),
        columns=(
            Column(_("Payer"), "text"),
            Column(_("Budget"), "rupiah"),
            Column(_("Committed"), "rupiah"),
            Column(_("Billed"), "rupiah"),
            Column(_("Paid"), "rupiah"),
            Column(_("Budget left"), "rupiah"),
            Column(_("Realisation"), "percent"),
        ),
        rows=rows,
        total=(
            _("Total"),
            t.budget,
            t.committed,
            t.billed,
            t.paid,
            None if t.budget is None else t.budget - t.paid,
            _percent(t.paid, t.budget),
        ),
        note=_(
            "Committed: each payer's places × the monthly rate × the months of the period. Budget "
            "left: the budget less what was paid. Realisation: paid as a share of the budget."
        ),
    )


def _monthly_cost(places: int, month: Month, table: RateTable, terms: ContributionTerms) -> int:
    return programme_cost(places=places, period=MonthSpan(month, 1), table=table, terms=terms)


def _month_table(
    *,
    actor: Actor,
    programme: Programme,
    year: int,
    months: list[Month],
    places: int,
    budget: int | None,
) -> Table:
    money = money_by_month(
        actor=actor,
        programme=programme,
        year=year,
        payers=visible_payers(actor=actor, programme=programme),
    )
    own, terms = rate_table(programme), contribution_terms(programme)
    rows: list[tuple[Cell, ...]] = []
    paid_so_far = committed_total = billed_total = 0
    for month in months:
        figures = money.get(month)
        billed, paid = (figures.billed, figures.paid) if figures else (0, 0)
        cost = _monthly_cost(places, month, own, terms)
        paid_so_far += paid
        committed_total += cost
        billed_total += billed
        rows.append(
            (
                month_name(month),
                cost,
                billed,
                paid,
                paid_so_far,
                None if budget is None else budget - paid_so_far,
            )
        )
    return Table(
        title=_("Realisation per month"),
        columns=(
            Column(_("Month"), "text"),
            Column(_("Committed"), "rupiah"),
            Column(_("Billed"), "rupiah"),
            Column(_("Paid"), "rupiah"),
            Column(_("Paid so far"), "rupiah"),
            Column(_("Budget left"), "rupiah"),
        ),
        rows=tuple(rows),
        total=(
            _("Total"),
            committed_total,
            billed_total,
            paid_so_far,
            None,
            None if budget is None else budget - paid_so_far,
        ),
        note=_("Billed and paid by the contribution month of the bill."),
    )


def _rate_of(months: list[Month], table: RateTable, terms: ContributionTerms) -> int | None:
    """The monthly rate per worker when it is the same in every month (else None)."""
    rates = {_monthly_cost(1, m, table, terms) for m in months}
    return rates.pop() if len(rates) == 1 else None


def _gap_table(programme: Programme, overview: BudgetOverview, places: int) -> Table:
    period = list(programme.period)
    terms = contribution_terms(programme)
    standard_terms = type(terms)(REFERENCE_SCHEME, terms.payer, terms.sector, terms.declared_income)
    budget = overview.total.budget
    own_need, standard_need = overview.total.committed, overview.total.standard
    rows = (
        (
            _("At the programme's rate"),
            places,
            _rate_of(period, rate_table(programme), terms),
            len(period),
            own_need,
            budget,
            None if budget is None else budget - own_need,
        ),
        (
            _("At the standard BPU minimum"),
            places,
            _rate_of(period, rate_table(None), standard_terms),
            len(period),
            standard_need,
            budget,
            None if budget is None else budget - standard_need,
        ),
    )
    return Table(
        title=_("Budget against what the rates imply"),
        columns=(
            Column(_("Rates"), "text"),
            Column(_("Places"), "count"),
            Column(_("Rate per worker-month"), "rupiah"),
            Column(_("Months"), "count"),
            Column(_("Needed"), "rupiah"),
            Column(_("Budget"), "rupiah"),
            Column(_("Budget less need"), "rupiah"),
        ),
        rows=rows,
        note=_(
            "Needed: places × the monthly rate × the months, each month priced from the rate "
            "table. A negative difference is what the budget lacks."
        ),
    )


def _places(programme: Programme, overview: BudgetOverview) -> int:
    """The places the payers of the report pay for (``budgets.commitment.payer_places``)."""
    return sum(payers_places(programme, [row.region for row in overview.payers]).values())


def _notes(actor: Actor, programme: Programme, overview: BudgetOverview) -> tuple[str, ...]:
    notes = [
        _("Budget lines for %(year)s; rates from the programme's rate table (%(legal_basis)s).")
        % {"year": overview.year, "legal_basis": programme.legal_basis}
    ]
    if programme.quotas is QuotaModel.PER_VILLAGE and programme.payer.bills_villages:
        villages = (
            programme_area_list(user=actor, programme=programme)
            .filter(region__level=Level.VILLAGE)
            .aggregate(n=Count("pk"))["n"]
        )
        with_budget = sum(1 for row in overview.payers if row.budget is not None)
        if villages and with_budget < villages:
            notes.append(
                _(
                    "%(set)s of %(villages)s villages have a budget line; the others are not "
                    "counted."
                )
                % {"set": with_budget, "villages": villages}
            )
    return tuple(notes)


def _role_words(role: Role | None) -> str:
    if role is None:
        return _("Officer")
    return role.label_en if language().startswith("en") else role.label_id


def programme_report(
    *, actor: Actor, programme: Programme, year: int, now: datetime | None = None
) -> Report:
    """The realisation report of ``programme`` (reached through a scoped selector) for ``year``;
    refused (403) for a reader whose region does not hold the whole programme."""
    if not sees_regency(actor, programme):
        raise PermissionDenied("outside_scope")
    months = months_of(programme, year)
    overview = budget_overview(user=actor, programme=programme, year=year)
    places = _places(programme, overview)
    user = actor_user(actor)
    role = Role(user.role) if user is not None and user.role else None
    regency = programme.regency.name
    return Report(
        kind="programme",
        title=_("Realisation report"),
        programme_name=str(programme),
        region_name=regency,
        period=period_text(months),
        read_at=now or timezone.now(),
        tables=(
            _payer_table(overview),
            _month_table(
                actor=actor,
                programme=programme,
                year=year,
                months=months,
                places=places,
                budget=overview.total.budget,
            ),
            _gap_table(programme, overview, places),
        ),
        signature=Signature(
            made_by_title=_role_words(role),
            made_by_name=str(user) if user is not None else "",
            acknowledged_by_title=_("Head of the labour office, %(regency)s")
            % {"regency": regency},
            place=regency.removeprefix("Kabupaten ").removeprefix("Kota "),
        ),
        notes=_notes(actor, programme, overview),
    )


__all__ = ["programme_report"]
