"""Data entry, live checks, revealing a NIK, the template, and the import pages with jobs."""

from __future__ import annotations

import io

import openpyxl
import pytest

from payung.audit.models import AuditEvent
from payung.domain.errors import message_for
from payung.imports.models import BatchStatus, ImportBatch
from payung.registry.models import Person
from tests.builders import village_operator

pytestmark = pytest.mark.django_db
VILLAGE = "32.01.20.2006"
ENTRY = {
    "nik": "3201014508800004",
    "full_name": "siti aminah",
    "sex": "P",
    "birth_date": "05-08-1980",
    "village": VILLAGE,
    "occupation": "Buruh tani",
    "mother_name": "Halimah",
    "phone": "0812 3456 7890",
}


@pytest.fixture
def operator_client(client, demo):
    client.force_login(demo["users"]["operator.desa"])
    return client


def test_operator_enters_a_worker_through_the_form(operator_client, demo):
    response = operator_client.post("/registry/new/", {**ENTRY, "programme": demo["bogor"].pk})
    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/registry/{person.pk}/"
    assert person.full_name == "Siti Aminah"
    assert person.candidacies.get().programme == demo["bogor"]
    assert "3201014508800004" not in response["Location"]
    page = operator_client.get(response["Location"]).content.decode()
    assert "3201••••••••0004" in page
    assert "3201014508800004" not in page  # the operator's role sees the NIK masked


def test_the_form_explains_each_problem_in_indonesian(operator_client):
    response = operator_client.post(
        "/registry/new/", {**ENTRY, "nik": "3201014508800004", "sex": "L"}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "nik" in errors
    assert Person.objects.count() == 0
    bad = operator_client.post("/registry/new/", {**ENTRY, "nik": "3.20101E+15"})
    assert "Excel" in " ".join(bad.context["form"].errors["nik"])


def test_live_check_reports_structure_cross_checks_and_registration(operator_client):
    check = operator_client.post(
        "/registry/check/", {"nik": "3201014508800004", "birth_date": "05-08-1980", "sex": "L"}
    )
    kinds = [kind for kind, _ in check.context["findings"]]
    assert kinds == ["error", "ok"]  # sex contradicts the NIK (day + 40 = woman); not registered
    operator_client.post("/registry/new/", ENTRY)
    again = operator_client.post("/registry/check/", {"nik": "3201014508800004"})
    assert [kind for kind, _ in again.context["findings"]] == ["info"]
    short = operator_client.post("/registry/check/", {"nik": "32010145"})
    assert [kind for kind, _ in short.context["findings"]] == ["error"]


def test_verifier_reveals_a_full_nik_and_the_reading_is_audited(client, operator_client, demo):
    operator_client.post("/registry/new/", ENTRY)
    person = Person.objects.get()
    assert operator_client.post(f"/registry/{person.pk}/nik/").status_code == 403
    client.force_login(demo["users"]["verifikator"])
    response = client.post(f"/registry/{person.pk}/nik/")
    assert response.status_code == 200
    assert "3201014508800004" in response.content.decode()
    event = AuditEvent.objects.get(action="person.reveal_nik")
    assert event.actor_username == "verifikator"
    assert event.subject_key == f"person:{person.pk}"


def test_template_has_text_formatted_nik_columns_and_drop_downs(operator_client, demo):
    response = operator_client.get(f"/programmes/{demo['bogor'].pk}/template.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:2] == ["Petunjuk", "Data"]
    data = book["Data"]
    headers = [c.value for c in data[1]]
    nik_column = openpyxl.utils.get_column_letter(headers.index("NIK") + 1)
    assert data.column_dimensions[nik_column].number_format == "@"
    assert len(data.data_validations.dataValidation) >= 3
    listed = {cell for row in book["Daftar"].iter_rows(values_only=True) for cell in row if cell}
    assert "Parungpanjang" in listed  # the operator's own village is in the drop-down list
    assert "Pondok Rajeg" not in listed  # another village's is not


def _workbook(rows) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["NIK", "Nama", "L/P", "Tgl Lahir", "Pekerjaan", "Nama Ibu"])
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _upload(client, demo, content: bytes):
    # openpyxl stamps the save time into the file: the same bytes, not the same rows, are
    # "the same file".
    buffer = io.BytesIO(content)
    buffer.name = "desa.xlsx"
    return client.post("/imports/new/", {"programme": demo["bogor"].pk, "file": buffer})


def test_web_import_validates_and_commits_through_jobs(
    operator_client, demo, settings, django_capture_on_commit_callbacks
):
    settings.PAYUNG_JOBS = "inline"
    rows = [
        ["3201014508800004", "Siti Aminah", "P", "05-08-1980", "Buruh tani", "Halimah"],
        ["3201010508800004", "Budi", "L", "05-08-1980", "Ojek", "Aisyah"],
        ["12345", "Tanpa NIK", "L", "05-08-1980", "Ojek", "Enok"],
    ]
    content = _workbook(rows)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(operator_client, demo, content)
    batch = ImportBatch.objects.get()
    assert response["Location"] == f"/imports/{batch.pk}/"
    batch.refresh_from_db()
    assert batch.status == BatchStatus.VALIDATED
    page = operator_client.get(f"/imports/{batch.pk}/")
    assert page.context["invalid"] == 1
    assert Person.objects.count() == 0

    errors = operator_client.get(f"/imports/{batch.pk}/errors.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(errors.content)).active
    header = [c.value for c in sheet[1]]
    assert header[-2:] == ["Baris asal", "Masalah"]
    assert "16 digit" in sheet.cell(row=2, column=len(header)).value

    refused = operator_client.post(f"/imports/{batch.pk}/commit/", {"mode": "all_valid"})
    assert refused.status_code == 302
    assert Person.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        operator_client.post(f"/imports/{batch.pk}/commit/", {"mode": "valid_only"})
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED
    assert Person.objects.count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        again = _upload(operator_client, demo, content)
    assert again["Location"] == f"/imports/{batch.pk}/"
    assert ImportBatch.objects.count() == 1


def test_an_oversized_upload_is_refused_before_it_is_read(
    operator_client, demo, settings, monkeypatch
):
    from payung.files import uploads

    class Tiny(uploads.Limits):
        def __init__(self):
            super().__init__(max_bytes=100)

    settings.PAYUNG_JOBS = "worker"
    monkeypatch.setattr(uploads, "Limits", Tiny)
    response = _upload(operator_client, demo, _workbook([["1"] * 6] * 20))
    assert response.status_code == 200
    assert response.context["error"] == message_for("file.too_large", "id", size_mb=0, limit_mb=0)
    assert ImportBatch.objects.count() == 0


def test_progress_fragment_while_a_job_waits_then_a_refresh_when_done(
    operator_client, demo, settings
):
    from payung.jobs.services import job_run_pending

    settings.PAYUNG_JOBS = "worker"  # queued, not run, until a worker takes it
    _upload(operator_client, demo, _workbook([["3201014508800004", "Siti", "P", "05-08-1980"]]))
    batch = ImportBatch.objects.get()
    waiting = operator_client.get(f"/imports/{batch.pk}/status/", HTTP_HX_REQUEST="true")
    assert waiting.status_code == 200
    assert waiting.context["running"] is True
    assert "sample" not in waiting.context  # the poll reads the job, not the preview
    job_run_pending()
    done = operator_client.get(f"/imports/{batch.pk}/status/", HTTP_HX_REQUEST="true")
    assert done.status_code == 204
    assert done["HX-Refresh"] == "true"
    batch.refresh_from_db()
    assert batch.status == BatchStatus.VALIDATED


def test_live_check_says_where_a_known_worker_already_takes_part(operator_client, demo):
    operator_client.post("/registry/new/", {**ENTRY, "programme": demo["bogor"].pk})
    check = operator_client.post("/registry/check/", {"nik": "3201014508800004"})
    texts = [text for _, text in check.context["findings"]]
    assert texts == [
        "NIK ini sudah terdaftar di wilayah Anda.",
        f"Sudah ikut: {demo['bogor'].name} (2026).",
    ]


def test_live_check_warns_of_a_probable_duplicate_under_another_nik(operator_client, demo):
    operator_client.post("/registry/new/", ENTRY)
    # The same woman, her NIK mistyped in the last digit and her name with a title.
    typo = {**ENTRY, "nik": "3201014508800007", "full_name": "Hj. Siti Aminah"}
    check = operator_client.post("/registry/check/", typo)
    kinds = [(kind, text) for kind, text in check.context["findings"]]
    assert kinds[0] == ("ok", "NIK valid dan belum terdaftar.")
    kind, text = kinds[1]
    assert kind == "warning"
    assert text.startswith(
        "Kemungkinan orang yang sama dengan Siti Aminah (NIK 3201••••••••0004, Parungpanjang)"
    )
    # An unrelated neighbour born the same day (another name, another mother) is not flagged.
    neighbour = {**ENTRY, "nik": "3201014508800002", "full_name": "Euis Komariah"}
    neighbour["mother_name"] = "Onah"
    texts = [
        text for _, text in operator_client.post("/registry/check/", neighbour).context["findings"]
    ]
    assert texts == ["NIK valid dan belum terdaftar."]


def test_live_check_says_only_another_area_for_a_probable_duplicate_outside_the_region(
    client, demo
):
    client.force_login(demo["users"]["operator.desa"])
    client.post("/registry/new/", ENTRY)
    other = village_operator("32.01.20.2001")
    client.force_login(other)
    typo = {**ENTRY, "nik": "3201014508800007", "village": "32.01.20.2001"}
    findings = client.post("/registry/check/", typo).context["findings"]
    text = findings[1][1]
    assert text.startswith("Kemungkinan orang yang sama sudah terdaftar di wilayah lain, skor")
    assert "Siti" not in text
    assert "0004" not in text
