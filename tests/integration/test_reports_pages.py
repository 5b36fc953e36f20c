"""The reports (issue 14 item 2, ADR 0046): the village annex and the programme's realisation
report, each a page, an XLSX and a PDF, with the figures of the demo to the rupiah, the reader's
region kept (another village: 404), no full NIK anywhere, formula-like text neutralised and
every download audited."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl
import pytest

from payung.audit.models import AuditEvent
from payung.demo.seed import DEMO_WORKERS, seed_claims_demo, seed_enrolment_demo
from payung.reports.programme_report import programme_report
from payung.reports.render import cell_text, read_at_text, report_html, report_xlsx
from payung.reports.report import Column, Report, Signature, Table
from payung.reports.village_report import village_report
from tests.builders import village_operator
from tests.integration.test_claims_packet import _pdf_text

pytestmark = pytest.mark.django_db

VILLAGE = "32.01.20.2006"  # Desa Parungpanjang, the demo's village
NOW = datetime(2026, 3, 2, 7, 5, tzinfo=UTC)  # 14:05 in Jakarta


@pytest.fixture
def seeded(demo):
    seed_enrolment_demo()
    seed_claims_demo()
    return demo


def _village(seeded, username="operator.desa"):
    return village_report(
        actor=seeded["users"][username],
        programme=seeded["bogor"],
        village_code=VILLAGE,
        year=2026,
        now=NOW,
    )


def _table(report, title):
    (table,) = [t for t in report.tables if t.title == title]
    return table


def test_the_village_report_holds_the_demo_village_to_the_rupiah(seeded):
    report = _village(seeded)

    assert report.title == "Laporan desa: perlindungan pekerja rentan"
    assert report.region_name == "Desa Parungpanjang, Kecamatan Parungpanjang, Kabupaten Bogor"
    assert report.period == "Januari–Desember 2026"
    assert read_at_text(report.read_at) == "02-03-2026 14:05 WIB"
    places = _table(report, "Kuota dan pagu")
    assert places.rows == ((250, 5, 245, 50_400_000, 250 * 16_800 * 12),)
    monthly = _table(report, "Pekerja terlindungi, iuran ditagih dan dibayar, per bulan")
    assert monthly.rows[0] == ("Januari 2026", 5, 5 * 16_800, 84_000, 0)
    assert monthly.rows[1] == ("Februari 2026", 5, 0, 0, 0)
    assert [row[0] for row in monthly.rows][-1] == "Desember 2026"
    assert monthly.total == ("Total", None, 84_000, 84_000, 0)
    claims = _table(report, "Klaim")
    # Asep's and Dede's accidents paid (Rp2,350,000 + Rp1,150,000); Siti's death rejected.
    assert claims.rows == (
        ("Kecelakaan kerja (JKK)", 6, 2, 3_500_000),
        ("Meninggal karena kecelakaan kerja (JKK)", 0, 0, 0),
        ("Meninggal bukan karena kecelakaan kerja (JKM)", 1, 0, 0),
    )
    assert claims.total == ("Total", 7, 2, 3_500_000)
    workers = _table(report, "Daftar pekerja terlindungi (penerima manfaat)")
    assert [row[1] for row in workers.rows] == sorted(name for _, name, _ in DEMO_WORKERS)
    assert workers.rows[0] == (1, "Asep Suryana", "3201••••••••0001", "Januari–Desember 2026")
    assert report.signature == Signature(
        made_by_title="Operator Desa Parungpanjang",
        made_by_name="Siti Operator Desa",
        acknowledged_by_title="Kepala Desa Parungpanjang",
        place="Parungpanjang",
    )


def test_the_village_report_for_a_regency_officer_leaves_the_operator_line_blank(seeded):
    report = _village(seeded, "admin.bogor")
    assert report.signature.made_by_title == "Operator Desa Parungpanjang"
    assert report.signature.made_by_name == ""


def test_lebak_realisation_report_shows_the_gap_to_the_bpu_minimum(seeded):
    report = programme_report(
        actor=seeded["users"]["admin.lebak"], programme=seeded["lebak"], year=2026, now=NOW
    )

    payers = _table(report, "Pagu dan realisasi per pembayar")
    assert payers.rows == (
        ("Kabupaten Lebak", 670_680_000, 670_680_000, 0, 0, 670_680_000, Decimal("0.0")),
    )
    monthly = _table(report, "Realisasi per bulan")
    assert monthly.rows[0] == ("Januari 2026", 3_450 * 16_200, 0, 0, 0, 670_680_000)
    assert monthly.total == ("Total", 670_680_000, 0, 0, None, 670_680_000)
    gap = _table(report, "Pagu dibandingkan kebutuhan menurut tarif")
    # 3,450 × Rp16,200 × 12 is Lebak's budget exactly; at the BPU minimum Rp16,800 the same
    # places need 3,450 × 600 × 12 = Rp24,840,000 more.
    assert gap.rows == (
        ("Dengan tarif program", 3_450, 16_200, 12, 670_680_000, 670_680_000, 0),
        ("Dengan tarif minimum BPU", 3_450, 16_800, 12, 695_520_000, 670_680_000, -24_840_000),
    )
    assert cell_text(gap.rows[1][-1], "rupiah") == "-Rp24.840.000"
    assert report.signature.acknowledged_by_title == "Kepala Dinas Tenaga Kerja Kabupaten Lebak"
    assert report.signature.made_by_name == "Admin Kabupaten Lebak"


def test_bogor_realisation_report_counts_the_village_payer_and_says_what_is_missing(seeded):
    report = programme_report(
        actor=seeded["users"]["keuangan"], programme=seeded["bogor"], year=2026, now=NOW
    )
    payers = _table(report, "Pagu dan realisasi per pembayar")
    # 250 places × Rp16,800 × 12 = Rp50,400,000 per village (the BRIEF); January billed and paid.
    assert payers.rows == (
        ("Desa Parungpanjang", 50_400_000, 50_400_000, 84_000, 84_000, 50_316_000, Decimal("0.2")),
    )
    monthly = _table(report, "Realisasi per bulan")
    assert monthly.rows[0] == ("Januari 2026", 250 * 16_800, 84_000, 84_000, 84_000, 50_316_000)
    assert monthly.rows[11] == ("Desember 2026", 250 * 16_800, 0, 0, 84_000, 50_316_000)
    gap = _table(report, "Pagu dibandingkan kebutuhan menurut tarif")
    assert [row[-1] for row in gap.rows] == [0, 0]
    assert "1 dari 435 desa sudah memiliki pagu; desa lainnya tidak dihitung." in report.notes


def test_the_village_page_downloads_xlsx_and_pdf_audited_and_never_stored(seeded, client, tmp_path):
    bogor = seeded["bogor"]
    client.force_login(seeded["users"]["operator.desa"])
    url = f"/laporan/desa/?programme={bogor.pk}&village=3201202006&year=2026"

    page = client.get(url)
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    html = page.content.decode()
    assert "Unduh XLSX" in html
    assert "Unduh PDF" in html
    assert "Rp84.000" in html
    assert "Rp3.500.000" in html
    assert "Data dibaca: " in html
    assert not AuditEvent.objects.filter(action="report.download").exists()

    xlsx = client.get(url + "&format=xlsx")
    assert xlsx.status_code == 200
    assert xlsx["Content-Disposition"] == 'attachment; filename="laporan-desa-3201202006-2026.xlsx"'
    assert xlsx["Cache-Control"] == "no-store"
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    cells = {c.value: c for row in sheet.iter_rows() for c in row if c.value is not None}
    assert sheet["A1"].value == "Laporan desa: perlindungan pekerja rentan"
    assert sheet["A1"].font.b
    assert sheet["A3"].value == "Desa Parungpanjang, Kecamatan Parungpanjang, Kabupaten Bogor"
    assert str(sheet["A5"].value).startswith("Data dibaca: ")
    assert cells["Iuran ditagih"].font.b  # the header
    january = cells["Januari 2026"].row
    assert [sheet.cell(january, n).value for n in range(1, 6)] == [
        "Januari 2026",
        5,
        84_000,
        84_000,
        0,
    ]
    assert sheet.cell(january, 3).number_format == '"Rp"#,##0;-"Rp"#,##0'
    assert sheet.cell(january, 2).number_format == "#,##0"
    (total_row,) = [
        c.row for c in sheet["A"] if c.value == "Total" and sheet.cell(c.row, 4).value == 3_500_000
    ]
    assert sheet.cell(total_row, 1).font.b
    assert sheet.cell(total_row, 4).font.b
    assert "3201••••••••0001" in cells
    assert "Mengetahui," in cells
    assert "Dibuat oleh," in cells
    assert "Kepala Desa Parungpanjang" in cells
    assert "(Siti Operator Desa)" in cells

    pdf = client.get(url + "&format=pdf")
    assert pdf["Content-Disposition"] == 'attachment; filename="laporan-desa-3201202006-2026.pdf"'
    assert pdf["Cache-Control"] == "no-store"
    assert pdf.content.startswith(b"%PDF-")
    text = _pdf_text(pdf.content, tmp_path)
    for words in (
        "Laporan desa: perlindungan pekerja rentan",
        "Desa Parungpanjang, Kecamatan Parungpanjang, Kabupaten Bogor",
        "Januari 2026 5 Rp84.000 Rp84.000 Rp0",
        "Total 7 2 Rp3.500.000",
        "Asep Suryana 3201••••••••0001",
        "Mengetahui,",
        "Kepala Desa Parungpanjang",
        "(Siti Operator Desa)",
        "Halaman 1 / ",
    ):
        assert words in text, words
    for nik, _, _ in DEMO_WORKERS:
        assert nik not in text
        assert nik not in html
        assert nik not in str(list(cells))

    downloads = AuditEvent.objects.filter(action="report.download").order_by("pk")
    assert [(e.actor_username, e.object_id, e.region_code) for e in downloads] == [
        ("operator.desa", str(bogor.pk), VILLAGE)
    ] * 2
    assert [e.after["format"] for e in downloads] == ["xlsx", "pdf"]
    assert downloads[0].after["report"] == "village"


def test_the_programme_page_and_its_files(seeded, client, tmp_path):
    lebak = seeded["lebak"]
    client.force_login(seeded["users"]["admin.lebak"])
    url = f"/laporan/program/?programme={lebak.pk}&year=2026"
    assert "-Rp24.840.000" in client.get(url).content.decode()
    xlsx = client.get(url + "&format=xlsx")
    assert xlsx["Content-Disposition"] == (
        f'attachment; filename="laporan-program-{lebak.pk}-2026.xlsx"'
    )
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    (row,) = [c.row for c in sheet["A"] if c.value == "Dengan tarif minimum BPU"]
    assert [sheet.cell(row, n).value for n in range(2, 8)] == [
        3_450,
        16_800,
        12,
        695_520_000,
        670_680_000,
        -24_840_000,
    ]
    text = _pdf_text(client.get(url + "&format=pdf").content, tmp_path)
    assert "695.520.000 Rp670.680.000 -Rp24.840.000" in text
    assert "Kepala Dinas Tenaga Kerja Kabupaten Lebak" in text


def test_scope_another_village_is_not_found_and_the_programme_report_is_the_regencys(
    seeded, client
):
    bogor, lebak = seeded["bogor"], seeded["lebak"]
    village_url = f"/laporan/desa/?programme={bogor.pk}&village={VILLAGE}&year=2026"
    client.force_login(village_operator("32.01.01.1001"))
    assert client.get(village_url).status_code == 404
    assert client.get(village_url + "&format=xlsx").status_code == 404
    client.force_login(seeded["users"]["operator.desa"])
    for url in (
        f"/laporan/desa/?programme={bogor.pk}&village=32.01.20.2001&year=2026",  # a neighbour
        f"/laporan/desa/?programme={lebak.pk}&village=36.02.01.2002&year=2026",  # other regency
        f"/laporan/desa/?programme={bogor.pk}&village={VILLAGE}&year=2031",  # not its period
        f"/laporan/desa/?programme={bogor.pk}&village=nonsense",
        "/laporan/desa/",
    ):
        assert client.get(url).status_code == 404, url
    # The programme is the operator's too, but its realisation report is the regency's.
    assert client.get(f"/laporan/program/?programme={bogor.pk}").status_code == 403
    client.force_login(seeded["users"]["admin.lebak"])
    assert client.get(f"/laporan/program/?programme={bogor.pk}").status_code == 404
    assert client.get(village_url).status_code == 404
    assert not AuditEvent.objects.filter(action="report.download").exists()


def test_the_index_offers_what_the_reader_may_open(seeded, client):
    bogor = seeded["bogor"]
    client.force_login(seeded["users"]["operator.desa"])
    page = client.get("/laporan/")
    html = page.content.decode()
    assert [v.code for v in page.context["villages"]] == [VILLAGE]
    assert f'<input type="hidden" name="village" value="{VILLAGE}">' in html
    assert 'data-testid="programme-report-form"' not in html
    assert '<a href="/laporan/" aria-current="page">Laporan</a>' in html

    client.force_login(seeded["users"]["admin.bogor"])
    page = client.get(f"/laporan/?programme={bogor.pk}")
    assert len(page.context["villages"]) == 435
    assert 'data-testid="programme-report-form"' in page.content.decode()


CODE_SHAPED = re.compile(r"\b[a-z]+(?:[._][a-z0-9]+)+\b")


def _visible(html: str) -> str:
    main = html[html.index("<main>") : html.index("</main>")]
    return re.sub(r"<[^>]+>", " ", main)


def test_the_pages_show_no_code_shaped_token(seeded, client):
    bogor, lebak = seeded["bogor"], seeded["lebak"]
    for username, url in (
        ("operator.desa", "/laporan/"),
        ("operator.desa", f"/laporan/desa/?programme={bogor.pk}&village={VILLAGE}&year=2026"),
        ("admin.lebak", f"/laporan/program/?programme={lebak.pk}&year=2026"),
        ("keuangan", f"/laporan/program/?programme={bogor.pk}&year=2026"),
    ):
        client.force_login(seeded["users"][username])
        text = _visible(client.get(url).content.decode())
        assert CODE_SHAPED.findall(text) == [], url
        for leftover in ("None", "%(", "{{", "{%"):
            assert leftover not in text, (url, leftover)


def _hostile_report() -> Report:
    return Report(
        kind="village",
        title='=HYPERLINK("http://evil.example","klik")',
        region_name="Desa Uji",
        period="Januari 2026",
        read_at=NOW,
        tables=(
            Table(
                title="+SUM(A1:A2)",
                columns=(Column("Nama"), Column("Tanggal", "date"), Column("Rp", "rupiah")),
                rows=(("=1+2", date(2026, 1, 5), 16_800), ("@cmd", None, -600)),
            ),
        ),
        signature=Signature("-Operator", "=Nama", "Kepala"),
    )


def test_formula_like_text_is_neutralised_in_the_xlsx_and_escaped_in_the_pdf_html():
    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx(_hostile_report()))).active
    texts = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    hostile = [c for c in texts if c.value[:1] in "=+-@"]
    assert {c.value for c in hostile} >= {"=1+2", "@cmd", "+SUM(A1:A2)", "-Operator"}
    for cell in hostile:
        assert (cell.data_type, cell.quotePrefix) == ("s", True), cell.coordinate
    (dated,) = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, datetime)]
    assert dated.number_format == "DD-MM-YYYY"
    html = report_html(_hostile_report())
    assert "<td>=1+2</td>" in html
    assert "05-01-2026" in html
    assert "-Rp600" in html
    assert 'href="http' not in html
    assert "&quot;http://evil.example&quot;" in html


def test_the_pdf_renders_with_the_network_unavailable(seeded, client, monkeypatch):
    import socket

    def no_socket(*args, **kwargs):
        raise AssertionError("the report opened a socket")

    client.force_login(seeded["users"]["operator.desa"])
    monkeypatch.setattr(socket, "socket", no_socket)
    monkeypatch.setattr(socket, "create_connection", no_socket)
    monkeypatch.setattr(socket, "getaddrinfo", no_socket)
    url = f"/laporan/desa/?programme={seeded['bogor'].pk}&village={VILLAGE}&year=2026&format=pdf"

    response = client.get(url)

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    html = report_html(_village(seeded))
    assert "size: A4 portrait" in html
    assert "DejaVu Sans" in html
    assert "counter(pages)" in html
    assert "url(" not in html
    assert "<link" not in html
