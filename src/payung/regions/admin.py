from django.contrib import admin

from payung.access.admin_site import ReadOnlyAdmin
from payung.regions.models import Region


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "level", "active")
    list_filter = ("level", "active")
    search_fields = ("code", "name")
