"""The audit actions of programmes and their areas (see payung/audit/catalogue.py)."""

from django.utils.translation import gettext_lazy as _

from payung.audit.catalogue import register

register(
    "programme.create",
    label=_("Programme created"),
    object_type="programmes.Programme",
    before="Nothing.",
    after="The new programme's fields (regency, year, payer and quota models, quotas, budgets, "
    "legal basis).",
)
register(
    "programme_area.create",
    label=_("Programme area created"),
    object_type="programmes.ProgrammeArea",
    before="Nothing.",
    after="The area's fields: its programme, region, quota and budget.",
)
register(
    "programme.status",
    label=_("Programme status changed"),
    object_type="programmes.Programme",
    before="The status before (draft, active, closed).",
    after="The status after.",
)
