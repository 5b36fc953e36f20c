"""A claim from the report to the hand-over, in a browser (issue 13 item 10).

The village reports a traffic accident on the way to work for a covered worker found by NIK (in
the POST body, never a URL), uploads the checklist's documents; the labour office (another user:
the reporter may neither complete nor submit) declares them complete and records the submission
to BPJS; the BPJS liaison records the payment per component (after a confirmation; a return is
only a confirmation page until its button is clicked); the village records the hand-over. Every
step: what the user sees in Indonesian, the exact rupiah, the audit row; screenshots at 1280 and
390 px in test-artifacts/e2e/claims/. A second test: a death of a worker inactive for arrears is
"tidak terlindungi", the unpaid months named. A third: the reporter is refused completion
(maker-checker) and a rejection is made only on its confirmation page.
"""

from __future__ import annotations

import struct
import zlib

import pytest
from playwright.sync_api import expect

from payung.audit.models import AuditEvent
from payung.claims.models import Claim
from payung.demo.seed import DEMO_PASSWORD, DEMO_WORKERS, seed_demo, seed_enrolment_demo

# The standard rate table (a data migration) is put back for each browser test by the
# conftest's reference_data fixture; serialized_rollback would reload content types whose ids
# another transactional test's flush has changed.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ASEP_NIK = DEMO_WORKERS[0][0]  # enrolled, January 2026 paid: covered on 19-01-2026
SITI_NIK = DEMO_WORKERS[1][0]  # enrolled, only January paid: inactive in April 2026
DEDE_NIK = DEMO_WORKERS[2][0]
PROGRAMME = "Jaminan Perlindungan Pekerja Rentan Desa (2026)"

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _png() -> bytes:
    """A valid 2 × 2 grey PNG, as a phone photo of a paper would be (only much smaller)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80\x80" * 2)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


# The checklist of a traffic accident on the way to work (payung/data/claim_documents.json):
# (its name on the page, the file uploaded). The NPWP is not asked: the benefit is below
# Rp50.000.000.
ACCIDENT_DOCUMENTS = [
    ("Kartu peserta BPJS Ketenagakerjaan (KPJ)", "kartu-kpj.png"),
    ("KTP peserta", "ktp.png"),
    ("Laporan kecelakaan kerja tahap I (Formulir 3 / KK1)", "kk1.pdf"),
    ("Laporan kecelakaan kerja tahap II (Formulir 3a / KK2)", "kk2.pdf"),
    ("Surat keterangan dokter (Formulir 3b / KK3)", "kk3.pdf"),
    ("Kronologi kejadian dengan dua orang saksi", "kronologi.pdf"),
    ("Laporan polisi (kecelakaan lalu lintas)", "laporan-polisi.pdf"),
    ("Kuitansi biaya pengobatan dan resume medis", "kuitansi.pdf"),
    ("Buku tabungan penerima", "buku-tabungan.png"),
]


@pytest.fixture
def site(live_server):
    seed_demo()
    seed_enrolment_demo()
    return live_server.url


@pytest.fixture
def shots(artifacts):
    folder = artifacts / "claims"
    folder.mkdir(parents=True, exist_ok=True)

    def shoot(page, name):
        """The page as a desktop and a phone show it; the phone's page never wider than the
        phone (a wide table scrolls inside itself)."""
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name}: the page is {overflow}px wider than {width}px"
        page.set_viewport_size({"width": 1280, "height": 900})

    return shoot


def _login(page, site, username):
    page.context.clear_cookies()
    page.goto(f"{site}/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()


def _report(page, site, *, nik, kind, date, time, place, cause, chronology, **ticks):
    page.goto(f"{site}/claims/")
    page.get_by_role("link", name="Laporkan klaim").click()
    form = page.get_by_test_id("report-form")
    form.get_by_label("NIK").fill(nik)
    form.locator("select[name=kind]").select_option(label=kind)
    if ticks.get("on_the_way"):
        form.get_by_label("Dalam perjalanan berangkat atau pulang kerja (JKK)").check()
    if ticks.get("traffic"):
        form.get_by_label("Kecelakaan lalu lintas (perlu laporan polisi)").check()
    form.get_by_label("Tanggal kejadian").fill(date)
    form.get_by_label("Jam kejadian").fill(time)
    form.get_by_label("Tempat kejadian").fill(place)
    form.get_by_label("Penyebab").fill(cause)
    form.get_by_label("Kronologi").fill(chronology)
    form.get_by_label("Nama pelapor").fill("Siti Operator Desa")
    form.get_by_label("Telepon pelapor").fill("081234560001")
    form.get_by_role("button", name="Laporkan").click()


def _actions(claim: Claim) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="claims.Claim", object_id=str(claim.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def _step(page, action):
    return page.get_by_test_id("claim-actions").locator(f"form[data-action='{action}']")


def test_report_documents_submit_pay_and_hand_over(page, site, shots):
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))

    # The village reports: the worker by NIK, typed into the form.
    _login(page, site, "operator.desa")
    _report(
        page,
        site,
        nik=ASEP_NIK,
        kind="Kecelakaan kerja (JKK)",
        date="2026-01-19",
        time="06:40",
        place="Jl. Raya Parungpanjang, dekat pasar",
        cause="Tertabrak motor saat berangkat mengojek",
        chronology="Pukul 06.40 berangkat dari rumah.\nDi dekat pasar tertabrak motor.",
        on_the_way=True,
        traffic=True,
    )
    expect(page.get_by_text("Klaim dilaporkan; kepesertaannya sudah diperiksa.")).to_be_visible()
    claim = Claim.objects.get()
    assert page.url.endswith(f"/claims/{claim.pk}/")
    status = page.get_by_test_id("claim-status")
    expect(status).to_have_text("Kepesertaan diperiksa")
    coverage = page.get_by_test_id("coverage-decision")
    expect(coverage.get_by_role("heading")).to_have_text("Terlindungi pada tanggal kejadian")
    expect(coverage).to_contain_text(
        f"Terlindungi pada 19-01-2026 oleh program {PROGRAMME}, KPJ 2600•••0001."
    )
    expect(page.get_by_text("dalam perjalanan berangkat atau pulang kerja")).to_be_visible()
    expect(page.get_by_text("Dicatat oleh Siti Operator Desa pada")).to_be_visible()
    assert _actions(claim) == ["claim.report", "claim.coverage_check"]
    shots(page, "01-reported")

    # The village uploads the checklist's documents; it is offered no step of the office's.
    expect(page.get_by_test_id("claim-actions")).to_have_count(0)
    checklist = page.get_by_test_id("checklist")
    expect(checklist.locator("li")).to_have_count(len(ACCIDENT_DOCUMENTS))
    upload = page.get_by_test_id("document-upload")
    for label, name in ACCIDENT_DOCUMENTS:
        upload.locator("select[name=kind]").select_option(label=label)
        is_png = name.endswith(".png")
        upload.get_by_label("Berkas (PDF, JPEG atau PNG)").set_input_files(
            {
                "name": name,
                "mimeType": "image/png" if is_png else "application/pdf",
                "buffer": _png() if is_png else PDF,
            }
        )
        upload.get_by_role("button", name="Unggah").click()
        expect(page.get_by_text("Dokumen diunggah.")).to_be_visible()
    expect(checklist.get_by_text("belum ada")).to_have_count(0)
    expect(checklist.get_by_text("diterima")).to_have_count(len(ACCIDENT_DOCUMENTS))
    expect(page.get_by_test_id("documents").locator("tbody tr")).to_have_count(
        len(ACCIDENT_DOCUMENTS)
    )
    uploads = AuditEvent.objects.filter(action="claim_document.upload")
    assert uploads.count() == len(ACCIDENT_DOCUMENTS)
    shots(page, "02-documents")

    # The labour office, another user, declares the documents complete and submits.
    _login(page, site, "verifikator")
    page.goto(f"{site}/claims/{claim.pk}/")
    _step(page, "complete").get_by_label("Tanggal").fill("2026-02-02")
    _step(page, "complete").get_by_role("button", name="Nyatakan dokumen lengkap").click()
    expect(page.get_by_text("Status klaim: Dokumen lengkap.")).to_be_visible()
    expect(status).to_have_text("Dokumen lengkap")
    assert _actions(claim)[-1] == "claim.complete"
    shots(page, "03-documents-complete")
    submit = _step(page, "submit")
    submit.get_by_label("Tanggal").fill("2026-02-03")
    submit.get_by_label("Nomor klaim BPJS").fill("KLM-2026-000123")
    submit.get_by_role("button", name="Catat pengajuan ke BPJS").click()
    expect(status).to_have_text("Diajukan ke BPJS")
    expect(page.get_by_test_id("steps")).to_contain_text("KLM-2026-000123 · 03-02-2026")
    assert _actions(claim)[-1] == "claim.submit"
    shots(page, "04-submitted")

    # The BPJS liaison: a return is only a question until its button is clicked.
    _login(page, site, "bpjs")
    page.goto(f"{site}/claims/{claim.pk}/")
    back = _step(page, "return")
    back.get_by_label("Apa yang kurang").fill("Kuitansi asli biaya pengobatan.")
    back.get_by_role("button", name="Catat pengembalian untuk kelengkapan dokumen").click()
    confirmation = page.get_by_test_id("confirmation")
    expect(confirmation).to_contain_text("Kuitansi asli biaya pengobatan.")
    shots(page, "05-return-confirmation")
    confirmation.get_by_role("link", name="Batal").click()
    expect(status).to_have_text("Diajukan ke BPJS")
    assert "claim.return" not in _actions(claim)

    # The payment per component, confirmed on a second page.
    pay = _step(page, "pay")
    pay.get_by_label("Tanggal").fill("2026-02-10")
    pay.get_by_label("Perawatan dan pengobatan").fill("2350000")
    pay.get_by_label("Referensi pembayaran").fill("TRF-BPJS-0001")
    pay.get_by_role("button", name="Catat pembayaran BPJS").click()
    details = page.get_by_test_id("confirm-details")
    expect(details).to_contain_text("Perawatan dan pengobatan")
    expect(details).to_contain_text("Rp2.350.000")
    expect(details).to_contain_text("TRF-BPJS-0001")
    expect(details).to_contain_text("10-02-2026")
    assert _actions(claim)[-1] == "claim.submit"  # nothing recorded yet
    shots(page, "06-pay-confirmation")
    page.get_by_test_id("confirmation").get_by_role("button", name="Catat pembayaran BPJS").click()
    expect(page.get_by_text("Status klaim: Dibayar.")).to_be_visible()
    expect(status).to_have_text("Dibayar")
    expect(page.get_by_test_id("paid")).to_contain_text("10-02-2026 · TRF-BPJS-0001")
    expect(page.get_by_test_id("paid")).to_contain_text("Perawatan dan pengobatan: Rp2.350.000")
    paid = AuditEvent.objects.get(action="claim.pay", object_id=str(claim.pk))
    assert paid.after["amounts"] == {"medical": 2_350_000}
    shots(page, "07-paid")

    # The village records the hand-over: the date and who.
    _login(page, site, "operator.desa")
    page.goto(f"{site}/claims/{claim.pk}/")
    hand_over = _step(page, "hand_over")
    hand_over.get_by_label("Tanggal").fill("2026-02-12")
    hand_over.get_by_label("Diserahkan oleh").fill("Kepala Desa Parungpanjang")
    hand_over.get_by_role("button", name="Catat penyerahan manfaat").click()
    expect(status).to_have_text("Diserahkan")
    expect(page.get_by_test_id("steps")).to_contain_text("12-02-2026 · Kepala Desa Parungpanjang")
    assert _actions(claim) == [
        "claim.report",
        "claim.coverage_check",
        "claim.complete",
        "claim.submit",
        "claim.pay",
        "claim.hand_over",
    ]
    claim.refresh_from_db()
    assert (claim.status, claim.paid_amounts) == ("handed_over", {"medical": 2_350_000})
    shots(page, "08-handed-over")
    page.goto(f"{site}/claims/")
    shots(page, "09-list")

    assert urls
    assert not [url for url in urls if ASEP_NIK in url]


def test_a_death_of_a_worker_in_arrears_is_not_covered_and_names_the_months(page, site, shots):
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    _login(page, site, "operator.desa")
    _report(
        page,
        site,
        nik=SITI_NIK,
        kind="Meninggal bukan karena kecelakaan kerja (JKM)",
        date="2026-04-12",
        time="21:05",
        place="Rumah, Kp. Cibunar RT 02/RW 03",
        cause="Sakit",
        chronology="Sakit sejak awal April, meninggal di rumah pukul 21.05.",
    )
    coverage = page.get_by_test_id("coverage-decision")
    expect(coverage.get_by_role("heading")).to_have_text("Tidak terlindungi pada tanggal kejadian")
    expect(coverage).to_contain_text("Tidak aktif: iuran Februari–April 2026 belum dibayar")
    claim = Claim.objects.get()
    assert claim.covered is False
    assert _actions(claim) == ["claim.report", "claim.coverage_check"]
    shots(page, "10-death-not-covered")
    assert not [url for url in urls if SITI_NIK in url]


def test_the_reporter_may_not_complete_and_a_rejection_is_confirmed_first(page, site, shots):
    # The labour office reports this one itself, so it is offered the next step but refused it.
    _login(page, site, "verifikator")
    _report(
        page,
        site,
        nik=DEDE_NIK,
        kind="Kecelakaan kerja (JKK)",
        date="2026-01-22",
        time="09:30",
        place="Sawah Kp. Cibunar",
        cause="Tergores arit",
        chronology="Tergores arit saat bekerja.",
    )
    claim = Claim.objects.get()
    _step(page, "complete").get_by_role("button", name="Nyatakan dokumen lengkap").click()
    expect(page.get_by_text("Anda yang melaporkan kejadian ini")).to_be_visible()
    status = page.get_by_test_id("claim-status")
    expect(status).to_have_text("Kepesertaan diperiksa")
    assert _actions(claim) == ["claim.report", "claim.coverage_check"]

    reject = _step(page, "reject")
    reject.get_by_label("Alasan").fill("Bukan kecelakaan kerja.")
    reject.get_by_role("button", name="Catat penolakan").click()
    confirmation = page.get_by_test_id("confirmation")
    expect(confirmation).to_contain_text("Bukan kecelakaan kerja.")
    assert _actions(claim) == ["claim.report", "claim.coverage_check"]
    shots(page, "11-reject-confirmation")
    confirmation.get_by_role("button", name="Catat penolakan").click()
    expect(status).to_have_text("Ditolak")
    assert _actions(claim)[-1] == "claim.reject"
    shots(page, "12-rejected")
