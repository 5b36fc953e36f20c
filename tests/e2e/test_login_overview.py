"""A village operator logs in through a real browser and sees the programme overview."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from payung.demo.seed import DEMO_PASSWORD, seed_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    seed_demo()
    return live_server.url


def test_village_operator_logs_in_and_sees_the_programme_overview(page, demo_site, artifacts):
    page.goto(f"{demo_site}/programmes/")
    assert page.url.startswith(f"{demo_site}/login/")
    assert page.locator("html").get_attribute("lang") == "id"
    page.get_by_label("Nama pengguna").fill("operator.desa")
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{demo_site}/programmes/")

    cards = page.get_by_test_id("programme-card")
    assert cards.count() == 1  # Lebak's programme is outside the operator's regency
    card = cards.first
    assert "Jaminan Perlindungan Pekerja Rentan Desa" in card.inner_text()
    assert card.get_by_test_id("places").inner_text().startswith("250")
    assert card.get_by_test_id("budget").inner_text() == "Rp50.400.000"
    assert card.get_by_test_id("rate").inner_text() == "Rp16.800"
    assert "Operator desa" in page.get_by_test_id("who").inner_text()
    # The stylesheet came from the app itself (no CDN): the top bar is coloured.
    colour = page.evaluate("getComputedStyle(document.querySelector('.topbar')).backgroundColor")
    assert colour == "rgb(11, 110, 79)"
    page.screenshot(path=str(artifacts / "operator-programme-overview.png"), full_page=True)

    # Into the programme: the operator's own village only, filtered with HTMX in place.
    card.get_by_role("link").first.click()
    rows = page.locator("#areas tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("32.01.20.2006")

    # Switch to English.
    # The select submits its form on change: wait for that navigation, not the current page.
    with page.expect_navigation():
        page.get_by_label("Bahasa").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h2")).to_contain_text("Places per area")
    page.screenshot(path=str(artifacts / "operator-programme-detail-en.png"), full_page=True)
