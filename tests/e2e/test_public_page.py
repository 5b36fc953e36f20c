"""An anonymous visitor reads the public page, its CSV and JSON: no demo worker's name or NIK
anywhere, readable at 1280 and 390 px (ADR 0044)."""

from __future__ import annotations

import urllib.request

import pytest
from django.core.cache import cache

from payung.demo.seed import DEMO_WORKERS, seed_claims_demo, seed_demo, seed_enrolment_demo
from payung.demo.workers import seed_workers
from payung.programmes.models import Programme
from payung.registry.models import Person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    seed_demo()
    seed_enrolment_demo()
    seed_claims_demo()
    seed_workers()
    cache.clear()
    return live_server.url


def test_an_anonymous_visitor_sees_aggregates_and_no_person(page, demo_site, artifacts):
    folder = artifacts / "public"
    folder.mkdir(parents=True, exist_ok=True)
    bogor = Programme.objects.get(regency_id="32.01")
    secrets = {name for _, name, _ in DEMO_WORKERS} | {nik for nik, _, _ in DEMO_WORKERS}
    secrets |= set(Person.objects.values_list("full_name", flat=True))
    assert len(secrets) >= 10

    page.goto(f"{demo_site}/login/")
    page.get_by_test_id("public-link").click()
    page.wait_for_url(f"{demo_site}/publik/")
    page.get_by_role("link", name="Jaminan Perlindungan Pekerja Rentan Desa").click()
    page.wait_for_url(f"{demo_site}/publik/{bogor.pk}/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_test_id("claims-paid").inner_text() == "< 5"
    page.screenshot(path=str(folder / "programme-1280.png"), full_page=True)
    html = page.content()

    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("details").filter(has_text="Parungpanjang").locator("summary").click()
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert overflow is False  # the wide tables scroll inside their own box
    page.screenshot(path=str(folder / "programme-390.png"), full_page=False)
    page.locator("#districts").scroll_into_view_if_needed()
    page.screenshot(path=str(folder / "districts-390.png"), full_page=False)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_test_id("english").click()
    page.wait_for_url(f"{demo_site}/publik/{bogor.pk}/?lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    page.screenshot(path=str(folder / "programme-en-1280.png"), full_page=False)

    texts = {"html": html, "html-en": page.content()}
    for kind in ("data.csv", "data.json", "metadata.json"):
        with urllib.request.urlopen(f"{demo_site}/publik/{bogor.pk}/{kind}") as answer:  # noqa: S310
            texts[kind] = answer.read().decode("utf-8-sig")
    for kind, text in texts.items():
        assert [s for s in secrets if s in text] == [], kind
