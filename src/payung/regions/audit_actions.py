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
