"""Reading import batches within the reader's region."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from payung.access.actor import Actor
from payung.access.scope import require, scoped
from payung.domain._digits import mask
from payung.domain.headers import Field
from payung.domain.roles import Capability
from payung.imports.cells import decode_cells
from payung.imports.models import ImportBatch, ImportRow, RowOutcome
from payung.imports.probable import PROBABLE_CODES
from payung.jobs.models import Job


def import_batch_list(*, user: Actor) -> QuerySet[ImportBatch]:
    require(user, Capability.COLLECT_DATA)
    return scoped(ImportBatch.objects.select_related("programme", "uploaded_by"), user)


def import_batch_get(*, user: Actor, pk: int) -> ImportBatch:
    try:
        return import_batch_list(user=user).get(pk=pk)
    except ImportBatch.DoesNotExist:
        raise Http404 from None


def import_batch_job(batch: ImportBatch) -> Job | None:
    return Job.objects.filter(kind__startswith="import.", params__batch=batch.pk).last()


def _entry(row: ImportRow, columns: dict[Field, int]) -> dict[str, Any]:
    """A staged row as the preview shows it: row number, masked NIK, name, problems."""
    cells = decode_cells(row.payload) if row.payload else []

    def cell(field: Field) -> object:
        index = columns.get(field)
        return cells[index] if index is not None and index < len(cells) else None

    raw_nik = str(cell(Field.NIK) or "")
    return {
        "row": row.row_number,
        "nik": mask(raw_nik) if len(raw_nik) >= 8 else "—",
        "name": cell(Field.FULL_NAME),
        "issues": row.issues,
    }


def _columns(batch: ImportBatch) -> dict[Field, int]:
    return {Field(f): int(i) for i, f in batch.mapping.items()}


def import_rows_sample(
    batch: ImportBatch, *, per_outcome: int = 5
) -> dict[str, list[dict[str, Any]]]:
    """The first rows of each outcome for the preview: row number, masked NIK, name, problems."""
    columns = _columns(batch)
    return {
        outcome: [_entry(row, columns) for row in batch.rows.filter(outcome=outcome)[:per_outcome]]
        for outcome in batch.rows.values_list("outcome", flat=True).distinct()
    }


def import_rows_probable(batch: ImportBatch, *, limit: int = 50) -> list[dict[str, Any]]:
    """The first ``limit`` rows that are probable duplicates (``imports/probable.py``), as
    :func:`import_rows_sample` gives rows. Their cells are kept, as for every row with a problem."""
    columns = _columns(batch)
    entries: list[dict[str, Any]] = []
    candidates = batch.rows.filter(outcome=RowOutcome.VALID, payload__isnull=False)
    for row in candidates.iterator(chunk_size=200):
        if any(issue["code"] in PROBABLE_CODES for issue in row.issues):
            entries.append(_entry(row, columns))
            if len(entries) == limit:
                break
    return entries


def import_rows_to_fix(batch: ImportBatch) -> Iterator[ImportRow]:
    """The rows of the error workbook, in file order: those left out, and the probable
    duplicates (saved, but worth a look; their cells are kept)."""
    rows = batch.rows.exclude(outcome=RowOutcome.VALID) | batch.rows.filter(payload__isnull=False)
    for row in rows.order_by("row_number"):
        if row.outcome == RowOutcome.VALID and not any(
            issue["code"] in PROBABLE_CODES for issue in row.issues
        ):
            continue
        yield row
