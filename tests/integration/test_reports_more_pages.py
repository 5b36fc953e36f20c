"""The district, claims and reconciliation reports as pages and downloads (issue 14 item 2):
each opens for the readers it is for, downloads as XLSX and PDF audited as report.download, and
the district and claims reports can be kept."""

from __future__ import annotations

import io

import openpyxl
import pytest

from payung.audit.models import AuditEvent
from payung.demo.seed import seed_claims_demo, seed_enrolment_demo
from payung.reports.kept import kept_request
from tests.integration.test_claims_packet import _pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(demo):
    seed_enrolment_demo()
    seed_claims_demo()
    return demo


def _get(client, seeded, username, url):
    client.force_login(seeded["users"][username])
    return client.get(url)


def test_the_district_report_page_and_its_xlsx(seeded, client):
    programme = seeded["bogor"].pk
    url = f"/laporan/kecamatan/?programme={programme}&month=2026-01"
    page = _get(client, seeded, "keuangan", url)
    assert page.status_code == 200
    assert "Laporan kecamatan" in page.content.decode()
    download = client.get(url + "&format=xlsx")
    assert download.status_code == 200
    assert download["Cache-Control"] == "no-store"
    sheet = openpyxl.load_workbook(io.BytesIO(download.content)).active
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "Parungpanjang" in values  # the demo's district, its five covered workers
    event = AuditEvent.objects.get(action="report.download")
    assert event.after["report"] == "district"
    assert event.after["format"] == "xlsx"


def test_the_claims_report_as_pdf(seeded, client, tmp_path):
    programme = seeded["bogor"].pk
    response = _get(
        client, seeded, "verifikator", f"/laporan/klaim/?programme={programme}&year=2026&format=pdf"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content, tmp_path)
    assert "Laporan klaim" in text
    assert "Tertabrak motor" not in text  # a claim's cause never leaves in a report


def test_the_reconciliation_report_is_the_finance_officers(seeded, client):
    programme = seeded["bogor"].pk
    url = f"/laporan/rekonsiliasi/?programme={programme}"
    assert _get(client, seeded, "keuangan", url).status_code == 200
    assert _get(client, seeded, "operator.desa", url).status_code == 403
    index = _get(client, seeded, "keuangan", f"/laporan/?programme={programme}").content.decode()
    assert 'data-testid="reconciliation-report-form"' in index
    index = _get(client, seeded, "verifikator", "/laporan/").content.decode()
    assert 'data-testid="reconciliation-report-form"' not in index
    assert 'data-testid="district-report-form"' in index


def test_another_regency_gets_not_found(seeded, client):
    programme = seeded["bogor"].pk
    for url in (
        f"/laporan/kecamatan/?programme={programme}",
        f"/laporan/klaim/?programme={programme}",
        f"/laporan/rekonsiliasi/?programme={programme}",
    ):
        assert _get(client, seeded, "admin.lebak", url).status_code == 404, url


def test_the_district_report_is_kept(seeded, settings, django_capture_on_commit_callbacks):
    settings.PAYUNG_JOBS = "inline"
    with django_capture_on_commit_callbacks(execute=True):
        kept = kept_request(
            actor=seeded["users"]["keuangan"],
            kind_key="district",
            programme=seeded["bogor"],
            region_code="32.01",
            params={"month": "2026-01"},
        )
    kept.refresh_from_db()
    assert kept.ready
    assert kept.title == "Laporan kecamatan: kuota, daftar tunggu, dan kepesertaan"
    assert kept.job.status == "done"
    assert kept.xlsx_size > 0
    assert kept.pdf_size > 0
