"""The budget page, composed at the top: finance's budget overview, and beside the contributions
paid per month what BPJS paid on the programme's claims ("dibayarkan BPJS"), so the regency sees
what its premiums returned (issue 13 item 9, ADR 0041).

Finance is below claims and may not read them; claims may not be read by finance's page. Only
the top may ask both: finance gives its part of the page (``finance.views.budget_context``,
``budget_save``) and the contributions paid per month, claims the benefits paid per month
(``claims.selectors.benefits_paid_by_month``), and the domain (``domain.returns``) lays the two
side by side. The URL, its name and finance's template stay; ``web/budget.html`` extends it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from payung.access.actor import actor_of
from payung.claims.labels import COMPONENT_LABELS
from payung.claims.selectors import benefits_paid_by_month
from payung.domain.period import MONTH_NAMES
from payung.domain.returns import MonthFigures, money_in_view
from payung.edge.pages import language
from payung.finance.selectors import contributions_paid_by_month
from payung.finance.views import budget_context, budget_save
from payung.programmes.selectors import programme_get


@dataclass(frozen=True)
class ComponentRow:
    label: str
    claims: int
    amount: int


@login_required
@require_http_methods(["GET", "POST"])
def budget_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor_of(request)
    programme = programme_get(user=user, pk=pk)
    if request.method == "POST":
        return budget_save(request, programme)
    context = budget_context(request, programme)
    year = context["overview"].year
    view = money_in_view(
        year=year,
        contributions=contributions_paid_by_month(user=user, programme=programme, year=year),
        benefits=benefits_paid_by_month(user=user, programme=programme, year=year),
    )
    lang = language()
    names = MONTH_NAMES["en" if lang.startswith("en") else "id"]
    months: list[tuple[str, MonthFigures]] = [(names[m.month.month - 1], m) for m in view.months]
    components = [
        ComponentRow(str(COMPONENT_LABELS[c.component]), c.claims, c.amount)
        for c in view.components
    ]
    # A whole percent, grouped as the reader writes numbers (54.167 / 54,167).
    percent = None if view.percent is None else f"{view.percent:,}"
    if percent is not None and not lang.startswith("en"):
        percent = percent.replace(",", ".")
    return render(
        request,
        "web/budget.html",
        {
            **context,
            "money": view,
            "months": months,
            "components": components,
            "percent": percent,
        },
    )
