from django.contrib import admin
from django.http import HttpRequest

from payung.domain.roles import Role


class PayungAdminSite(admin.AdminSite):
    site_header = "Payung — administrasi sistem"
    site_title = "Payung admin"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active and user.is_staff and getattr(user, "role", "") == Role.SYSTEM_ADMIN
        )


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never edited: these records change only through audited services."""

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
