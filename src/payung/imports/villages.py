"""The programme regency's villages from the region table, as the domain's ``VillageIndex``."""

from __future__ import annotations

from payung.domain.regions import Level
from payung.domain.villages import VillageIndex
from payung.regions.models import Region


def village_index(regency_code: str) -> VillageIndex:
    """The active villages of ``regency_code`` (dotted), matched by code or by name."""
    villages = Region.objects.filter(
        code__startswith=regency_code + ".", level=Level.VILLAGE, active=True
    ).values_list("code", "name", "parent__name")
    districts = Region.objects.filter(
        code__startswith=regency_code + ".", level=Level.DISTRICT
    ).values_list("code", "name")
    return VillageIndex(villages, dict(districts))
