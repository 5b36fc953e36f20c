"""The one way to write the audit trail.

Every service that changes state calls :func:`audit_record` (or :func:`audit_bulk`) inside its
transaction. Calling it outside a transaction is a programming error and raises, because an audit
row committed apart from its change could record something that never happened, or miss it. So is
writing an action that is not in the catalogue (:mod:`payung.audit.catalogue`): a trail row whose
action nobody declared could not be shown in words.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models
from django.utils import timezone

from payung.access.actor import Actor, actor_label, actor_pk
from payung.access.scope import region_code_of
from payung.audit.catalogue import require_registered
from payung.audit.models import AuditEvent
from payung.db import bulk_insert, column_of, concrete_field, json_text

# Never copied into the trail, whatever the model.
_NEVER_AUDITED = frozenset({"password"})


class AuditOutsideTransaction(RuntimeError):
    pass


def snapshot(instance: models.Model, fields: Sequence[str] | None = None) -> dict[str, Any]:
    """The instance's concrete field values (foreign keys as their ids), JSON-ready."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in _NEVER_AUDITED or (fields is not None and field.name not in fields):
            continue
        value = getattr(instance, field.attname)
        # Encrypted identity numbers enter the trail masked, never in clear.
        audit_value = getattr(field, "audit_value", None)
        values[field.name] = audit_value(value) if audit_value else value
    return values


def _object_ref(target: models.Model) -> tuple[str, str, str]:
    return (
        f"{target._meta.app_label}.{target._meta.object_name}",
        str(target.pk),
        region_code_of(target) or "",
    )


@dataclass(frozen=True)
class AuditItem:
    """One row of a bulk operation: about ``target``, or, where building model instances would
    cost more than the change itself (100,000 screenings), about ``ref`` — (object type, object
    id, region code), as :func:`_object_ref` would give for the target."""

    target: models.Model | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    subject_key: str = ""
    ref: tuple[str, str, str] | None = None


def _check_write(action: str) -> None:
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction(
            "audit events must be written inside the change's transaction"
        )
    require_registered(action)  # UnknownAuditAction: declare it in the app's audit_actions.py


def audit_record(
    *,
    actor: Actor,
    action: str,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    region_code: str | None = None,
    subject_key: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    _check_write(action)
    if target is not None:
        object_type, object_id, target_region = _object_ref(target)
        region_code = target_region if region_code is None else region_code
    return AuditEvent.objects.create(
        actor_id=actor_pk(actor),
        actor_username=actor_label(actor),
        action=action,
        object_type=object_type,
        object_id=object_id,
        region_code=region_code or "",
        subject_key=subject_key,
        before=before,
        after=after,
        reason=reason,
    )


def audit_bulk(
    *, actor: Actor, action: str, items: Iterable[AuditItem], reason: str = ""
) -> uuid.UUID:
    """One audit row per item, sharing a batch id, written with one set-based insert."""
    _check_write(action)
    batch = uuid.uuid4()
    actor_id = actor_pk(actor)
    username = actor_label(actor)
    now = timezone.now()

    # Built before the insert starts: finding a target's region may query the database (a flag
    # reaches its village through its person), which cannot happen during a COPY.
    rows = []
    for item in items:
        if item.ref is not None:
            object_type, object_id, region_code = item.ref
        elif item.target is not None:
            object_type, object_id, region_code = _object_ref(item.target)
        else:
            raise ValueError("an audit item needs a target or a ref")
        rows.append(
            (
                now,
                actor_id,
                username,
                action,
                object_type,
                object_id,
                region_code,
                item.subject_key,
                json_text(item.before),
                json_text(item.after),
                reason,
                batch,
            )
        )

    bulk_insert(
        AuditEvent,
        (
            "occurred_at",
            "actor",
            "actor_username",
            "action",
            "object_type",
            "object_id",
            "region_code",
            "subject_key",
            "before",
            "after",
            "reason",
            "batch",
        ),
        rows,
    )
    return batch


def sql_param(field: models.Field[Any, Any], value: object) -> tuple[str, object]:
    """A placeholder and its value for ``field``'s column, typed for the database.

    PostgreSQL cannot infer the type of a parameter standing alone in a SELECT list, so it is
    cast to the column's own type; SQLite takes the value as it is.
    """
    prepared = field.get_db_prep_value(value, connection, prepared=False)
    if connection.vendor == "postgresql":
        return f"CAST(%s AS {field.db_type(connection)})", prepared
    return "%s", prepared


def sql_json_object(pairs: Sequence[tuple[str, str]]) -> str:
    """A JSON object built by the database from ``(key, SQL expression)`` pairs; keys are ours."""
    body = ", ".join(f"'{key}', {expression}" for key, expression in pairs)
    if connection.vendor == "postgresql":
        return f"CAST(json_build_object({body}) AS jsonb)"
    return f"json_object({body})"


def audit_bulk_select(
    *,
    actor: Actor,
    action: str,
    object_type: str,
    object_id: str,
    region_code: str,
    subject_key: str,
    after: str,
    from_where: str,
    params: Sequence[Any],
    reason: str = "",
) -> int:
    """One audit row per row of ``SELECT … {from_where}``, written by the database itself.

    For bulk changes already made with set-based SQL (the import's commit): ``object_id``,
    ``region_code``, ``subject_key`` and ``after`` are SQL expressions over the selected rows
    (``after`` typically from :func:`sql_json_object`, holding what :func:`snapshot` would);
    ``from_where`` is the ``FROM … WHERE …`` part with its ``params``. The rows share a batch id
    like :func:`audit_bulk`'s. Returns the number of rows written.
    """
    _check_write(action)
    meta = AuditEvent._meta
    constants = {
        "occurred_at": timezone.now(),
        "actor": actor_pk(actor),
        "actor_username": actor_label(actor),
        "action": action,
        "object_type": object_type,
        "reason": reason,
        "batch": uuid.uuid4(),
    }
    columns: list[str] = []
    selected: list[str] = []
    values: list[Any] = []
    for name, value in constants.items():
        placeholder, prepared = sql_param(concrete_field(AuditEvent, name), value)
        columns.append(column_of(AuditEvent, name))
        selected.append(placeholder)
        values.append(prepared)
    for name, expression in (
        ("object_id", object_id),
        ("region_code", region_code),
        ("subject_key", subject_key),
        ("after", after),
    ):
        columns.append(column_of(AuditEvent, name))
        selected.append(expression)
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(map(quote, columns))}) "
        f"SELECT {', '.join(selected)} {from_where}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, *params])
        return int(cursor.rowcount)
