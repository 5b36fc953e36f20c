"""Reports built in the background and kept (issue 14 item 2, ADR 0046): requested by a reader
of the whole programme, built by the job as that reader, kept sealed, downloaded as XLSX and PDF
with the figures of the demo, each step audited, the region kept."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from payung.audit.models import AuditEvent
from payung.demo.seed import seed_enrolment_demo
from payung.domain.errors import DomainError
from payung.reports.kept import kept_get, kept_list, kept_open, kept_request
from payung.reports.models import ReportFile
from tests.integration.test_claims_packet import _pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(demo, settings):
    settings.PAYUNG_JOBS = "inline"
    seed_enrolment_demo()
    return demo


def _request(seeded, capture, username="keuangan", **kwargs):
    with capture(execute=True):
        return kept_request(
            actor=seeded["users"][username],
            kind_key=kwargs.get("kind", "programme"),
            programme=seeded["bogor"],
            region_code=kwargs.get("region", "32.01"),
            params={"year": 2026},
        )


def _actions(kept):
    return list(
        AuditEvent.objects.filter(object_type="reports.ReportFile", object_id=str(kept.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_a_programme_report_is_built_kept_sealed_and_downloaded(
    seeded, django_capture_on_commit_callbacks, tmp_path
):
    kept = _request(seeded, django_capture_on_commit_callbacks)
    kept.refresh_from_db()
    assert kept.ready
    assert kept.job.status == "done"
    assert kept.title == "Laporan realisasi"
    assert _actions(kept) == ["report_file.request", "report_file.build"]
    # At rest the files are sealed: neither the XLSX's zip nor the PDF's header is readable.
    stored = ReportFile.objects.get(pk=kept.pk)
    assert not bytes(stored.xlsx).startswith(b"PK")
    assert not bytes(stored.pdf).startswith(b"%PDF")

    finance = seeded["users"]["keuangan"]
    xlsx = kept_open(actor=finance, kept=kept_get(user=finance, pk=kept.pk), fmt="xlsx")
    assert xlsx.file_name == f"laporan-programme-3201-{kept.pk}.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.data)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert "Laporan realisasi" in values
    assert 50_400_000 in values  # the demo village's budget line: 250 × Rp16,800 × 12
    pdf = kept_open(actor=finance, kept=kept, fmt="pdf")
    text = _pdf_text(pdf.data, tmp_path)
    assert "Laporan realisasi" in text
    assert "50.400.000" in text
    assert _actions(kept) == [
        "report_file.request",
        "report_file.build",
        "report_file.download",
        "report_file.download",
    ]
    assert AuditEvent.objects.filter(action="report_file.download").order_by("pk").last().after == {
        "format": "pdf",
        "bytes": len(pdf.data),
    }


def test_a_village_operator_cannot_have_the_whole_regency_built(
    seeded, django_capture_on_commit_callbacks
):
    with pytest.raises(PermissionDenied):
        _request(seeded, django_capture_on_commit_callbacks, username="operator.desa")
    with pytest.raises(DomainError) as refused:
        _request(
            seeded, django_capture_on_commit_callbacks, username="operator.desa", region="32.01.20"
        )
    assert refused.value.code == "report_file.whole_regency"
    assert not ReportFile.objects.exists()


def test_an_unknown_kind_and_a_region_outside_the_programme_are_refused(
    seeded, django_capture_on_commit_callbacks
):
    with pytest.raises(DomainError) as unknown:
        _request(seeded, django_capture_on_commit_callbacks, kind="everything")
    assert unknown.value.code == "report_file.kind"
    with pytest.raises(DomainError) as outside:
        _request(seeded, django_capture_on_commit_callbacks, region="36.02")
    assert outside.value.code == "report_file.region"


def test_another_regency_never_sees_or_opens_the_kept_report(
    seeded, django_capture_on_commit_callbacks
):
    kept = _request(seeded, django_capture_on_commit_callbacks)
    lebak = seeded["users"]["admin.lebak"]
    assert not kept_list(user=lebak).exists()
    with pytest.raises(Http404):
        kept_get(user=lebak, pk=kept.pk)
    operator = seeded["users"]["operator.desa"]  # in Bogor, but a village: not the regency's file
    assert not kept_list(user=operator).exists()


def test_a_report_not_built_yet_is_not_opened(seeded, settings):
    settings.PAYUNG_JOBS = "worker"  # queued, no worker: it waits
    finance = seeded["users"]["keuangan"]
    kept = kept_request(
        actor=finance,
        kind_key="programme",
        programme=seeded["bogor"],
        region_code="32.01",
        params={"year": 2026},
    )
    with pytest.raises(DomainError) as refused:
        kept_open(actor=finance, kept=kept, fmt="pdf")
    assert refused.value.code == "report_file.not_ready"


def test_the_pages_list_request_and_download(seeded, client, django_capture_on_commit_callbacks):
    client.force_login(seeded["users"]["keuangan"])
    page = client.get("/laporan/berkas/")
    assert page.status_code == 200
    assert "Laporan realisasi" in page.content.decode()  # offered in the form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/laporan/berkas/buat/",
            {"kind": "programme", "programme": seeded["bogor"].pk, "year": "2026"},
        )
    assert response.status_code == 302
    kept = ReportFile.objects.get()
    listing = client.get("/laporan/berkas/").content.decode()
    assert 'data-testid="kept-status">Selesai' in listing
    download = client.get(f"/laporan/berkas/{kept.pk}/xlsx/")
    assert download.status_code == 200
    assert download["Cache-Control"] == "no-store"
    assert download["Content-Disposition"] == (
        f'attachment; filename="laporan-programme-3201-{kept.pk}.xlsx"'
    )
    assert client.get(f"/laporan/berkas/{kept.pk}/exe/").status_code == 404


def test_another_regency_gets_not_found_for_a_kept_report(
    seeded, client, django_capture_on_commit_callbacks
):
    kept = _request(seeded, django_capture_on_commit_callbacks)
    client.force_login(seeded["users"]["admin.lebak"])
    for fmt in ("xlsx", "pdf"):
        assert client.get(f"/laporan/berkas/{kept.pk}/{fmt}/").status_code == 404
    assert (
        "Laporan realisasi"
        not in client.get("/laporan/berkas/").content.decode().split('data-testid="kept-rows"')[1]
    )
    assert not AuditEvent.objects.filter(action="report_file.download").exists()
