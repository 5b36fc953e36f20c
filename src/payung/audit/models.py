"""The audit trail: one row per state change, written in the same transaction as the change."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from payung.audit.catalogue import label_of


class AuditEvent(models.Model):
    """Append-only (enforced by a database trigger on PostgreSQL; see the 0002 migration).

    The actor is kept as an id without a foreign-key constraint plus the username at the time,
    so deactivating or renaming a user never needs to touch (update) the trail.
    """

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    # Where the record lives, for scoping reads of the trail (empty: installation-wide).
    region_code = models.CharField(max_length=13, blank=True, db_index=True)
    # The data subject (a worker) the change concerns, for the per-person trail UU 27/2022 asks for.
    subject_key = models.CharField(max_length=64, blank=True, db_index=True)
    before = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    reason = models.TextField(blank=True)
    # Rows written by one bulk operation share a batch id.
    batch = models.UUIDField(null=True, blank=True, db_index=True)

    scope_field = "region_code"
    scope_relation = "within"

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_username or '-'} {self.action}"

    @property
    def action_label(self) -> str:
        """The action in words, in the active language (the catalogue's label)."""
        return label_of(self.action)

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for each field that differs, for display."""
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
