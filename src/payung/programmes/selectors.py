"""Reading programmes and their places, always within the reader's region."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum
from django.http import Http404

from payung.access.actor import Actor, actor_region
from payung.access.scope import require, scoped
from payung.domain.programme import QuotaModel
from payung.domain.regions import Level
from payung.domain.roles import Capability
from payung.programmes.models import Programme, ProgrammeArea
from payung.regions.selectors import region_descendants


def programme_list(*, user: Actor) -> QuerySet[Programme]:
    require(user, Capability.VIEW_PROGRAMMES)
    return scoped(Programme.objects.select_related("regency"), user)


def programme_get(*, user: Actor, pk: int) -> Programme:
    try:
        return programme_list(user=user).get(pk=pk)
    except Programme.DoesNotExist:
        raise Http404 from None


def programme_chosen(*, user: Actor, pk: int | None) -> Programme | None:
    """The programme ``pk`` (404 outside the user's region), or the user's first when none is
    named (``None`` when they see none): the programme a page shows by default."""
    if pk is not None:
        return programme_get(user=user, pk=pk)
    return programme_list(user=user).first()


def programme_area_list(
    *, user: Actor, programme: Programme, district: str = ""
) -> QuerySet[ProgrammeArea]:
    areas = scoped(programme.areas.select_related("region", "region__parent"), user)
    if district:
        areas = areas.filter(region__code__startswith=district + ".")
    return areas


def programme_districts(*, user: Actor, programme: Programme) -> list[tuple[str, str]]:
    """``(code, name)`` of each district holding a village area of ``programme`` the user sees,
    by code: the choices of the page's district filter."""
    areas = programme_area_list(user=user, programme=programme).select_related("region__parent")
    districts = {
        (parent.code, parent.name)
        for a in areas
        if a.region.level == Level.VILLAGE and (parent := a.region.parent) is not None
    }
    return sorted(districts)


def programme_area_get(*, user: Actor, programme: Programme, region_code: str) -> ProgrammeArea:
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
    visible_areas: int
    # Whether the reader sees the whole programme (else the areas of their region); the budget
    # they see is the budgets app's (``budgets.selectors.budget_visible``).
    sees_whole: bool


def programme_figures(*, user: Actor, programme: Programme) -> ProgrammeFigures:
    village_count = region_descendants(programme.regency_id, level=Level.VILLAGE).count()
    terms = programme.terms(village_count=village_count)
    rate, remainder = terms.implied_monthly_rate()
    own = programme_area_list(user=user, programme=programme).aggregate(
        places=Sum("quota"), n=Count("id")
    )
    scope = actor_region(user)
    sees_whole = (
        scope is None or scope.level <= Level.REGENCY or programme.quotas is QuotaModel.TOTAL
    )
    visible_places = terms.places if sees_whole else own["places"] or 0
    return ProgrammeFigures(
        village_count=village_count,
        places=terms.places,
        budget_total=terms.budget_total,
        worker_months=terms.worker_months,
        monthly_rate=rate,
        rate_remainder=remainder,
        visible_places=visible_places,
        visible_areas=own["n"],
        sees_whole=sees_whole,
    )
