"""The dashboard as each demo role lands on it after signing in: its figures, what waits for it
(each line a link to its list), no sideways scroll at 390 px. Screenshots at 1280 and 390 px in
test-artifacts/e2e/dashboard/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from payung.demo.seed import (
    seed_claims_demo,
    seed_complaints_demo,
    seed_demo,
    seed_enrolment_demo,
)
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROLES = ("operator.desa", "pengawas.kecamatan", "verifikator", "keuangan", "bpjs", "auditor")


@pytest.fixture
def site(live_server):
    seed_demo()
    seed_enrolment_demo()
    seed_claims_demo()
    seed_complaints_demo()
    return live_server.url


def test_every_role_lands_on_its_dashboard(page, site, artifacts):
    folder = artifacts / "dashboard"
    folder.mkdir(parents=True, exist_ok=True)
    for username in ROLES:
        sign_in(page, site, username)
        expect(page.get_by_role("heading", name="Dasbor", exact=True)).to_be_visible()
        # The five Bogor workers the demo enrolled are covered whoever reads, within their scope.
        expect(page.get_by_test_id("covered")).to_have_text("5")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=str(folder / f"{username}-1280.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 1, f"{username}: the page scrolls {wide} px sideways at 390 px"
        page.screenshot(path=str(folder / f"{username}-390.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def test_the_auditor_has_nothing_waiting_and_the_finance_officer_follows_a_line(page, site):
    sign_in(page, site, "auditor")
    expect(page.get_by_test_id("waiting")).to_have_count(0)
    sign_in(page, site, "keuangan")
    waiting = page.get_by_test_id("waiting")
    expect(waiting).to_contain_text("Bulan yang belum ditagihkan")
    waiting.get_by_role("link", name="Tagihan yang belum lunas").click()
    page.wait_for_url(f"{site}/finance/?programme=*")
    expect(page.locator("h1")).to_be_visible()


def test_the_regency_drills_into_a_district_and_back_to_the_programme(page, site):
    sign_in(page, site, "keuangan")
    table = page.get_by_test_id("dashboard-table")
    expect(table).to_be_visible()
    table.locator("tbody tr").first.get_by_role("link").click()
    expect(page.get_by_role("link", name="Kembali ke seluruh program")).to_be_visible()
