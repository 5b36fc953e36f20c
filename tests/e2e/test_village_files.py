"""A village operator uploads SIAK's own .xls export through the browser and reads the preview."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from payung.demo.seed import seed_demo
from payung.regions.services import regions_load
from tests.builders import COMMAND_LINE
from tests.e2e.helpers import sign_in
from tests.integration.test_import_village_files import SIAK_ROWS
from tests.spreadsheets import write_xls

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_a_siak_xls_is_uploaded_and_previewed(
    page, live_server, settings, artifacts, tmp_path, width
):
    settings.PAYUNG_JOBS = "thread"
    regions_load(actor=COMMAND_LINE)
    seed_demo()
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, "operator.desa")
    path = write_xls(tmp_path / "format_siak.xls", SIAK_ROWS)

    page.goto(f"{live_server.url}/imports/new/")
    expect(
        page.get_by_text("Berkas (.xlsx, .xls, .ods atau .csv, paling besar 50 MB)")
    ).to_be_visible()
    page.screenshot(path=str(artifacts / f"village-files-upload-{width}.png"), full_page=True)
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Unggah dan periksa").click()
    expect(page.get_by_test_id("batch-status")).to_have_text("Sudah diperiksa", timeout=90_000)
    expect(page.get_by_test_id("outcomes").locator("div")).to_have_text(["Valid3", "Bermasalah1"])
    expect(page.get_by_text("Penduduk ini tercatat meninggal dunia").first).to_be_visible()
    page.screenshot(path=str(artifacts / f"village-files-preview-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_external_lists_form_names_the_accepted_files(page, live_server, artifacts, width):
    regions_load(actor=COMMAND_LINE)
    seed_demo()
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, "verifikator")
    page.goto(f"{live_server.url}/lists/")
    expect(
        page.get_by_text("Berkas (.xlsx, .xls, .ods atau .csv, paling besar 50 MB)")
    ).to_be_visible()
    page.screenshot(path=str(artifacts / f"village-files-lists-{width}.png"), full_page=True)
