from django.contrib import admin

from payung.access.admin_site import ReadOnlyAdmin
from payung.programmes.models import Programme


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    """Read-only: programmes change through the audited services."""

    list_display = ("name", "regency", "year", "status", "payer_model", "quota_model")
    list_filter = ("status", "year")
