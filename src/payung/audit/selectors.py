"""Reading the audit trail, always through the reader's regional scope."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from payung.access.actor import Actor
from payung.access.scope import require, scoped
from payung.audit.models import AuditEvent
from payung.domain.roles import Capability


def audit_event_list(
    *,
    user: Actor,
    object_type: str = "",
    object_id: str = "",
    actor_username: str = "",
    action: str = "",
) -> QuerySet[AuditEvent]:
    require(user, Capability.VIEW_AUDIT)
    events = scoped(AuditEvent.objects.all(), user)
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    if actor_username:
        events = events.filter(actor_username=actor_username)
    if action:
        events = events.filter(action__startswith=action)
    return events


def audit_event_get(*, user: Actor, pk: int) -> AuditEvent:
    """One event, or "not found" — also for a user who may not read the trail at all, so that
    an event's existence is not disclosed."""
    try:
        return audit_event_list(user=user).get(pk=pk)
    except (AuditEvent.DoesNotExist, PermissionDenied):
        raise Http404 from None
