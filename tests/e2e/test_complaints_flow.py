"""An anonymous resident files a complaint on the public page and gets a code and PIN; the labour
office takes it up and answers it, closing through the confirmation page; the resident, with the
code and PIN, sees the answer. Screenshots at 1280 and 390 px of every page of the flow."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from payung.demo.seed import DEMO_PASSWORD, seed_complaints_demo, seed_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VILLAGE = "32.01.20.2006"
ANSWER = "Nama Bapak sudah kami catat sebagai calon peserta; pendaftaran berlaku bulan depan."


@pytest.fixture
def site(live_server):
    seed_demo()
    seed_complaints_demo()
    cache.clear()
    return live_server.url


def _login(page, site, username):
    page.context.clear_cookies()
    page.goto(f"{site}/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()


def _shots(page, folder, name):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(folder / f"{name}-1280.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    page.screenshot(path=str(folder / f"{name}-390.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    return overflow


def test_a_resident_files_the_office_answers_and_the_resident_reads_it(page, site, artifacts):
    folder = artifacts / "complaints"
    folder.mkdir(parents=True, exist_ok=True)

    page.goto(f"{site}/publik/pengaduan/")
    assert page.locator("html").get_attribute("lang") == "id"
    page.get_by_test_id("complaint-village").select_option(VILLAGE)
    page.get_by_test_id("complaint-category").select_option("worker_left_out")
    page.get_by_test_id("complaint-text").fill(
        "Saya tukang ojek di desa ini tetapi tidak terdaftar."
    )
    page.get_by_test_id("complaint-name").fill("Pak Odih")
    _shots(page, folder, "public-form")
    page.wait_for_timeout(3200)  # the guard refuses a form sent within 3 seconds
    page.get_by_test_id("complaint-send").click()
    code = page.get_by_test_id("complaint-code").inner_text()
    pin = page.get_by_test_id("complaint-pin").inner_text()
    assert code.startswith("ADU-")
    assert len(pin) == 6
    _shots(page, folder, "public-filed")

    _login(page, site, "verifikator")
    page.get_by_role("link", name="Pengaduan", exact=True).first.click()
    expect(page.get_by_test_id("complaints")).to_contain_text(code)
    _shots(page, folder, "queue")
    page.get_by_role("link", name=code).click()
    page.get_by_test_id("step-acknowledge").click()
    expect(page.get_by_test_id("complaint-status")).to_have_text("Sedang ditangani")
    page.get_by_test_id("answer-text").fill(ANSWER)
    page.get_by_test_id("step-answer").click()
    expect(page.get_by_test_id("complaint-status")).to_have_text("Sudah dijawab")
    _shots(page, folder, "detail-answered")
    page.get_by_test_id("step-close").click()
    _shots(page, folder, "close-confirm")
    page.get_by_role("button", name="Ya, tutup pengaduan").click()
    expect(page.get_by_test_id("complaint-status")).to_have_text("Ditutup")

    page.context.clear_cookies()
    page.goto(f"{site}/publik/pengaduan/status/")
    page.get_by_test_id("status-code").fill(code)
    page.get_by_test_id("status-pin").fill("222222" if pin != "222222" else "333333")
    page.get_by_test_id("status-send").click()
    expect(page.get_by_test_id("complaint-missing")).to_contain_text("tidak ditemukan")
    page.get_by_test_id("status-code").fill(code)
    page.get_by_test_id("status-pin").fill(pin)
    page.get_by_test_id("status-send").click()
    expect(page.get_by_test_id("complaint-answer")).to_have_text(ANSWER)
    assert code not in page.url
    assert pin not in page.url
    _shots(page, folder, "public-status")

    page.goto(f"{site}/publik/pengaduan/?lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("heading", level=1)).to_have_text("File a complaint")


def test_the_village_files_for_a_resident_and_reads_an_answer(page, site, artifacts):
    folder = artifacts / "complaints"
    folder.mkdir(parents=True, exist_ok=True)
    _login(page, site, "operator.desa")
    page.goto(f"{site}/pengaduan/")
    _shots(page, folder, "village-queue")
    page.get_by_role("link", name="Ajukan pengaduan untuk warga").click()
    page.get_by_test_id("complaint-village").select_option(VILLAGE)
    page.get_by_test_id("complaint-category").select_option("wrong_data")
    page.get_by_test_id("complaint-text").fill("Nama di kartu peserta salah eja.")
    page.get_by_test_id("complaint-name").fill("Bu Imas")
    _shots(page, folder, "village-form")
    page.get_by_role("button", name="Ajukan pengaduan").click()
    expect(page.get_by_test_id("complaint-pin")).to_have_count(1)
    _shots(page, folder, "village-filed")
    page.goto(f"{site}/pengaduan/?status=answered")
    page.get_by_test_id("complaints").get_by_role("link").first.click()
    expect(page.get_by_test_id("complaint-steps")).to_contain_text("Buka kembali")
    expect(page.locator("main")).to_contain_text("disampaikan kepada pengadu oleh")
    _shots(page, folder, "village-answered")
