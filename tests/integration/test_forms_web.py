"""The pages answer bad or missing input as they did before their forms parsed it (issue 12
item 6): the same message, status code, redirect or fallback."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from payung.domain.period import Month
from tests.integration.test_screening import person

pytestmark = pytest.mark.django_db


def _said(response) -> list[str]:
    return [m.message for m in get_messages(response.wsgi_request)]


def test_a_month_that_is_not_one_is_refused_with_the_same_sentence(client, users, bogor):
    client.force_login(users["keuangan"])
    response = client.post(f"/finance/{bogor.pk}/issue/", {"month": "januari"})
    assert response.status_code == 302
    assert response["Location"] == f"/finance/?programme={bogor.pk}"
    assert _said(response) == ["Isi bulan dengan bentuk 2026-01."]


def test_the_reconciliation_falls_back_to_this_month(client, users, bogor):
    client.force_login(users["keuangan"])
    response = client.get(f"/finance/{bogor.pk}/reconciliation/", {"month": "bulan-lalu"})
    assert response.status_code == 200
    assert response.context["month"] == Month.of(timezone.localdate())
    response = client.get(f"/finance/{bogor.pk}/reconciliation/", {"month": "2026-02"})
    assert response.context["month"] == Month(2026, 2)


def test_an_upload_without_a_programme_is_refused_or_404_as_before(client, users, bogor):
    client.force_login(users["operator.desa"])
    upload = SimpleUploadedFile("a.csv", b"nik\n", content_type="text/csv")
    response = client.post("/imports/new/", {"programme": "lima", "file": upload})
    assert response.status_code == 200
    assert response.context["error"] == "Pilih program dan berkas."
    response = client.post("/imports/new/", {"programme": bogor.pk})  # no file
    assert response.context["error"] == "Pilih program dan berkas."
    upload = SimpleUploadedFile("a.csv", b"nik\n", content_type="text/csv")
    assert client.post("/imports/new/", {"file": upload}).status_code == 404


def test_the_queue_shows_open_pairs_for_an_unknown_status(client, users):
    client.force_login(users["verifikator"])
    response = client.get("/duplicates/", {"status": "merged"})
    assert response.status_code == 200
    assert response.context["status"] == "open"


def test_the_coverage_check_says_a_bad_day_and_a_bad_nik(client, users):
    client.force_login(users["verifikator"])
    response = client.post("/coverage/", {"nik": "3201", "day": "01-03-2026"})
    assert response.context["error"] == "Invalid isoformat string: '01-03-2026'"
    assert response.context["day"] == timezone.localdate()
    response = client.post("/coverage/", {"nik": "3201", "day": "2026-03-01"})
    assert response.context["error"].startswith("NIK ")
    assert str(response.context["day"]) == "2026-03-01"


def test_the_search_is_shown_again_as_typed(client, users):
    client.force_login(users["operator.desa"])
    response = client.post("/registry/", {"q": " Siti "})
    assert response.status_code == 200
    assert response.context["q"] == " Siti "


def test_the_correction_page_asks_for_its_reason_once(client, users):
    worker = person(1)
    client.force_login(users["operator.desa"])
    page = client.get(f"/registry/{worker.pk}/edit/").content.decode()
    assert page.count('name="reason"') == 1
    assert "Alasan perbaikan" in page
