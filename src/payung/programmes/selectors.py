"""Reading programmes and their places, always within the reader's region."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.http import Http404

from payung.access.scope import require, scoped
from payung.domain.programme import QuotaModel
from payung.domain.regions import Level
from payung.domain.roles import Capability
from payung.programmes.models import Programme, ProgrammeArea
from payung.regions.selectors import region_descendants


def programme_list(*, user: Any) -> QuerySet[Programme]:
    require(user, Capability.VIEW_PROGRAMMES)
    return scoped(Programme.objects.select_related("regency"), user)


def programme_get(*, user: Any, pk: int) -> Programme:
    try:
        return programme_list(user=user).get(pk=pk)
    except Programme.DoesNotExist:
        raise Http404 from None


def programme_chosen(*, user: Any, pk: int | None) -> Programme | None:
    """The programme ``pk`` (404 outside the user's region), or the user's first when none is
    named (``None`` when they see none): the programme a page shows by default."""
    if pk is not None:
        return programme_get(user=user, pk=pk)
    return programme_list(user=user).first()


def programme_area_list(
    *, user: Any, programme: Programme, district: str = ""
) -> QuerySet[ProgrammeArea]:
    areas = scoped(programme.areas.select_related("region", "region__parent"), user)
    if district:
        areas = areas.filter(region__code__startswith=district + ".")
    return areas


def programme_districts(*, user: Any, programme: Programme) -> list[tuple[str, str]]:
    """``(code, name)`` of each district holding a village area of ``programme`` the user sees,
    by code: the choices of the page's district filter."""
    areas = programme_area_list(user=user, programme=programme).select_related("region__parent")
    return sorted(
        {
            (a.region.parent_id, a.region.parent.name)
            for a in areas
            if a.region.level == Level.VILLAGE
        }
    )


def programme_area_get(*, user: Any, programme: Programme, region_code: str) -> ProgrammeArea:
    try:
        return programme_area_list(user=user, programme=programme).get(region_id=region_code)
    except ProgrammeArea.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class ProgrammeFigures:
    """What a reader sees of a programme's figures: the whole, and their own part of it."""

    village_count: int
    places: int
    budget_total: int
    worker_months: int
    monthly_rate: int
    rate_remainder: int
    visible_places: int
    visible_budget: int | None
    visible_areas: int


def programme_figures(*, user: Any, programme: Programme) -> ProgrammeFigures:
    village_count = region_descendants(programme.regency_id, level=Level.VILLAGE).count()
    terms = programme.terms(village_count=village_count)
    rate, remainder = terms.implied_monthly_rate()
    own = programme_area_list(user=user, programme=programme).aggregate(
        places=Sum("quota"), budget=Sum("budget"), n=Count("id")
    )
    scope = user.region_code
    sees_whole = scope is None or scope.level <= Level.REGENCY
    if sees_whole or programme.quotas is QuotaModel.TOTAL:
        visible_places, visible_budget = terms.places, terms.budget_total
    else:
        visible_places, visible_budget = own["places"] or 0, own["budget"]
    return ProgrammeFigures(
        village_count=village_count,
        places=terms.places,
        budget_total=terms.budget_total,
        worker_months=terms.worker_months,
        monthly_rate=rate,
        rate_remainder=remainder,
        visible_places=visible_places,
        visible_budget=visible_budget,
        visible_areas=own["n"],
    )
