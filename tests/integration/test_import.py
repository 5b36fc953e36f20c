"""The staged import: upload → validate (preview) → commit, from real files made on the fly."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command

from payung.audit.models import AuditEvent
from payung.dedupe.models import PersonKey
from payung.domain.errors import DomainError
from payung.imports import services
from payung.imports.models import BatchStatus, CommitMode, ImportBatch, RowOutcome
from payung.imports.services import batch_commit, batch_upload, batch_validate
from payung.registry.models import Candidate, Person

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 21)
VILLAGE = "32.01.20.2006"

HEADERS = ["No", "NO NIK", "NAMA LENGKAP", "L/P", "Tgl Lahir", "Pekerjaan", "Nama Ibu Kandung"]
ROWS = [
    [1, "3201014508800004", "SITI AMINAH", "P", "05-08-1980", "Buruh tani", "Halimah"],
    [2, "3201010508800004", "Budi Santoso", "L", datetime(1980, 8, 5), "Ojek", "Aisyah"],
    [3, 3201011203850001, "Asep", "L", "12-03-1985", "Pemulung", "Onah"],  # typed as a number
    [4, "3201014508800004", "Siti Aminah", "P", "05/08/1980", "Buruh tani", "Halimah"],
    [5, "3201011203850002", "Ujang", "L", "31-02-1985", "Nelayan", "Enok"],
]


def _xlsx(path: Path, rows=ROWS, title=True) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append(["DAFTAR PEKERJA RENTAN DESA PARUNGPANJANG 2026"])
        sheet.append([])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def operator(demo):
    return demo["users"]["operator.desa"]


def _validated(operator, programme, path):
    upload = batch_upload(actor=operator, programme=programme, path=path, file_name=path.name)
    return batch_validate(actor=operator, batch=upload.batch, today=TODAY)


def test_preview_counts_every_outcome_and_code(operator, demo, tmp_path):
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "desa.xlsx"))
    assert batch.status == BatchStatus.VALIDATED
    assert batch.rows_total == 5
    assert batch.default_village_id == VILLAGE
    assert batch.summary["outcomes"] == {"valid": 2, "invalid": 2, "duplicate_in_file": 1}
    codes = batch.summary["codes"]
    assert codes["nik.excel_damaged"] == 1
    assert codes["date.invalid"] == 1
    assert codes["row.duplicate_in_file"] == 1
    rows = {r.row_number: r for r in batch.rows.all()}
    # Sheet rows: title 1, blank 2, headers 3, data from 4 — numbers the operator sees in Excel.
    assert sorted(rows) == [4, 5, 6, 7, 8]
    assert rows[6].outcome == RowOutcome.INVALID  # Asep, NIK typed as a number
    assert rows[6].issues[0]["code"] == "nik.excel_damaged"
    assert rows[7].outcome == RowOutcome.DUPLICATE_IN_FILE
    assert rows[7].issues[-1]["params"] == {"first_row": 4}
    assert Person.objects.count() == 0  # validation writes nothing to the registry


def test_the_same_file_again_opens_the_earlier_batch(operator, demo, tmp_path):
    path = _xlsx(tmp_path / "desa.xlsx")
    first = batch_upload(actor=operator, programme=demo["bogor"], path=path, file_name="a.xlsx")
    again = batch_upload(actor=operator, programme=demo["bogor"], path=path, file_name="b.xlsx")
    assert again.reopened
    assert again.batch.pk == first.batch.pk
    assert ImportBatch.objects.count() == 1


def test_all_or_nothing_refuses_and_writes_nothing(operator, demo, tmp_path):
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "desa.xlsx"))
    with pytest.raises(DomainError) as error:
        batch_commit(actor=operator, batch=batch, mode=CommitMode.ALL_VALID)
    assert error.value.code == "import.not_all_valid"
    assert error.value.params == {"invalid": 3, "valid": 2}
    assert Person.objects.count() == 0


def test_valid_rows_only_commits_them_with_candidacies_and_audit(operator, demo, tmp_path):
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "desa.xlsx"))
    batch = batch_commit(actor=operator, batch=batch, mode=CommitMode.VALID_ONLY)
    assert batch.status == BatchStatus.COMMITTED
    assert batch.rows_committed == 2
    assert sorted(Person.objects.values_list("full_name", flat=True)) == [
        "Budi Santoso",
        "Siti Aminah",
    ]
    assert Candidate.objects.filter(programme=demo["bogor"], source_batch=batch).count() == 2
    linked = batch.rows.filter(committed=True).values_list("row_number", "person__full_name")
    assert sorted(linked) == [(4, "Siti Aminah"), (5, "Budi Santoso")]
    event = AuditEvent.objects.get(action="import.commit", object_id=str(batch.pk))
    assert event.after == {"mode": "valid_only", "committed": 2, "left_out": 3}
    assert (
        AuditEvent.objects.filter(action="person.create", reason=f"import {batch.pk}").count() == 2
    )
    with pytest.raises(DomainError) as error:
        batch_commit(actor=operator, batch=batch, mode=CommitMode.VALID_ONLY)
    assert error.value.code == "import.state"
    assert Person.objects.count() == 2


def test_a_crash_mid_commit_is_finished_by_running_commit_again(
    operator, demo, tmp_path, monkeypatch
):
    rows = [
        [n, f"32010105088000{n:02d}", f"Pekerja {chr(64 + n)}", "L", "05-08-1980", "Ojek", "Ibu"]
        for n in range(1, 6)
    ]
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "lima.xlsx", rows=rows))
    real = services.chunk_commit
    calls = {"n": 0}

    def crash_on_third_chunk(**kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("power cut")
        return real(**kwargs)

    monkeypatch.setattr(services, "chunk_commit", crash_on_third_chunk)
    with pytest.raises(RuntimeError):
        batch_commit(actor=operator, batch=batch, mode=CommitMode.ALL_VALID, chunk_size=2)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTING
    assert batch.rows_committed == 4
    assert Person.objects.count() == 4
    assert PersonKey.objects.count() == 0  # filed with the batch's last step
    monkeypatch.setattr(services, "chunk_commit", real)
    batch = batch_commit(actor=operator, batch=batch, mode=CommitMode.ALL_VALID, chunk_size=2)
    assert batch.status == BatchStatus.COMMITTED
    assert batch.rows_committed == 5
    assert Person.objects.count() == 5
    assert PersonKey.objects.count() == 5 * 5  # each new person's five blocking keys, once


def test_known_niks_are_linked_not_duplicated(operator, demo, tmp_path):
    first = _validated(operator, demo["bogor"], _xlsx(tmp_path / "a.xlsx", rows=ROWS[:1]))
    batch_commit(actor=operator, batch=first, mode=CommitMode.ALL_VALID)
    second = _validated(operator, demo["bogor"], _xlsx(tmp_path / "b.xlsx", rows=ROWS[:2]))
    assert second.summary["outcomes"] == {"already_registered": 1, "valid": 1}
    batch_commit(actor=operator, batch=second, mode=CommitMode.ALL_VALID)
    assert Person.objects.count() == 2


def test_csv_in_windows_1252_with_semicolons_and_village_names(demo, tmp_path):
    admin = demo["users"]["admin.bogor"]
    text = (
        "NIK;Nama;Jenis Kelamin;Tanggal Lahir;Desa;Kecamatan;Pekerjaan\r\n"
        "3201014508800004;Siti Aminah;Perempuan;5 Agustus 1980;"
        "Parungpanjang;Parungpanjang;Pemulung\r\n"
        "3201010508800004;Ren\xe9 Budi;L;1980-08-05;Desa Tak Ada;;Ojek\r\n"
    )
    path = tmp_path / "opd.csv"
    path.write_bytes(text.encode("cp1252"))
    batch = _validated(admin, demo["bogor"], path)
    assert batch.file_format == "csv"
    assert batch.summary["outcomes"] == {"valid": 1, "invalid": 1}
    assert batch.summary["codes"]["village.unknown"] == 1
    batch_commit(actor=admin, batch=batch, mode=CommitMode.VALID_ONLY)
    assert Person.objects.get().village_id == VILLAGE


def test_a_file_that_is_not_a_spreadsheet_is_refused_with_its_reason(operator, demo, tmp_path):
    path = tmp_path / "daftar.xlsx"
    path.write_bytes(b"%PDF-1.7\n" + b"x" * 2000)
    batch = _validated(operator, demo["bogor"], path)
    assert batch.status == BatchStatus.REFUSED
    assert batch.refusal_code == "file.not_spreadsheet"
    assert AuditEvent.objects.filter(action="import.refuse", object_id=str(batch.pk)).exists()


def test_cli_dry_run_keeps_nothing_then_imports(demo, tmp_path):
    path = _xlsx(tmp_path / "desa.xlsx")
    out = io.StringIO()
    args = [str(path), "--programme", str(demo["bogor"].pk), "--village", VILLAGE]
    call_command("import", *args, "--dry-run", stdout=out)
    assert "valid                2" in out.getvalue()
    assert "nothing was saved" in out.getvalue()
    assert ImportBatch.objects.count() == 0
    assert Person.objects.count() == 0
    out = io.StringIO()
    call_command("import", *args, "--valid-only", "--user", "operator.desa", stdout=out)
    assert "committed: 2" in out.getvalue()
    assert Person.objects.count() == 2


def test_cli_without_a_user_imports_as_the_command_line_and_says_so_in_the_trail(demo, tmp_path):
    path = _xlsx(tmp_path / "desa.xlsx")
    args = [str(path), "--programme", str(demo["bogor"].pk), "--village", VILLAGE]
    call_command("import", *args, "--valid-only", stdout=io.StringIO())
    assert Person.objects.count() == 2
    trail = AuditEvent.objects.filter(action__startswith="import.")
    assert set(trail.values_list("actor_id", "actor_username")) == {(None, "cli:payung import")}
    assert set(trail.values_list("action", flat=True)) >= {"import.upload", "import.commit"}
