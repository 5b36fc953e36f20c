"""Set-based database helpers for bulk work (imports now; billing later).

Django's ``bulk_create`` builds a model instance and prepares every value of every row in Python,
which costs more than the database's own work for the 100,000-row batches Payung handles. Here
rows are plain tuples of values the driver already understands, written with one ``COPY`` on
PostgreSQL and one ``executemany`` on SQLite. Callers stay inside their service's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models

_SQLITE_BATCH = 5_000


def _sqlite_converter(field: models.Field[Any, Any]) -> Callable[[Any], object] | None:
    # sqlite3's default date adapters are deprecated (Python 3.12): store Django's own text form.
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return date.isoformat
    if isinstance(field, models.UUIDField):
        return lambda value: value.hex  # Django's SQLite form: 32 hex digits, no dashes
    return None


# One encoder for every call: json.dumps(cls=...) builds a new one each time.
_ENCODER = DjangoJSONEncoder(ensure_ascii=False)


def json_text(value: Any) -> str | None:
    """A JSON column's value as the text both backends store (``None`` stays SQL NULL)."""
    return None if value is None else _ENCODER.encode(value)


def concrete_field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    """``model``'s field ``name``, which must be a column (not a reverse relation)."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{name} is not a column")
    return field


def column_of(model: type[models.Model], name: str) -> str:
    """The database column of ``model``'s field ``name``."""
    column = concrete_field(model, name).column
    if column is None:
        raise TypeError(f"{model.__name__}.{name} has no column")
    return column


def bulk_insert(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Insert ``rows`` (one value per name in ``fields``, JSON fields given as text from
    :func:`json_text`) into ``model``'s table; return how many were written.

    On PostgreSQL ``rows`` is consumed while a ``COPY`` holds the connection: an iterator that
    queries the database as it goes would wait on itself for ever. Build such rows first.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    model_fields = [concrete_field(model, name) for name in fields]
    columns = [column_of(model, name) for name in fields]
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"  # noqa: S608 (names are ours)
        converters = [
            (i, convert)
            for i, field in enumerate(model_fields)
            if (convert := _sqlite_converter(field)) is not None
        ]
        batch: list[Sequence[Any]] = []
        for row in rows:
            if converters:
                values = list(row)
                for i, convert in converters:
                    if values[i] is not None:
                        values[i] = convert(values[i])
                row = values
            batch.append(row)
            if len(batch) >= _SQLITE_BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch.clear()
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def sql_in(expression: str, values: Sequence[object]) -> tuple[str, list[Any]]:
    """``expression IN (…)`` over an explicit list of values, and its parameters.

    PostgreSQL gets one array parameter (``= ANY(%s)``): thousands of separate parameters cost
    more to bind and plan than the lookups themselves. SQLite (up to 32,766 parameters) gets a
    placeholder per value.
    """
    if connection.vendor == "postgresql":
        return f"{expression} = ANY(%s)", [list(values)]
    return f"{expression} IN ({', '.join(['%s'] * len(values))})", list(values)


def select_in(
    model: type[models.Model], columns: Sequence[str], field: str, values: Sequence[object]
) -> list[tuple[Any, ...]]:
    """``columns`` (field names) of ``model``'s rows whose ``field`` is one of ``values``.

    Plain SQL: Django prepares each of the thousands of values of an ``__in`` lookup one by one,
    which costs more than the query itself.
    """
    if not values:
        return []

    def column(name: str) -> str:
        return connection.ops.quote_name(column_of(model, name))

    table = connection.ops.quote_name(model._meta.db_table)
    where, params = sql_in(column(field), values)
    selected = ", ".join(column(name) for name in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {selected} FROM {table} WHERE {where}", params)  # noqa: S608
        return list(cursor.fetchall())
