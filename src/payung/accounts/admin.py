"""Django admin for system administrators. Users are changed through the audited services;
reference data, programmes and the audit trail are shown read-only here."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import transaction

from payung.access.actor import actor_of
from payung.accounts.models import User
from payung.audit.services import audit_record, snapshot


@admin.register(User)
class PayungUserAdmin(UserAdmin):
    list_display = ("username", "display_name", "role", "region", "is_active", "last_login")
    list_filter = ("role", "is_active")
    search_fields = ("username", "display_name")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("Payung", {"fields": ("role", "region", "display_name")}),
    )
    add_fieldsets = ((None, {"fields": ("username", "password1", "password2", "role", "region")}),)
    autocomplete_fields = ("region",)

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        with transaction.atomic():
            before = snapshot(User.objects.get(pk=obj.pk)) if change else None
            super().save_model(request, obj, form, change)
            audit_record(
                actor=actor_of(request),
                action="user.update" if change else "user.create",
                target=obj,
                before=before,
                after=snapshot(obj),
                reason="Django admin",
            )
