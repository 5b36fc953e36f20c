"""A list with a hidden character in a name: the preview says which column and where (issue 11)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.test_import_flow import signed_in  # noqa: F401 - the fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MESSAGE = (
    "Nama lengkap berisi karakter tersembunyi (tab) pada karakter ke-5. Hapus karakter itu, "
    "lalu ketik ulang isiannya dalam satu baris."
)


def test_the_preview_names_the_hidden_character(page, signed_in, artifacts, tmp_path):  # noqa: F811
    path = tmp_path / "daftar-desa.csv"
    path.write_text(
        "NIK;Nama;L/P;Tgl Lahir;Alamat;Pekerjaan;Nama Ibu\n"
        '3201014508800004;"Siti\tAminah";P;05-08-1980;"+SUM(1+1)";Buruh tani;Halimah\n'
        '3201010508800004;Budi;L;05-08-1980;"@SUM(A1)";Ojek;Aisyah\n',
        encoding="utf-8",
    )
    page.goto(f"{signed_in}/imports/new/")
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page.get_by_test_id("batch-status")).to_have_text("Sudah diperiksa", timeout=90_000)
    # Always in the catalogue's order (PostgreSQL's jsonb keeps the keys in its own order).
    expect(page.get_by_test_id("outcomes").locator("div")).to_have_text(["Valid1", "Bermasalah1"])
    # The sample row says the problem in words, filled with where the character is.
    expect(page.locator('p[data-code="text.control_character"]')).to_have_text(MESSAGE)
    page.screenshot(
        path=str(artifacts / "operator-import-control-character-1280.png"), full_page=True
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(
        path=str(artifacts / "operator-import-control-character-390.png"), full_page=True
    )
