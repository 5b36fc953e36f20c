"""Reads of region reference data (public, not personal: no scoping needed), and the villages
a user may choose in a form (those inside their region)."""

from __future__ import annotations

from django.db.models import QuerySet

from payung.access.actor import Actor
from payung.access.scope import scoped
from payung.domain.regions import Level, RegionCode
from payung.regions.models import Region


def region_get(code: str | RegionCode) -> Region:
    return Region.objects.get(code=str(RegionCode.parse(code)))


def region_descendants(code: str, *, level: Level) -> QuerySet[Region]:
    """All regions at ``level`` inside ``code`` (e.g. the villages of a regency)."""
    return Region.objects.filter(code__startswith=code + ".", level=int(level), active=True)


def village_choices(*, user: Actor, within: str = "") -> QuerySet[Region]:
    """The active villages inside ``user``'s region (and inside region ``within`` when given),
    by code: what a form offers to choose from."""
    villages = Region.objects.filter(level=Level.VILLAGE, active=True)
    if within:
        villages = villages.filter(code__startswith=within + ".")
    return scoped(villages, user).order_by("code")
