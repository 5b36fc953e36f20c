"""The files villages really have: an OpenSID workbook (occupation numbers), a SIAK .xls and a
LibreOffice .ods, each through the real import service (upload → validate → commit)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from payung.audit.models import AuditEvent
from payung.imports.models import BatchStatus, CommitMode
from payung.imports.services import batch_commit, batch_upload, batch_validate
from payung.registry.models import Person
from tests.builders import xlsx
from tests.spreadsheets import write_ods, write_xls

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 21)
VILLAGE = "32.01.20.2006"

# The shape of SIAK's export (OpenSID's assets/import/format_siak.xls): its headers, words for
# sex, status and occupation, dates as date cells, RT/RW as numbers.
SIAK_HEADERS = [
    "Nomor KK", "NIK", "Nama Penduduk", "Status", "Tempat Lahir", "Tanggal Lahir", "Kelamin",
    "NIK Ayah", "Ayah", "NIK Ibu", "Ibu", "Status Kawin", "SHDK", "Agama", "Kecamatan",
    "Desa/Kel", "Alamat", "RW", "RT", "Pendidikan", "Pekerjaan", "Deskripsi Pekerjaan",
]  # fmt: skip


def _siak(nik, name, status, born, sex, mother, occupation):
    return [
        "3201010101800001", nik, name, status, "BOGOR", born, sex, "", "AYAH", "", mother,
        "Kawin", "Kepala Keluarga", "Islam", "PARUNGPANJANG", "PARUNGPANJANG", "DSN JIWET",
        8.0, 1.0, "SLTA/Sederajat", occupation, "",
    ]  # fmt: skip


SIAK_ROWS = [
    SIAK_HEADERS,
    _siak("3201014508800004", "SITI AMINAH", "Hidup", date(1980, 8, 5), "Perempuan", "HALIMAH",
          "Buruh Tani/Perkebunan"),
    _siak("3201010508800004", "BUDI SANTOSO", "Hidup", date(1980, 8, 5), "Laki-Laki", "AISYAH",
          "Belum/Tidak Bekerja"),
    _siak("3201011203850001", "ASEP", "Mati", date(1985, 3, 12), "Laki-Laki", "ONAH",
          "Petani/Pekebun"),
    _siak("3201011203850002", "UJANG", "Pindah Dalam Negeri", date(1985, 3, 12), "Laki-Laki",
          "ENOK", "Wiraswasta"),
]  # fmt: skip

# OpenSID's import workbook (assets/import/contoh_penduduk.xlsx): snake-case headers, every cell
# text, sex and occupation as the civil registry's numbers.
OPENSID_HEADERS = [
    "alamat", "dusun", "rw", "rt", "nama", "no_kk", "nik", "sex", "tempatlahir", "tanggallahir",
    "agama_id", "pendidikan_kk_id", "pekerjaan_id", "status_kawin", "kk_level", "nama_ayah",
    "nama_ibu", "status_dasar",
]  # fmt: skip
OPENSID_ROWS = [
    ["", "MANGSIT", "-", "004", nama, "3201010101800001", nik, sex, "MANGSIT", born, "1", "4",
     job, "2", "1", "AHLUL", mother, "1"]
    for nama, nik, sex, born, job, mother in [
        ("SITI AMINAH", "3201014508800004", "2", "1980-08-05", "9", "RUSDAH"),
        ("BUDI SANTOSO", "3201010508800004", "1", "1980-08-05", "19", "RAISAH"),
        ("ASEP", "3201011203850001", "1", "1985-03-12", "5", "ONAH"),
        ("UJANG", "3201011203850002", "1", "1985-03-12", "88", "ENOK"),
    ]
]  # fmt: skip


@pytest.fixture
def operator(demo):
    return demo["users"]["operator.desa"]


def _import(operator, programme, path: Path):
    upload = batch_upload(actor=operator, programme=programme, path=path, file_name=path.name)
    batch = batch_validate(actor=operator, batch=upload.batch, today=TODAY)
    assert batch.status == BatchStatus.VALIDATED, batch.summary
    return batch


def _issues(batch):
    return {
        row.row_number: sorted(issue["code"] for issue in row.issues)
        for row in batch.rows.order_by("row_number")
    }


def test_an_opensid_workbook_stores_the_registry_occupations(operator, demo, tmp_path):
    batch = _import(
        operator, demo["bogor"], xlsx(tmp_path / "penduduk.xlsx", OPENSID_HEADERS, OPENSID_ROWS)
    )

    assert batch.summary["outcomes"] == {"valid": 4}
    assert _issues(batch) == {
        2: [],
        3: [],
        4: ["occupation.not_informal"],
        5: ["occupation.registry_general"],
    }
    batch = batch_commit(actor=operator, batch=batch, mode=CommitMode.ALL_VALID)

    stored = {
        p.full_name: (p.occupation_code, p.occupation_text, p.mother_name)
        for p in Person.objects.all()
    }
    assert stored == {
        "Siti Aminah": ("farmer", "Petani/Pekebun", "Rusdah"),
        "Budi Santoso": ("casual_day_labourer", "Buruh Harian Lepas", "Raisah"),
        "Asep": ("civil_servant", "Pegawai Negeri Sipil (PNS)", "Onah"),
        "Ujang": ("", "Wiraswasta", "Enok"),
    }
    created = AuditEvent.objects.filter(action="person.create", reason=f"import {batch.pk}")
    assert created.count() == 4


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_a_siak_export_reads_mother_status_and_occupation(operator, demo, tmp_path, kind):
    writer = write_xls if kind == "xls" else write_ods
    batch = _import(operator, demo["bogor"], writer(tmp_path / f"siak.{kind}", SIAK_ROWS))

    assert batch.file_format == kind
    assert batch.summary["outcomes"] == {"valid": 3, "invalid": 1}
    assert _issues(batch) == {
        2: [],
        3: ["occupation.not_informal"],
        4: ["row.deceased"],  # the dead resident: refused, with the status named
        5: ["occupation.registry_general", "row.resident_status"],
    }
    dead = batch.rows.get(row_number=4)
    assert dead.outcome == "invalid"
    assert dead.issues[0]["params"] == {"value": "Mati", "field": "resident_status"}
    assert "row.mother_name_missing" not in batch.summary["codes"]

    batch = batch_commit(actor=operator, batch=batch, mode=CommitMode.VALID_ONLY)

    stored = {
        p.full_name: (p.occupation_code, p.mother_name, p.village_id, p.rt, p.rw)
        for p in Person.objects.all()
    }
    assert stored == {
        "Siti Aminah": ("farm_labourer", "Halimah", VILLAGE, "001", "008"),
        "Budi Santoso": ("not_working", "Aisyah", VILLAGE, "001", "008"),
        "Ujang": ("", "Enok", VILLAGE, "001", "008"),
    }
    assert not Person.objects.filter(full_name="Asep").exists()
    event = AuditEvent.objects.get(action="import.commit", object_id=str(batch.pk))
    assert event.after == {"mode": "valid_only", "committed": 3, "left_out": 1}
