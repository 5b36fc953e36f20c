"""A finance officer issues a month's bills in a real browser and reads the budget page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from payung.demo.seed import DEMO_PASSWORD, seed_demo, seed_enrolment_demo
from payung.programmes.models import Programme

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VILLAGE = "32.01.20.2006"  # the demo's five enrolled workers, January billed and paid


@pytest.fixture
def demo_site(live_server):
    # A previous browser test's flush may have emptied the tables its migrations filled.
    seed_demo()
    seed_enrolment_demo()  # as `payung demo seed` does: five workers enrolled, January billed
    return live_server.url


def test_finance_officer_issues_february_and_sees_the_budget_figures(page, demo_site, artifacts):
    bogor = Programme.objects.get(regency_id="32.01")
    page.goto(f"{demo_site}/login/")
    page.get_by_label("Nama pengguna").fill("keuangan")
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{demo_site}/finance/?programme={bogor.pk}")

    issue = page.locator(f"form[action='/finance/{bogor.pk}/issue/']")
    issue.locator("input[name=month]").fill("2026-02")
    with page.expect_navigation():
        issue.locator("button[type=submit]").click()

    # Five workers at Rp16,800 (village aid: no PP 50/2025 relief) to the one village billed.
    expect(page.locator(".messages li.success")).to_contain_text("Rp84.000")
    february = page.get_by_test_id("months").locator("tr", has_text="2026-02")
    expect(february).to_contain_text("Rp84.000")
    expect(february.locator("td").nth(2)).to_have_text("5")
    page.screenshot(path=str(artifacts / "finance-issue-february.png"), full_page=True)

    page.get_by_role("link", name="Anggaran").click()
    payer = page.get_by_test_id("payers").locator("tr", has_text=VILLAGE)
    cells = payer.locator("td")
    # Budget, committed (250 places × 12 × Rp16,800), billed (January and February), paid
    # (January), remaining (budget − committed).
    expect(cells.nth(1)).to_have_text("Rp50.400.000")
    expect(cells.nth(2)).to_have_text("Rp50.400.000")
    expect(cells.nth(3)).to_have_text("Rp168.000")
    expect(cells.nth(4)).to_have_text("Rp84.000")
    expect(cells.nth(5)).to_have_text("Rp0")
    page.screenshot(path=str(artifacts / "finance-budget.png"), full_page=True)
