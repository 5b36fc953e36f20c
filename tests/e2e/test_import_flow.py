"""A village operator checks a NIK as they type, then imports a list through the browser."""

from __future__ import annotations

import openpyxl
import pytest
from playwright.sync_api import expect

from payung.demo.seed import seed_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signed_in(page, live_server, settings):
    settings.PAYUNG_JOBS = "thread"  # as in an office install: jobs in the web process
    seed_demo()
    page.context.add_cookies([])
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Nama pengguna").fill("operator.desa")
    page.get_by_label("Kata sandi").fill("payung-demo-2026")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{live_server.url}/dasbor/")  # the landing page after login (ADR 0045)
    return live_server.url


def _upload_two_valid_one_bad(page, signed_in, path):
    """Upload a workbook of two valid rows and one with a bad NIK; wait for its check."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["NIK", "Nama", "L/P", "Tgl Lahir", "Pekerjaan", "Nama Ibu"])
    sheet.append(["3201014508800004", "Siti Aminah", "P", "05-08-1980", "Buruh tani", "Halimah"])
    sheet.append(["3201010508800004", "Budi", "L", "05-08-1980", "Ojek", "Aisyah"])
    sheet.append(["12345", "Tanpa NIK", "L", "05-08-1980", "Ojek", "Enok"])
    book.save(path)
    page.goto(f"{signed_in}/imports/new/")
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page.get_by_test_id("batch-status")).to_have_text("Sudah diperiksa", timeout=90_000)


def test_live_nik_check_while_typing(page, signed_in, artifacts):
    page.goto(f"{signed_in}/registry/new/")
    page.get_by_label("Tanggal lahir").fill("05-08-1980")
    page.get_by_label("Jenis kelamin").select_option("L")
    page.locator("#id_nik").fill("3201014508800004")
    checks = page.get_by_test_id("checks")
    expect(checks.locator("li.error")).to_have_count(1)  # a woman's NIK (day + 40) for a man
    expect(checks.locator("li.ok")).to_have_count(1)
    page.screenshot(path=str(artifacts / "operator-live-nik-check.png"), full_page=True)


def test_upload_preview_and_commit(page, signed_in, artifacts, tmp_path):
    _upload_two_valid_one_bad(page, signed_in, tmp_path / "daftar-desa.xlsx")
    outcomes = page.get_by_test_id("outcomes")
    expect(outcomes.locator("div")).to_have_text(["Valid2", "Bermasalah1"])
    page.screenshot(path=str(artifacts / "operator-import-preview.png"), full_page=True)

    page.get_by_label("Hanya baris yang valid").check()
    page.get_by_role("button", name="Simpan ke registri").click()
    # The commit runs as a background job; on a machine busy with other work (CI next to
    # benchmarks) its file writes can queue for many seconds. A wait, not a speed assertion.
    expect(page.get_by_test_id("committed")).to_contain_text("2 baris tersimpan", timeout=90_000)
    page.goto(f"{signed_in}/registry/")
    expect(page.get_by_test_id("person-table").locator("tbody tr")).to_have_count(2)
    page.screenshot(path=str(artifacts / "operator-registry.png"), full_page=True)


def _shots(page, artifacts, name):
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(artifacts / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_all_valid_with_bad_rows_says_nothing_was_saved_then_saves_the_valid_rows(
    page, signed_in, artifacts, tmp_path
):
    _upload_two_valid_one_bad(page, signed_in, tmp_path / "daftar-bermasalah.xlsx")
    expect(page.get_by_test_id("commit-hint")).to_contain_text("1 baris bermasalah")
    _shots(page, artifacts, "operator-import-commit-hint")

    # The default, "only if every row is valid": nothing is saved, and the page says so.
    page.get_by_role("button", name="Simpan ke registri").click()
    refusal = page.get_by_test_id("commit-refusal")
    expect(refusal.get_by_role("alert")).to_have_text(
        "Tidak ada yang disimpan: 1 baris bermasalah; perbaiki atau pilih 'hanya baris yang "
        "valid' (2 baris akan disimpan)."
    )
    expect(page.get_by_test_id("valid-only-offer")).to_have_text(
        "Simpan 2 baris yang valid saja? 1 baris bermasalah tidak disimpan; unduh daftarnya "
        "untuk diperbaiki dan diimpor lagi nanti."
    )
    _shots(page, artifacts, "operator-import-refused-all-valid")

    page.get_by_role("button", name="Simpan 2 baris yang valid saja").click()
    expect(page.get_by_test_id("committed")).to_contain_text("2 baris tersimpan", timeout=90_000)
    _shots(page, artifacts, "operator-import-saved-valid-only")


def test_a_header_only_file_is_refused_as_no_data_read(page, signed_in, artifacts, tmp_path):
    path = tmp_path / "hanya-judul.csv"
    path.write_text("NIK;Nama;L/P;Tgl Lahir;Pekerjaan\r\n", encoding="utf-8")

    page.goto(f"{signed_in}/imports/new/")
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page.get_by_test_id("batch-status")).to_have_text("Ditolak", timeout=90_000)
    expect(page.get_by_role("alert")).to_have_text(
        "Tidak ada data yang terbaca: di bawah judul kolom (baris 1) tidak ada baris yang berisi "
        "data. Periksa berkasnya, lalu unggah lagi."
    )
    _shots(page, artifacts, "operator-import-no-rows")
