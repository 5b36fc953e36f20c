"""The village submits, the labour office verifies and approves within the quota, in a browser."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from payung.demo.seed import DEMO_PASSWORD, seed_demo
from payung.programmes.models import ProgrammeArea
from payung.registry.models import Candidate, Person, Source
from payung.registry.values import nik_index

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
VILLAGE = "32.01.20.2006"


@pytest.fixture
def site(live_server):
    seed_demo()
    from payung.programmes.models import Programme

    bogor = Programme.objects.get(regency_id="32.01")
    for serial, name, decile in [(1, "Asep Saepudin", 3), (2, "Dedi Supriadi", 1)]:
        nik = f"32012005088{serial:05d}"
        person = Person.objects.create(
            nik=nik,
            nik_index=nik_index(nik),
            full_name=name,
            sex="M",
            birth_date=date(1988, 8, 5),
            village_id=VILLAGE,
            source=Source.VILLAGE_ENTRY,
            mother_name="Enok",
            decile=decile,
        )
        Candidate.objects.create(person=person, programme=bogor, village_id=VILLAGE)
    ProgrammeArea.objects.filter(programme=bogor, region_id=VILLAGE).update(quota=1)
    return live_server.url


def _login(page, site, username):
    page.context.clear_cookies()
    page.goto(f"{site}/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("link", name="Calon peserta").click()


def test_submit_verify_and_approve_within_the_quota(page, site, artifacts):
    _login(page, site, "operator.desa")
    table = page.get_by_test_id("candidate-table")
    expect(table.locator("tbody tr")).to_have_count(2)
    for box in table.get_by_role("checkbox").all():
        box.check()
    bulk = page.get_by_test_id("bulk")
    bulk.get_by_label("Tindakan").select_option(label="Ajukan ke Disnaker")
    bulk.get_by_label("Alasan").fill("Pendataan Desember")
    bulk.get_by_role("button", name="Lanjutkan").click()
    confirmation = page.get_by_test_id("confirmation")
    expect(confirmation).to_contain_text("Ajukan 2 calon ke Disnaker:")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(
            path=str(artifacts / f"confirm-bulk-submit-village-{width}.png"), full_page=True
        )
    page.set_viewport_size({"width": 1280, "height": 900})
    confirmation.get_by_role("button", name="Ya, ajukan").click()
    expect(page.get_by_text("Selesai — Sudah disaring: 2.")).to_be_visible()

    _login(page, site, "verifikator")
    page.get_by_role("link", name="Dedi Supriadi").click()
    findings = page.get_by_test_id("findings")
    expect(findings).to_contain_text("Umur 37 tahun pada 2026-01-01 (batas 18–65).")
    expect(findings).to_contain_text("Aturan versi 1")
    page.screenshot(path=str(artifacts / "verifier-candidate.png"), full_page=True)
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.get_by_test_id("candidate-state")).to_contain_text("Terverifikasi")
    page.get_by_role("button", name="Setujui (dalam kuota)").click()
    expect(page.get_by_test_id("candidate-state")).to_contain_text("Disetujui")

    page.get_by_role("link", name="← Calon peserta").click()
    page.get_by_role("link", name="Asep Saepudin").click()
    page.get_by_role("button", name="Verifikasi").click()
    page.get_by_role("button", name="Setujui (dalam kuota)").click()
    expect(page.get_by_text("Kuota 32.01.20.2006 penuh (1 dari 1 tempat terisi)")).to_be_visible()
    expect(page.get_by_test_id("candidate-state")).to_contain_text("nomor 1 di daftar tunggu")
    page.screenshot(path=str(artifacts / "verifier-waiting-list.png"), full_page=True)
    statuses = dict(Candidate.objects.values_list("person__full_name", "status"))
    assert statuses == {"Dedi Supriadi": "approved", "Asep Saepudin": "waitlisted"}
