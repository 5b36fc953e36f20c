"""The regency administrator uploads the district boundaries in the browser, sees them drawn on
the dashboard and on the public page, then takes them out of use after confirming (issue 14
item 5, ADR 0047). Screenshots at 1280 and 390 px in test-artifacts/e2e/maps/."""

from __future__ import annotations

import json
import math

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from payung.demo.seed import seed_claims_demo, seed_demo, seed_enrolment_demo
from payung.domain.regions import Level
from payung.programmes.models import Programme
from payung.regions.models import Boundary, Region
from tests.e2e.helpers import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    seed_demo()
    seed_enrolment_demo()
    seed_claims_demo()
    cache.clear()
    return live_server.url


def _boundary_file(path) -> int:
    """Bogor's districts as hexagons on a grid, all but the last (which the page names)."""
    codes = list(
        Region.objects.filter(code__startswith="32.01.", level=int(Level.DISTRICT), active=True)
        .order_by("code")
        .values_list("code", flat=True)
    )
    features = []
    for i, code in enumerate(codes[:-1]):
        cx, cy = 106.45 + (i % 8) * 0.1, -6.35 - (i // 8) * 0.1
        ring = [
            [
                round(cx + 0.055 * math.cos(k * math.pi / 3), 6),
                round(cy + 0.055 * math.sin(k * math.pi / 3), 6),
            ]
            for k in range(6)
        ]
        features.append(
            {
                "type": "Feature",
                "properties": {"kode_kec": code.replace(".", "")},
                "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
            }
        )
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return len(codes)


def _both_widths(page, folder, name, what=None):
    """Screenshots at 1280 and 390 px (of ``what`` scrolled into view, else the whole page);
    at 390 px the page must not scroll sideways."""
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        if width == 390:
            wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert wide <= 1, f"{name}: the page scrolls {wide} px sideways at 390 px"
        if what is not None:
            what.scroll_into_view_if_needed()
        page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=what is None)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_upload_draw_publish_and_take_out_of_use(page, site, artifacts, tmp_path):
    folder = artifacts / "maps"
    folder.mkdir(parents=True, exist_ok=True)
    districts = _boundary_file(tmp_path / "kecamatan.geojson")

    sign_in(page, site, "admin.bogor")
    expect(page.get_by_test_id("dashboard-map").locator("ul.tiles li")).to_have_count(districts)
    page.get_by_role("link", name="Batas wilayah").first.click()
    page.wait_for_url(f"{site}/wilayah/batas/")
    expect(page.get_by_test_id("boundary-none")).to_be_visible()
    page.screenshot(path=str(folder / "none-1280.png"), full_page=True)

    form = page.get_by_test_id("boundary-form")
    form.locator("input[type=file]").set_input_files(str(tmp_path / "kecamatan.geojson"))
    form.get_by_label("Properti berisi kode kecamatan").fill("kode_kec")
    form.get_by_label("Sumber").fill("Bappeda Kabupaten Bogor, batas kecamatan 2025")
    form.get_by_role("button", name="Unggah dan pakai").click()
    expect(page.get_by_test_id("boundary-in-use").locator("svg path")).to_have_count(districts - 1)
    expect(page.get_by_test_id("boundary-missing")).to_contain_text("hanya tampil di tabel")
    _both_widths(page, folder, "in-use")

    page.goto(f"{site}/dasbor/")
    chart = page.get_by_test_id("dashboard-map")
    expect(chart.locator("svg.map path")).to_have_count(districts - 1)
    expect(chart).to_contain_text("Bappeda Kabupaten Bogor, batas kecamatan 2025")
    _both_widths(page, folder, "dashboard", chart)

    cache.clear()
    bogor = Programme.objects.get(regency_id="32.01")
    page.context.clear_cookies()
    page.goto(f"{site}/publik/{bogor.pk}/")
    public_map = page.get_by_test_id("public-map")
    expect(public_map.locator("svg path")).to_have_count(districts - 1)
    _both_widths(page, folder, "public", public_map)

    sign_in(page, site, "admin.bogor")
    page.goto(f"{site}/wilayah/batas/")
    page.get_by_role("button", name="Hentikan pemakaian…").click()
    expect(page.get_by_test_id("confirmation")).to_be_visible()
    assert Boundary.objects.get().active  # one click only asked
    page.screenshot(path=str(folder / "end-confirm-1280.png"), full_page=True)
    page.get_by_test_id("confirmation").get_by_role("button").first.click()
    expect(page.get_by_test_id("boundary-none")).to_be_visible()
    assert not Boundary.objects.get().active
