"""Reads of region reference data (public, not personal: no scoping needed)."""

from __future__ import annotations

from django.db.models import QuerySet

from payung.domain.regions import Level, RegionCode
from payung.regions.models import Region


def region_get(code: str | RegionCode) -> Region:
    return Region.objects.get(code=str(RegionCode.parse(code)))


def region_descendants(code: str, *, level: Level) -> QuerySet[Region]:
    """All regions at ``level`` inside ``code`` (e.g. the villages of a regency)."""
    return Region.objects.filter(code__startswith=code + ".", level=int(level), active=True)
