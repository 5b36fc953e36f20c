"""District boundaries and maps (issue 14 item 5, ADR 0047): the upload checked against the
regency's district codes, its source and licence, the audit trail, the two-step end, who may,
and the maps on the dashboard and the public page (choropleth, or tiles while none is in use)."""

from __future__ import annotations

import json
import math
import re
from html import unescape
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from payung.audit.models import AuditEvent
from payung.demo.seed import seed_claims_demo, seed_enrolment_demo
from payung.domain.regions import Level
from payung.regions.models import Boundary, Region

pytestmark = pytest.mark.django_db
CSS = Path(__file__).resolve().parents[2] / "src/payung/reports/static/reports/publik.css"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _districts(regency: str = "32.01") -> list[str]:
    return list(
        Region.objects.filter(
            code__startswith=regency + ".", level=int(Level.DISTRICT), active=True
        )
        .order_by("code")
        .values_list("code", flat=True)
    )


def _ring(index: int, points: int = 5) -> list[list[float]]:
    """A district as a small circle of ``points`` points on a grid over Bogor (106.4–107.2 E)."""
    cx, cy = 106.45 + (index % 8) * 0.1, -6.35 - (index // 8) * 0.1
    ring = [
        [
            round(cx + 0.05 * math.cos(2 * math.pi * i / points), 6),
            round(cy + 0.05 * math.sin(2 * math.pi * i / points), 6),
        ]
        for i in range(points)
    ]
    return [*ring, ring[0]]


def geojson(codes: list[str], *, points: int = 5, key: str = "kode") -> bytes:
    features = [
        {
            "type": "Feature",
            "properties": {key: code, "nama": f"Kecamatan {i}"},
            "geometry": {"type": "Polygon", "coordinates": [_ring(i, points)]},
        }
        for i, code in enumerate(codes)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def upload(client, content: bytes, **fields):
    data = {
        "regency": "32.01",
        "file": SimpleUploadedFile("kecamatan.geojson", content, "application/geo+json"),
        "code_property": "kode",
        "source": "BIG, Batas Wilayah Kecamatan 2023 (unduhan Bappeda)",
        "licence": "cc-by-4.0",
        "licence_text": "",
        **fields,
    }
    return client.post("/wilayah/batas/", data)


def _error(response) -> str:
    found = re.search(rb'data-testid="boundary-error">([^<]*)<', response.content)
    assert found, response.content[:400]
    return unescape(found.group(1).decode())


def test_an_upload_is_checked_drawn_kept_with_its_licence_and_audited(client, demo):
    client.force_login(demo["users"]["admin.bogor"])
    districts = _districts()
    assert len(districts) == 40
    response = upload(client, geojson(districts[:38]))
    assert response.status_code == 302
    assert response["Location"] == "/wilayah/batas/?regency=32.01"

    boundary = Boundary.objects.get(active=True)
    assert (boundary.regency_id, boundary.licence, boundary.source) == (
        "32.01",
        "cc-by-4.0",
        "BIG, Batas Wilayah Kecamatan 2023 (unduhan Bappeda)",
    )
    assert sorted(boundary.paths) == districts[:38]
    assert boundary.missing == districts[38:]
    assert boundary.points == 38 * 6
    assert boundary.uploaded_by == "admin.bogor"
    event = AuditEvent.objects.get(action="boundary.upload")
    assert (event.actor_username, event.object_id, event.region_code) == (
        "admin.bogor",
        str(boundary.pk),
        "32.01",
    )
    assert event.after == {
        "districts": 38,
        "missing": 2,
        "points": 228,
        "licence": "cc-by-4.0",
        "sha256": boundary.sha256,
    }
    assert event.before is None

    page = client.get("/wilayah/batas/?regency=32.01")
    html = page.content.decode()
    assert "Kecamatan yang tidak ada di berkas" in html
    names = Region.objects.filter(code__in=districts[38:]).order_by("code")
    assert ", ".join(r.name for r in names) in html
    assert html.count("<path ") == 38
    assert "CC BY 4.0" in html


def test_a_code_of_another_regency_refuses_the_whole_file_and_keeps_nothing(client, demo):
    client.force_login(demo["users"]["admin.bogor"])
    response = upload(client, geojson([*_districts()[:3], "36.02.01"]))
    assert response.status_code == 400
    assert _error(response) == (
        "Kode berikut bukan kecamatan di KABUPATEN BOGOR: 36.02.01. Gunakan kode Kemendagri "
        "(mis. 32.01.01)."
    ).replace("KABUPATEN BOGOR", Region.objects.get(code="32.01").name)
    assert not Boundary.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="boundary.").exists()


@pytest.mark.parametrize(
    ("content", "fields", "expected"),
    [
        (b"\xff\xfe not json", {}, "Berkas bukan JSON yang dapat dibaca (GeoJSON, UTF-8)."),
        (b'{"type": "Feature"}', {}, "Berkas bukan GeoJSON FeatureCollection"),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "properties": {"kode": "32.01.01"},
                            "geometry": {
                                "type": "Polygon",
                                "coordinates": [[[700000, 9300000], [710000, 9300000],
                                                 [710000, 9310000], [700000, 9300000]]],
                            },
                        }
                    ],
                }
            ).encode(),
            {},
            "di luar Indonesia. Simpan berkas dalam bujur/lintang WGS 84 (EPSG:4326), bukan UTM.",
        ),
        (None, {"code_property": "KDCPUM"}, 'Fitur ke-1 tidak punya properti "KDCPUM"'),
        (None, {"licence": "other"}, 'Pilih lisensi berkas; untuk "lainnya", tuliskan'),
        (None, {"licence": "all-rights-reserved"}, "Lisensi:"),
        (None, {"source": "   "}, "Sumber: Bidang ini tidak boleh kosong."),
    ],
)  # fmt: skip
def test_what_cannot_be_used_is_said_in_indonesian(client, demo, content, fields, expected):
    client.force_login(demo["users"]["admin.bogor"])
    response = upload(client, content or geojson(_districts()[:2]), **fields)
    assert response.status_code == 400
    assert expected in _error(response)
    assert not Boundary.objects.exists()


def test_a_new_upload_replaces_the_one_in_use_and_the_old_stays_on_record(client, demo):
    client.force_login(demo["users"]["admin.bogor"])
    districts = _districts()
    upload(client, geojson(districts[:5]))
    first = Boundary.objects.get()
    response = upload(
        client,
        geojson(districts, key="KODE_KEC"),
        code_property="KODE_KEC",
        licence="other",
        licence_text="Izin tertulis Bappeda No. 12/2026",
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert not first.active
    assert first.ended_at is not None
    second = Boundary.objects.get(active=True)
    assert (len(second.paths), second.missing, second.licence_text) == (
        40,
        [],
        "Izin tertulis Bappeda No. 12/2026",
    )
    assert AuditEvent.objects.filter(action="boundary.upload").latest("pk").before == {
        "boundary": first.pk
    }
    html = client.get("/wilayah/batas/").content.decode()
    assert html.count("<tr><td>") == 2
    assert "dipakai" in html
    assert "berakhir" in html


def test_taking_out_of_use_asks_first_then_falls_back_to_tiles(client, demo):
    client.force_login(demo["users"]["admin.bogor"])
    upload(client, geojson(_districts()))
    boundary = Boundary.objects.get()
    asked = client.post(f"/wilayah/batas/{boundary.pk}/akhiri/")
    assert asked.status_code == 200
    assert b'data-testid="confirmation"' in asked.content
    boundary.refresh_from_db()
    assert boundary.active
    token = re.search(rb'name="confirm" value="([^"]+)"', asked.content).group(1).decode()

    done = client.post(f"/wilayah/batas/{boundary.pk}/akhiri/", {"confirm": token})
    assert done.status_code == 302
    boundary.refresh_from_db()
    assert not boundary.active
    event = AuditEvent.objects.get(action="boundary.end")
    assert (event.object_id, event.before, event.after) == (
        str(boundary.pk),
        {"active": True},
        {"active": False},
    )
    again = client.post(f"/wilayah/batas/{boundary.pk}/akhiri/", {"confirm": token})
    assert again.status_code == 302
    assert AuditEvent.objects.filter(action="boundary.end").count() == 1
    assert b'data-testid="boundary-none"' in client.get("/wilayah/batas/").content


@pytest.mark.parametrize(
    "username", ["operator.desa", "pengawas.kecamatan", "verifikator", "keuangan", "auditor"]
)
def test_only_who_manages_the_programmes_reaches_the_page(client, demo, username):
    client.force_login(demo["users"][username])
    assert client.get("/wilayah/batas/").status_code == 403
    assert upload(client, geojson(_districts()[:2])).status_code == 403
    assert not Boundary.objects.exists()


def test_another_regency_admin_can_neither_upload_nor_end_bogors(client, demo):
    client.force_login(demo["users"]["admin.bogor"])
    upload(client, geojson(_districts()))
    boundary = Boundary.objects.get()
    client.force_login(demo["users"]["admin.lebak"])
    assert client.get("/wilayah/batas/?regency=32.01").status_code == 404
    assert upload(client, geojson(_districts())).status_code == 404
    assert client.post(f"/wilayah/batas/{boundary.pk}/akhiri/").status_code == 404
    page = client.get("/wilayah/batas/").content.decode()
    assert Region.objects.get(code="32.01").name not in page
    assert "unduhan Bappeda" not in page
    assert Region.objects.get(code="36.02").name in page
    boundary.refresh_from_db()
    assert boundary.active


def test_the_dashboard_map_is_tiles_then_the_uploaded_boundaries(client, demo):
    seed_enrolment_demo()
    client.force_login(demo["users"]["verifikator"])
    html = client.get("/dasbor/").content.decode()
    tiles = re.search(r'<ul class="tiles"[^>]*>(.*?)</ul>', html, re.S)
    assert tiles
    assert tiles.group(1).count("<li") == 40
    assert "belum ada peta batas wilayah yang diunggah" in html
    assert "/wilayah/batas/" not in html  # the verifier does not manage programmes

    client.force_login(demo["users"]["admin.bogor"])
    upload(client, geojson(_districts()))
    html = client.get("/dasbor/").content.decode()
    svg = re.search(r'<svg class="map".*?</svg>', html, re.S).group(0)
    assert svg.count("<path ") == 40
    assert "Batas wilayah: BIG, Batas Wilayah Kecamatan 2023 (unduhan Bappeda) (CC BY 4.0)" in html
    assert 'href="/wilayah/batas/"' in html


def test_a_district_users_dashboard_draws_no_district_map(client, demo):
    seed_enrolment_demo()
    client.force_login(demo["users"]["pengawas.kecamatan"])
    html = client.get("/dasbor/").content.decode()
    assert 'data-testid="dashboard-map"' not in html


def test_the_public_map_hatches_what_is_withheld_and_stays_under_100_kb(client, demo, settings):
    # The demo covers 5 workers in one district of Bogor: at a threshold of 10 it is withheld.
    settings.PAYUNG_DISCLOSURE_THRESHOLD = 10
    seed_enrolment_demo()
    seed_claims_demo()
    client.force_login(demo["users"]["admin.bogor"])
    # 2,000 surveyed points per district, as an unsimplified BIG file has
    assert upload(client, geojson(_districts(), points=2000)).status_code == 302
    client.logout()
    bogor = demo["bogor"]
    html = client.get(f"/publik/{bogor.pk}/").content.decode()
    svg = re.search(r'<svg class="map".*?</svg>', html, re.S).group(0)
    assert svg.count("<path ") == 40
    rows = dict(re.findall(r'<tr data-code="(32\.01\.\d\d)"><td>[^<]*</td><td>[^<]*</td>'
                           r"<td>[^<]*</td><td>([^<]*)</td>", html))  # fmt: skip
    fills = {
        code: fill
        for fill, code in re.findall(
            r'fill="([^"]+)" fill-rule="evenodd" stroke="#ffffff" stroke-width="1" '
            r'data-code="([^"]+)"',
            svg,
        )
    }
    assert len(rows) == 40
    withheld = {code for code, covered in rows.items() if not re.fullmatch(r"[\d.]+", covered)}
    assert withheld == {"32.01.20"}
    assert {code for code, fill in fills.items() if fill == "url(#hatch)"} == withheld
    assert len(html.encode()) + CSS.stat().st_size < 100_000
    assert "disembunyikan (angka kecil)" in html
