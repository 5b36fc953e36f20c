"""The public page and the open data: anonymous, aggregates only, figures equal to the database
to the rupiah, small numbers withheld, no personal data, light and cached (ADR 0044)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from payung.budgets.models import Budget
from payung.claims.models import Claim
from payung.demo.seed import DEMO_WORKERS, seed_claims_demo, seed_enrolment_demo
from payung.domain.period import Month, month_range
from payung.finance.models import AdjustmentLine, BillMonth, Payment
from payung.programmes.models import ProgrammeArea, ProgrammeStatus
from payung.registry.models import Candidate, Person
from payung.reports.aggregates import PUBLIC, month_in_period, programme_aggregates
from payung.reports.views import cache_key

pytestmark = pytest.mark.django_db
CSS = Path(__file__).resolve().parents[2] / "src/payung/reports/static/reports/publik.css"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeded(demo):
    seed_enrolment_demo()
    seed_claims_demo()
    return demo


def _csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _record(rows, uraian, code):
    (row,) = [r for r in rows if r["uraian"] == uraian and r["kode_wilayah"] == code]
    return row


def _paid_rupiah() -> int:
    return sum(
        sum(c.paid_amounts.values())
        for c in Claim.objects.filter(status__in=["paid", "handed_over"], paid_on__isnull=False)
    )


def test_anonymous_visitors_read_every_public_route_cached_for_five_minutes(client, seeded):
    bogor = seeded["bogor"]
    for url in (
        "/publik/",
        f"/publik/{bogor.pk}/",
        f"/publik/{bogor.pk}/data.csv",
        f"/publik/{bogor.pk}/data.json",
        f"/publik/{bogor.pk}/metadata.json",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, max-age=300", url
        assert "csrftoken" not in response.cookies, url
    assert client.get(f"/publik/{bogor.pk + 999}/").status_code == 404


def test_a_draft_programme_is_not_published(client, seeded):
    lebak = seeded["lebak"]
    type(lebak).objects.filter(pk=lebak.pk).update(status=ProgrammeStatus.DRAFT)
    assert client.get(f"/publik/{lebak.pk}/").status_code == 404
    assert client.get(f"/publik/{lebak.pk}/data.csv").status_code == 404
    assert "Perlindungan Jaminan Sosial" not in client.get("/publik/").content.decode()


def test_the_figures_equal_the_database_to_the_rupiah(client, seeded, settings):
    settings.PAYUNG_DISCLOSURE_THRESHOLD = 1  # nothing withheld: every figure can be compared
    bogor = seeded["bogor"]
    places = ProgrammeArea.objects.filter(programme=bogor).aggregate(s=Sum("quota"))["s"]
    filled = Candidate.objects.filter(programme=bogor, status__in=["approved", "enrolled"]).count()
    budget = Budget.objects.filter(payer__programme=bogor).aggregate(s=Sum("amount"))["s"]
    billed = (BillMonth.objects.filter(programme=bogor).aggregate(s=Sum("total"))["s"] or 0) + (
        AdjustmentLine.objects.filter(bill__programme=bogor).aggregate(s=Sum("amount"))["s"] or 0
    )
    paid = Payment.objects.filter(bill__programme=bogor).aggregate(s=Sum("amount"))["s"]
    claims = Claim.objects.filter(
        programme=bogor, status__in=["paid", "handed_over"], paid_on__isnull=False
    ).count()
    rupiah = _paid_rupiah()
    assert (places, filled, budget, billed, paid) == (108_750, 5, 50_400_000, 84_000, 84_000)
    assert claims >= 1
    assert rupiah > 0

    rows = _csv(client.get(f"/publik/{bogor.pk}/data.csv"))
    expected = {
        "Kuota peserta": places,
        "Kuota terisi": filled,
        "Anggaran (pagu)": budget,
        "Tagihan iuran": billed,
        "Realisasi pembayaran iuran": paid,
        "Klaim dibayar": claims,
        "Manfaat klaim dibayar": rupiah,
        "Kebutuhan iuran kuota": 108_750 * 16_800 * 12,
    }
    for uraian, value in expected.items():
        assert int(_record(rows, uraian, "32.01")["nilai"]) == value, uraian
    # The district and the village of the demo workers add up the same way.
    assert int(_record(rows, "Kuota terisi", "32.01.20")["nilai"]) == 5
    assert int(_record(rows, "Kuota terisi", "32.01.20.2006")["nilai"]) == 5
    assert int(_record(rows, "Kuota peserta", "32.01.20.2006")["nilai"]) == 250
    assert _record(rows, "Kuota terisi", "32.01.01")["nilai"] == "0"

    records = client.get(f"/publik/{bogor.pk}/data.json").json()["records"]
    assert next(r for r in records if r["uraian"] == "Manfaat klaim dibayar")["nilai"] == rupiah

    page = client.get(f"/publik/{bogor.pk}/").content.decode()
    assert '<dd data-testid="places">108.750</dd>' in page
    assert '<dd data-testid="paid">Rp84.000</dd>' in page
    assert '<dd data-testid="budget">Rp50.400.000</dd>' in page
    rupiah_text = f"Rp{rupiah:,}".replace(",", ".")
    assert f'<td data-testid="claims-rupiah">{rupiah_text}</td>' in page


def test_the_aggregates_read_only_what_a_scoped_user_may(seeded):
    from payung.domain.period import Month

    bogor = seeded["bogor"]
    operator = programme_aggregates(
        actor=seeded["users"]["operator.desa"], programme=bogor, month=Month(2026, 1)
    )
    assert [d.code for d in operator.regency.children] == ["32.01.20"]
    assert operator.regency.figures.places == 250
    assert operator.regency.figures.filled == 5
    everyone = programme_aggregates(actor=PUBLIC, programme=bogor, month=Month(2026, 1))
    assert len(everyone.regency.children) == 40
    assert sum(1 for n in everyone.regency.walk() if n.level == 4) == 435
    assert everyone.regency.figures.covered == 5


def test_small_numbers_are_withheld_on_the_page_and_in_the_data(client, seeded):
    bogor = seeded["bogor"]
    page = client.get(f"/publik/{bogor.pk}/").content.decode()
    assert '<td data-testid="claims-paid">&lt; 5</td>' in page
    assert '<td data-testid="claims-rupiah">disembunyikan</td>' in page
    assert f"Rp{_paid_rupiah():,}".replace(",", ".") not in page
    assert '<dd data-testid="filled">5</dd>' in page  # exactly the threshold: shown

    rows = _csv(client.get(f"/publik/{bogor.pk}/data.csv"))
    claims = _record(rows, "Klaim dibayar", "32.01")
    assert (claims["nilai"], claims["keterangan"]) == ("", "< 5")
    money = _record(rows, "Manfaat klaim dibayar", "32.01")
    assert (money["nilai"], money["keterangan"]) == ("", "disembunyikan (jumlah < 5)")
    village = _record(rows, "Klaim dibayar", "32.01.20.2006")
    assert (village["nilai"], village["keterangan"]) == ("", "< 5")
    records = client.get(f"/publik/{bogor.pk}/data.json").json()["records"]
    withheld = [
        r for r in records if r["uraian"] == "Klaim dibayar" and r["kode_wilayah"] == "32.01"
    ]
    assert withheld[0]["nilai"] is None
    assert withheld[0]["keterangan"] == "< 5"
    assert str(_paid_rupiah()) not in json.dumps(records)


def test_no_personal_data_anywhere(client, seeded):
    bogor = seeded["bogor"]
    Person.objects.filter(full_name="Asep Suryana").update(address="Jl. Rahasia No. 7 RT 01")
    secrets = {name for _, name, _ in DEMO_WORKERS} | {nik for nik, _, _ in DEMO_WORKERS}
    secrets |= {p.address for p in Person.objects.exclude(address="")}
    secrets |= {p.mother_name for p in Person.objects.exclude(mother_name="")}
    for claim in Claim.objects.all():
        secrets |= {claim.place, claim.cause, claim.reporter_name, claim.reporter_phone}
    secrets.discard("")
    assert len(secrets) > 10
    for url in (
        f"/publik/{bogor.pk}/",
        f"/publik/{bogor.pk}/?lang=en",
        f"/publik/{bogor.pk}/data.csv",
        f"/publik/{bogor.pk}/data.json",
        f"/publik/{bogor.pk}/metadata.json",
        "/publik/",
    ):
        text = client.get(url).content.decode("utf-8-sig")
        found = [s for s in secrets if s in text]
        assert found == [], url


def test_the_page_of_a_regency_sized_programme_is_under_100_kb(client, seeded):
    bogor = seeded["bogor"]
    html = client.get(f"/publik/{bogor.pk}/").content
    assert html.count(b"<tr data-code=") == 40 + 435
    assert len(html) + CSS.stat().st_size < 100_000


def test_indonesian_by_default_english_by_link(client, seeded):
    bogor = seeded["bogor"]
    page = client.get(f"/publik/{bogor.pk}/")
    text = page.content.decode()
    assert '<html lang="id">' in text
    assert "Klaim dibayar" in text
    # Months in words, never as 2026-12 (the demo programme runs January–December 2026)
    month = month_in_period(bogor, Month.of(timezone.localdate()))
    assert "12 bulan, Januari–Desember 2026" in text
    assert f"Peserta terlindungi pada {month_range(month, month)}</dt>" in text
    assert str(month) not in text
    assert 'href="?lang=en"' in text
    assert page["Content-Language"] == "id"
    english = client.get(f"/publik/{bogor.pk}/?lang=en")
    assert '<html lang="en">' in english.content.decode()
    assert "Claims paid" in english.content.decode()
    assert "12 months, January–December 2026" in english.content.decode()
    assert english["Content-Language"] == "en"
    # Each language is kept on its own.
    assert cache.get(cache_key(bogor.pk, "id", "html")) != cache.get(
        cache_key(bogor.pk, "en", "html")
    )


def test_answers_come_from_the_cache_until_it_expires(client, seeded):
    bogor = seeded["bogor"]
    first = client.get(f"/publik/{bogor.pk}/data.csv").content
    Budget.objects.filter(payer__programme=bogor).update(amount=1)
    assert client.get(f"/publik/{bogor.pk}/data.csv").content == first
    cache.clear()
    assert client.get(f"/publik/{bogor.pk}/data.csv").content != first


def test_metadata_describes_the_dataset_for_an_open_data_portal(client, seeded):
    bogor = seeded["bogor"]
    meta = client.get(f"/publik/{bogor.pk}/metadata.json").json()
    assert meta["license_id"] == "cc-by-4.0"
    assert meta["temporal"] == {"start": "2026-01-01", "end": "2026-12-31"}
    assert meta["spatial"] == {"kode_wilayah": "32.01", "nama_wilayah": "Kabupaten Bogor"}
    assert meta["disclosure"]["threshold"] == 5
    assert [c["name"] for c in meta["columns"]] == [
        "uraian", "satuan", "tahun", "bulan", "kode_wilayah", "nama_wilayah",
        "tingkat_wilayah", "nilai", "keterangan", "sumber_data",
    ]  # fmt: skip
    assert meta["resources"][0]["url"].endswith(f"/publik/{bogor.pk}/data.csv")
    data = client.get(f"/publik/{bogor.pk}/data.json").json()
    assert [f["id"] for f in data["fields"]] == [c["name"] for c in meta["columns"]]


def test_the_pbpu_share_is_said_unknown_unless_the_population_is_given(client, seeded, settings):
    bogor = seeded["bogor"]
    page = client.get(f"/publik/{bogor.pk}/").content.decode()
    assert "tidak diketahui: Payung tidak mengetahui jumlah" in page
    rows = _csv(client.get(f"/publik/{bogor.pk}/data.csv"))
    (indicator,) = [r for r in rows if "06.02.021" in r["uraian"]]
    assert indicator["nilai"] == ""
    assert "tidak diketahui" in indicator["keterangan"]
    cache.clear()
    settings.PAYUNG_PBPU_POPULATION = {"32.01": {"value": 400, "source": "BPS 2025"}}
    page = client.get(f"/publik/{bogor.pk}/").content.decode()
    assert '<dd data-testid="indicator">1,25%</dd>' in page  # 5 of 400


def test_the_login_page_links_to_the_public_page(client, db):
    assert 'href="/publik/"' in client.get("/login/").content.decode()
