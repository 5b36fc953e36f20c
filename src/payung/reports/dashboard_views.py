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
from payung.domain.regions import Level
from payung.domain.roles import Capability
from payung.edge.pages import language
from payung.programmes.selectors import programme_list
from payung.regions.boundaries import boundary_in_use
from payung.regions.models import Boundary
from payung.reports.aggregates import month_in_period
from payung.reports.charts import bar_chart
from payung.reports.dashboard import Dashboard, dashboard
from payung.reports.maps import Area, count_text, district_map, percent

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
        boundary = boundary_in_use(programme.regency_id)
        context["map"] = _map(board, boundary)
        context["map_boundary"] = boundary
        context["may_upload_boundary"] = actor.can(Capability.MANAGE_PROGRAMMES)
    return render(request, "reports/dashboard.html", context)


def _map(board: Dashboard, boundary: Boundary | None) -> object:
    """Covered of places per district, when the rows are the regency's districts."""
    if not board.rows or board.rows[0].region.level is not Level.DISTRICT:
        return None
    areas = [
        Area(
            code=row.region.code,
            name=row.region.name,
            share=row.share,
            says=_("{share} ({covered} of {places} places)").format(
                share=percent(row.share, language()),
                covered=count_text(row.region.figures.covered),
                places=count_text(row.region.figures.places),
            )
            if row.share is not None
            else _("no places"),
        )
        for row in board.rows
    ]
    return district_map(_("Covered of places per district"), boundary, areas)
