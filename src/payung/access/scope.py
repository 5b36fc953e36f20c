"""The one place where reads are limited to the acting user's region.

Every model holding data that belongs somewhere declares it with two class attributes:

* ``scope_field``: the lookup path to a dotted region code (``"region__code"``,
  ``"programme__regency__code"``, or a plain code column such as ``"region_code"``);
* ``scope_relation``: ``"within"`` — the user sees the record when it lies inside their region
  (a village's allocation, a worker, an audit event) — or ``"overlaps"`` — the user also sees it
  when it covers their region (a regency's programme is visible to each village operator in it).

Selectors pass every queryset through :func:`scoped`; views reach records only through selectors.
A model without a declaration cannot be scoped and raises, so it cannot be read by accident.

The actor is a user or an operator (``payung.access.actor``); the one rule for an operator — the
command line or the system — holds in all three checks here: it reads and does everything,
everywhere (ADR 0035).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet

from payung.access.actor import Actor, CommandLine, System
from payung.domain.regions import RegionCode
from payung.domain.roles import Capability, Role

M = TypeVar("M", bound=models.Model)

WITHIN = "within"
OVERLAPS = "overlaps"


def _declaration(model: type[models.Model]) -> tuple[str, str]:
    field = getattr(model, "scope_field", None)
    relation = getattr(model, "scope_relation", None)
    if not field or relation not in (WITHIN, OVERLAPS):
        raise ImproperlyConfigured(f"{model.__name__} declares no regional scope")
    return field, relation


def within(field: str, region: RegionCode) -> Q:
    """Records whose ``field`` (a dotted region code) lies in ``region``, itself included."""
    return Q(**{field: region.code}) | Q(**{f"{field}__startswith": region.code + "."})


def scoped(queryset: QuerySet[M], user: Actor) -> QuerySet[M]:
    """``queryset`` limited to what ``user`` may read; nothing at all for an unusable account,
    everything for an operator."""
    field, relation = _declaration(queryset.model)
    if isinstance(user, CommandLine | System):
        return queryset
    if not (user.is_authenticated and user.is_active and user.role):
        return queryset.none()
    role = Role(user.role)
    region = user.region_code
    if region is None:
        return queryset if None in role.scope_levels else queryset.none()
    if region.level not in role.scope_levels:
        return queryset.none()
    condition = within(field, region)
    if relation == OVERLAPS:
        condition |= Q(**{f"{field}__in": [c.code for c in region.lineage()]})
    return queryset.filter(condition)


def region_code_of(instance: models.Model) -> str | None:
    """The region code a record is scoped by (for audit rows), following ``scope_field``."""
    field, _ = _declaration(type(instance))
    parts = field.split("__")
    if len(parts) >= 2 and parts[-1] == "code":
        # ``region__code`` is the foreign key's own column: read ``region_id``, no query.
        parts = [*parts[:-2], parts[-2] + "_id"]
    value: Any = instance
    for part in parts:
        value = getattr(value, part, None)
        if value is None:
            return None
    return str(value)


def require(user: Actor, capability: Capability) -> None:
    """Refuse (HTTP 403 at the edge) a user whose role lacks ``capability``; an operator has
    every capability."""
    if isinstance(user, CommandLine | System):
        return
    if not user.is_authenticated or not user.can(capability):
        raise PermissionDenied(capability.value)


def require_region(user: Actor, region_code: str) -> None:
    """Refuse (HTTP 403) a write by ``user`` on a record of ``region_code`` outside their region.

    Reads answer "not found" through :func:`scoped`; a service that is handed a record directly
    (a programme, a bill) checks its region here. An operator's region is the whole country.
    """
    if isinstance(user, CommandLine | System):
        return
    scope = user.region_code
    if scope is not None and not scope.contains(RegionCode(region_code)):
        raise PermissionDenied("outside_scope")
