"""A :class:`~payung.reports.report.Report` laid out three ways (issue 14 item 2, ADR 0046): the
page (``reports/report_page.html``), the XLSX (through ``payung.files.writers``, the one safe
writer) and the PDF (``reports/report_pdf.html`` by WeasyPrint, Debian's fonts, no network —
the claim packet's :func:`~payung.claims.packet.pdf_of`, ADR 0040).

A renderer only lays out: every figure is the builder's. The cells read the same everywhere —
rupiah as ``Rp50.400.000``, counts as ``108.750``, a percent (percentage points: ``Decimal("95.5")``
is 95.5%) as ``95,5%``, a date as ``20-05-2026``, nothing as ``—`` — and in the XLSX they stay
numbers and dates with a number format, so a reader can add them up again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Final

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font

from payung.claims.packet import pdf_of
from payung.domain.money import format_count, format_rupiah
from payung.domain.period import day_text
from payung.files.writers import style_header, xlsx_bytes, xlsx_put, xlsx_workbook
from payung.reports.report import Cell, Kind, Report, Table

PAGE_TEMPLATE: Final = "reports/report_page.html"
PDF_TEMPLATE: Final = "reports/report_pdf.html"
XLSX_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE: Final = "application/pdf"

NUMERIC: Final[frozenset[Kind]] = frozenset({"count", "rupiah", "percent", "days"})
NUMBER_FORMATS: Final[dict[Kind, str]] = {
    "count": "#,##0",
    "rupiah": '"Rp"#,##0;-"Rp"#,##0',
    "percent": '0.0"%"',
    "days": "0",
}
NOTHING: Final = "—"
BOLD: Final = Font(bold=True)
TITLE_FONT: Final = Font(bold=True, size=14)
ITALIC: Final = Font(italic=True)


def cell_text(value: Cell, kind: Kind) -> str:
    """One cell as the page and the PDF show it."""
    if value is None:
        return NOTHING
    if kind == "rupiah" and isinstance(value, int | Decimal):
        return format_rupiah(int(value))
    if kind in ("count", "days") and isinstance(value, int | Decimal):
        return format_count(int(value))
    if kind == "percent" and isinstance(value, int | Decimal):
        return f"{Decimal(value):.1f}".replace(".", ",") + "%"
    if isinstance(value, date):
        return day_text(value)
    return str(value)


def read_at_text(moment: datetime) -> str:
    """``02-03-2026 14:05 WIB``: the local time the data was read, with its zone's name."""
    local = timezone.localtime(moment)
    return f"{day_text(local.date())} {local:%H:%M} {local.tzname() or ''}".strip()


@dataclass(frozen=True)
class ShownCell:
    text: str
    numeric: bool


@dataclass(frozen=True)
class ShownTable:
    title: str
    headers: tuple[ShownCell, ...]
    rows: tuple[tuple[ShownCell, ...], ...]
    total: tuple[ShownCell, ...] | None
    note: str


def _shown_row(table: Table, row: tuple[Cell, ...]) -> tuple[ShownCell, ...]:
    return tuple(
        ShownCell(cell_text(value, column.kind), column.kind in NUMERIC)
        for value, column in zip(row, table.columns, strict=True)
    )


def shown_table(table: Table) -> ShownTable:
    return ShownTable(
        title=table.title,
        headers=tuple(ShownCell(c.label, c.kind in NUMERIC) for c in table.columns),
        rows=tuple(_shown_row(table, row) for row in table.rows),
        total=_shown_row(table, table.total) if table.total is not None else None,
        note=table.note,
    )


def report_context(report: Report) -> dict[str, Any]:
    """What the page and the PDF templates show: the report with every cell in words."""
    return {
        "report": report,
        "read_at": _("Data read: %(when)s") % {"when": read_at_text(report.read_at)},
        "tables": [shown_table(t) for t in report.tables],
        "signature": report.signature,
        "signing_line": _signing_line(report),
    }


def _signing_line(report: Report) -> str:
    """``Parungpanjang, ....................`` — the place, the date left to write by hand."""
    place = report.signature.place
    return f"{place}, {'.' * 24}" if place else "." * 24


# --- PDF --------------------------------------------------------------------------------------


def report_html(report: Report) -> str:
    """The report as one self-contained A4 page of HTML (inline style, nothing to fetch)."""
    return render_to_string(PDF_TEMPLATE, report_context(report))


def report_pdf(report: Report) -> bytes:
    """The report as PDF: A4 portrait, DejaVu Sans, page numbers, no network."""
    return pdf_of(report_html(report))


# --- XLSX -------------------------------------------------------------------------------------


class _Sheet:
    """A cursor down one worksheet: each call writes a row and moves on."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.row = 1
        self.widths: dict[int, int] = {}

    def put(self, column: int, value: object, *, font: Font | None = None) -> Any:
        cell = self.sheet.cell(row=self.row, column=column)
        xlsx_put(cell, value)
        if font is not None:
            cell.font = font
        return cell

    def line(self, text: str, *, font: Font | None = None) -> None:
        self.put(1, text, font=font)
        self.row += 1

    def skip(self, rows: int = 1) -> None:
        self.row += rows

    def measure(self, column: int, text: str) -> None:
        self.widths[column] = max(self.widths.get(column, 0), len(text))


def _table_rows(out: _Sheet, table: Table) -> None:
    out.line(table.title, font=BOLD)
    for n, column in enumerate(table.columns, 1):
        cell = out.put(n, column.label)
        style_header(cell)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        out.measure(n, column.label[:24])
    out.skip()
    lines = [(row, None) for row in table.rows]
    if table.total is not None:
        lines.append((table.total, BOLD))
    for row, font in lines:
        for n, (value, column) in enumerate(zip(row, table.columns, strict=True), 1):
            cell = out.put(n, value, font=font)
            if column.kind in NUMBER_FORMATS and isinstance(value, int | Decimal):
                cell.number_format = NUMBER_FORMATS[column.kind]
            out.measure(n, cell_text(value, column.kind))
        out.skip()
    if table.note:
        out.line(table.note, font=ITALIC)
    out.skip()


def _signature_rows(out: _Sheet, report: Report, right: int) -> None:
    signature = report.signature
    out.put(right, _signing_line(report))
    out.skip()
    out.put(1, _("Acknowledged by,"))
    out.put(right, _("Made by,"))
    out.skip()
    out.put(1, signature.acknowledged_by_title)
    out.put(right, signature.made_by_title)
    out.skip(5)  # room for the signatures and the stamp
    blank = "(" + "." * 30 + ")"
    out.put(1, blank)
    out.put(right, f"({signature.made_by_name})" if signature.made_by_name else blank)
    out.skip()


def report_xlsx(report: Report) -> bytes:
    """The report on one sheet: the header block, each table (bold header and total line, rupiah
    and counts with number formats), the notes, the signature block."""
    book = xlsx_workbook()
    out = _Sheet(book.active)
    out.sheet.title = _("Report sheet")[:31]
    out.line(report.title, font=TITLE_FONT)
    if report.programme_name:
        out.line(report.programme_name, font=BOLD)
    out.line(report.region_name)
    out.line(_("Period: %(period)s") % {"period": report.period})
    out.line(_("Data read: %(when)s") % {"when": read_at_text(report.read_at)})
    out.skip()
    for table in report.tables:
        _table_rows(out, table)
    if report.notes:
        out.line(_("Notes"), font=BOLD)
        for note in report.notes:
            out.line(note)
        out.skip()
    widest = max((len(t.columns) for t in report.tables), default=1)
    _signature_rows(out, report, max(widest - 1, 3))
    for column, width in out.widths.items():
        letter = out.sheet.cell(row=1, column=column).column_letter
        out.sheet.column_dimensions[letter].width = min(max(width + 2, 10), 48)
    out.sheet.page_setup.paperSize = out.sheet.PAPERSIZE_A4
    out.sheet.page_setup.fitToWidth = 1
    return xlsx_bytes(book)


def file_name(*, word: str, key: str, year: int, suffix: str) -> str:
    """``laporan-desa-3201202006-2026.xlsx``: the report's word, a region code without dots or
    the programme's number (never a person), the year."""
    return f"laporan-{word}-{key.replace('.', '')}-{year}.{suffix}"


__all__ = [
    "PDF_TYPE",
    "XLSX_TYPE",
    "cell_text",
    "file_name",
    "read_at_text",
    "report_context",
    "report_html",
    "report_pdf",
    "report_xlsx",
]
