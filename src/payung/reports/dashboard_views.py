"""The dashboard page, /dasbor/ (ADR 0045)."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from payung.access.actor import UserActor, actor_of
from payung.domain.period import Month, month_range
from payung.domain.regions import Level
from payung.domain.roles import Capability
from payung.edge.pages import language
from payung.programmes.models import Programme
from payung.programmes.selectors import programme_list
from payung.regions.boundaries import boundary_in_use
from payung.regions.models import Boundary
from payung.reports.aggregates import CACHE_SECONDS, data_version, month_in_period, scope_key
from payung.reports.charts import bar_chart
from payung.reports.dashboard import Dashboard, dashboard
from payung.reports.maps import coverage_area, district_map

CHART_ROWS = 12
REGION_CODE = re.compile(r"\d{2}(\.\d{2}){1,2}(\.\d{4})?")


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
        context["figures"] = _figures(request, actor, programme)
    return render(request, "reports/dashboard.html", context)


def _figures(request: HttpRequest, actor: UserActor, programme: Programme) -> str:
    """The dashboard's figures, charts and map as HTML, rendered once per reader scope,
    programme, day, district and language and kept until the next write (the audit trail's
    last id is in the key, ADR 0048): a reader reloading the page costs a cache read."""
    today = timezone.localdate()
    district = request.GET.get("district", "")
    if not REGION_CODE.fullmatch(district):
        district = ""
    key = ":".join(
        (
            "dasbor",
            str(programme.pk),
            today.isoformat(),
            district,
            scope_key(actor),
            language(),
            str(data_version()),
        )
    )
    body = cache.get(key)
    if isinstance(body, str):
        return mark_safe(body)  # noqa: S308 — our own template's output, kept as rendered
    month = month_in_period(programme, Month.of(today))
    board = dashboard(actor=actor, programme=programme, month=month, district=district)
    # The chart shows the regions with the most filled places; the table has every one.
    ranked = sorted(board.rows, key=lambda row: -row.region.figures.filled)[:CHART_ROWS]
    boundary = boundary_in_use(programme.regency_id)
    body = render_to_string(
        "reports/_dashboard_figures.html",
        {
            "programme": programme,
            "board": board,
            "month_words": month_range(month, month, language()),
            "queue": f"{reverse('candidate_list')}?{urlencode({'programme': programme.pk})}",
            "chart": bar_chart(
                _("Filled places per region"),
                [(row.region.name, row.region.figures.filled) for row in ranked],
            ),
            "chart_rows": len(ranked),
            "chart_all": len(ranked) == len(board.rows),
            "map": _map(board, boundary),
            "map_boundary": boundary,
            "may_upload_boundary": actor.can(Capability.MANAGE_PROGRAMMES),
        },
    )
    cache.set(key, body, CACHE_SECONDS)
    return mark_safe(body)  # noqa: S308 — rendered just now from our own template


def _map(board: Dashboard, boundary: Boundary | None) -> object:
    """Covered of places per district, when the rows are the regency's districts."""
    if not board.rows or board.rows[0].region.level is not Level.DISTRICT:
        return None
    areas = [
        coverage_area(
            row.region.code,
            row.region.name,
            row.region.figures.covered,
            row.region.figures.places,
            language(),
        )
        for row in board.rows
    ]
    return district_map(_("Covered of places per district"), boundary, areas)
