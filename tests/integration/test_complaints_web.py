"""The complaints pages: filing on the public form (code and PIN shown once), the status looked up
by a POST, the rate limit's 429, the officer's steps with their audit rows, closing through a
confirmation page, filing for a resident."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache

from payung.audit.models import AuditEvent
from payung.complaints import guard
from payung.complaints.models import Complaint, ComplaintStatus, FiledVia

pytestmark = pytest.mark.django_db

OWN = "32.01.20.2006"
SECRET = "Anak saya tidak terdaftar padahal tukang ojek"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _public_form(**changes):
    data = {
        "village": OWN,
        "category": "worker_left_out",
        "text": SECRET,
        "name": "Ujang Warga",
        "contact": "0812",
        "website": "",
        "token": guard.form_token(time.time() - 10),
    }
    return {**data, **changes}


def _file(client, **changes):
    return client.post("/publik/pengaduan/", _public_form(**changes))


def test_the_public_files_and_is_shown_the_code_and_pin_once(client, demo):
    shown = client.get("/publik/pengaduan/")
    assert shown.status_code == 200
    assert "no-store" in shown["Cache-Control"]
    assert OWN in shown.content.decode()
    response = _file(client)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    complaint, pin = response.context["filed"]
    assert complaint.via == FiledVia.PUBLIC
    page = response.content.decode()
    assert complaint.code in page
    assert pin in page
    assert "hanya ditampilkan sekali" in page
    # The next page shows no PIN again.
    assert pin not in client.get("/publik/pengaduan/").content.decode()


def test_a_robot_is_not_filed(client, demo):
    assert _file(client, website="http://spam").context["filed"] is None
    assert _file(client, token=guard.form_token()).context["filed"] is None  # too fast
    assert _file(client, token="forged").context["filed"] is None
    assert not Complaint.objects.exists()


def test_past_the_limit_the_public_is_told_so_with_429(client, demo):
    for _ in range(guard.PER_ADDRESS):
        assert _file(client).status_code == 200
    refused = _file(client)
    assert refused.status_code == 429
    assert "Terlalu banyak" in refused.content.decode()
    assert "no-store" in refused["Cache-Control"]
    assert Complaint.objects.count() == guard.PER_ADDRESS


def test_a_body_too_large_is_refused(client, demo):
    response = _file(client, text="x" * 40_000)
    assert response.status_code == 413
    assert not Complaint.objects.exists()


def test_the_status_is_looked_up_by_post_and_shows_the_answer(client, demo):
    complaint, pin = _file(client).context["filed"]
    officer = demo["users"]["verifikator"]
    client.force_login(officer)
    assert (
        client.post(f"/pengaduan/{complaint.pk}/langkah/", {"step": "acknowledge"}).status_code
        == 302
    )
    answer = {"step": "answer", "answer": "Sudah kami daftarkan bulan depan."}
    client.post(f"/pengaduan/{complaint.pk}/langkah/", answer)
    client.logout()
    found = client.post("/publik/pengaduan/status/", {"code": complaint.code, "pin": pin})
    page = found.content.decode()
    assert "Sudah kami daftarkan bulan depan." in page
    assert "Sudah dijawab" in page or "Dijawab" in page
    assert SECRET not in page
    assert "Ujang" not in page
    assert "no-store" in found["Cache-Control"]
    wrong = client.post("/publik/pengaduan/status/", {"code": complaint.code, "pin": "000000"})
    assert "tidak ditemukan" in wrong.content.decode().lower()
    assert "Sudah kami daftarkan" not in wrong.content.decode()
    nobody = client.post("/publik/pengaduan/status/", {"code": "ADU-XXXXXXXX", "pin": pin})
    assert "tidak ditemukan" in nobody.content.decode().lower()
    # A code in the address shows nothing.
    get = client.get(f"/publik/pengaduan/status/?code={complaint.code}&pin={pin}")
    assert "Sudah kami daftarkan" not in get.content.decode()


def test_the_public_pages_speak_english_when_asked(client, demo):
    page = client.get("/publik/pengaduan/?lang=en").content.decode()
    assert "File a complaint" in page
    assert "Ajukan pengaduan" in client.get("/publik/pengaduan/").content.decode()


def test_the_officer_takes_up_and_answers_with_audit_rows(client, demo):
    complaint, _pin = _file(client).context["filed"]
    client.force_login(demo["users"]["verifikator"])
    queue = client.get("/pengaduan/")
    assert queue.status_code == 200
    assert complaint.code in queue.content.decode()
    assert queue.context["counts"]["received"] == 1
    detail = client.get(f"/pengaduan/{complaint.pk}/")
    assert SECRET in detail.content.decode()
    client.post(f"/pengaduan/{complaint.pk}/langkah/", {"step": "acknowledge"})
    empty = client.post(f"/pengaduan/{complaint.pk}/langkah/", {"step": "answer", "answer": ""})
    assert empty.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.IN_PROGRESS
    client.post(f"/pengaduan/{complaint.pk}/langkah/", {"step": "answer", "answer": "Ya"})
    client.post(f"/pengaduan/{complaint.pk}/langkah/", {"step": "tell"})
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ANSWERED
    assert complaint.told_at is not None
    actions = list(
        AuditEvent.objects.filter(object_type="complaints.Complaint")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "complaint.file",
        "complaint.acknowledge",
        "complaint.answer",
        "complaint.tell",
    ]


def test_closing_needs_the_confirmation(client, demo):
    complaint, _pin = _file(client).context["filed"]
    client.force_login(demo["users"]["verifikator"])
    client.post(f"/pengaduan/{complaint.pk}/langkah/", {"step": "acknowledge"})
    client.post(f"/pengaduan/{complaint.pk}/langkah/", {"step": "answer", "answer": "Ya"})
    asked = client.post(f"/pengaduan/{complaint.pk}/tutup/")
    assert asked.status_code == 200
    assert "web/confirm.html" in [t.name for t in asked.templates]
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ANSWERED
    forged = client.post(f"/pengaduan/{complaint.pk}/tutup/", {"confirm": "forged"})
    assert forged.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ANSWERED
    token = asked.context["token"]
    done = client.post(f"/pengaduan/{complaint.pk}/tutup/", {"confirm": token})
    assert done.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED
    assert AuditEvent.objects.filter(action="complaint.close").count() == 1


def test_the_village_files_for_a_resident(client, demo):
    client.force_login(demo["users"]["operator.desa"])
    form = client.get("/pengaduan/baru/")
    assert form.status_code == 200
    posted = {"village": OWN, "category": "wrong_data", "text": SECRET, "name": "Bu Siti"}
    response = client.post("/pengaduan/baru/", posted)
    complaint, pin = response.context["filed"]
    assert complaint.via == FiledVia.VILLAGE
    assert pin in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_the_pages_need_a_login_and_the_capability(client, demo):
    assert client.get("/pengaduan/").status_code == 302  # to the login page
    client.force_login(demo["users"]["auditor"])
    assert client.get("/pengaduan/baru/").status_code == 403


def test_the_public_programme_page_links_to_the_form(client, demo):
    page = client.get(f"/publik/{demo['bogor'].pk}/").content.decode()
    assert page.count("/publik/pengaduan/") == 1
    assert "Ajukan pengaduan" in page


def test_the_demo_has_a_complaint_in_each_state(client, demo):
    from payung.demo.seed import seed_complaints_demo

    seed_complaints_demo()
    seed_complaints_demo()  # idempotent
    states = sorted(Complaint.objects.values_list("status", flat=True))
    assert states == ["answered", "closed", "in_progress", "received"]
    client.force_login(demo["users"]["operator.desa"])
    queue = client.get("/pengaduan/")
    assert "hari dari batas waktu" in queue.content.decode()  # the overdue, said in words
