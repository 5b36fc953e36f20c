"""How a report's cells read on the page and in the PDF (ADR 0046): one formatting for both."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from payung.reports.render import cell_text, file_name, read_at_text


def test_cells_read_as_indonesian_figures():
    assert cell_text(50_400_000, "rupiah") == "Rp50.400.000"
    assert cell_text(-24_840_000, "rupiah") == "-Rp24.840.000"
    assert cell_text(0, "rupiah") == "Rp0"
    assert cell_text(108_750, "count") == "108.750"
    assert cell_text(12, "days") == "12"
    assert cell_text(Decimal("95.5"), "percent") == "95,5%"
    assert cell_text(Decimal("0.2"), "percent") == "0,2%"
    assert cell_text(date(2026, 5, 20), "date") == "20-05-2026"
    assert cell_text(None, "rupiah") == "—"
    assert cell_text(None, "text") == "—"
    assert cell_text("Januari 2026", "text") == "Januari 2026"


def test_the_read_time_is_jakartas_with_its_zone(settings):
    settings.TIME_ZONE = "Asia/Jakarta"
    assert read_at_text(datetime(2026, 3, 2, 7, 5, tzinfo=UTC)) == "02-03-2026 14:05 WIB"
    assert read_at_text(datetime(2026, 12, 31, 18, 0, tzinfo=UTC)) == "01-01-2027 01:00 WIB"


def test_file_names_hold_a_code_and_a_year_never_a_person():
    assert (
        file_name(word="desa", key="32.01.20.2006", year=2026, suffix="xlsx")
        == "laporan-desa-3201202006-2026.xlsx"
    )
    name = file_name(word="program", key="7", year=2026, suffix="pdf")
    assert name == "laporan-program-7-2026.pdf"
