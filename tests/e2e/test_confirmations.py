"""No destructive action on one keystroke (issue 11 item 4, ADR 0027), in a real browser.

Enter in each reason box (candidate page, bulk bar, end of coverage, pair page, bulk pairs,
quota move) submits nothing; a decision is made only by choosing it, reading the confirmation
and clicking its button.
"""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from payung.accounts.models import User
from payung.audit.models import AuditEvent
from payung.dedupe.models import DuplicatePair
from payung.dedupe.services import duplicates_scan
from payung.demo.seed import DEMO_PASSWORD, seed_demo
from payung.enrolment.models import Coverage
from payung.programmes.models import Programme, ProgrammeArea
from payung.registry.models import Candidate, Person
from tests.integration.test_enrolment import enrol
from tests.integration.test_screening import OTHER_VILLAGE, VILLAGE, person, submitted

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
DECISIONS = ["candidate.return", "candidate.reject", "candidate.verify", "candidate.submit"]


@pytest.fixture
def site(live_server):
    seed_demo()
    return live_server.url


def _users():
    return {u.username: u for u in User.objects.all()}


def _bogor():
    return Programme.objects.get(regency_id="32.01")


def _login(page, site, username):
    page.context.clear_cookies()
    page.goto(f"{site}/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()


def _shoot(page, artifacts, name):
    """The confirmation as a desktop and as a phone show it."""
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(artifacts / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _statuses(candidates):
    return [Candidate.objects.get(pk=c.pk).status for c in candidates]


def test_enter_in_the_candidate_reason_boxes_changes_nothing(page, site, artifacts):
    users, bogor = _users(), _bogor()
    first, second, third = submitted(users, bogor, [person(1), person(2), person(3)])
    _login(page, site, "verifikator")

    page.goto(f"{site}/candidates/{first.pk}/")
    box = page.get_by_test_id("actions").get_by_label("Alasan")
    box.fill("Foto KTP buram")
    box.press("Enter")
    page.wait_for_timeout(500)
    expect(page).to_have_url(f"{site}/candidates/{first.pk}/")
    expect(page.get_by_test_id("candidate-state")).to_contain_text("Sudah disaring")

    page.goto(f"{site}/candidates/?programme={bogor.pk}")
    table = page.get_by_test_id("candidate-table")
    for box in table.get_by_role("checkbox").all():
        box.check()
    table.get_by_role("checkbox").first.press("Enter")
    bulk = page.get_by_test_id("bulk")
    bulk.get_by_label("Tindakan").select_option(label="Kembalikan ke desa")
    bulk.get_by_label("Alasan").fill("Data desa belum lengkap")
    bulk.get_by_label("Alasan").press("Enter")
    page.wait_for_timeout(500)
    expect(page.get_by_test_id("confirmation")).to_have_count(0)
    assert _statuses([first, second, third]) == ["screened"] * 3
    assert not AuditEvent.objects.filter(action__in=DECISIONS[:3]).exists()

    bulk.get_by_role("button", name="Lanjutkan").click()
    confirmation = page.get_by_test_id("confirmation")
    expect(confirmation).to_contain_text("Kembalikan 3 calon ke desa:")
    expect(confirmation).to_contain_text("Pekerja 1 · NIK 3201••••••••0001")
    expect(confirmation).to_contain_text("Data desa belum lengkap")
    _shoot(page, artifacts, "confirm-bulk-return-verifier")
    page.keyboard.press("Enter")  # nothing focused on the page: no decision
    page.wait_for_timeout(300)
    assert _statuses([first, second, third]) == ["screened"] * 3

    confirmation.get_by_role("button", name="Ya, kembalikan ke desa").click()
    expect(page.get_by_text("Selesai — Dikembalikan ke desa: 3.")).to_be_visible()
    assert _statuses([first, second, third]) == ["returned"] * 3
    assert AuditEvent.objects.filter(action="candidate.return").count() == 3


def test_rejecting_one_candidate_goes_through_its_confirmation(page, site, artifacts):
    users, bogor = _users(), _bogor()
    (candidate,) = submitted(users, bogor, [person(1)])
    _login(page, site, "verifikator")
    page.goto(f"{site}/candidates/{candidate.pk}/")
    page.get_by_test_id("actions").get_by_label("Alasan").fill("Sudah menjadi PNS")
    page.get_by_role("button", name="Tolak").click()

    confirmation = page.get_by_test_id("confirmation")
    expect(confirmation).to_contain_text("Tolak 1 calon:")
    expect(confirmation).to_contain_text("Penolakan bersifat final")
    _shoot(page, artifacts, "confirm-reject-verifier")
    assert _statuses([candidate]) == ["screened"]
    confirmation.get_by_role("link", name="Batal").click()
    expect(page.get_by_test_id("candidate-state")).to_contain_text("Sudah disaring")
    assert not AuditEvent.objects.filter(action="candidate.reject").exists()


def test_enter_in_the_end_of_coverage_form_changes_nothing(page, site, artifacts, tmp_path):
    users, bogor = _users(), _bogor()
    (enrolment,) = enrol(users, bogor, [person(1)], tmp_path)
    _login(page, site, "verifikator")
    page.goto(f"{site}/enrolment/workers/{enrolment.pk}/")
    form = page.get_by_test_id("end")
    form.get_by_label("Tanggal").fill("2026-04-15")
    form.get_by_label("Alasan").select_option(label="Meninggal dunia")
    form.get_by_label("Catatan").fill("akta kematian 12/2026")
    form.get_by_label("Catatan").press("Enter")
    page.wait_for_timeout(500)
    expect(page.get_by_test_id("confirmation")).to_have_count(0)
    # Chromium's date field submits its form on Enter past a disabled default button; it
    # lands on the confirmation, which is why the server asks in any case.
    form.get_by_label("Tanggal").press("Enter")
    expect(page.get_by_test_id("confirmation")).to_be_visible()
    assert Coverage.objects.get(enrolment=enrolment).ended_on is None
    page.get_by_role("link", name="Batal").click()
    assert Coverage.objects.get(enrolment=enrolment).ended_on is None

    form.get_by_label("Tanggal").fill("2026-04-15")
    form.get_by_label("Alasan").select_option(label="Meninggal dunia")
    form.get_by_label("Catatan").fill("akta kematian 12/2026")
    form.get_by_role("button", name="Lanjutkan").click()
    confirmation = page.get_by_test_id("confirmation")
    expect(confirmation).to_contain_text("Akhiri perlindungan 1 pekerja lebih awal:")
    expect(confirmation).to_contain_text("15-04-2026")
    _shoot(page, artifacts, "confirm-end-coverage-verifier")
    assert not AuditEvent.objects.filter(action="coverage.end").exists()
    confirmation.get_by_role("button", name="Ya, akhiri perlindungan").click()
    expect(page.get_by_text("Perlindungan diakhiri; tempatnya kosong kembali.")).to_be_visible()
    assert Coverage.objects.get(enrolment=enrolment).ended_on == date(2026, 4, 15)
    assert AuditEvent.objects.filter(action="coverage.end").count() == 1


def _twins():
    from tests.integration.test_dedupe import _person

    siti = _person("3201204508800001", "Siti Aminah")
    _person("3201204508800007", "Hj. SITI AMINAH", "32.01.20.2001")
    duplicates_scan(actor=_users()["verifikator"], region_code="32.01")
    return siti, DuplicatePair.objects.get()


def test_enter_in_the_merge_reason_boxes_merges_nothing(page, site, artifacts):
    siti, pair = _twins()
    _login(page, site, "verifikator")
    page.goto(f"{site}/duplicates/")
    page.get_by_test_id("pair-table").get_by_role("checkbox").check()
    bulk = page.get_by_test_id("pair-bulk")
    bulk.get_by_label("Alasan").fill("NIK salah ketik")
    bulk.get_by_label("Alasan").press("Enter")
    page.wait_for_timeout(500)
    expect(page.get_by_test_id("confirmation")).to_have_count(0)

    page.goto(f"{site}/duplicates/{pair.pk}/")
    decision = page.get_by_test_id("pair-decision")
    decision.get_by_label("Alasan").fill("NIK salah ketik")
    decision.get_by_label("Alasan").press("Enter")
    page.wait_for_timeout(500)
    expect(page.get_by_test_id("confirmation")).to_have_count(0)
    pair.refresh_from_db()
    assert pair.status == "open"
    assert not Person.objects.filter(merged_into__isnull=False).exists()

    decision.get_by_role("button", name="Orang yang sama").click()
    confirmation = page.get_by_test_id("confirmation")
    expect(confirmation).to_contain_text("Gabungkan data B ke data A:")
    expect(confirmation).to_contain_text("Gabungkan data B: Hj. SITI AMINAH · NIK 3201••••••••0007")
    expect(confirmation).not_to_contain_text("3201204508800007")
    _shoot(page, artifacts, "confirm-merge-verifier")
    confirmation.get_by_role("button", name="Ya, gabungkan menjadi satu orang").click()
    expect(page.get_by_text("Keputusan dicatat.")).to_be_visible()
    assert Person.objects.get(nik_index=pair.person_b.nik_index).merged_into == siti
    assert AuditEvent.objects.filter(action="person.merge").count() == 1


def test_enter_in_the_quota_move_changes_nothing(page, site, artifacts):
    bogor = _bogor()
    _login(page, site, "admin.bogor")
    page.goto(f"{site}/programmes/{bogor.pk}/places/")
    move = page.get_by_test_id("move")
    move.get_by_label("Dari kode wilayah").fill(OTHER_VILLAGE)
    move.get_by_label("Ke kode wilayah").fill(VILLAGE)
    move.get_by_label("Kuota", exact=True).fill("10")
    move.get_by_label("Alasan").fill("sisa kuota")
    move.get_by_label("Alasan").press("Enter")
    move.get_by_label("Kuota", exact=True).press("Enter")
    page.wait_for_timeout(500)
    expect(page.get_by_test_id("confirmation")).to_have_count(0)
    areas = ProgrammeArea.objects.filter(programme=bogor, region_id__in=[VILLAGE, OTHER_VILLAGE])
    assert set(areas.values_list("quota", flat=True)) == {250}

    move.get_by_role("button", name="Lanjutkan").click()
    expect(page.get_by_test_id("confirmation")).to_contain_text("Pindahkan 10 tempat dari ")
    _shoot(page, artifacts, "confirm-move-places-admin")
    page.get_by_role("button", name="Ya, pindahkan kuota").click()
    expect(page.get_by_text("Kuota dipindahkan.")).to_be_visible()
    assert dict(areas.values_list("region_id", "quota")) == {VILLAGE: 260, OTHER_VILLAGE: 240}
