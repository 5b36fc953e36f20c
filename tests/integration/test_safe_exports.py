"""Issue 11 item 1: rows imported with formula-like text leave Payung as data, never formulas.

A village list's addresses and birth places are imported through the real staged import, the
people are submitted, verified and approved, and the BPJS registration batch is exported as CSV
and XLSX; both files are read back. Control characters in free text are refused at entry.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date

import openpyxl
import pytest

from payung.audit.models import AuditEvent
from payung.domain.workflow import Action
from payung.enrolment.services import (
    EXPORT_HEADERS,
    registration_batch_create,
    registration_export,
)
from payung.imports.models import CommitMode, RowOutcome
from payung.imports.services import batch_commit, batch_upload, batch_validate
from payung.registry.models import Candidate, Person
from payung.screening.places import candidates_approve
from payung.screening.services import candidates_act

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 21)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")

HOSTILE = "+SUM(1+1)*cmd|' /C calc'!A0"
HEADERS = [
    *("NIK", "Nama Lengkap", "Jenis Kelamin", "Tempat Lahir", "Tanggal Lahir", "Alamat"),
    *("Pekerjaan", "Nama Ibu Kandung"),
]
LIST = [
    HEADERS,
    [
        "3201014508800004",
        "Siti Aminah",
        "P",
        "=1+1",
        "05-08-1980",
        HOSTILE,
        "Buruh tani",
        "Halimah",
    ],
    [
        *("3201010508800004", "Budi Santoso", "L", "@SUM(A1)", "05-08-1980"),
        *("@SUM(1+1)*cmd|' /C calc'!A0", "Ojek", "Aisyah"),
    ],
    # A leading tab is trimmed on the way in, so "=HYPERLINK(…)" is what the registry stores.
    [
        *("3201011203850002", "Ujang", "L", "Bogor", "12-03-1985"),
        *('\t=HYPERLINK("http://x.test")', "Nelayan", "Enok"),
    ],
    ["3201011203850003", "Asep", "L", "-1+2", "12-03-1985", "＝1+1", "Pemulung", "Onah"],
]
NIKS = [row[0] for row in LIST[1:]]


def _imported(users, programme, tmp_path):
    path = tmp_path / "desa.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";", quoting=csv.QUOTE_ALL).writerows(LIST)
    operator = users["operator.desa"]
    upload = batch_upload(actor=operator, programme=programme, path=path, file_name=path.name)
    batch = batch_validate(actor=operator, batch=upload.batch, today=TODAY)
    assert batch.summary["outcomes"] == {"valid": 4}, batch.summary
    batch_commit(actor=operator, batch=batch, mode=CommitMode.ALL_VALID)
    assert set(batch.rows.values_list("outcome", flat=True)) == {RowOutcome.VALID}
    return list(Candidate.objects.filter(programme=programme, source_batch=batch).order_by("pk"))


def _approved(users, candidates):
    ids = [c.pk for c in candidates]
    candidates_act(actor=users["operator.desa"], candidate_ids=ids, action=Action.SUBMIT)
    candidates_act(
        actor=users["verifikator"], candidate_ids=ids, action=Action.VERIFY, reason="ok", bulk=True
    )
    moved = candidates_approve(
        actor=users["verifikator"], candidate_ids=ids, reason="ok", bulk=True
    )
    assert not moved.refused


def test_imported_formula_text_is_exported_as_text_with_every_nik_digit(users, bogor, tmp_path):
    candidates = _imported(users, bogor, tmp_path)
    # What the registry keeps is what was typed (the tab trimmed): text is data.
    stored = dict(Person.objects.values_list("nik_index", "address"))
    assert sorted(Person.objects.values_list("address", flat=True)) == sorted(
        [HOSTILE, "@SUM(1+1)*cmd|' /C calc'!A0", '=HYPERLINK("http://x.test")', "＝1+1"]
    )
    assert len(stored) == 4
    _approved(users, candidates)
    batch = registration_batch_create(actor=users["bpjs"], programme=bogor)
    assert batch.lines.count() == 4

    # CSV: every formula-like text carries the apostrophe; the NIKs are their 16 digits.
    data = registration_export(actor=users["bpjs"], batch=batch, kind="csv")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert table[0] == list(EXPORT_HEADERS)
    for row in table[1:]:
        for value in row:
            assert not value.lstrip(" \u00a0\n").startswith(FORMULA_STARTS), value
    by_nik = {row[0]: dict(zip(EXPORT_HEADERS, row, strict=True)) for row in table[1:]}
    assert sorted(by_nik) == sorted(NIKS)
    assert by_nik[NIKS[0]]["Alamat"] == "'" + HOSTILE
    assert by_nik[NIKS[0]]["Tempat Lahir"] == "'=1+1"
    assert by_nik[NIKS[1]]["Tempat Lahir"] == "'@Sum(A1)"
    assert by_nik[NIKS[2]]["Alamat"] == '\'=HYPERLINK("http://x.test")'
    assert by_nik[NIKS[3]]["Alamat"] == "'＝1+1"
    assert by_nik[NIKS[3]]["Tempat Lahir"] == "'-1+2"
    # Text is quoted and numbers are not, so a quote-aware reader keeps the NIK as text.
    assert f'"{NIKS[0]}";' in data.decode("utf-8-sig")

    # XLSX: the values are exactly what was typed, as string cells with Excel's quote prefix.
    content = registration_export(actor=users["bpjs"], batch=batch, kind="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(min_row=2))
    for row in rows:
        for cell in row:
            if isinstance(cell.value, str) and cell.value.lstrip().startswith(FORMULA_STARTS):
                assert (cell.data_type, cell.quotePrefix) == ("s", True), cell.coordinate
    xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert not re.search(r"<f[ >]", xml)
    cells = {
        row[0].value: {h: c.value for h, c in zip(EXPORT_HEADERS, row, strict=True)} for row in rows
    }
    assert sorted(cells) == sorted(NIKS)
    assert all(row[0].data_type == "s" for row in rows)
    assert cells[NIKS[0]]["Alamat"] == HOSTILE
    assert cells[NIKS[0]]["Tempat Lahir"] == "=1+1"
    assert cells[NIKS[2]]["Alamat"] == '=HYPERLINK("http://x.test")'

    exports = AuditEvent.objects.filter(action="registration_batch.export", object_id=str(batch.pk))
    assert sorted(e.after["format"] for e in exports) == ["csv", "xlsx"]
    assert {e.after["lines"] for e in exports} == {4}


def test_a_control_character_in_an_imported_name_is_refused_with_its_code(users, bogor, tmp_path):
    path = tmp_path / "desa.csv"
    rows = [
        HEADERS,
        ["3201014508800004", "Siti\x07Aminah", "P", "Bogor", "05-08-1980", "Kp. A", "Tani", "Ani"],
    ]
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";", quoting=csv.QUOTE_ALL).writerows(rows)
    operator = users["operator.desa"]
    upload = batch_upload(actor=operator, programme=bogor, path=path, file_name=path.name)
    batch = batch_validate(actor=operator, batch=upload.batch, today=TODAY)

    assert batch.summary["outcomes"] == {"invalid": 1}
    assert batch.summary["codes"] == {"text.control_character": 1}
    (issue,) = batch.rows.get().issues
    assert issue["code"] == "text.control_character"
    assert issue["params"]["field"] == "full_name"
    assert issue["params"]["position"] == 5
    assert Person.objects.count() == 0


def test_the_form_and_the_api_refuse_a_control_character_in_free_text(client, demo):
    client.force_login(demo["users"]["operator.desa"])
    entry = {
        "nik": "3201014508800004",
        "full_name": "Siti Aminah",
        "sex": "P",
        "birth_date": "05-08-1980",
        "village": "32.01.20.2006",
        "occupation": "Buruh tani",
        "mother_name": "Halimah",
    }
    form = client.post("/registry/new/", {**entry, "address": "Kp. Sukamaju\x1b[31m"})
    assert form.status_code == 200
    assert form.context["form"].errors["address"] == [
        "Alamat berisi karakter tersembunyi (karakter kendali) pada karakter ke-13. Hapus "
        "karakter itu, lalu ketik ulang isiannya dalam satu baris."
    ]
    api = client.post(
        "/api/v1/workers/",
        json.dumps({**entry, "mother_name": "Hali\u2028mah"}),
        content_type="application/json",
        headers={"accept-language": "en"},
    )
    assert api.status_code == 400
    assert api.json()["problems"] == [
        {
            "code": "text.control_character",
            "field": "mother_name",
            "message": "Mother's maiden name contains a hidden character (a line break) at "
            "character 5. Remove it and type the entry again on one line.",
            "messages": {
                "id": "Nama ibu kandung berisi karakter tersembunyi (pindah baris) pada "
                "karakter ke-5. Hapus karakter itu, lalu ketik ulang isiannya dalam satu baris.",
                "en": "Mother's maiden name contains a hidden character (a line break) at "
                "character 5. Remove it and type the entry again on one line.",
            },
        }
    ]
    assert Person.objects.count() == 0
    assert not AuditEvent.objects.filter(action="person.create").exists()
