"""Reading import batches within the reader's region."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from payung.accounts.scope import require, scoped
from payung.domain._digits import mask
from payung.domain.headers import Field
from payung.domain.roles import Capability
from payung.imports.cells import decode_cells
from payung.imports.models import ImportBatch, ImportRow
from payung.jobs.models import Job


def import_batch_list(*, user: Any) -> QuerySet[ImportBatch]:
    require(user, Capability.COLLECT_DATA)
    return scoped(ImportBatch.objects.select_related("programme", "uploaded_by"), user)


def import_batch_get(*, user: Any, pk: int) -> ImportBatch:
    try:
        return import_batch_list(user=user).get(pk=pk)
    except ImportBatch.DoesNotExist:
        raise Http404 from None


def import_batch_job(batch: ImportBatch) -> Job | None:
    return Job.objects.filter(kind__startswith="import.", params__batch=batch.pk).last()


def import_rows_sample(
    batch: ImportBatch, *, per_outcome: int = 5
) -> dict[str, list[dict[str, Any]]]:
    """The first rows of each outcome for the preview: row number, masked NIK, name, problems."""
    mapping = {int(i): Field(f) for i, f in batch.mapping.items()}
    columns = {f: i for i, f in mapping.items()}
    sample: dict[str, list[dict[str, Any]]] = {}
    for outcome in batch.rows.values_list("outcome", flat=True).distinct():
        rows: list[ImportRow] = list(batch.rows.filter(outcome=outcome)[:per_outcome])
        entries = []
        for row in rows:
            cells = decode_cells(row.payload) if row.payload else []

            def cell(field: Field, cells: list[object] = cells) -> object:
                index = columns.get(field)
                return cells[index] if index is not None and index < len(cells) else None

            raw_nik = str(cell(Field.NIK) or "")
            masked = mask(raw_nik) if len(raw_nik) >= 8 else "—"
            entries.append(
                {
                    "row": row.row_number,
                    "nik": masked,
                    "name": cell(Field.FULL_NAME),
                    "issues": row.issues,
                }
            )
        sample[outcome] = entries
    return sample
