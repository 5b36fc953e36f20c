"""Claims (issue 13, first slice): a report by NIK or from the person's page, the coverage decision
on the event date in words, documents checked by their bytes and sealed at rest, region scope."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from payung.audit.models import AuditEvent
from payung.claims.models import Claim, ClaimDocument, ClaimKind, ClaimStatus
from payung.claims.selectors import claim_person_by_kpj, claim_person_by_nik
from payung.claims.services import Report, claim_report, document_upload
from payung.domain._digits import mask
from payung.domain.errors import DomainError
from payung.domain.period import Month
from payung.finance.billing import bills_issue
from payung.finance.models import BillMonth
from payung.finance.services import payment_record
from tests.builders import village_operator
from tests.integration.test_enrolment import enrol, kpj
from tests.integration.test_screening import person

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")
NOW = datetime(2026, 6, 2, 9, 30, tzinfo=JAKARTA)
PHONE = "0812-3456-7890"
CHRONOLOGY = "Berangkat ke sawah pukul 06.30.\nDi tikungan Jl. Raya motornya tergelincir."

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x00IEND\xaeB`\x82"
)


def accident(**changes):
    values = {
        "kind": ClaimKind.JKK_DEATH,
        "event_date": date(2026, 5, 20),
        "event_time": time(6, 45),
        "place": "Jl. Raya Parungpanjang km 3",
        "cause": "Kecelakaan lalu lintas dalam perjalanan ke tempat kerja",
        "chronology": CHRONOLOGY,
        "reporter_name": "Siti (istri)",
        "reporter_phone": PHONE,
        "on_the_way": True,
    }
    values.update(changes)
    return Report(**values)


def billed(users, programme, months, paid):
    for month in months:
        bills_issue(actor=users["keuangan"], programme=programme, month=month)
    for month in paid:
        payment_record(
            actor=users["keuangan"],
            bill=BillMonth.objects.get(programme=programme, month=month.first_day),
            amount=16_800,
            paid_on=month.first_day,
            reference=f"SP2D {month}",
        )


MONTHS = [Month(2026, m) for m in range(1, 6)]


def test_a_report_by_nik_for_a_covered_worker_records_the_programme_and_kpj(users, bogor, tmp_path):
    (enrolment,) = enrol(users, bogor, [person(1)], tmp_path)
    billed(users, bogor, MONTHS, paid=MONTHS)
    operator = users["operator.desa"]

    found = claim_person_by_nik(user=operator, nik=enrolment.person.nik, today=NOW.date())
    claim = claim_report(actor=operator, person=found, report=accident(), now=NOW)

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.COVERAGE_CHECKED
    assert claim.covered is True
    assert (claim.enrolment_id, claim.programme_id) == (enrolment.pk, bogor.pk)
    assert claim.reporter_phone == "+6281234567890"
    assert claim.reported_by_label == "operator.desa"
    assert claim.chronology == CHRONOLOGY
    assert [r["text"] for r in claim.reasons_in("id")] == [
        f"Terlindungi pada 20-05-2026 oleh program {bogor}, KPJ {mask(kpj(enrolment.person_id))}."
    ]
    assert [r["text"] for r in claim.reasons_in("en")] == [
        f"Covered on 20-05-2026 by the programme {bogor}, KPJ {mask(kpj(enrolment.person_id))}."
    ]
    report, check = AuditEvent.objects.filter(object_type="claims.Claim").order_by("pk")
    assert (report.action, check.action) == ("claim.report", "claim.coverage_check")
    assert report.subject_key == check.subject_key == f"person:{enrolment.person_id}"
    assert report.after == {
        "kind": "jkk_death",
        "event_date": "2026-05-20",
        "event_time": "06:45",
        "on_the_way": True,
        "reporter_name": "Siti (istri)",
        "reporter_phone": mask("+6281234567890"),
    }
    assert check.before == {"status": "reported"}
    assert check.after == {
        "status": "coverage_checked",
        "covered": True,
        "programme": bogor.pk,
        "kpj": mask(kpj(enrolment.person_id)),
        "reasons": ["claim_coverage.covered"],
    }
    # Specific personal data stays sealed at rest and out of the trail.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT place, cause, chronology FROM claims_claim WHERE id = %s", [claim.pk]
        )
        stored = cursor.fetchone()
    assert all(value.startswith("v1:") for value in stored)
    assert "tergelincir" not in str(report.after) + str(check.after)


def test_a_worker_inactive_for_arrears_is_not_covered_and_the_unpaid_months_are_named(
    users, bogor, tmp_path
):
    (enrolment,) = enrol(users, bogor, [person(1)], tmp_path)
    billed(users, bogor, MONTHS, paid=MONTHS[:2])  # March, April, May unpaid

    claim = claim_report(
        actor=users["verifikator"],
        person=enrolment.person,
        report=accident(kind=ClaimKind.JKM_DEATH, on_the_way=False, cause="Sakit jantung"),
        now=NOW,
    )

    assert claim.status == ClaimStatus.COVERAGE_CHECKED
    assert claim.covered is False
    assert claim.programme_id == bogor.pk
    masked = mask(kpj(enrolment.person_id))
    assert [r["text"] for r in claim.reasons_in("id")] == [
        f"Tidak aktif: iuran Maret–Mei 2026 belum dibayar ({bogor}, KPJ {masked})."
    ]
    assert [r["text"] for r in claim.reasons_in("en")] == [
        f"Inactive: contributions for March–May 2026 unpaid ({bogor}, KPJ {masked})."
    ]
    check = AuditEvent.objects.get(action="claim.coverage_check")
    assert check.after["covered"] is False
    assert check.after["reasons"] == ["claim_coverage.inactive"]


def test_two_unpaid_months_still_protect_and_say_so(users, bogor, tmp_path):
    (enrolment,) = enrol(users, bogor, [person(1)], tmp_path)
    billed(users, bogor, MONTHS, paid=MONTHS[:3])
    claim = claim_report(actor=users["bpjs"], person=enrolment.person, report=accident(), now=NOW)
    assert claim.covered is True
    assert [r["text"] for r in claim.reasons_in("id")][1] == (
        "Masih terlindungi, tetapi iuran April–Mei 2026 belum dibayar (masa tenggang)."
    )


def test_a_registered_worker_never_enrolled_is_recorded_as_not_covered(users):
    someone = person(7)
    claim = claim_report(actor=users["operator.desa"], person=someone, report=accident(), now=NOW)
    assert (claim.covered, claim.enrolment_id, claim.status) == (False, None, "coverage_checked")
    assert claim.reasons_in("id")[0]["text"] == (
        "Tidak terlindungi pada 20-05-2026: tidak terdaftar pada program mana pun."
    )


def test_an_unknown_nik_is_refused_with_its_code_and_nothing_is_recorded(users, client):
    operator = users["operator.desa"]
    with pytest.raises(DomainError) as unknown:
        claim_person_by_nik(user=operator, nik="3201204508800099", today=NOW.date())
    assert unknown.value.code == "claim.nik_unknown"
    with pytest.raises(DomainError) as malformed:
        claim_person_by_nik(user=operator, nik="32012045", today=NOW.date())
    assert malformed.value.code.startswith("nik.")

    client.force_login(operator)
    response = client.post("/claims/new/", {**_form(), "nik": "3201204508800099"})
    assert response.status_code == 200
    assert response.context["error"] == (
        "NIK 3201••••••••0099 tidak ada di daftar pekerja wilayah kerja Anda. Periksa NIK-nya, "
        "atau daftarkan pekerjanya lebih dulu."
    )
    assert not Claim.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="claim").exists()


def test_a_report_refuses_a_future_date_a_bad_phone_and_hidden_characters(users):
    someone = person(1)
    operator = users["operator.desa"]
    refusals = {
        "claim.event_in_future": accident(event_date=date(2026, 6, 3)),
        "phone.length": accident(reporter_phone="021"),
        "text.control_character": accident(place="Jl. Raya\tkm 3"),
        "claim.on_the_way_jkk": accident(kind=ClaimKind.JKM_DEATH),
        "claim.required": accident(cause="  "),
    }
    for code, report in refusals.items():
        with pytest.raises(DomainError) as refused:
            claim_report(actor=operator, person=someone, report=report, now=NOW)
        assert refused.value.code == code
    with pytest.raises(DomainError) as hidden:
        claim_report(
            actor=operator,
            person=someone,
            report=accident(chronology="Baris satu\nDua\x07"),
            now=NOW,
        )
    assert hidden.value.params["label_id"] == "Kronologi (baris 2)"
    assert not Claim.objects.exists()


def _form(**changes):
    values = {
        "kind": "jkk_accident",
        "event_date": "2026-05-20",
        "event_time": "06:45",
        "place": "Sawah Blok C",
        "cause": "Terkena cangkul",
        "chronology": "Saat mencangkul,\r\ncangkul mengenai kaki.",
        "reporter_name": "Pak RT",
        "reporter_phone": PHONE,
    }
    values.update(changes)
    return values


def test_the_pages_report_from_the_person_page_and_show_the_decision_in_words(
    users, bogor, client, tmp_path, settings
):
    (enrolment,) = enrol(users, bogor, [person(1)], tmp_path)
    client.force_login(users["operator.desa"])
    page = client.get(f"/registry/{enrolment.person_id}/").content.decode()
    assert f'href="/claims/new/?person={enrolment.person_id}"' in page
    assert "Laporkan klaim" in page

    form = client.get(f"/claims/new/?person={enrolment.person_id}")
    assert form.status_code == 200
    assert form.context["person"].pk == enrolment.person_id
    assert 'name="nik"' not in form.content.decode()
    assert 'name="nik"' in client.get("/claims/new/").content.decode()
    response = client.post(f"/claims/new/?person={enrolment.person_id}", _form())
    claim = Claim.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/claims/{claim.pk}/"
    assert claim.person_id == enrolment.person_id
    assert claim.chronology == "Saat mencangkul,\ncangkul mengenai kaki."
    detail = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "Tidak aktif: iuran Januari–Mei 2026 belum dibayar" in detail  # nothing was billed
    assert "Tidak terlindungi pada tanggal kejadian" in detail
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "Inactive: contributions for January–May 2026 unpaid" in english
    assert "Not covered on the event date" in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    listing = client.get("/claims/")
    assert [c.pk for c in listing.context["page"]] == [claim.pk]
    # The NIK travels in the body only.
    by_nik = client.post("/claims/new/", _form(nik=enrolment.person.nik))
    assert by_nik.status_code == 302
    assert Claim.objects.count() == 2


def _claim(users):
    return claim_report(actor=users["operator.desa"], person=person(1), report=accident(), now=NOW)


def test_another_village_gets_not_found_by_every_claims_route(users, client):
    claim = _claim(users)
    document = document_upload(
        actor=users["operator.desa"],
        claim=claim,
        kind="ktp_deceased",
        data=PDF,
        file_name="ktp.pdf",
    )
    client.force_login(village_operator("32.01.20.2001"))

    assert client.get(f"/claims/{claim.pk}/").status_code == 404
    upload = SimpleUploadedFile("ktp.pdf", PDF, content_type="application/pdf")
    url = f"/claims/{claim.pk}/documents/"
    assert client.post(url, {"kind": "ktp_deceased", "file": upload}).status_code == 404
    opened = f"/claims/{claim.pk}/documents/{document.pk}/"
    assert client.post(opened).status_code == 404
    assert list(client.get("/claims/").context["page"]) == []
    assert client.get(f"/claims/new/?person={claim.person_id}").status_code == 404
    assert ClaimDocument.objects.count() == 1
    assert not AuditEvent.objects.filter(action="claim_document.open").exists()
    # A district supervisor reads programmes but has no business with claims.
    client.force_login(users["pengawas.kecamatan"])
    assert client.get("/claims/").status_code == 403
    assert client.get("/claims/new/").status_code == 403
    assert client.get(f"/claims/{claim.pk}/").status_code == 403


def _upload(client, claim, name, data, kind="death_certificate"):
    upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    response = client.post(
        f"/claims/{claim.pk}/documents/", {"kind": kind, "file": upload}, follow=True
    )
    assert response.redirect_chain == [(f"/claims/{claim.pk}/", 302)]
    return [str(m) for m in response.context["messages"]]


def test_documents_are_checked_by_their_bytes_and_sealed(users, client, settings):
    claim = _claim(users)
    client.force_login(users["operator.desa"])

    assert _upload(client, claim, "akta.pdf", PDF) == ["Dokumen diunggah."]
    assert _upload(client, claim, "foto.png", PNG) == ["Dokumen diunggah."]
    assert _upload(client, claim, "akta.png", PDF) == [
        "Isi berkas adalah PDF, tetapi namanya berakhiran .png. Unggah berkas yang benar, atau "
        "beri nama sesuai isinya."
    ]
    assert _upload(client, claim, "surat.pdf", b"<!DOCTYPE html><html><script>x</script>") == [
        "Berkas ini halaman web (HTML/XML/SVG), bukan PDF, JPEG atau PNG. Unggah hasil pindaian "
        "atau foto dokumen dalam bentuk PDF, JPEG atau PNG."
    ]
    big = PDF[:-6] + b" " * (10 * 1024 * 1024) + b"%%EOF\n"
    assert _upload(client, claim, "besar.pdf", big) == [
        "Berkas dokumen 11 MB terlalu besar; paling besar 10 MB. Pindai ulang dengan resolusi "
        "lebih rendah atau foto dokumennya."
    ]
    scripted = PDF.replace(b"/Catalog", b"/Catalog /OpenAction << /S /JavaScript /JS (x) >>")
    assert _upload(client, claim, "skrip.pdf", scripted)[0].startswith(
        "PDF ini berisi skrip atau berkas tersemat"
    )
    assert _upload(client, claim, "potong.pdf", PDF[:-7])[0].startswith("Berkas PDF ini rusak")
    assert _upload(client, claim, "kosong.pdf", b"") == [
        "Berkas dokumen kosong. Pilih berkas hasil pindaian atau foto dokumennya."
    ]

    pdf, png = ClaimDocument.objects.order_by("pk")
    assert (png.file_type, png.file_name) == ("png", "foto.png")
    assert (pdf.kind, pdf.file_type, pdf.size) == ("death_certificate", "pdf", len(PDF))
    assert PDF not in bytes(pdf.content)
    assert bytes(pdf.content).startswith(b"v1:")
    uploads = AuditEvent.objects.filter(action="claim_document.upload").order_by("pk")
    assert [e.after["file_type"] for e in uploads] == ["pdf", "png"]
    assert "akta" not in str(uploads[0].after)


def test_opening_a_document_is_audited_and_never_cached(users, client):
    claim = _claim(users)
    document = document_upload(
        actor=users["operator.desa"],
        claim=claim,
        kind="ktp_deceased",
        data=PNG,
        file_name="KTP.PNG",
    )
    client.force_login(users["verifikator"])
    detail = client.get(f"/claims/{claim.pk}/")
    assert [d.pk for d in detail.context["documents"]] == [document.pk]

    response = client.post(f"/claims/{claim.pk}/documents/{document.pk}/")

    assert response.status_code == 200
    assert response.content == PNG
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    opened = AuditEvent.objects.get(action="claim_document.open")
    assert (opened.actor_username, opened.object_id) == ("verifikator", str(document.pk))
    assert opened.subject_key == f"person:{claim.person_id}"
    assert opened.after == {"kind": "ktp_deceased", "file_type": "png"}
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["Content-Disposition"] == f'inline; filename="dokumen-{document.pk}.png"'
    assert client.get(f"/claims/{claim.pk}/documents/{document.pk}/").status_code == 405


def test_the_demo_seeds_one_covered_claim_and_one_that_says_why_not(db):
    import io

    from django.core.management import call_command

    call_command("demo", "seed", stdout=io.StringIO())
    call_command("demo", "seed", stdout=io.StringIO())
    covered, uncovered = Claim.objects.order_by("pk")[:2]  # the two reported first
    assert (covered.kind, covered.covered, covered.status) == (
        "jkk_accident",
        True,
        "handed_over",  # then carried through the lifecycle (demo.seed_claim_steps_demo)
    )
    assert (uncovered.kind, uncovered.covered, uncovered.status) == ("jkm_death", False, "rejected")
    assert uncovered.reasons_in("id")[0]["text"].startswith(
        "Tidak aktif: iuran Februari–April 2026 belum dibayar"
    )


def test_sealed_bytes_open_only_with_their_context_and_intact():
    from payung.registry import crypto

    sealed = crypto.seal(PDF, context="claim_document")
    assert sealed.startswith(b"v1:")
    assert crypto.seal(PDF, context="claim_document") != sealed  # a fresh nonce each time
    assert crypto.unseal(sealed, context="claim_document") == PDF
    for token, context in [
        (sealed, "nik"),
        (sealed[:-1] + bytes([sealed[-1] ^ 1]), "claim_document"),
        (PDF, "claim_document"),
    ]:
        with pytest.raises(crypto.DataKeyError):
            crypto.unseal(token, context=context)


def test_a_worker_is_found_by_kpj_too_within_the_region(users, bogor, client, tmp_path):
    (enrolment,) = enrol(users, bogor, [person(1)], tmp_path)
    number = kpj(enrolment.person_id)
    found = claim_person_by_kpj(user=users["bpjs"], kpj=number)
    assert found.pk == enrolment.person_id
    with pytest.raises(DomainError) as unknown:
        claim_person_by_kpj(user=users["bpjs"], kpj="26009999999")
    assert unknown.value.code == "claim.kpj_unknown"
    with pytest.raises(DomainError) as outside:
        claim_person_by_kpj(user=village_operator("32.01.20.2001"), kpj=number)
    assert outside.value.code == "claim.kpj_unknown"

    client.force_login(users["operator.desa"])
    response = client.post("/claims/new/", _form(kpj=number))
    assert response.status_code == 302
    assert Claim.objects.get().person_id == enrolment.person_id
