"""The staged import: upload → validate (preview) → commit in chunks. See models.py for states.

Every stage is a service with an explicit actor and an audit event, so the web pages, the
``payung import`` command and background jobs run exactly the same code.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from payung.access.actor import Actor, actor_pk, actor_region
from payung.access.scope import require
from payung.audit.services import audit_record
from payung.db import bulk_insert, concrete_field, json_text, select_in
from payung.dedupe.blocking import STAGED_KEYS
from payung.dedupe.models import ImportMatch
from payung.domain.errors import DomainError, Issue, Severity, register
from payung.domain.headers import Field, find_header_row, match_headers
from payung.domain.nik import column_looks_excel_damaged
from payung.domain.regions import Level, RegionCode
from payung.domain.roles import Capability
from payung.files.reader import read_table, sha256_of
from payung.files.table import Table
from payung.imports.cells import encode_cells
from payung.imports.commit import batch_keys_file, chunk_commit
from payung.imports.models import (
    COMMITTABLE,
    MATCH_KEY_FIELDS,
    BatchStatus,
    CommitMode,
    ImportBatch,
    ImportRow,
    RowOutcome,
    issue_json,
)
from payung.imports.probable import MATCH_FIELDS, ProbableDuplicates
from payung.imports.rowcheck import CLEAN_FIELDS, CheckedRow, RowContext, check_rows
from payung.imports.selectors import import_batch_job
from payung.imports.villages import village_index
from payung.jobs.models import Job
from payung.jobs.services import job_enqueue
from payung.programmes.models import Programme
from payung.regions.models import Region
from payung.registry import crypto
from payung.registry.models import Person
from payung.registry.selectors import participation
from payung.registry.services import (
    REGISTERED_ELSEWHERE,
    village_problem,
)

IMPORT_NOT_ALL_VALID = register(
    "import.not_all_valid",
    id="Tidak ada yang disimpan: {invalid} baris bermasalah; perbaiki atau pilih 'hanya baris "
    "yang valid' ({valid} baris akan disimpan).",
    en="Nothing was saved: {invalid} rows have problems; fix them or choose 'valid rows only' "
    "({valid} rows would be saved).",
)
IMPORT_NO_ROWS = register(
    "import.no_rows",
    id="Tidak ada data yang terbaca: di bawah judul kolom (baris {header_row}) tidak ada baris "
    "yang berisi data. Periksa berkasnya, lalu unggah lagi.",
    en="No data was read: below the column headings (row {header_row}) no row holds any data. "
    "Check the file and upload it again.",
)
IMPORT_STATE = register(
    "import.state",
    id="Impor ini berstatus '{status}'; langkah '{step}' tidak dapat dijalankan.",
    en="This import is '{status}'; the '{step}' step cannot run.",
)
IMPORT_MAPPING = register(
    "import.mapping",
    id="Kolom wajib belum ditemukan: {fields}. Cocokkan kolom secara manual.",
    en="Required columns not found: {fields}. Match the columns by hand.",
)
ROW_DUPLICATE_IN_FILE = register(
    "row.duplicate_in_file",
    id="NIK ini sudah ada di baris {first_row} berkas yang sama.",
    en="This NIK already appears on row {first_row} of the same file.",
)
ROW_TAKES_PART = register(
    "row.takes_part",
    id="Orang ini sudah ikut: {programmes}.",
    en="This person already takes part in: {programmes}.",
)
ROW_ALREADY_REGISTERED = register(
    "row.already_registered",
    id="NIK sudah terdaftar; data lama dipakai, tidak dibuat data kedua.",
    en="NIK already registered; the existing record is used, no second record is made.",
)
IMPORT_REVALIDATE = register(
    "import.revalidate",
    id="Baris impor ini disiapkan oleh versi Payung sebelumnya. Periksa ulang berkasnya, lalu "
    "simpan.",
    en="This import's rows were prepared by an earlier version of Payung. Check the file again, "
    "then save.",
)
COLUMN_EXCEL_DAMAGED = register(
    "import.nik_column_damaged",
    id="Semua NIK di kolom ini berakhir dengan 0: kemungkinan dirusak Excel (format angka). "
    "Format kolom sebagai Teks dan ketik ulang NIK.",
    en="Every NIK in this column ends in 0: probably damaged by Excel (number format). Format "
    "the column as Text and re-enter the NIKs.",
)

Progress = Callable[[int, int], None]
# Valid rows whose raw cells are kept for the preview (selectors.import_rows_sample shows 5).
PREVIEW_VALID_ROWS = 5
COMMIT_ATTEMPTS = 3
# A commit starts from a validated batch, or finishes one that was interrupted.
COMMIT_STATUSES: Final = (BatchStatus.VALIDATED, BatchStatus.COMMITTING)


def _store(path: Path, sha256: str) -> Path:
    folder = Path(settings.VAR_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{sha256}.upload"
    if not target.exists():
        shutil.copyfile(path, target)
        target.chmod(0o600)
    return target


def stored_file(batch: ImportBatch) -> Path:
    return Path(settings.VAR_DIR) / "imports" / f"{batch.sha256}.upload"


@dataclass(frozen=True)
class Upload:
    batch: ImportBatch
    reopened: bool


def batch_upload(
    *,
    actor: Actor,
    programme: Programme,
    path: Path,
    file_name: str,
    village_code: str | None = None,
) -> Upload:
    """Keep the file (hashed); the same file uploaded again opens the earlier batch."""
    require(actor, Capability.COLLECT_DATA)
    scope = actor_region(actor)
    regency = RegionCode(programme.regency_id)
    village = RegionCode.parse(village_code).require(Level.VILLAGE) if village_code else None
    if village is None and scope is not None and scope.level is Level.VILLAGE:
        village = scope
    if village is not None and (problem := village_problem(actor, programme, village.code)):
        raise problem
    digest = sha256_of(path)
    earlier = ImportBatch.objects.filter(programme=programme, sha256=digest).first()
    if earlier is not None:
        return Upload(earlier, True)
    _store(path, digest)
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            programme=programme,
            # The batch belongs to its village, else to the uploader's region, else the regency.
            scope_region_id=(village or scope or regency).code,
            default_village_id=village.code if village else None,
            uploaded_by_id=actor_pk(actor),
            file_name=Path(file_name).name[:255],
            sha256=digest,
            size_bytes=path.stat().st_size,
        )
        audit_record(
            actor=actor,
            action="import.upload",
            target=batch,
            after={"file_name": batch.file_name, "sha256": digest, "size": batch.size_bytes},
        )
    return Upload(batch, False)


# ImportRow's columns written at validation, in the order of _staged_row's values.
STAGED_FIELDS: Final = (
    "batch",
    "row_number",
    "payload",
    "outcome",
    "issues",
    "nik_index",
    "committed",
    *CLEAN_FIELDS,
    *MATCH_KEY_FIELDS,
)
_NO_CLEAN_VALUES: Final = tuple(
    concrete_field(ImportRow, name).get_default() for name in CLEAN_FIELDS
)
_NO_MATCH_KEYS: Final = (None,) * STAGED_KEYS


def _validate_job(actor: Actor, batch: ImportBatch, mapping: dict[str, str] | None = None) -> Job:
    params: dict[str, Any] = {"batch": batch.pk}
    if mapping is not None:
        params["mapping"] = mapping
    return job_enqueue(
        actor=actor, kind="import.validate", params=params, region_code=batch.scope_region_id
    )


@transaction.atomic
def import_upload_request(
    *,
    actor: Actor,
    programme: Programme,
    path: Path,
    file_name: str,
    village_code: str | None = None,
) -> Upload:
    """A page's upload: :func:`batch_upload`, and the check of every row queued as a background
    job in the same transaction. A file uploaded before opens the earlier batch and queues
    nothing."""
    result = batch_upload(
        actor=actor, programme=programme, path=path, file_name=file_name, village_code=village_code
    )
    if not result.reopened:
        _validate_job(actor, result.batch)
    return result


@transaction.atomic
def import_mapping_request(
    *, actor: Actor, batch: ImportBatch, columns: Mapping[int, str | None]
) -> Job:
    """Check ``batch`` again with its columns matched by hand (``{column index: field}``; an
    unknown field or a column beyond the file's headings is left unmatched), as a background job.

    Refuses with ``import.state`` unless the batch waits for its columns or has been checked.
    """
    if actor is not None:
        require(actor, Capability.COLLECT_DATA)
    if batch.status not in (BatchStatus.NEEDS_MAPPING, BatchStatus.VALIDATED):
        raise DomainError(IMPORT_STATE, status=batch.status, step="validate")
    headers = batch.summary.get("headers", [])
    mapping = {
        str(index): str(field)
        for index, field in columns.items()
        if 0 <= index < len(headers) and field in Field.__members__.values()
    }
    return _validate_job(actor, batch, mapping)


def _staged_row(
    batch: ImportBatch,
    checked: CheckedRow,
    *,
    cells: Sequence[object] | None,
    outcome: RowOutcome,
) -> tuple[object, ...]:
    """One ImportRow as the values of STAGED_FIELDS, written by ``db.bulk_insert``."""
    payload = crypto.encrypt(encode_cells(list(cells)), context="import_row") if cells else None
    clean = checked.clean if outcome in COMMITTABLE and checked.clean else _NO_CLEAN_VALUES
    # Only a new person's keys are filed at commit (a known person has them already).
    keys = checked.match_keys if outcome == RowOutcome.VALID else ()
    return (
        batch.pk,
        checked.number,
        payload,
        outcome.value,
        json_text([issue_json(i) for i in checked.issues]) if checked.issues else "[]",
        checked.nik_index,
        False,
        *clean,
        *keys,
        *_NO_MATCH_KEYS[len(keys) :],
    )


def _row_context(batch: ImportBatch, columns: dict[int, Field], today: date) -> RowContext:
    return RowContext(
        columns=columns,
        today=today,
        villages=village_index(batch.programme.regency_id),
        districts=frozenset(
            Region.objects.filter(level=Level.DISTRICT).values_list("code", flat=True)
        ),
        default_village=batch.default_village_id,
        keys=crypto.current_keys(),
    )


def _known_villages(indexes: list[str]) -> dict[str, str]:
    """Blind index → village of the people already registered with one of ``indexes``."""
    return dict(select_in(Person, ("nik_index", "village"), "nik_index", indexes))


class _Outcomes:
    """Decides each checked row's outcome from what only the whole file and the registry know:
    in-file duplicates, NIKs already registered (and where), the uploader's region."""

    def __init__(self, batch: ImportBatch, actor: Actor) -> None:
        self.batch = batch
        self.actor = actor
        self.scope = actor_region(actor)
        self.first_seen: dict[str, int] = {}
        self.village_problems: dict[str, DomainError | None] = {}
        self.probable = ProbableDuplicates(batch.pk, actor)

    def decide(self, chunk: list[CheckedRow]) -> list[RowOutcome]:
        known = _known_villages([c.nik_index for c in chunk if c.nik_index])
        outcomes = [self._decide(checked, known) for checked in chunk]
        # New people only: a known NIK is linked, not a probable duplicate.
        self.probable.check(
            [c for c, outcome in zip(chunk, outcomes, strict=True) if outcome == RowOutcome.VALID]
        )
        linked = [
            c.nik_index
            for c, outcome in zip(chunk, outcomes, strict=True)
            if outcome == RowOutcome.ALREADY_REGISTERED
        ]
        if linked:
            # Where a known person already takes part, as far as the uploader may see.
            programmes = participation(user=self.actor, nik_indexes=linked)
            for checked, outcome in zip(chunk, outcomes, strict=True):
                if outcome == RowOutcome.ALREADY_REGISTERED and checked.nik_index in programmes:
                    checked.issues.append(
                        Issue(
                            ROW_TAKES_PART,
                            {"programmes": ", ".join(programmes[checked.nik_index])},
                            Severity.WARNING,
                        )
                    )
        return outcomes

    def _decide(self, checked: CheckedRow, known: dict[str, str]) -> RowOutcome:
        index, issues = checked.nik_index, checked.issues
        if checked.clean is None:
            outcome = RowOutcome.INVALID
        elif index in self.first_seen:
            outcome = RowOutcome.DUPLICATE_IN_FILE
            issues.append(Issue(ROW_DUPLICATE_IN_FILE, {"first_row": self.first_seen[index]}))
        elif index in known:
            if self.scope is not None and not self.scope.contains(RegionCode(known[index])):
                outcome = RowOutcome.INVALID
                issues.append(DomainError(REGISTERED_ELSEWHERE).issue)
            else:
                outcome = RowOutcome.ALREADY_REGISTERED
                issues.append(Issue(ROW_ALREADY_REGISTERED, {}, Severity.WARNING))
        else:
            village = checked.village
            if village not in self.village_problems:
                self.village_problems[village] = village_problem(
                    self.actor, self.batch.programme, village
                )
            problem = self.village_problems[village]
            if problem is not None:
                outcome = RowOutcome.INVALID
                issues.append(problem.issue)
            else:
                outcome = RowOutcome.VALID
        if index and index not in self.first_seen:
            self.first_seen[index] = checked.number
        return outcome


def _refuse(actor: Actor, batch: ImportBatch, refusal: DomainError) -> ImportBatch:
    """End validation with the file refused for ``refusal``'s reason; its rows are dropped."""
    with transaction.atomic():
        batch.rows.all().delete()
        ImportMatch.objects.filter(batch=batch).delete()
        batch.status = BatchStatus.REFUSED
        batch.refusal_code = refusal.code
        batch.refusal_params = {k: str(v) for k, v in refusal.params.items()}
        batch.save()
        audit_record(
            actor=actor, action="import.refuse", target=batch, after={"code": refusal.code}
        )
    return batch


def _no_rows(table: Table, header_index: int) -> DomainError:
    return DomainError(IMPORT_NO_ROWS, header_row=table.row_numbers[header_index])


def _holds_data(cells: Sequence[object], columns: dict[int, Field]) -> bool:
    return any(
        at < len(cells) and cells[at] is not None and str(cells[at]).strip() for at in columns
    )


def batch_validate(
    *,
    actor: Actor,
    batch: ImportBatch,
    mapping: dict[int, str] | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> ImportBatch:
    """Read and check every row; write nothing to the registry. Re-running replaces the preview."""
    require(actor, Capability.COLLECT_DATA)  # like upload and commit (ADR 0035)
    if batch.status in (BatchStatus.COMMITTING, BatchStatus.COMMITTED):
        raise DomainError(IMPORT_STATE, status=batch.status, step="validate")
    today = today or timezone.localdate()
    try:
        table = read_table(stored_file(batch))
    except DomainError as refusal:
        return _refuse(actor, batch, refusal)

    header_index = find_header_row(table.rows)
    headers = table.rows[header_index] if header_index is not None else []
    data_rows = list(zip(table.row_numbers, table.rows, strict=True))[(header_index or 0) + 1 :]
    if mapping is not None:
        columns = {int(i): Field(f) for i, f in mapping.items()}
    else:
        match = match_headers(headers)
        columns = dict(match.mapping)
        if header_index is not None and not data_rows:
            # Headings and nothing below them: no column to match would change that.
            return _refuse(actor, batch, _no_rows(table, header_index))
        if match.missing or header_index is None:
            missing = [f.value for f in match.missing] or ["nik"]
            with transaction.atomic():
                batch.status = BatchStatus.NEEDS_MAPPING
                batch.file_format = table.format
                batch.header_row = (
                    table.row_numbers[header_index] if header_index is not None else None
                )
                batch.summary = {"missing": missing, "headers": [str(h or "") for h in headers]}
                batch.save()
                audit_record(
                    actor=actor,
                    action="import.needs_mapping",
                    target=batch,
                    after={"missing": missing},
                )
            return batch

    if not any(_holds_data(cells, columns) for _, cells in data_rows):
        # Rows below the headings with nothing in a matched column (a template whose "No"
        # column is numbered in advance) are no data either: never "validated, 0 rows".
        return _refuse(actor, batch, _no_rows(table, header_index or 0))
    cells = dict(data_rows)
    outcomes_of = _Outcomes(batch, actor)
    staged: list[tuple[object, ...]] = []
    outcomes: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    # The first row of each kind of problem, so the summary can say it in words with its values.
    examples: dict[str, dict[str, object]] = {}
    nik_column_values: list[str] = []
    previewed_valid = 0
    done, total = 0, len(data_rows)
    checked_chunks = check_rows(
        _row_context(batch, columns, today), data_rows, processes=settings.IMPORT_PROCESSES
    )
    for chunk in checked_chunks:
        for checked, outcome in zip(chunk, outcomes_of.decide(chunk), strict=True):
            if checked.nik_text is not None:
                nik_column_values.append(checked.nik_text)
            outcomes[outcome] += 1
            codes.update(i.code for i in checked.issues)
            for issue in checked.issues:
                if issue.code not in examples:  # built once per code, not once per row
                    examples[issue.code] = {"row": checked.number, **issue_json(issue)}
            # Raw cells are kept for the rows someone will look at again (see models.py).
            keep = (
                outcome != RowOutcome.VALID
                or checked.number in outcomes_of.probable.flagged
                or previewed_valid < PREVIEW_VALID_ROWS
            )
            previewed_valid += outcome == RowOutcome.VALID
            staged.append(
                _staged_row(
                    batch, checked, cells=cells[checked.number] if keep else None, outcome=outcome
                )
            )
        done += len(chunk)
        if progress:
            progress(done, total)

    notes = [n.code for n in table.notes]
    if column_looks_excel_damaged(nik_column_values):
        notes.append(COLUMN_EXCEL_DAMAGED)
    with transaction.atomic():
        batch.rows.all().delete()
        ImportMatch.objects.filter(batch=batch).delete()
        bulk_insert(ImportRow, STAGED_FIELDS, staged)
        bulk_insert(ImportMatch, MATCH_FIELDS, outcomes_of.probable.staged)
        batch.status = BatchStatus.VALIDATED
        batch.file_format = table.format
        batch.header_row = table.row_numbers[header_index or 0]
        batch.mapping = {str(i): f.value for i, f in columns.items()}
        batch.rows_total = total
        batch.summary = {
            "outcomes": dict(outcomes),
            "codes": dict(codes),
            "examples": examples,
            "probable_duplicates": len(outcomes_of.probable.flagged),
            "notes": notes,
            "headers": [str(h) if h is not None else "" for h in headers],
        }
        batch.validated_at = timezone.now()
        batch.save()
        audit_record(
            actor=actor,
            action="import.validate",
            target=batch,
            after={
                k: batch.summary[k] for k in ("outcomes", "codes", "probable_duplicates", "notes")
            },
        )
    return batch


def _chunks(batch: ImportBatch, size: int) -> Iterator[list[tuple[int, int, str, str]]]:
    last = 0
    while True:
        chunk = list(
            batch.rows.filter(outcome__in=COMMITTABLE, committed=False, row_number__gt=last)
            .order_by("row_number")
            .values_list("pk", "row_number", "nik_index", "village_code")[:size]
        )
        if not chunk:
            return
        last = chunk[-1][1]
        yield chunk


def batch_commit_check(
    *, batch: ImportBatch, mode: CommitMode, statuses: Sequence[str] = COMMIT_STATUSES
) -> None:
    """Raise the reason ``batch_commit`` would refuse to start, before a job is queued for it.

    "Only if every row is valid" with rows left out saves nothing: the refusal says so, with
    how many rows are bad and how many "valid rows only" would save. A refusal changes no
    state, so it is not audited (as no refused command is).
    """
    if batch.status not in statuses:
        raise DomainError(IMPORT_STATE, status=batch.status, step="commit")
    invalid = batch.rows_left_out()
    if mode == CommitMode.ALL_VALID and invalid:
        raise DomainError(IMPORT_NOT_ALL_VALID, invalid=invalid, valid=batch.rows_to_save())


def import_commit_request(*, actor: Actor, batch: ImportBatch, mode: str) -> Job | None:
    """Ask for ``batch`` to be saved in ``mode`` (a :class:`CommitMode` value, as a page posts
    it) by a background job: every check :func:`batch_commit` makes before it starts, then the
    job queued in the caller's transaction. ``None`` when a job for the batch is already queued
    or running (a double click queues one commit).

    Refuses (changing nothing, so nothing is audited) with ``import.state`` for an unknown mode
    or a batch that is not validated, and with ``import.not_all_valid`` when "only if every row
    is valid" meets rows left out.
    """
    if mode not in CommitMode.values:
        raise DomainError(IMPORT_STATE, status=batch.status, step="commit")
    if actor is not None:
        require(actor, Capability.COLLECT_DATA)
    batch_commit_check(batch=batch, mode=CommitMode(mode), statuses=(BatchStatus.VALIDATED,))
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        running = import_batch_job(locked)
        if running is not None and running.status in ("queued", "running"):
            return None
        return job_enqueue(
            actor=actor,
            kind="import.commit",
            params={"batch": batch.pk, "mode": mode},
            region_code=batch.scope_region_id,
        )


def batch_commit(
    *,
    actor: Actor,
    batch: ImportBatch,
    mode: CommitMode,
    chunk_size: int = 5_000,
    progress: Progress | None = None,
) -> ImportBatch:
    """Write the valid rows in chunks, each its own transaction; re-running finishes a batch that
    was interrupted, without duplicates (committed rows are marked, NIKs are unique).

    The rows are written as validation staged them (``imports/commit.py``).
    """
    batch_commit_check(batch=batch, mode=mode)
    require(actor, Capability.COLLECT_DATA)
    if batch.rows.filter(
        outcome__in=COMMITTABLE, committed=False, nik_sealed__isnull=True
    ).exists():
        # Staged before clean values were kept (an upgrade in between): check the file again.
        raise DomainError(IMPORT_REVALIDATE)
    with transaction.atomic():
        batch.status = BatchStatus.COMMITTING
        batch.commit_mode = mode
        batch.save(update_fields=["status", "commit_mode"])
    todo = batch.rows.filter(outcome__in=COMMITTABLE, committed=False).count()
    done = 0
    reason = f"import {batch.pk}"
    for rows in _chunks(batch, chunk_size):
        for attempt in range(1, COMMIT_ATTEMPTS + 1):
            try:
                with transaction.atomic():
                    committed = chunk_commit(actor=actor, batch=batch, rows=rows, reason=reason)
                    ImportBatch.objects.filter(pk=batch.pk).update(
                        rows_committed=F("rows_committed") + committed
                    )
                break
            except IntegrityError:
                # Someone registered one of these NIKs while the chunk was written: the chunk
                # rolled back whole, and the next attempt links that person instead.
                if attempt == COMMIT_ATTEMPTS:
                    raise
        batch.rows_committed += committed
        done += len(rows)
        if progress:
            progress(done, todo)
    with transaction.atomic():
        # With the status: a crash before it leaves the batch to be committed again.
        batch_keys_file(batch)
        batch.status = BatchStatus.COMMITTED
        batch.committed_at = timezone.now()
        batch.save(update_fields=["status", "committed_at", "rows_committed"])
        audit_record(
            actor=actor,
            action="import.commit",
            target=batch,
            after={
                "mode": mode,
                "committed": batch.rows_committed,
                "left_out": batch.rows_left_out(),
            },
        )
    return batch
