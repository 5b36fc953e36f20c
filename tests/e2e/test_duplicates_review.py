"""The labour office reviews a probable duplicate in a real browser and merges it."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from payung.demo.seed import DEMO_PASSWORD, seed_demo
from payung.registry.models import Person, Source
from payung.registry.values import nik_index

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _person(nik: str, name: str, village: str) -> Person:
    return Person.objects.create(
        nik=nik,
        nik_index=nik_index(nik),
        full_name=name,
        sex="F",
        birth_date=date(1980, 8, 5),
        village_id=village,
        source=Source.VILLAGE_ENTRY,
    )


@pytest.fixture
def site(live_server):
    seed_demo()
    _person("3201204508800001", "Siti Aminah", "32.01.20.2006")
    _person("3201204508800007", "Hj. SITI AMINAH", "32.01.20.2001")
    _person("3201204508800002", "Euis Komariah", "32.01.20.2006")  # a neighbour, not a pair
    return live_server.url


def test_verifier_finds_reviews_and_merges_a_probable_duplicate(page, site, artifacts):
    page.goto(f"{site}/login/")
    page.get_by_label("Nama pengguna").fill("verifikator")
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("link", name="Data ganda").click()
    page.get_by_role("button", name="Bandingkan semua pekerja di wilayah saya").click()
    expect(page.get_by_text("3 orang dibandingkan: 1 pasangan")).to_be_visible()
    rows = page.get_by_test_id("pair-table").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("3201••••••••0007")
    page.screenshot(path=str(artifacts / "verifier-duplicates-queue.png"), full_page=True)

    rows.first.get_by_role("link").click()
    reasons = page.get_by_test_id("pair-reasons")
    expect(reasons).to_contain_text("NIK hanya berbeda pada nomor urut")
    expect(page.get_by_test_id("pair-sides")).not_to_contain_text("3201204508800007")
    page.screenshot(path=str(artifacts / "verifier-duplicate-pair.png"), full_page=True)
    page.get_by_label("Alasan").fill("NIK salah ketik")
    page.get_by_role("button", name="Orang yang sama").click()
    page.get_by_role("button", name="Ya, gabungkan menjadi satu orang").click()
    expect(page.get_by_text("Keputusan dicatat.")).to_be_visible()
    expect(page.get_by_test_id("pair-table").locator("tbody tr")).to_contain_text(
        "Tidak ada pasangan."
    )
    merged = Person.objects.get(nik_index=nik_index("3201204508800007"))
    assert merged.merged_into == Person.objects.get(nik_index=nik_index("3201204508800001"))
