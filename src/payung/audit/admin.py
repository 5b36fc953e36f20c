from django.contrib import admin

from payung.access.admin_site import ReadOnlyAdmin
from payung.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("occurred_at", "actor_username", "action", "object_type", "object_id")
    list_filter = ("action",)
    search_fields = ("object_id", "actor_username")
