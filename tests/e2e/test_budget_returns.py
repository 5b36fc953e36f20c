"""The budget page with what BPJS paid beside the contributions (ADR 0041), in a real browser, as
the regency's finance officer and as the demo village, at 1280 and 390 pixels."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from payung.demo.seed import DEMO_PASSWORD, seed_claims_demo, seed_demo, seed_enrolment_demo
from payung.programmes.models import Programme

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    seed_demo()
    seed_enrolment_demo()  # January billed and paid: 5 × Rp16,800
    seed_claims_demo()  # two accidents paid by BPJS in February: Rp2,350,000 and Rp1,150,000
    return live_server.url


@pytest.mark.parametrize("username", ["keuangan", "operator.desa"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_budget_page_shows_what_bpjs_paid(page, demo_site, artifacts, username, width):
    bogor = Programme.objects.get(regency_id="32.01")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{demo_site}/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{demo_site}/finance/{bogor.pk}/budget/")

    expect(page.get_by_test_id("returns-line")).to_have_text(
        "Manfaat yang dibayarkan BPJS pada 2026: Rp3.500.000 dari 2 klaim; iuran dibayar: "
        "Rp84.000. Manfaat itu setara 4.167 persen dari iuran yang dibayar."
    )
    months = page.get_by_test_id("returns-months")
    expect(months.locator("tr[data-month='2026-01'] td")).to_have_text(
        ["Januari", "Rp84.000", "0", "Rp0"]
    )
    expect(months.locator("tr[data-month='2026-02'] td")).to_have_text(
        ["Februari", "Rp0", "2", "Rp3.500.000"]
    )
    expect(months.locator("tr[data-month='total'] th")).to_have_text(
        ["Total 2026", "Rp84.000", "2", "Rp3.500.000"]
    )
    expect(page.get_by_test_id("components").locator("tbody td")).to_have_text(
        ["Perawatan dan pengobatan", "2", "Rp3.500.000"]
    )
    # Nothing wider than the screen, and the benefits column is inside it, not scrolled away.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    right = page.evaluate(
        "document.querySelector(\"tr[data-month='total'] th:last-child\")"
        ".getBoundingClientRect().right"
    )
    assert right <= width
    page.screenshot(path=str(artifacts / f"budget-{username}-{width}.png"), full_page=True)
