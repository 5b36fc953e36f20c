"""The audit actions of the region list (see payung/audit/catalogue.py)."""

from django.utils.translation import gettext_lazy as _

from payung.audit.catalogue import register

register(
    "regions.load",
    label=_("Region list loaded"),
    object_type="regions.Region",  # object id "*": the whole list
    before="Nothing.",
    after="How many regions were created, renamed, retired and reactivated, and the list's total.",
)

register(
    "boundary.upload",
    label=_("District boundaries uploaded"),
    object_type="regions.Boundary",
    before="The boundaries in use before, if any (their id).",
    after="How many districts it draws and misses, its points, its licence and the file's hash.",
)
register(
    "boundary.end",
    label=_("District boundaries taken out of use"),
    object_type="regions.Boundary",
    before="In use.",
    after="Not in use: the maps fall back to tiles.",
)
