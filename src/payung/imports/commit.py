"""Committing one chunk of a validated batch: set-based copies from staged rows into the registry.

Validation already turned every good row into the registry's values (identity numbers encrypted,
with blind index and masked form) and stored them on its ``ImportRow``. A chunk — the next
uncommitted committable rows by row number — is then written in one transaction:

1. refuse, in Python over a few columns, the rows the actor may not register: a village outside
   the actor's region or the programme's regency, or a NIK already registered to a person
   outside the actor's region (``registry.registered_elsewhere``, nothing more is said);
2. ``INSERT … SELECT`` the new people, skipping NIKs registered since validation (the unique
   blind index decides; such rows are linked instead);
3. link every committable row of the chunk to its person and mark it committed;
4. the heirs of the new people; their candidacies in the programme (``INSERT … SELECT … NOT
   EXISTS``);
5. one audit row per new person (``person.create``) and per new candidacy
   (``candidate.create``), their ``after`` built by the database from the rows just written with
   exactly the keys and values ``audit.services.snapshot`` gives;
6. the probable duplicates validation found among the chunk's rows become pairs in the review
   queue (``imports.pairs.import_pairs_record``; a few rows in a thousand, audited one by one).

After the last chunk, ``batch_keys_file`` files the new people's blocking keys (staged as keyed
hashes at validation) under them, so later imports find them (ADR 0021).

The rules are the registry's (``registry.services.village_problem``, ``REGISTERED_ELSEWHERE``);
only the writing is set-based, because per-row ORM saves and audit rows cost more than everything
else in a 100,000-row import (ADR 0016). The column lists are generated from the models, so a
field added to ``Person`` or ``Candidate`` without a source here fails loudly in the tests.
Every name in this SQL comes from model metadata and every value is a parameter.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils import timezone

from payung.access.actor import Actor, actor_pk, actor_region
from payung.audit.services import audit_bulk_select, sql_json_object, sql_param
from payung.db import bulk_insert, column_of, concrete_field, sql_in
from payung.dedupe.models import PersonKey
from payung.domain.errors import DomainError
from payung.domain.regions import RegionCode
from payung.imports.models import (
    COMMITTABLE,
    MATCH_KEY_FIELDS,
    ImportBatch,
    ImportRow,
    RowOutcome,
    issue_json,
)
from payung.imports.pairs import import_pairs_record
from payung.registry.models import Candidate, CandidateStatus, Heir, Person, Source
from payung.registry.services import REGISTERED_ELSEWHERE, village_problem

# Person fields whose staged column has another name; every other field has its namesake.
_STAGED_AS = {"nik": "nik_sealed", "family_card": "family_card_sealed", "village": "village_code"}
# Person fields the commit sets itself rather than copying from the staged row.
_SET_BY_COMMIT = (
    "source",
    "source_batch",
    "entered_by",
    "created_at",
    "updated_at",
    "merged_into",
)


def _quote(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _column(model: type[models.Model], name: str) -> str:
    return connection.ops.quote_name(column_of(model, name))


class _Chunk:
    """The SQL condition selecting one chunk's committable staged rows.

    Rows of earlier chunks have smaller row numbers and refused rows are no longer committable,
    so the row-number range selects exactly this chunk's rows.
    """

    def __init__(self, batch: ImportBatch, first: int, last: int) -> None:
        self.params: list[Any] = [batch.pk, first, last]
        self.where = self.where_for("r")

    @staticmethod
    def where_for(alias: str) -> str:
        outcomes = ", ".join(f"'{outcome.value}'" for outcome in COMMITTABLE)
        return (
            f"{alias}.{_column(ImportRow, 'batch')} = %s AND "
            f"{alias}.{_column(ImportRow, 'row_number')} BETWEEN %s AND %s AND "
            f"{alias}.{_column(ImportRow, 'outcome')} IN ({outcomes})"
        )


def _refuse(
    batch: ImportBatch, chunk: _Chunk, *, actor: Actor, rows: Sequence[tuple[int, int, str, str]]
) -> None:
    """Mark the rows ``actor`` may not register as invalid, with the reason."""
    scope = actor_region(actor)
    # NIKs already registered (before validation, or since): the person's village decides, and
    # the row learns only that the NIK is registered elsewhere. A known person is linked
    # whatever village the row names, as persons_register does.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.{_column(ImportRow, 'id')}, p.{_column(Person, 'village')} "
            f"FROM {_quote(ImportRow)} r JOIN {_quote(Person)} p ON "
            f"p.{_column(Person, 'nik_index')} = r.{_column(ImportRow, 'nik_index')} "
            f"WHERE {chunk.where}",
            chunk.params,
        )
        known = dict(cursor.fetchall())
    refused: dict[int, DomainError] = {
        pk: DomainError(REGISTERED_ELSEWHERE)
        for pk, village in known.items()
        if scope is not None and not scope.contains(RegionCode(village))
    }
    problems: dict[str, DomainError | None] = {}
    for pk, _, _, village in rows:
        if pk in known:
            continue
        if village not in problems:
            problems[village] = village_problem(actor, batch.programme, village)
        if (problem := problems[village]) is not None:
            refused[pk] = problem
    if refused:
        staged = list(ImportRow.objects.filter(pk__in=refused))
        for row in staged:
            row.outcome = RowOutcome.INVALID
            row.issues = [*row.issues, issue_json(refused[row.pk].issue)]
        ImportRow.objects.bulk_update(staged, ["outcome", "issues"])


def _insert_select(
    model: type[models.Model], sources: dict[str, str], from_where: str, params: list[Any]
) -> int:
    columns = ", ".join(_column(model, name) for name in sources)
    sql = (
        f"INSERT INTO {_quote(model)} ({columns}) SELECT {', '.join(sources.values())} {from_where}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)


def _fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def _insert_people(batch: ImportBatch, chunk: _Chunk, *, actor: Actor, now: Any) -> None:
    constants = {
        "source": Source.FILE_IMPORT.value,
        "source_batch": batch.pk,
        "entered_by": actor_pk(actor),
        "created_at": now,
        "updated_at": now,
        "merged_into": None,
    }
    sources: dict[str, str] = {}
    params: list[Any] = []
    for field in _fields(Person):
        if field.name in _SET_BY_COMMIT:
            placeholder, value = sql_param(field, constants[field.name])
            sources[field.name] = placeholder
            params.append(value)
        else:
            staged = _STAGED_AS.get(field.name, field.name)
            sources[field.name] = f"r.{_column(ImportRow, staged)}"
    person, index = _quote(Person), _column(Person, "nik_index")
    from_where = (
        f"FROM {_quote(ImportRow)} r WHERE {chunk.where} AND NOT EXISTS "
        f"(SELECT 1 FROM {person} p WHERE p.{index} = r.{_column(ImportRow, 'nik_index')}) "
        f"ORDER BY r.{_column(ImportRow, 'row_number')}"
    )
    _insert_select(Person, sources, from_where, [*params, *chunk.params])


def _link(chunk: _Chunk) -> int:
    """Mark the chunk's rows committed and point each at its person (by the unique index; a
    record merged into another points at the one it was merged into)."""
    table, person = _quote(ImportRow), _quote(Person)
    index = _column(ImportRow, "nik_index")
    where = chunk.where_for(table)
    sql = (
        f"UPDATE {table} SET {_column(ImportRow, 'committed')} = %s, "
        f"{_column(ImportRow, 'person')} = (SELECT COALESCE(p.{_column(Person, 'merged_into')}, "
        f"p.{_column(Person, 'id')}) FROM {person} p "
        f"WHERE p.{_column(Person, 'nik_index')} = {table}.{index}) WHERE {where}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [True, *chunk.params])
        return int(cursor.rowcount)


@dataclass(frozen=True)
class _Linked:
    """The chunk's rows after linking: ``(row pk, person pk)``, and the people this batch made."""

    rows: list[tuple[int, int]]
    created: set[int]


def _linked(batch: ImportBatch, chunk: _Chunk) -> _Linked:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.{_column(ImportRow, 'id')}, r.{_column(ImportRow, 'person')} "
            f"FROM {_quote(ImportRow)} r WHERE {chunk.where} "
            f"ORDER BY r.{_column(ImportRow, 'row_number')}",
            chunk.params,
        )
        rows = cursor.fetchall()
        if not rows:
            return _Linked([], set())
        # Filtered here rather than in SQL: ``source_batch = %s`` tempts the planner to walk
        # every person this batch made so far, chunk after chunk.
        people, params = sql_in(f"p.{_column(Person, 'id')}", [person for _, person in rows])
        cursor.execute(
            f"SELECT p.{_column(Person, 'id')}, p.{_column(Person, 'source_batch')} "
            f"FROM {_quote(Person)} p WHERE {people}",
            params,
        )
        created = {pk for pk, source in cursor.fetchall() if source == batch.pk}
        return _Linked(rows, created)


def _insert_heirs(linked: _Linked) -> None:
    created_rows = [row for row, person in linked.rows if person in linked.created]
    if not created_rows:
        return
    heirs_column = _column(ImportRow, "heirs")
    rows_in, params = sql_in(f"r.{_column(ImportRow, 'id')}", created_rows)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.{_column(ImportRow, 'person')}, r.{heirs_column} FROM {_quote(ImportRow)} r "
            f"WHERE {rows_in} AND r.{heirs_column} IS NOT NULL",
            params,
        )
        found = cursor.fetchall()
    rows = []
    for person_id, heirs in found:
        for heir in json.loads(heirs) if isinstance(heirs, str) else heirs:
            rows.append(
                (
                    person_id,
                    heir["name"],
                    heir["relation"],
                    heir["nik_sealed"],
                    heir["nik_index"],
                    heir["phone"],
                )
            )
    bulk_insert(Heir, ("person", "name", "relation", "nik", "nik_index", "phone"), rows)


def batch_keys_file(batch: ImportBatch) -> int:
    """File the blocking keys of the people ``batch`` created, staged on their rows, under them
    (``dedupe.PersonKey``); return how many keys were written.

    Once per batch, after its last chunk and in the transaction that marks it committed, sorted
    by key: the keys are random, so filing them chunk by chunk would dirty (and write out) most
    of the key index's pages at every chunk's commit.
    """
    row, person = _quote(ImportRow), _quote(Person)
    selects = [
        f"SELECT r.{_column(ImportRow, field)} AS k, r.{_column(ImportRow, 'person')} AS p "
        f"FROM {row} r JOIN {person} p ON p.{_column(Person, 'id')} = "
        f"r.{_column(ImportRow, 'person')} WHERE r.{_column(ImportRow, 'batch')} = %s AND "
        f"r.{_column(ImportRow, 'committed')} AND p.{_column(Person, 'source_batch')} = %s AND "
        f"r.{_column(ImportRow, field)} IS NOT NULL"
        for field in MATCH_KEY_FIELDS
    ]
    columns = f"{_column(PersonKey, 'key')}, {_column(PersonKey, 'person')}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_quote(PersonKey)} ({columns}) SELECT k, p FROM "
            f"({' UNION ALL '.join(selects)}) keyed ORDER BY k",
            [batch.pk, batch.pk] * len(selects),
        )
        return int(cursor.rowcount)


def _insert_candidates(batch: ImportBatch, linked: _Linked, *, actor: Actor, now: Any) -> list[int]:
    """Candidacies for the chunk's people not yet in the programme; returns their pks."""
    constants = {
        "programme": batch.programme_id,
        "status": CandidateStatus.DRAFT.value,
        "source_batch": batch.pk,
        "created_by": actor_pk(actor),
        "created_at": now,
        # The workflow's fields start empty: a draft has not been submitted.
        "submitted_by": None,
        "submitted_at": None,
        "status_reason": "",
        "status_changed_at": None,
    }
    sources: dict[str, str] = {}
    params: list[Any] = []
    for field in _fields(Candidate):
        if field.name == "person":
            sources["person"] = f"p.{_column(Person, 'id')}"
        elif field.name == "village":
            sources["village"] = f"p.{_column(Person, 'village')}"
        else:
            placeholder, value = sql_param(field, constants[field.name])
            sources[field.name] = placeholder
            params.append(value)
    programme = sql_param(concrete_field(Candidate, "programme"), batch.programme_id)
    people = sorted({person for _, person in linked.rows})
    candidate, candidate_person = _quote(Candidate), _column(Candidate, "person")
    candidates_in, candidate_params = sql_in(f"c.{candidate_person}", people)
    # By person only, the programme filtered here: a condition on the programme tempts
    # PostgreSQL's planner (estimates stale while a batch grows) to walk all its candidacies.
    existing = (
        f"SELECT c.{_column(Candidate, 'id')}, c.{candidate_person}, "
        f"c.{_column(Candidate, 'programme')} FROM {candidate} c WHERE {candidates_in}"
    )

    def in_programme() -> list[tuple[int, int]]:
        with connection.cursor() as cursor:
            cursor.execute(existing, candidate_params)
            return [(pk, person) for pk, person, p in cursor.fetchall() if p == batch.programme_id]

    already = {person for _, person in in_programme()}
    people_in, people_params = sql_in(f"p.{_column(Person, 'id')}", people)
    from_where = (
        f"FROM {_quote(Person)} p WHERE {people_in} AND NOT EXISTS (SELECT 1 FROM "
        f"{candidate} c WHERE c.{candidate_person} = p.{_column(Person, 'id')} AND "
        f"c.{_column(Candidate, 'programme')} = {programme[0]}) ORDER BY p.{_column(Person, 'id')}"
    )
    _insert_select(Candidate, sources, from_where, [*params, *people_params, programme[1]])
    # The new candidacies are those of people who had none before (two rows of a file may
    # reach one person through a merged record).
    return [pk for pk, person in in_programme() if person not in already]


def _json_timestamp(now: Any) -> str:
    # The text DjangoJSONEncoder gives a datetime, as in every other audit row's snapshot.
    return str(DjangoJSONEncoder().default(now))


def _snapshot_sql(model: type[models.Model], alias: str, overrides: dict[str, str]) -> str:
    """What ``audit.services.snapshot`` gives for ``model``, as a JSON object built in SQL."""
    return sql_json_object(
        [
            (field.name, overrides.get(field.name, f"{alias}.{_column(model, field.name)}"))
            for field in model._meta.concrete_fields
        ]
    )


def _text(expression: str) -> str:
    return f"CAST({expression} AS TEXT)"


def _audit(
    batch: ImportBatch,
    linked: _Linked,
    candidates: list[int],
    *,
    actor: Actor,
    now: Any,
    reason: str,
) -> None:
    stamp = _json_timestamp(now)
    literal_stamp = "CAST(%s AS text)" if connection.vendor == "postgresql" else "%s"
    family_card = _column(Person, "family_card")
    person_after = _snapshot_sql(
        Person,
        "p",
        {
            "nik": f"r.{_column(ImportRow, 'nik_masked')}",
            "family_card": (
                f"CASE WHEN p.{family_card} IS NULL THEN NULL "
                f"ELSE r.{_column(ImportRow, 'family_card_masked')} END"
            ),
            "created_at": literal_stamp,
            "updated_at": literal_stamp,
        },
    )
    person_id = f"p.{_column(Person, 'id')}"
    created_rows = [row for row, person in linked.rows if person in linked.created]
    if created_rows:
        rows_in, params = sql_in(f"r.{_column(ImportRow, 'id')}", created_rows)
        audit_bulk_select(
            actor=actor,
            action="person.create",
            object_type="registry.Person",
            object_id=_text(person_id),
            region_code=f"p.{_column(Person, 'village')}",
            subject_key=f"'person:' || {_text(person_id)}",
            after=person_after,
            from_where=(
                f"FROM {_quote(ImportRow)} r JOIN {_quote(Person)} p ON {person_id} = "
                f"r.{_column(ImportRow, 'person')} WHERE {rows_in} ORDER BY {person_id}"
            ),
            params=[stamp, stamp, *params],
            reason=reason,
        )
    if candidates:
        candidate_after = _snapshot_sql(Candidate, "c", {"created_at": literal_stamp})
        candidate_id = f"c.{_column(Candidate, 'id')}"
        candidate_person = f"c.{_column(Candidate, 'person')}"
        candidates_in, params = sql_in(candidate_id, candidates)
        audit_bulk_select(
            actor=actor,
            action="candidate.create",
            object_type="registry.Candidate",
            object_id=_text(candidate_id),
            region_code=f"c.{_column(Candidate, 'village')}",
            subject_key=f"'person:' || {_text(candidate_person)}",
            after=candidate_after,
            from_where=f"FROM {_quote(Candidate)} c WHERE {candidates_in} ORDER BY {candidate_id}",
            params=[stamp, *params],
            reason=reason,
        )


def chunk_commit(
    *, actor: Actor, batch: ImportBatch, rows: Sequence[tuple[int, int, str, str]], reason: str
) -> int:
    """Commit the staged ``rows`` — ``(pk, row_number, nik_index, village_code)`` of consecutive
    uncommitted committable rows — inside the caller's transaction; return how many were
    committed (rows the actor may not register are marked invalid instead)."""
    if not connection.in_atomic_block:
        raise RuntimeError("a chunk is committed inside its own transaction")
    chunk = _Chunk(batch, rows[0][1], rows[-1][1])
    _refuse(batch, chunk, actor=actor, rows=rows)
    now = timezone.now()
    _insert_people(batch, chunk, actor=actor, now=now)
    committed = _link(chunk)
    linked = _linked(batch, chunk)
    _insert_heirs(linked)
    candidates = _insert_candidates(batch, linked, actor=actor, now=now) if linked.rows else []
    _audit(batch, linked, candidates, actor=actor, now=now, reason=reason)
    import_pairs_record(actor=actor, batch=batch, first_row=rows[0][1], last_row=rows[-1][1])
    return committed
