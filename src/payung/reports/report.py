"""The shape every report shares (issue 14 item 2, ADR 0046): what a report builder returns and
what the page, the XLSX and the PDF renderers read. Plain data, no Django: a builder reads
through selectors, a renderer only lays out.

A report has a title, the region and period it covers, the moment its data was read, one or
more tables (each with its columns' kinds, its rows and an optional total line), notes, and the
signature block a regency or village signs (dibuat oleh / mengetahui).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

# What a column holds decides how it is written: a count and rupiah right-aligned with
# thousands separators (Rp on the page and the PDF, a number format in the XLSX), a date as
# DD-MM-YYYY, a percent with one decimal, days as a whole number, text as it is.
Kind = Literal["text", "count", "rupiah", "percent", "date", "days"]
Cell = str | int | Decimal | date | None


@dataclass(frozen=True)
class Column:
    label: str  # already translated
    kind: Kind = "text"


@dataclass(frozen=True)
class Table:
    title: str  # already translated
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None  # the "Jumlah" line, same width as a row
    note: str = ""  # shown under the table (e.g. what a figure counts)

    def __post_init__(self) -> None:
        width = len(self.columns)
        for row in (*self.rows, *((self.total,) if self.total is not None else ())):
            if len(row) != width:
                raise ValueError(f"a row of {len(row)} cells in a table of {width} columns")


@dataclass(frozen=True)
class Signature:
    """The block at the end: who made the report and who acknowledges it, with the place and
    date of signing left to fill in by hand where the names are not known."""

    made_by_title: str  # e.g. "Operator Desa Sukamaju"
    made_by_name: str  # the signed-in user's full name, or "" for a blank line
    acknowledged_by_title: str  # e.g. "Kepala Desa Sukamaju", "Kepala Dinas Tenaga Kerja"
    place: str = ""  # the village or regency name, written before the date


@dataclass(frozen=True)
class Report:
    kind: str  # the report's key, e.g. "village"; used in file names, never shown
    title: str
    region_name: str  # "Desa Sukamaju, Kecamatan Cibungbulang, Kabupaten Bogor"
    period: str  # in words: "Januari–Desember 2026"
    read_at: datetime  # when the data was read (aware)
    tables: tuple[Table, ...]
    signature: Signature
    notes: tuple[str, ...] = field(default=())
    programme_name: str = ""
