"""The dashboard page, /dasbor/ (ADR 0045)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from payung.access.actor import actor_of
from payung.domain.period import Month, month_range
from payung.edge.pages import language
from payung.programmes.selectors import programme_list
from payung.reports.aggregates import month_in_period
from payung.reports.charts import bar_chart
from payung.reports.dashboard import dashboard

CHART_ROWS = 12


@login_required
@require_GET
def dashboard_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    programmes = list(programme_list(user=actor))
    chosen = request.GET.get("programme", "")
    programme = next((p for p in programmes if str(p.pk) == chosen), None)
    if programme is None and programmes:
        programme = programmes[0]
    context: dict[str, object] = {"programmes": programmes, "programme": programme}
    if programme is not None:
        month = month_in_period(programme, Month.of(timezone.localdate()))
        board = dashboard(
            actor=actor, programme=programme, month=month, district=request.GET.get("district", "")
        )
        context["board"] = board
        context["month_words"] = month_range(month, month, language())
        context["queue"] = f"{reverse('candidate_list')}?{urlencode({'programme': programme.pk})}"
        # The chart shows the regions with the most filled places; the table has every one.
        ranked = sorted(board.rows, key=lambda row: -row.region.figures.filled)[:CHART_ROWS]
        context["chart"] = bar_chart(
            _("Filled places per region"),
            [(row.region.name, row.region.figures.filled) for row in ranked],
        )
        context["chart_rows"] = len(ranked)
        context["chart_all"] = len(ranked) == len(board.rows)
    return render(request, "reports/dashboard.html", context)
