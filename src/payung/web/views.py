"""Thin views: authenticate, call a selector, render. No business rules live here."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language

from payung.access.actor import UserActor, actor_of
from payung.accounts.services import user_language_set
from payung.audit.selectors import audit_event_get, audit_event_list
from payung.budgets.selectors import area_budgets, budget_visible
from payung.domain.roles import Capability
from payung.edge.api import api_endpoint
from payung.edge.pages import CSV, attachment
from payung.files.writers import write_csv
from payung.programmes.models import Programme
from payung.programmes.selectors import (
    programme_area_get,
    programme_area_list,
    programme_districts,
    programme_figures,
    programme_get,
)
from payung.programmes.selectors import (
    programme_list as programme_list_selector,
)
from payung.web.forms import LanguageForm


@login_required
@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = programme_list_selector(user=actor_of(request))
    rows = []
    for programme in programmes:
        figures = programme_figures(user=actor_of(request), programme=programme)
        budget = budget_visible(user=actor_of(request), programme=programme, figures=figures)
        rows.append((programme, figures, budget))
    return render(request, "web/programme_list.html", {"rows": rows})


@login_required
@require_GET
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get(user=actor_of(request), pk=pk)
    district = request.GET.get("district", "")
    areas = programme_area_list(user=actor_of(request), programme=programme, district=district)
    page = Paginator(areas, 50).get_page(request.GET.get("page"))
    budgets = area_budgets(programme=programme, regions=[a.region_id for a in page])
    districts = programme_districts(user=actor_of(request), programme=programme)
    context = {
        "programme": programme,
        "figures": programme_figures(user=actor_of(request), programme=programme),
        "page": page,
        "area_rows": [(area, budgets[area.region_id]) for area in page],
        "district": district,
        "districts": districts,
        "can_renew": actor_of(request).can(Capability.MANAGE_PROGRAMMES),
    }
    template = "web/_area_table.html" if request.htmx else "web/programme_detail.html"
    return render(request, template, context)


@login_required
@require_GET
def programme_area_detail(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    programme = programme_get(user=actor_of(request), pk=pk)
    area = programme_area_get(user=actor_of(request), programme=programme, region_code=code)
    figures = programme_figures(user=actor_of(request), programme=programme)
    return render(
        request,
        "web/area_detail.html",
        {
            "programme": programme,
            "area": area,
            "area_budget": area_budgets(programme=programme, regions=[area.region_id])[
                area.region_id
            ],
            "figures": figures,
        },
    )


@login_required
@require_GET
def programme_area_export(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get(user=actor_of(request), pk=pk)
    response = attachment(f"programme-{programme.pk}-areas.csv", CSV)
    areas = programme_area_list(user=actor_of(request), programme=programme)
    budgets = area_budgets(programme=programme, regions=areas.values_list("region_id", flat=True))
    write_csv(
        response,
        headers=["region_code", "region_name", "district", "quota", "budget_rupiah"],
        rows=(
            [
                area.region_id,
                area.region.name,
                area.region.parent.name,
                area.quota,
                budgets[area.region_id],
            ]
            for area in areas
        ),
    )
    return response


@login_required
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    filters = {
        "object_type": request.GET.get("object_type", "").strip(),
        "object_id": request.GET.get("object_id", "").strip(),
        "actor_username": request.GET.get("actor", "").strip(),
        "action": request.GET.get("action", "").strip(),
    }
    events = audit_event_list(user=actor_of(request), **filters)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "web/audit_list.html", {"page": page, "filters": filters})


@login_required
@require_GET
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = audit_event_get(user=actor_of(request), pk=pk)
    return render(request, "web/audit_detail.html", {"event": event})


def _programme_json(programme: Programme, user: UserActor) -> dict[str, Any]:
    figures = programme_figures(user=user, programme=programme)
    return {
        "id": programme.pk,
        "name": programme.name,
        "legal_basis": programme.legal_basis,
        "regency": programme.regency_id,
        "year": programme.year,
        "coverage": {"start": str(programme.period.start), "end": str(programme.period.end)},
        "payer_model": programme.payer_model,
        "quota_model": programme.quota_model,
        "quota_per_village": programme.quota_per_village,
        "quota_total": programme.quota_total,
        "places": figures.places,
        "budget_total_rupiah": figures.budget_total,
        "budget_per_worker_month_rupiah": figures.monthly_rate,
        "status": programme.status,
    }


def _api(view: Callable[..., dict[str, Any]]) -> Callable[..., HttpResponse]:
    """A read endpoint: its dict as JSON; refusals in the API's one shape (payung.edge.api)."""

    @api_endpoint("GET")
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        return JsonResponse(view(request, *args, **kwargs))

    return wrapper


@_api
def api_programme_list(request: HttpRequest) -> dict[str, Any]:
    programmes = programme_list_selector(user=actor_of(request))
    return {"results": [_programme_json(p, actor_of(request)) for p in programmes]}


@_api
def api_programme_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _programme_json(programme_get(user=actor_of(request), pk=pk), actor_of(request))


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_POST
def language_choose(request: HttpRequest) -> HttpResponse:
    """The header's language switch: remembered for the signed-in user and in the cookie (as
    Django's ``set_language`` does, which sets the cookie and goes back)."""
    form = LanguageForm(request.POST)
    if form.is_valid() and request.user.is_authenticated:
        user_language_set(user=request.user, language=form.cleaned_data["language"])
    return set_language(request)
