"""Read an uploaded spreadsheet (XLSX, XLS, ODS or CSV) safely into a table of typed cell values.

An upload is untrusted: it may be a renamed PDF, an Excel 95 file, a password-protected workbook,
a zip bomb, or a sheet whose last used row is a million rows down. Everything here is decided by the
file's bytes, never its name, and every limit is checked before the expensive step it protects:
the size before reading, the zip central directory before anything is decompressed, the sheet's
extent before python-calamine builds its in-memory grid, the row count while streaming. Problems
are reported as :class:`DomainError` with a stable ``file.*`` code and a message a village
operator can act on.

Cells keep the type the file gave them (``str``, ``int``, ``float``, ``date``/``datetime``,
``bool``, ``None``) so the caller can tell a NIK typed as text from one Excel turned into a number.
Formulas are never evaluated: a formula cell comes back as :class:`Formula` and the importer
refuses the row. This module does not know where the header is; it returns every non-empty row
with its row number in the original file.

A workbook is read by python-calamine (Rust, several times faster than openpyxl) when a
streaming pre-scan of the sheet's XML shows that calamine will build a bounded grid and give
exactly the values openpyxl would: the plain shape spreadsheet programs write. Anything else
(formulas, error cells, a cell a million rows down, unusual XML) is read by openpyxl in
streaming mode, as it always was. ADR 0015 gives the reasons.

The civil registry's SIAK exports ``.xls`` (BIFF8) and LibreOffice saves ``.ods``; both are read by
python-calamine too, after the same size, zip and extent checks: a BIFF8 workbook's records are
scanned for encryption and for every sheet's extent before calamine builds its grids, an ODS
file's zip is checked like an XLSX's and its rows are bounded (ADR 0029).
"""

from __future__ import annotations

import codecs
import csv
import functools
import hashlib
import io
import itertools
import math
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, Final
from xml.etree.ElementTree import Element, ParseError

from defusedxml.ElementTree import fromstring as parse_xml
from openpyxl import load_workbook
from openpyxl.styles.stylesheet import Stylesheet
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import PKG_REL_NS, REL_NS, SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.constants import XLSM as XLSM_TYPE
from openpyxl.xml.constants import XLSX as XLSX_TYPE
from openpyxl.xml.constants import XLTM as XLTM_TYPE
from openpyxl.xml.constants import XLTX as XLTX_TYPE
from python_calamine import (
    CalamineError,
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from payung.domain.errors import DomainError, Issue, register, warning

MIB: Final = 1024 * 1024
RowItem = tuple[int, list[object]]  # a row's number in the sheet, and its values

EMPTY: Final = register(
    "file.empty",
    id="Berkas yang diunggah kosong (0 byte). Pilih berkas yang berisi data, lalu unggah lagi.",
    en="The uploaded file is empty (0 bytes). Choose the file holding the data and upload again.",
)
TOO_LARGE: Final = register(
    "file.too_large",
    id=(
        "Berkas terlalu besar ({size_mb} MB); batasnya {limit_mb} MB. Bagi data menjadi beberapa "
        "berkas, lalu unggah satu per satu."
    ),
    en=(
        "The file is too large ({size_mb} MB); the limit is {limit_mb} MB. Split the data into "
        "several files and upload them one by one."
    ),
)
NOT_SPREADSHEET: Final = register(
    "file.not_spreadsheet",
    id=(
        "Berkas ini bukan lembar kerja Excel atau CSV (jenis berkas: {kind}). Buka data di Excel, "
        "simpan sebagai Excel Workbook (.xlsx), lalu unggah lagi."
    ),
    en=(
        "This file is not an Excel or CSV spreadsheet (file type: {kind}). Open the data in "
        "Excel, save it as an Excel Workbook (.xlsx) and upload it again."
    ),
)
PASSWORD_PROTECTED: Final = register(
    "file.password_protected",
    id=(
        "Berkas dilindungi kata sandi. Buka di Excel, hapus kata sandinya, simpan ulang, lalu "
        "unggah lagi."
    ),
    en=(
        "The file is protected by a password. Open it in Excel, remove the password, save it "
        "again and upload it."
    ),
)
LEGACY_XLS: Final = register(
    "file.legacy_xls",
    id=(
        "Berkas ini berformat Excel 95 atau lebih lama. Buka di Excel, pilih Simpan Sebagai lalu "
        "Excel Workbook (.xlsx), kemudian unggah berkas .xlsx tersebut."
    ),
    en=(
        "This is an Excel 95 (or older) file. Open it in Excel, choose Save As, then Excel "
        "Workbook (.xlsx), and upload the .xlsx file."
    ),
)
SHEET_EXTENT: Final = register(
    "file.sheet_extent",
    id=(
        'Lembar "{sheet}" berisi sel yang jauh dari tabel (sampai baris {row}, kolom {column}). '
        "Hapus baris dan kolom di bawah dan di kanan tabel, simpan ulang, lalu unggah lagi."
    ),
    en=(
        'The sheet "{sheet}" has cells far away from the table (down to row {row}, column '
        "{column}). Delete the rows and columns below and to the right of the table, save again "
        "and upload it."
    ),
)
ZIP_BOMB: Final = register(
    "file.zip_bomb",
    id=(
        "Isi berkas ini tidak wajar: setelah dibuka, ukurannya jauh melebihi lembar kerja biasa, "
        "sehingga demi keamanan berkas tidak dibaca. Salin datanya ke buku kerja Excel baru, "
        "simpan sebagai .xlsx, lalu unggah lagi."
    ),
    en=(
        "The content of this file is abnormal: unpacked, it is far larger than any normal "
        "spreadsheet, so it was not read, for safety. Copy the data into a new Excel workbook, "
        "save it as .xlsx and upload it again."
    ),
)
CORRUPT: Final = register(
    "file.corrupt",
    id=(
        "Berkas rusak atau tidak dapat dibaca ({detail}). Coba buka di Excel; jika bisa dibuka, "
        "simpan ulang sebagai .xlsx lalu unggah lagi."
    ),
    en=(
        "The file is damaged or cannot be read ({detail}). Try opening it in Excel; if it opens, "
        "save it again as .xlsx and upload it."
    ),
)
TOO_MANY_ROWS: Final = register(
    "file.too_many_rows",
    id=(
        "Berkas berisi lebih dari {limit} baris data. Bagi data menjadi beberapa berkas yang "
        "masing-masing paling banyak {limit} baris, lalu unggah satu per satu."
    ),
    en=(
        "The file holds more than {limit} data rows. Split it into files of at most {limit} rows "
        "each and upload them one by one."
    ),
)
TOO_MANY_COLUMNS: Final = register(
    "file.too_many_columns",
    id=(
        "Baris {row} berisi lebih dari {limit} kolom. Hapus isi kolom tambahan di sebelah kanan "
        "tabel, lalu unggah lagi."
    ),
    en=(
        "Row {row} has more than {limit} columns. Clear the extra columns to the right of the "
        "table and upload again."
    ),
)
CELL_TOO_LONG: Final = register(
    "file.cell_too_long",
    id=(
        "Baris {row} berisi sel yang lebih panjang dari {limit} karakter, melebihi yang dapat "
        "dimuat sel Excel. Periksa isi baris tersebut."
    ),
    en=(
        "Row {row} has a cell longer than {limit} characters, more than an Excel cell can hold. "
        "Check the content of that row."
    ),
)
ENCODING_UNKNOWN: Final = register(
    "file.encoding_unknown",
    id=(
        "Huruf dalam berkas CSV ini tidak dapat dibaca. Buka di Excel, simpan sebagai "
        '"CSV UTF-8 (Comma delimited)", lalu unggah lagi.'
    ),
    en=(
        "The characters in this CSV file cannot be read. Open it in Excel, save it as "
        '"CSV UTF-8 (Comma delimited)" and upload it again.'
    ),
)
NO_DATA: Final = register(
    "file.no_data",
    id=(
        "Tidak ada data dalam berkas: semua baris kosong. Periksa apakah data ada di lembar "
        "yang benar, lalu unggah lagi."
    ),
    en=(
        "The file holds no data: every row is empty. Check that the data is on the right sheet "
        "and upload again."
    ),
)
SHEET_MISSING: Final = register(
    "file.sheet_missing",
    id='Lembar "{sheet}" tidak ada dalam berkas. Periksa nama lembarnya, lalu unggah lagi.',
    en='The workbook has no sheet named "{sheet}". Check the sheet name and upload again.',
)
TRAILING_EMPTY_ROWS_IGNORED: Final = register(
    "file.trailing_empty_rows_ignored",
    id=(
        "Pembacaan berhenti setelah {count} baris kosong berturut-turut di bawah baris {row}. "
        "Jika masih ada data di bawahnya, hapus baris-baris kosong itu lalu unggah lagi."
    ),
    en=(
        "Reading stopped after {count} empty rows in a row below row {row}. If there is more "
        "data further down, delete the empty rows and upload again."
    ),
)
OTHER_SHEETS_IGNORED: Final = register(
    "file.other_sheets_ignored",
    id='Hanya lembar "{sheet}" yang dibaca; lembar lain diabaikan: {sheets}.',
    en='Only the sheet "{sheet}" was read; these other sheets were ignored: {sheets}.',
)

XLSX: Final = "xlsx"
XLS: Final = "xls"
ODS: Final = "ods"
CSV: Final = "csv"
CFB: Final = "cfb"  # an OLE2 container: a legacy .xls or an encrypted OOXML; resolved by read_table

# Enough for the text test and the delimiter sniffing; a CFB directory of a small file fits too.
HEAD_BYTES: Final = 64 * 1024
INSTRUCTION_SHEETS: Final = frozenset({"petunjuk", "instructions"})
DATA_SHEET: Final = "data"
DELIMITERS: Final = (",", ";", "\t")
SNIFF_RECORDS: Final = 50
# A member smaller than this cannot be a bomb whatever its ratio; tiny XML parts (an empty
# sheet, shared strings of a few repeated words) legitimately compress more than 100 times.
RATIO_MIN_BYTES: Final = MIB
# A workbook has tens of parts; a central directory of a million tiny entries costs hundreds of
# megabytes in zipfile's bookkeeping alone, so it is refused before zipfile reads it.
MAX_ZIP_MEMBERS: Final = 10_000

_MAGIC: Final = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x7fELF", "ELF"),
    (b"\x1f\x8b", "GZIP"),
    (b"7z\xbc\xaf\x27\x1c", "7Z"),
    (b"Rar!\x1a\x07", "RAR"),
)
_ZIP_MAGIC: Final = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_CFB_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UTF16_BOMS: Final = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class Limits:
    """Bounds on what an upload may cost. ``max_rows`` counts non-empty rows after the first."""

    max_bytes: int = 50 * MIB
    max_uncompressed_bytes: int = 300 * MIB
    max_compression_ratio: int = 100
    max_rows: int = 200_000
    max_columns: int = 200
    max_empty_run: int = 1_000
    max_cell_chars: int = 32_767


DEFAULT_LIMITS: Final = Limits()


@dataclass(frozen=True)
class Formula:
    """A cell holding a formula, kept as its text (``"=A1+B1"``) and never evaluated."""

    text: str


@dataclass(frozen=True)
class Table:
    """The non-empty rows of one sheet or CSV file, with their row numbers in the original."""

    format: str
    sheet: str | None
    rows: list[list[object]]
    row_numbers: list[int]
    encoding: str | None
    delimiter: str | None
    notes: tuple[Issue, ...]


def sha256_of(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def detect_format(head: bytes) -> str:
    """Classify a file by its first bytes: ``"xlsx"``, ``"csv"`` or ``"cfb"`` (an OLE2 container).

    A ZIP is only an *xlsx candidate* and a CFB could be a legacy .xls or an encrypted workbook:
    both need the whole file to decide, which :func:`read_table` does. Anything recognisably not
    a spreadsheet raises ``file.not_spreadsheet``.
    """
    if not head:
        raise DomainError(EMPTY)
    if head.startswith(_ZIP_MAGIC):
        return XLSX
    if head.startswith(_CFB_MAGIC):
        return CFB
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise DomainError(NOT_SPREADSHEET, kind=kind)
    if head.startswith(b"MZ") and b"\x00" in head[:64]:
        raise DomainError(NOT_SPREADSHEET, kind="EXE")
    if head.startswith(_UTF16_BOMS):
        # Excel's "Unicode Text" export: a spreadsheet, but not in an encoding read here.
        raise DomainError(ENCODING_UNKNOWN)
    if b"\x00" in head or _text_encoding(head, final=False) is None:
        raise DomainError(NOT_SPREADSHEET, kind="BIN")
    start = head.removeprefix(codecs.BOM_UTF8).lstrip()[:64].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table")):
        # Many web applications "export to Excel" as an HTML page named .xls.
        raise DomainError(NOT_SPREADSHEET, kind="HTML")
    if start.startswith(b"<?xml"):
        raise DomainError(NOT_SPREADSHEET, kind="XML")
    return CSV


def read_table(path: Path, *, limits: Limits = DEFAULT_LIMITS, sheet: str | None = None) -> Table:
    """Read the data rows of ``path`` (XLSX, XLS, ODS or CSV, decided by content) or raise
    ``file.*``."""
    size = path.stat().st_size
    if size == 0:
        raise DomainError(EMPTY)
    if size > limits.max_bytes:
        raise DomainError(
            TOO_LARGE, size_mb=math.ceil(size / MIB), limit_mb=limits.max_bytes // MIB
        )
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
        kind = detect_format(head)
        if kind == CFB:
            workbook_stream = _classify_cfb(fh, size)
            return _read_xls(path, workbook_stream, limits=limits, sheet=sheet)
    if kind == XLSX and _check_zip(path, limits) == ODS:
        return _read_calamine(path, ODS, limits=limits, sheet=sheet)
    if kind == XLSX:
        return _read_xlsx(path, limits=limits, sheet=sheet)
    return _read_csv(path, limits=limits)


# --- rows -----------------------------------------------------------------------------------


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Collector:
    """Keeps non-empty rows, enforces the row, column and cell limits, stops at a long empty run."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.rows: list[list[object]] = []
        self.row_numbers: list[int] = []
        self.empty_run = 0
        self.stopped = False

    def add(self, number: int, values: Iterable[object]) -> bool:
        """Take one row; return ``False`` when reading should stop."""
        row = list(values)
        while row and _is_empty(row[-1]):
            row.pop()
        if not row:
            self.empty_run += 1
            if self.empty_run >= self.limits.max_empty_run:
                self.stopped = True
                return False
            return True
        self.empty_run = 0
        if len(row) > self.limits.max_columns:
            raise DomainError(TOO_MANY_COLUMNS, row=number, limit=self.limits.max_columns)
        for value in row:
            text = value.text if isinstance(value, Formula) else value
            if isinstance(text, str) and len(text) > self.limits.max_cell_chars:
                raise DomainError(CELL_TOO_LONG, row=number, limit=self.limits.max_cell_chars)
        # The first non-empty row is the header (or a title); only the rows after it count.
        if len(self.rows) > self.limits.max_rows:
            raise DomainError(TOO_MANY_ROWS, limit=self.limits.max_rows)
        self.rows.append(row)
        self.row_numbers.append(number)
        return True

    def notes(self) -> list[Issue]:
        if not self.rows:
            raise DomainError(NO_DATA)
        if self.stopped:
            return [
                warning(
                    TRAILING_EMPTY_ROWS_IGNORED,
                    count=self.limits.max_empty_run,
                    row=self.row_numbers[-1],
                )
            ]
        return []


# --- XLSX -----------------------------------------------------------------------------------

# What openpyxl and the XML and zip layers under it raise for a malformed workbook. Anything
# else is a bug here and must fail loudly rather than be reported as a damaged file.
_XLSX_FAILURES: Final = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    InvalidFileException,
    ParseError,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    EOFError,
    OSError,
)


def _corrupt(error: BaseException) -> DomainError:
    detail = f"{type(error).__name__}: {error}".strip().rstrip(":")
    return DomainError(CORRUPT, detail=detail[:120])


def _check_zip(path: Path, limits: Limits) -> str:
    """Refuse a zip bomb or a zip that is not a workbook, from the central directory alone.

    Returns ``"xlsx"`` or ``"ods"`` (an OpenDocument spreadsheet with its content part)."""
    with path.open("rb") as fh:
        members = _zip_member_count(fh)
    if members is not None and members > MAX_ZIP_MEMBERS:
        raise DomainError(ZIP_BOMB)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            total = 0
            for info in infos:
                if info.flag_bits & 0x1:
                    # A zip-level password (7-Zip, WinRAR) rather than Excel's own encryption.
                    raise DomainError(PASSWORD_PROTECTED)
                if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    raise DomainError(CORRUPT, detail=f"compression method {info.compress_type}")
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size >= RATIO_MIN_BYTES and ratio > limits.max_compression_ratio:
                    raise DomainError(ZIP_BOMB)
            if total > limits.max_uncompressed_bytes:
                raise DomainError(ZIP_BOMB)
            names = {info.filename for info in infos}
            if {"[Content_Types].xml", "xl/workbook.xml"} <= names:
                return XLSX
            kind = _zip_kind(archive, names)
            if kind == "ODS" and "content.xml" in names:
                return ODS
            raise DomainError(NOT_SPREADSHEET, kind=kind)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as error:
        # OSError: a central directory pointing outside the file makes zipfile seek there.
        raise _corrupt(error) from error


def _zip_member_count(fh: IO[bytes]) -> int | None:
    """Entries declared by the end-of-central-directory record (ZIP64 aware), if it is found."""
    fh.seek(0, io.SEEK_END)
    size = fh.tell()
    tail_size = min(size, 22 + 65_535)
    fh.seek(size - tail_size)
    tail = fh.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    (entries,) = struct.unpack_from("<H", tail, at + 10)
    if entries != 0xFFFF:
        return int(entries)
    locator = at - 20
    if locator < 0 or tail[locator : locator + 4] != b"PK\x06\x07":
        return None
    (offset,) = struct.unpack_from("<Q", tail, locator + 8)
    fh.seek(offset)
    record = fh.read(56)
    if len(record) < 40 or not record.startswith(b"PK\x06\x06"):
        return None
    (entries64,) = struct.unpack_from("<Q", record, 32)
    return int(entries64)


def _zip_kind(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "xl/workbook.bin" in names:
        return "XLSB"
    if "word/document.xml" in names:
        return "DOCX"
    if "ppt/presentation.xml" in names:
        return "PPTX"
    if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
        mimetype = archive.read("mimetype")
        if mimetype.endswith(b".spreadsheet"):
            return "ODS"
        return "ODF"
    return "ZIP"


def _choose_sheet(workbook: Any, sheet: str | None) -> tuple[Any, list[Issue]]:
    worksheets = list(workbook.worksheets)
    if sheet is not None:
        for candidate in worksheets:
            if candidate.title == sheet:
                return candidate, []
        raise DomainError(SHEET_MISSING, sheet=sheet)
    if not worksheets:
        raise DomainError(NO_DATA)
    chosen = worksheets[0]
    skipped_on_purpose = set()
    if chosen.title.strip().lower() in INSTRUCTION_SHEETS:
        data = [ws for ws in worksheets if ws.title.strip().lower() == DATA_SHEET]
        if data:
            skipped_on_purpose.add(chosen.title)
            chosen = data[0]
    # Hidden sheets (our template's lists) and the instructions are not data anyone expects read.
    others = [
        ws.title
        for ws in worksheets
        if ws is not chosen and ws.title not in skipped_on_purpose and ws.sheet_state == "visible"
    ]
    notes = [warning(OTHER_SHEETS_IGNORED, sheet=chosen.title, sheets=", ".join(others))]
    return chosen, notes if others else []


def _xlsx_value(value: object) -> object:
    if isinstance(value, str):
        if value.startswith("="):
            # With values_only a formula arrives as its text; a text cell starting with "=" looks
            # the same and is reported too, which is what an importer wants of such a value.
            return Formula(value)
        return value or None
    if value is None or isinstance(value, int | float | date | time):
        if isinstance(value, datetime) and value.time() == time(0) and value.tzinfo is None:
            # Excel has no date type: a birth date is a datetime at midnight.
            return value.date()
        return value
    text = getattr(value, "text", None)  # ArrayFormula
    if isinstance(text, str):
        return Formula(text)
    if type(value).__name__ == "DataTableFormula":
        return Formula(f"=TABLE({getattr(value, 'r1', '')},{getattr(value, 'r2', '')})")
    return value


def _read_xlsx(path: Path, *, limits: Limits, sheet: str | None) -> Table:
    table = _read_xlsx_calamine(path, limits=limits, sheet=sheet)
    if table is None:
        table = _read_xlsx_openpyxl(path, limits=limits, sheet=sheet)
    return table


def _read_xlsx_openpyxl(path: Path, *, limits: Limits, sheet: str | None) -> Table:
    """Stream the sheet with openpyxl: slower, but it reads any workbook, limits and all."""
    with path.open("rb") as fh:
        # A file object, not the path: openpyxl would otherwise judge the file by its extension.
        try:
            workbook = load_workbook(fh, read_only=True, data_only=False, keep_links=False)
        except _XLSX_FAILURES as error:
            if isinstance(error, DomainError):
                raise
            raise _corrupt(error) from error
        try:
            worksheet, notes = _choose_sheet(workbook, sheet)
            collector = _in_sheet_order(limits, _openpyxl_rows(workbook, worksheet))
            title = worksheet.title
        except DomainError:
            raise
        except _XLSX_FAILURES as error:
            raise _corrupt(error) from error
        finally:
            workbook.close()
    notes.extend(collector.notes())
    return Table(
        format=XLSX,
        sheet=title,
        rows=collector.rows,
        row_numbers=collector.row_numbers,
        encoding=None,
        delimiter=None,
        notes=tuple(notes),
    )


def _openpyxl_rows(workbook: Any, worksheet: Any) -> Iterator[RowItem]:
    """Each <row> element of the sheet as (its row number, its values), in the file's order.

    openpyxl's own row iterator assumes the rows are stored in ascending order, as spreadsheet
    programs write them, and silently drops a row stored after a higher one; its parser gives
    every row with its number (``r``, or the previous row's plus one), which is what is needed.
    The <dimension> element is not consulted: it may be wrong in either direction. The parser
    is given what openpyxl's own iterator gives it (its read-only worksheet's parts); the reader
    tests compare the result with calamine's on every shape.
    """
    with worksheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            worksheet._shared_strings,
            data_only=workbook.data_only,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for number, cells in parser.parse():
            values: list[object] = [None] * max((cell["column"] for cell in cells), default=0)
            for cell in cells:
                values[cell["column"] - 1] = _xlsx_value(cell["value"])
            yield number, values


def _feed(collector: _Collector, rows: Iterable[RowItem]) -> RowItem | None:
    """Give ``collector`` the ascending ``rows`` and the empty rows between them; return the
    first row stored after a higher one, or None once every row is taken or reading stopped."""
    expected = 1
    for number, values in rows:
        if number < expected:
            return number, values
        for empty in range(expected, number):
            if not collector.add(empty, ()):
                return None
        if not collector.add(number, values):
            return None
        expected = number + 1
    return None


def _in_sheet_order(limits: Limits, rows: Iterable[RowItem]) -> _Collector:
    """Collect ``rows`` ((number, values) in the file's order) in sheet order, gaps and all.

    While the numbers ascend the rows are streamed, so a long run of empty rows still stops
    the reading early. From the first row stored after a higher one (software other than a
    spreadsheet program may write them so), the rest is read whole and the rows are collected
    again in order; a row number stored twice keeps the cells of both, the later winning.
    """
    stored = iter(rows)
    collector = _Collector(limits)
    late = _feed(collector, stored)
    if late is None:
        return collector
    grid = dict(zip(collector.row_numbers, collector.rows, strict=True))
    for number, values in itertools.chain([late], stored):
        if number < 1:
            raise DomainError(CORRUPT, detail=f"row number {number}")
        if all(map(_is_empty, values)):
            continue
        if len(values) > limits.max_columns:
            raise DomainError(TOO_MANY_COLUMNS, row=number, limit=limits.max_columns)
        row = grid.setdefault(number, [])
        row.extend([None] * (len(values) - len(row)))
        for at, value in enumerate(values):
            if not _is_empty(value):
                row[at] = value
        if len(grid) > limits.max_rows + 1:
            raise DomainError(TOO_MANY_ROWS, limit=limits.max_rows)
    collector = _Collector(limits)
    _feed(collector, sorted(grid.items()))
    return collector


# --- XLSX through python-calamine -----------------------------------------------------------
#
# calamine reads a sheet into a dense grid from its first to its last cell, so one cell at
# XFD1048576 costs gigabytes; and where a file leaves room for interpretation it does not always
# decide as openpyxl does (error cells become "", untrimmed text is trimmed, "_x000D_" is
# unescaped, dates at the edges of their range differ). So before calamine sees a workbook,
# its parts are checked to be in the plain shape spreadsheet programs write, in which both
# readers agree cell for cell; a workbook that is not is left to openpyxl, never refused here.
# The checks work on the bytes with regular expressions anchored on literal tags, because a
# Python-level XML parser would cost as much as openpyxl itself.

_MAIN_NS_BYTES: Final = SHEET_MAIN_NS.encode()
_STRINGS_PART: Final = "xl/sharedStrings.xml"
_WORKSHEET_REL: Final = f"{REL_NS}/worksheet"
_WORKBOOK_CONTENT_TYPES: Final = (XLTM_TYPE, XLTX_TYPE, XLSM_TYPE, XLSX_TYPE)  # openpyxl's order
_SCAN_CHUNK: Final = MIB
# A row (or shared string) is scanned whole; one this large is not a worker list.
_MAX_PENDING: Final = 16 * MIB
# calamine's grid costs about 32 bytes a cell, empty or not. A grid larger than this and more
# than _DENSE_FACTOR times the cells really written is a sparse sheet: openpyxl streams it.
_DENSE_FLOOR: Final = 2_000_000
_DENSE_FACTOR: Final = 8
_XML_WHITESPACE: Final = b" \t\r\n"
_PROLOG_BYTES: Final = 64 * 1024  # the root's start tag, namespaces and all, lies within
# How a number in a cell style comes out of a reader.
_NUMBER: Final = "number"
_DATE: Final = "date"  # a date, datetime or time
_DURATION: Final = "duration"
_MIDNIGHT: Final = time(0)
_MS_PER_DAY: Final = 86_400_000

_PROLOG: Final = re.compile(
    rb"(?:\xef\xbb\xbf)?(?P<decl><\?xml\s[^>]*\?>)?\s*"
    rb"<(?:(?P<prefix>[A-Za-z_][\w.-]*):)?(?P<root>worksheet|sst)(?P<attrs>(?:\s[^>]*)?)>"
)
_ENCODING: Final = re.compile(rb"""\sencoding\s*=\s*["']([^"']*)["']""")
_XF_TAG: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?xf[\s/>]")
_ESCAPE: Final = re.compile(rb"_x[0-9A-Fa-f]{4}_")  # calamine decodes it, openpyxl does not
_STRAY_ROW: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_FRACTIONAL_DATE: Final = re.compile(rb"\d{1,6}\.\d+")
_TAG_END: Final = re.compile(rb"\s*(/?)>")


@dataclass(frozen=True)
class _Worksheet:
    """A worksheet as openpyxl would list it, with the zip member holding its XML."""

    title: str
    sheet_state: str
    part: str


@dataclass(frozen=True)
class _Worksheets:
    """The shape of an openpyxl workbook that :func:`_choose_sheet` reads."""

    worksheets: list[_Worksheet]


@dataclass(frozen=True)
class _Styles:
    """Cell styles (indexes into cellXfs) whose numbers need a closer look."""

    dates: frozenset[int]  # both readers turn the number into a date or time
    refused: frozenset[int]  # the readers would give different values


@dataclass(frozen=True)
class _Extent:
    """What the pre-scan learnt of the sheet; calamine's grid must fit inside it."""

    last_row: int  # openpyxl reads on to the last <row>, even an empty one
    max_column: int


def _read_xlsx_calamine(path: Path, *, limits: Limits, sheet: str | None) -> Table | None:
    """Read the workbook with python-calamine, or return None to leave it to openpyxl."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = frozenset(archive.namelist())
            workbook = _plain_worksheets(archive, names)
            if workbook is None:
                return None
            chosen, notes = _choose_sheet(workbook, sheet)
            styles = _plain_styles(archive, names)
            if styles is None:
                return None
            extent = _scan_worksheet(archive, chosen.part, limits=limits, styles=styles)
            if extent is None:
                return None
            if _STRINGS_PART in names and not _plain_shared_strings(archive):
                return None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        return None  # openpyxl meets the same damage and reports it as it always has

    worksheet = _load_calamine_sheet(path, chosen.title)
    if worksheet is None:
        return None
    start, end = worksheet.start, worksheet.end
    if end is not None and (end[0] >= extent.last_row or end[1] >= extent.max_column):
        return None  # calamine saw more than the pre-scan did: openpyxl reads it instead

    collector = _Collector(limits)
    number = 0
    padding = [None] * (start[1] if start else 0)  # calamine's rows begin at the first column
    for number, values in enumerate(worksheet.iter_rows(), start=1):
        if not collector.add(number, _calamine_row(values, padding)):
            break
    else:
        # openpyxl goes on to the last <row> element, even an empty one (a row of formatted
        # cells), and so may reach the run of empty rows that stops reading, with its note.
        for empty in range(number + 1, extent.last_row + 1):
            if not collector.add(empty, ()):
                break
    notes.extend(collector.notes())
    return Table(
        format=XLSX,
        sheet=chosen.title,
        rows=collector.rows,
        row_numbers=collector.row_numbers,
        encoding=None,
        delimiter=None,
        notes=tuple(notes),
    )


def _load_calamine_sheet(path: Path, title: str) -> CalamineSheet | None:
    """Where calamine builds its grid: only ever called once the pre-scan has bounded it."""
    # From a file object, not the path: calamine would otherwise judge the file by its name.
    with path.open("rb") as fh:
        try:
            with CalamineWorkbook.from_filelike(fh) as workbook:
                return workbook.get_sheet_by_name(title)
        except CalamineError:
            return None  # damage calamine notices; openpyxl decides whether it is corrupt


def _calamine_row(values: list[Any], padding: list[None]) -> list[object]:
    """One calamine row as openpyxl would have given it to :func:`_xlsx_value`."""
    row: list[object] = list(padding)
    append = row.append
    for value in values:
        kind = type(value)
        if kind is str:
            if not value:
                append(None)  # calamine's empty cell
            elif value[0] == "=":
                append(Formula(value))
            else:
                append(value)
        elif kind is float:
            # The pre-scan let through only numbers whose text says int or float unambiguously:
            # a whole number here was written without a decimal point, so openpyxl made it int.
            append(int(value) if value.is_integer() else value)
        elif kind is datetime and value.time() == _MIDNIGHT:
            append(value.date())
        else:
            append(value)
    return row


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _read_xml(archive: zipfile.ZipFile, name: str) -> Element | None:
    try:
        root: Element = parse_xml(archive.read(name))
    except (KeyError, ParseError, ValueError):  # ValueError: defusedxml refused a DTD
        return None
    return root


def _plain_worksheets(archive: zipfile.ZipFile, names: frozenset[str]) -> _Worksheets | None:
    """The worksheets openpyxl would list, if calamine is bound to find the same parts.

    openpyxl finds parts through [Content_Types].xml and reads attributes by local name;
    calamine looks members up by fixed paths, case-insensitively, and reads ``r:id`` by its
    literal name. Only where every such difference is moot is the list returned.
    """
    folded = {name.lower() for name in names}
    if len(folded) != len(archive.infolist()):
        return None  # two members whose names differ in case only, or the same name twice
    if any("\\" in name or name.startswith("/") for name in names):
        return None
    if {"xl/workbook.bin", "content.xml"} & folded:
        return None  # calamine would try to read the archive as .xlsb or .ods instead
    types = _read_xml(archive, "[Content_Types].xml")
    if types is None:
        return None
    overrides = [
        (element.get("PartName"), element.get("ContentType"))
        for element in types
        if _local(element.tag) == "Override"
    ]
    defaults = {element.get("ContentType") for element in types if _local(element.tag) == "Default"}
    # openpyxl takes the workbook and the shared strings wherever the content types say;
    # calamine always reads xl/workbook.xml and xl/sharedStrings.xml.
    workbook_part = None
    for wanted in _WORKBOOK_CONTENT_TYPES:
        workbook_part = next((part for part, kind in overrides if kind == wanted), None)
        if workbook_part is not None:
            break
    else:
        if defaults & set(_WORKBOOK_CONTENT_TYPES):
            workbook_part = "/xl/workbook.xml"
    strings_part = next((part for part, kind in overrides if kind == SHARED_STRINGS), None)
    if workbook_part != "/xl/workbook.xml":
        return None
    if strings_part is None and _STRINGS_PART.lower() in folded:
        return None
    if strings_part is not None and (
        strings_part != f"/{_STRINGS_PART}" or _STRINGS_PART not in names
    ):
        return None

    root = _read_xml(archive, "xl/workbook.xml")
    relationships = _read_xml(archive, "xl/_rels/workbook.xml.rels")
    if root is None or relationships is None or root.tag != f"{{{SHEET_MAIN_NS}}}workbook":
        return None
    targets = _relationship_targets(relationships)
    if targets is None:
        return None
    for element in root.iter():
        for key, value in element.attrib.items():
            # 1904 dates: openpyxl and calamine read the flag from different places.
            if _local(key) == "date1904" and value not in ("", "false", "f", "0"):
                return None
    containers = [element for element in root if element.tag == f"{{{SHEET_MAIN_NS}}}sheets"]
    if len(containers) != 1:
        return None
    entries = list(containers[0])
    # calamine takes every element named "sheet", wherever it is, in document order.
    if sum(1 for element in root.iter() if _local(element.tag) == "sheet") != len(entries):
        return None
    worksheets = []
    seen: set[str] = set()
    for entry in entries:
        if entry.tag != f"{{{SHEET_MAIN_NS}}}sheet":
            return None
        locals_ = [_local(key) for key in entry.attrib]
        if len(set(locals_)) != len(locals_):
            return None  # openpyxl would keep one of two same-named attributes, calamine another
        title, state = entry.get("name"), entry.get("state", "visible")
        if not title or title in seen or state not in ("visible", "hidden", "veryHidden"):
            return None  # calamine would read the first sheet of a name, openpyxl list both
        seen.add(title)
        target = targets.get(entry.get(f"{{{REL_NS}}}id", ""))
        if target is None or target[0] != _WORKSHEET_REL:
            return None  # a chartsheet, dialog or macro sheet: openpyxl decides about those
        part = _worksheet_part(target[1])
        if part is None:
            return None
        if part in names:  # openpyxl silently leaves out a sheet whose part is missing
            worksheets.append(_Worksheet(title=title, sheet_state=state, part=part))
    return _Worksheets(worksheets=worksheets)


def _relationship_targets(root: Element) -> dict[str, tuple[str, str]] | None:
    """Relationship id → (type, target), if both readers find the same relationship by id."""
    if root.tag != f"{{{PKG_REL_NS}}}Relationships":
        return None
    children = list(root)
    if sum(1 for element in root.iter() if _local(element.tag) == "Relationship") != len(children):
        return None
    targets: dict[str, tuple[str, str]] = {}
    for element in children:
        if element.tag != f"{{{PKG_REL_NS}}}Relationship":
            return None
        if any(key.startswith("{") for key in element.attrib):
            return None
        rel_id = element.get("Id")
        if not rel_id or rel_id in targets:
            return None  # openpyxl takes the first of two equal ids, calamine the last
        if element.get("TargetMode") is None:
            targets[rel_id] = (element.get("Type", ""), element.get("Target", ""))
    return targets


def _worksheet_part(target: str) -> str | None:
    """The zip member of a worksheet relationship's target, if both readers resolve it so.

    openpyxl joins a relative target to xl/ and normalises it; calamine only prefixes it, and
    tells a worksheet from other sheets by the folder.
    """
    if target.startswith("/"):
        part = target[1:]
    elif target.startswith("xl/") or posixpath.normpath(f"xl/{target}") != f"xl/{target}":
        return None
    else:
        part = f"xl/{target}"
    return part if part.startswith("xl/worksheets/") else None


def _plain_styles(archive: zipfile.ZipFile, names: frozenset[str]) -> _Styles | None:
    """Which cell styles make a number a date, as openpyxl and calamine each decide it.

    openpyxl's verdict comes from its own stylesheet reader. calamine's comes from calamine
    itself: a one-cell-per-style workbook built on the same styles.xml is read back, so the
    answer is what this calamine does, not a copy of its rules that could drift.
    """
    if "xl/styles.xml" not in names:
        return _Styles(dates=frozenset(), refused=frozenset())
    source = archive.read("xl/styles.xml")
    try:
        stylesheet = Stylesheet.from_tree(parse_xml(source))
    except _XLSX_FAILURES:
        return None
    dates, durations = stylesheet.date_formats, stylesheet.timedelta_formats
    count = max(len(stylesheet.cell_styles), len(_XF_TAG.findall(source)))
    calamine_kinds = _calamine_style_kinds(source, count)
    if calamine_kinds is None:
        return None
    date_styles, refused = set(), set()
    for index, calamine_kind in enumerate(calamine_kinds):
        if index not in dates:
            openpyxl_kind = _NUMBER
        elif index in durations:
            openpyxl_kind = _DURATION
        else:
            openpyxl_kind = _DATE
        # Durations differ in their rounding between the two; they are not worker data.
        if calamine_kind != openpyxl_kind or openpyxl_kind == _DURATION:
            refused.add(index)
        elif openpyxl_kind == _DATE:
            date_styles.add(index)
    if 0 in refused or 0 in date_styles:
        return None  # the style of every cell without s="…": too many cells to check
    return _Styles(dates=frozenset(date_styles), refused=frozenset(refused))


_PROBE_WORKBOOK: Final = (
    f'<workbook xmlns="{SHEET_MAIN_NS}" xmlns:r="{REL_NS}"><sheets>'
    '<sheet name="probe" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
# calamine insists on the package relationships, though it reads the workbook from xl/.
_PROBE_PACKAGE: Final = (
    f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_PROBE_RELATIONSHIPS: Final = (
    f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{_WORKSHEET_REL}" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def _calamine_style_kinds(styles: bytes, count: int) -> list[str] | None:
    """How calamine reads the number 1.5 in each of the first ``count`` cell styles."""
    if count == 0:
        return []
    cells = "".join(
        f'<row r="{i + 1}"><c r="A{i + 1}" s="{i}"><v>1.5</v></c></row>' for i in range(count)
    )
    probe = io.BytesIO()
    with zipfile.ZipFile(probe, "w") as archive:
        archive.writestr("_rels/.rels", _PROBE_PACKAGE)
        archive.writestr("xl/workbook.xml", _PROBE_WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _PROBE_RELATIONSHIPS)
        archive.writestr("xl/styles.xml", styles)
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{SHEET_MAIN_NS}"><sheetData>{cells}</sheetData></worksheet>',
        )
    probe.seek(0)
    try:
        with CalamineWorkbook.from_filelike(probe) as workbook:
            values = workbook.get_sheet_by_name("probe").to_python()
    except CalamineError:
        return None
    if len(values) != count:
        return None
    kinds = {datetime: _DATE, timedelta: _DURATION, float: _NUMBER}
    return [kinds.get(type(row[0]), "other") for row in values]


def _text_pattern(p: str) -> str:
    """Text as both readers give it: one <t>, or rich-text runs whose <t>s are joined.

    Without xml:space="preserve" calamine trims the text, openpyxl does not; so leading and
    trailing whitespace is not plain, nor a character reference there (&#32; is a space).
    """
    named_at_end = "|".join(f"(?<=&{name};)" for name in ("lt", "gt", "amp", "quot", "apos"))
    plain = rf"(?:(?:[^\s<&]|&(?!#))[^<]*(?:(?<![\s;])|{named_at_end}))?"
    text_element = rf'<{p}t(?:/>|>{plain}</{p}t>| xml:space="preserve">[^<]*</{p}t>)'
    run_property = (
        rf"<{p}(?:b|i|strike|condense|extend|outline|shadow|u|vertAlign|sz|color|rFont"
        rf"|family|charset|scheme){_ATTRIBUTES}/>"
    )
    run = rf"<{p}r>(?:<{p}rPr>(?:{run_property})*</{p}rPr>)?{text_element}</{p}r>"
    return rf"(?:{text_element}|(?:{run})+)"


# Attributes other than a namespace declaration, which would change what the names mean.
_ATTRIBUTES: Final = r'(?: (?!xmlns)[\w:.-]+="[^"<]*")*'


@functools.lru_cache(maxsize=16)
def _sheet_patterns(prefix: bytes, max_columns: int) -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """The plain shape of rows and cells, for one namespace prefix and column limit.

    Returns the pattern of a row and that of a suspiciously long number. Each row match gives
    the row as written, its number, and the letters of its last cell; a row matches only if
    every cell in it is in the shape below, in which calamine and openpyxl agree:
    - ``r`` first, naming a column within the limit and the row's own number; then ``s`` and
      ``t``, nothing else (no formula, no rich value, no phonetic flag);
    - ``t`` one of s, n, b, inlineStr (not e: calamine turns an error into ""; not str, d);
    - a number openpyxl and calamine parse to the same value *and type*: an integer exactly
      representable as a float (openpyxl makes it int), or a decimal with a non-zero digit
      after the point (a float in both; "5.0" would be float in openpyxl, int here);
    - text as :func:`_text_pattern` allows.
    A formula (<f>) is not in the shape: the sheet goes to openpyxl, which reports it.
    """
    p = re.escape(prefix.decode())
    number = r"-?(?:[1-8]\d{15}|9\d{14}0|\d{1,15}|\d+\.\d*[1-9]\d*)"
    text = _text_pattern(p)
    columns = _columns_up_to(max_columns)
    cell = (
        rf'<{p}c r="(?P<col>{columns})(?P=row)"(?: s="(?:0|[1-9]\d*)")?(?:'
        rf' t="s"(?: ?/>|><{p}v>\d+</{p}v></{p}c>)'
        rf'| t="inlineStr"(?: ?/>|></{p}c>|><{p}is ?/></{p}c>|><{p}is>{text}</{p}is></{p}c>)'
        rf'|(?: t="n")?(?: ?/>|>(?:<{p}v>{number}</{p}v>)?</{p}c>)'
        rf'| t="b"><{p}v>[01]</{p}v></{p}c>)'
    )
    rows = (
        rf'(\s*<{p}row r="(?P<row>[1-9]\d{{0,6}})"{_ATTRIBUTES}\s*'
        rf"(?:/>|>(?:{cell})*</{p}row>))"
    )
    # A number whose text is too long to be sure it is not a whole number in disguise.
    long_number = rf"<{p}v>-?([\d.]{{17,}})</{p}v>"
    return re.compile(rows.encode()), re.compile(long_number.encode())


@functools.lru_cache(maxsize=4)
def _shared_string_pattern(prefix: bytes) -> re.Pattern[bytes]:
    """One <si>: text (never none: calamine skips an empty <si/> and would shift every later
    index), then phonetic guides, which both readers leave out."""
    p = re.escape(prefix.decode())
    phonetic = rf'<{p}rPh sb="\d+" eb="\d+"><{p}t(?: xml:space="preserve")?>[^<]*</{p}t></{p}rPh>'
    entry = (
        rf"(\s*<{p}si>{_text_pattern(p)}(?:{phonetic})*"
        rf"(?:<{p}phoneticPr{_ATTRIBUTES}/>)?</{p}si>)"
    )
    return re.compile(entry.encode())


def _columns_up_to(limit: int) -> str:
    """A regular expression for the letters of columns 1 to ``limit`` (A … Z, AA …)."""
    last = _column_letters(limit)
    # Shortest first: most sheets stay within A to Z.
    alternatives = ["[A-Z]" * length for length in range(1, len(last))]
    for at, letter in enumerate(last):
        head = last[:at]
        if at == len(last) - 1:
            alternatives.append(f"{head}[A-{letter}]")
        elif letter > "A":
            tail = "[A-Z]" * (len(last) - at - 1)
            alternatives.append(f"{head}[A-{chr(ord(letter) - 1)}]{tail}")
    return "(?:" + "|".join(alternatives) + ")"


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _chunks(archive: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    # The member's size was bounded by _check_zip; it is still read piece by piece.
    with archive.open(name) as member:
        while chunk := member.read(_SCAN_CHUNK):
            yield chunk


def _open_root(chunks: Iterator[bytes], root: bytes) -> tuple[bytes, bytes] | None:
    """Read up to the root element's start tag: (namespace prefix, what follows the tag).

    The part must be UTF-8 (the patterns work on bytes), have no DTD, comment or CDATA (which
    could make the two readers, or the patterns, see different elements), and bind its prefix
    to the SpreadsheetML namespace (openpyxl matches namespaces, calamine only local names).
    """
    head = b""
    for chunk in chunks:
        head += chunk
        if len(head) >= _PROLOG_BYTES:
            break
    match = _PROLOG.match(head)
    if match is None or match["root"] != root:
        return None
    declaration = match["decl"] or b""
    encoding = _ENCODING.search(declaration)
    if encoding and encoding[1].lower() not in (b"utf-8", b"utf8"):
        return None
    prefix = match["prefix"] + b":" if match["prefix"] else b""
    binding = b"xmlns" + (b":" + match["prefix"] if match["prefix"] else b"")
    if not re.search(
        rb"\s" + re.escape(binding) + rb'="' + re.escape(_MAIN_NS_BYTES) + rb'"', match["attrs"]
    ):
        return None
    return prefix, head[match.end() :]


class _RowScan:
    """The findings over the rows of one sheet, fed piece by piece."""

    def __init__(self, prefix: bytes, limits: Limits, styles: _Styles) -> None:
        self.rows, self.long_number = _sheet_patterns(prefix, limits.max_columns)
        self.cell_start = b"<" + prefix + b'c r="'
        self.numbers: list[int] = []
        self.last_columns: set[bytes] = set()
        self.cells = 0
        # One pattern per style, starting with the literal s="…": only the cells in that
        # style are looked at, not every cell. In the plain shape s="…" is only on cells, or
        # on a row, where the refused pattern may see it: that only sends the file to openpyxl.
        self.refused = [re.compile(rb' s="%d"[ />]' % index) for index in sorted(styles.refused)]
        value = rb'"(?: t="n")?><' + re.escape(prefix) + rb"v>((?!\d{1,6}</)[^<]*)</"
        self.dates = [re.compile(rb' s="%d' % index + value) for index in sorted(styles.dates)]

    def add(self, piece: bytes) -> bool:
        """Take complete rows; False if they are not in the plain shape."""
        matches = self.rows.findall(piece)
        covered = sum(map(len, map(itemgetter(0), matches)))
        if covered != len(piece.rstrip(_XML_WHITESPACE)):
            return False  # something between or inside the rows is not a plain row
        if b"_x" in piece and _ESCAPE.search(piece):
            return False
        if any(pattern.search(piece) for pattern in self.refused):
            return False
        for pattern in self.dates:
            if not all(map(_date_is_unambiguous, pattern.findall(piece))):
                return False
        if any(float(text).is_integer() for text in self.long_number.findall(piece)):
            return False
        self.numbers.extend(map(int, map(itemgetter(1), matches)))
        self.last_columns.update(map(itemgetter(2), matches))
        self.cells += piece.count(self.cell_start)
        return True

    def extent(self, limits: Limits) -> _Extent | None:
        """The sheet's extent, or None if calamine's grid for it would be too large."""
        # calamine puts each cell where its reference says, so rows stored out of order come
        # out in sheet order, as _in_sheet_order collects them for openpyxl.
        numbers = sorted(self.numbers)
        if not numbers:
            return _Extent(last_row=0, max_column=0)
        if numbers[-1] > limits.max_rows + limits.max_empty_run + 1:
            return None  # openpyxl streams it and stops at the limits as it always did
        steps = list(map(int.__sub__, numbers, [0, *numbers[:-1]]))
        if min(steps) < 1 or max(steps) > limits.max_empty_run:
            return None  # a row number stored twice, or a gap openpyxl would stop reading at
        # Within a row the last cell has the highest column (openpyxl relies on it too).
        max_column = max(map(_column_number, self.last_columns))
        grid = (numbers[-1] - numbers[0] + 1) * max_column
        if grid > max(_DENSE_FLOOR, _DENSE_FACTOR * self.cells):
            return None
        return _Extent(last_row=numbers[-1], max_column=max_column)


def _date_is_unambiguous(text: bytes) -> bool:
    """Whether calamine gives the same date or time as openpyxl for this date-styled number.

    Both round to the millisecond, through different arithmetic: a value within a hair of
    half a millisecond, or of the next midnight, may come out one millisecond (or a day
    boundary) apart. Typed dates and times are nowhere near; computed ones rarely are.
    """
    if not _FRACTIONAL_DATE.fullmatch(text):
        return False  # negative, or beyond 31-12-4637: openpyxl's edge cases, not calamine's
    milliseconds = math.modf(float(text))[0] * _MS_PER_DAY
    return abs(milliseconds % 1 - 0.5) > 0.05 and milliseconds < _MS_PER_DAY - 1


def _scan_worksheet(
    archive: zipfile.ZipFile, part: str, *, limits: Limits, styles: _Styles
) -> _Extent | None:
    """Stream the sheet's XML once and decide whether calamine may read it (None: it may not)."""
    chunks = _chunks(archive, part)
    opened = _open_root(chunks, b"worksheet")
    if opened is None:
        return None
    prefix, buffer = opened
    # Up to <sheetData>: no row, DTD or comment, and no other element calamine could take for it.
    while (at := buffer.find(b"sheetData")) < 0 or len(buffer) < at + 64:
        chunk = next(chunks, None)
        if chunk is None or len(buffer) > _MAX_PENDING:
            break
        buffer += chunk
    start_tag = b"<" + prefix + b"sheetData"
    if at < 0 or buffer.find(start_tag) + len(start_tag) != at + len(b"sheetData"):
        return None
    head = buffer[:at]
    if b"<!" in head or _STRAY_ROW.search(head):
        return None
    opening = _TAG_END.match(buffer, at + len(b"sheetData"))
    if opening is None:
        return None
    scan = _RowScan(prefix, limits, styles)
    buffer = buffer[opening.end() :]
    if not opening[1]:
        closing, row_start = b"</" + prefix + b"sheetData>", b"<" + prefix + b"row "
        while (end := buffer.find(closing)) < 0:
            cut = buffer.rfind(row_start)
            if cut > 0:
                if not scan.add(buffer[:cut]):
                    return None
                buffer = buffer[cut:]
            chunk = next(chunks, None)
            if chunk is None or len(buffer) > _MAX_PENDING:
                return None  # no end of the rows: truncated, or one giant row
            buffer += chunk
        if not scan.add(buffer[:end]):
            return None
        buffer = buffer[end + len(closing) :]
    # openpyxl would read a row after the sheet data too; calamine stops at its end.
    while True:
        if b"sheetData" in buffer or _STRAY_ROW.search(buffer):
            return None
        chunk = next(chunks, None)
        if chunk is None:
            break
        buffer = buffer[-256:] + chunk
    return scan.extent(limits)


def _plain_shared_strings(archive: zipfile.ZipFile) -> bool:
    """Whether every shared string is in a shape calamine reads exactly as openpyxl does."""
    chunks = _chunks(archive, _STRINGS_PART)
    opened = _open_root(chunks, b"sst")
    if opened is None:
        return False
    prefix, buffer = opened
    pattern = _shared_string_pattern(prefix)
    closing, entry_start = b"</" + prefix + b"sst>", b"<" + prefix + b"si>"

    def plain(piece: bytes) -> bool:
        covered = sum(map(len, pattern.findall(piece)))
        if covered != len(piece.rstrip(_XML_WHITESPACE)):
            return False
        # openpyxl deletes "x005F_" from shared strings (a half-decoded escape), calamine not.
        return not (b"x005F_" in piece or (b"_x" in piece and _ESCAPE.search(piece)))

    while (end := buffer.find(closing)) < 0:
        cut = buffer.rfind(entry_start)
        if cut > 0:
            if not plain(buffer[:cut]):
                return False
            buffer = buffer[cut:]
        chunk = next(chunks, None)
        if chunk is None or len(buffer) > _MAX_PENDING:
            return False
        buffer += chunk
    if not plain(buffer[:end]):
        return False
    rest = buffer[end + len(closing) :] + b"".join(chunks)
    return not rest.strip(_XML_WHITESPACE)


# --- CFB (OLE2) -----------------------------------------------------------------------------

_ENCRYPTED_STREAMS: Final = frozenset({"encryptioninfo", "encryptedpackage"})
_OTHER_OFFICE_STREAMS: Final = {"worddocument": "DOC", "powerpoint document": "PPT"}
_BIFF8_STREAM: Final = "workbook"  # Excel 97 and later, and SIAK's exports
_BIFF5_STREAM: Final = "book"  # Excel 5.0/95
_END_OF_CHAIN: Final = 0xFFFFFFFE
_MAX_REGULAR_SECTOR: Final = 0xFFFFFFFA


def _classify_cfb(fh: IO[bytes], size: int) -> bytes:
    """The BIFF8 workbook stream of an OLE2 upload, or the code saying why it is not read."""
    container = _CompoundFile(fh, size)
    names = set(container.entries)
    if names & _ENCRYPTED_STREAMS:
        raise DomainError(PASSWORD_PROTECTED)
    for stream, kind in _OTHER_OFFICE_STREAMS.items():
        if stream in names:
            raise DomainError(NOT_SPREADSHEET, kind=kind)
    if _BIFF8_STREAM in names:
        stream = container.read(_BIFF8_STREAM)
        if stream is not None:
            return stream
        raise DomainError(CORRUPT, detail="Workbook stream unreadable")
    if _BIFF5_STREAM in names:
        raise DomainError(LEGACY_XLS)
    raise DomainError(CORRUPT, detail="no workbook in the OLE2 container")


class _CompoundFile:
    """The directory and streams of a compound file ([MS-CFB]), read defensively.

    Only the header, the FAT sectors on a chain and the chain's sectors are read; every loop is
    bounded by the number of sectors the file can hold, so a cyclic or dangling chain ends.
    ``entries`` maps lower-case names to (type, first sector, size); an unreadable structure
    gives no entries.
    """

    def __init__(self, fh: IO[bytes], size: int) -> None:
        self.fh = fh
        self.entries: dict[str, tuple[int, int, int]] = {}
        fh.seek(0)
        header = fh.read(512)
        if len(header) < 512:
            return
        (shift,) = struct.unpack_from("<H", header, 30)
        if shift not in (9, 12):
            return
        self.sector_size = 1 << shift
        self.sectors = max(0, -(-size // self.sector_size) - 1)
        self.per_sector = self.sector_size // 4
        fat_count, first_dir = struct.unpack_from("<II", header, 44)
        (self.mini_cutoff,) = struct.unpack_from("<I", header, 56)
        self.first_mini_fat, _ = struct.unpack_from("<II", header, 60)
        first_difat, difat_count = struct.unpack_from("<II", header, 68)
        fat_sectors = [s for s in struct.unpack_from("<109I", header, 76) if s < self.sectors]
        next_difat, seen = first_difat, 0
        while next_difat <= _MAX_REGULAR_SECTOR and seen < min(difat_count, self.sectors):
            block = self._sector(next_difat)
            if len(block) < self.sector_size:
                break
            entries = struct.unpack(f"<{self.per_sector}I", block)
            fat_sectors.extend(s for s in entries[:-1] if s < self.sectors)
            next_difat, seen = entries[-1], seen + 1
        self.fat_sectors = fat_sectors[:fat_count]
        self.root: tuple[int, int, int] | None = None
        for block in self._chain(first_dir):
            for offset in range(0, len(block) - 127, 128):
                entry = block[offset : offset + 128]
                (name_length,) = struct.unpack_from("<H", entry, 64)
                kind = entry[66]
                if 2 <= name_length <= 64 and kind in (1, 2, 5):
                    name = entry[: name_length - 2].decode("utf-16-le", "replace").lower()
                    start, length = struct.unpack_from("<II", entry, 116)
                    if kind == 5 and self.root is None:
                        self.root = (kind, start, length)
                    self.entries.setdefault(name, (kind, start, length))

    def _sector(self, number: int) -> bytes:
        if number >= self.sectors:
            return b""
        self.fh.seek((number + 1) * self.sector_size)
        return self.fh.read(self.sector_size)

    def _next(self, number: int) -> int:
        index, slot = divmod(number, self.per_sector)
        if index >= len(self.fat_sectors):
            return _END_OF_CHAIN
        block = self._sector(self.fat_sectors[index])
        if len(block) < (slot + 1) * 4:
            return _END_OF_CHAIN
        return int(struct.unpack_from("<I", block, slot * 4)[0])

    def _chain(self, first: int) -> Iterator[bytes]:
        current, visited = first, set[int]()
        while current <= _MAX_REGULAR_SECTOR and current not in visited:
            if len(visited) >= self.sectors:
                return
            visited.add(current)
            yield self._sector(current)
            current = self._next(current)

    def read(self, name: str) -> bytes | None:
        """A stream's bytes, or None when its chain is shorter than its declared size."""
        found = self.entries.get(name)
        if found is None or found[0] != 2:
            return None
        _, start, length = found
        if length < self.mini_cutoff:
            return self._read_mini(start, length)
        data = b"".join(self._chain(start))
        return data[:length] if len(data) >= length else None

    def _read_mini(self, start: int, length: int) -> bytes | None:
        if self.root is None:
            return None
        container = b"".join(self._chain(self.root[1]))
        mini_fat = b"".join(self._chain(self.first_mini_fat))
        pieces, current, visited = [], start, set[int]()
        while current <= _MAX_REGULAR_SECTOR and current not in visited:
            visited.add(current)
            pieces.append(container[current * 64 : current * 64 + 64])
            if (current + 1) * 4 > len(mini_fat):
                break
            current = int(struct.unpack_from("<I", mini_fat, current * 4)[0])
        data = b"".join(pieces)
        return data[:length] if len(data) >= length else None


# --- XLS (BIFF8) and ODS through python-calamine ----------------------------------------------
#
# calamine reads every sheet of an .xls or .ods when it opens the file, each into a dense grid
# over its cells' extent. So before it opens an .xls, the BIFF8 records of every worksheet are
# scanned (cheaply, with struct) for the extent and the cell count; a sheet too wide, or too
# sparse for its grid, is refused before any grid exists. The records also say whether the
# workbook is encrypted (FILEPASS). An .ods is a zip checked like an .xlsx (bombs, members,
# sizes); its rows are counted in content.xml before calamine reads it. Cells come back as
# calamine types them: numbers as float (a whole number as int, as an .xlsx gives it), dates as
# date or datetime. A formula's stored result is read, as the spreadsheet program computed it.

_BIFF_BOF: Final = 0x0809
_BIFF_EOF: Final = 0x000A
_BIFF_FILEPASS: Final = 0x002F
_BIFF_BOUNDSHEET: Final = 0x0085
_BIFF_WORKSHEET: Final = 0x0010
# Records holding one cell at (row, column) in their first four bytes.
_BIFF_CELLS: Final = frozenset({0x0006, 0x00D6, 0x00FD, 0x0203, 0x0204, 0x0205, 0x027E})
_BIFF_MULTI_CELLS: Final = frozenset({0x00BD})  # MULRK: row, first column, …, last column
_BIFF_BLANKS: Final = frozenset({0x0201, 0x00BE})  # formatted empty cells: not in the grid


def _xls_extents(stream: bytes, limits: Limits) -> None:
    """Refuse an encrypted BIFF8 workbook or a worksheet whose grid would be too large."""
    sheets: list[tuple[int, str]] = []
    at = 0
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        if kind == _BIFF_FILEPASS:
            raise DomainError(PASSWORD_PROTECTED)
        if kind == _BIFF_BOUNDSHEET and length >= 8 and stream[at + 9] == 0:
            (offset,) = struct.unpack_from("<I", stream, at + 4)
            sheets.append((offset, _biff_sheet_name(stream[at + 10 : at + 4 + length])))
        at += 4 + length
        if kind == _BIFF_EOF:
            break
    for offset, name in sheets:
        _xls_sheet_extent(stream, offset, name, limits)


def _biff_sheet_name(data: bytes) -> str:
    if len(data) < 2:
        return ""
    count, wide = data[0], data[1] & 1
    raw = data[2 : 2 + count * (2 if wide else 1)]
    return raw.decode("utf-16-le" if wide else "latin-1", "replace")


def _xls_sheet_extent(stream: bytes, offset: int, name: str, limits: Limits) -> None:
    if offset + 8 > len(stream) or struct.unpack_from("<H", stream, offset)[0] != _BIFF_BOF:
        raise DomainError(CORRUPT, detail=f"sheet {name[:40]} not found in the workbook")
    last_row = last_column = cells = 0
    at = offset + 4 + struct.unpack_from("<H", stream, offset + 2)[0]
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        body = at + 4
        at = body + length
        if kind == _BIFF_EOF:
            break
        if kind in _BIFF_BLANKS or length < 4:
            continue
        if kind in _BIFF_CELLS:
            row, column = struct.unpack_from("<HH", stream, body)
            cells += 1
        elif kind in _BIFF_MULTI_CELLS and length >= 6:
            row, first = struct.unpack_from("<HH", stream, body)
            (column,) = struct.unpack_from("<H", stream, body + length - 2)
            cells += max(column - first + 1, 1)
        else:
            continue
        if column + 1 > limits.max_columns:
            raise DomainError(TOO_MANY_COLUMNS, row=row + 1, limit=limits.max_columns)
        last_row, last_column = max(last_row, row + 1), max(last_column, column + 1)
    if last_row * last_column > max(_DENSE_FLOOR, _DENSE_FACTOR * cells):
        raise DomainError(SHEET_EXTENT, sheet=name, row=last_row, column=last_column)


_ODS_ROW: Final = re.compile(rb"<table:table-row\b([^>]*?)(/?)>")
_ODS_CELL: Final = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*?)(/?)>")
_ODS_ROWS_REPEATED: Final = re.compile(rb'table:number-rows-repeated="(\d+)"')
_ODS_COLUMNS_REPEATED: Final = re.compile(rb'table:number-columns-repeated="(\d+)"')
_ODS_ROW_END: Final = b"</table:table-row>"


def _ods_extent(path: Path, limits: Limits) -> None:
    """Refuse an .ods whose rows or columns, repeats counted, would build too large a grid.

    LibreOffice writes the empty rows under a table as one row "repeated" a million times and
    the empty cells right of it as one cell repeated; calamine leaves those out, so only
    repeated rows and cells up to the last value in a row count.
    """
    bound = limits.max_rows + limits.max_empty_run + 1
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml")  # its size is bounded by _check_zip
    rows = 0
    for match in _ODS_ROW.finditer(content):
        end = len(content) if match.group(2) else content.find(_ODS_ROW_END, match.end())
        body = content[match.end() : end if end >= 0 else len(content)]
        width = filled = 0
        for cell in _ODS_CELL.finditer(body):
            repeat = _ODS_COLUMNS_REPEATED.search(cell.group(1))
            width += int(repeat.group(1)) if repeat else 1
            if b"office:value" in cell.group(1) or not cell.group(2):
                filled = width  # a value, or text inside the cell
        if filled > limits.max_columns:
            raise DomainError(TOO_MANY_COLUMNS, row=rows + 1, limit=limits.max_columns)
        if not filled:
            continue  # an empty row, repeated or not: calamine does not build it
        repeat = _ODS_ROWS_REPEATED.search(match.group(1))
        rows += int(repeat.group(1)) if repeat else 1
        if rows > bound:
            raise DomainError(TOO_MANY_ROWS, limit=limits.max_rows)


def _read_xls(path: Path, stream: bytes, *, limits: Limits, sheet: str | None) -> Table:
    if len(stream) < 8 or struct.unpack_from("<HH", stream)[0] != _BIFF_BOF:
        raise DomainError(CORRUPT, detail="no BIFF record at the start of the workbook")
    (version,) = struct.unpack_from("<H", stream, 4)
    if version != 0x0600:
        raise DomainError(LEGACY_XLS)  # BIFF5 and older inside a Workbook stream
    _xls_extents(stream, limits)
    return _read_calamine(path, XLS, limits=limits, sheet=sheet)


# calamine's enums compare but do not hash.
_VISIBILITY: Final = (
    (SheetVisibleEnum.Visible, "visible"),
    (SheetVisibleEnum.Hidden, "hidden"),
    (SheetVisibleEnum.VeryHidden, "veryHidden"),
)


def _visibility(visible: SheetVisibleEnum) -> str:
    return next((state for member, state in _VISIBILITY if member == visible), "hidden")


def _read_calamine(path: Path, kind: str, *, limits: Limits, sheet: str | None) -> Table:
    """Read a checked .xls or .ods with python-calamine into a :class:`Table`."""
    if kind == ODS:
        try:
            _ods_extent(path, limits)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError) as error:
            raise _corrupt(error) from error
    with path.open("rb") as fh:
        try:
            with CalamineWorkbook.from_filelike(fh) as workbook:
                listed = _Worksheets(
                    worksheets=[
                        _Worksheet(
                            title=meta.name,
                            sheet_state=_visibility(meta.visible),
                            part="",
                        )
                        for meta in workbook.sheets_metadata
                        if meta.typ == SheetTypeEnum.WorkSheet
                    ]
                )
                chosen, notes = _choose_sheet(listed, sheet)
                worksheet = workbook.get_sheet_by_name(chosen.title)
                collector = _Collector(limits)
                start = worksheet.start
                first_row = start[0] if start else 0
                padding = [None] * (start[1] if start else 0)
                for number, values in enumerate(worksheet.iter_rows(), start=first_row + 1):
                    if not collector.add(number, _calamine_cells(values, padding)):
                        break
        except PasswordError as error:
            raise DomainError(PASSWORD_PROTECTED) from error
        except CalamineError as error:
            raise _corrupt(error) from error
    notes.extend(collector.notes())
    return Table(
        format=kind,
        sheet=chosen.title,
        rows=collector.rows,
        row_numbers=collector.row_numbers,
        encoding=None,
        delimiter=None,
        notes=tuple(notes),
    )


def _calamine_cells(values: list[Any], padding: list[None]) -> list[object]:
    """One row of an .xls or .ods as the rest of the importer expects its cells."""
    row: list[object] = list(padding)
    for value in values:
        if isinstance(value, str):
            row.append(Formula(value) if value.startswith("=") else (value or None))
        elif isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            # Neither format stores whole numbers apart: 8.0 is what the operator typed as 8.
            row.append(int(value))
        elif isinstance(value, datetime) and value.time() == _MIDNIGHT:
            row.append(value.date())
        else:
            row.append(value)
    return row


# --- CSV ------------------------------------------------------------------------------------


def _text_encoding(data: bytes, *, final: bool) -> str | None:
    """``"utf-8"`` or ``"cp1252"`` if ``data`` decodes as one of them (UTF-8 first), else None."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=final)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return None


def _csv_encoding(path: Path) -> str:
    """Decide the encoding on the whole file: UTF-8 (with or without BOM), else Windows-1252."""
    utf8 = codecs.getincrementaldecoder("utf-8")()
    utf8_ok, cp1252_ok = True, True
    with path.open("rb") as fh:
        while chunk := fh.read(MIB):
            if b"\x00" in chunk:
                raise DomainError(NOT_SPREADSHEET, kind="BIN")
            if utf8_ok:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    utf8_ok = False
            if cp1252_ok:
                try:
                    chunk.decode("cp1252")  # single-byte: chunk boundaries cannot split a char
                except UnicodeDecodeError:
                    cp1252_ok = False
            if not (utf8_ok or cp1252_ok):
                raise DomainError(ENCODING_UNKNOWN)
    if utf8_ok:
        try:
            utf8.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            pass
    if cp1252_ok:
        return "cp1252"
    raise DomainError(ENCODING_UNKNOWN)


def _sniff_delimiter(sample: str) -> str:
    """The delimiter among ``,`` ``;`` and tab that splits the first records most consistently.

    For each candidate the records of the sample are parsed (quotes respected) and the most
    common field count is taken; the candidate whose common count is shared by the most records
    wins, then the one giving more fields. A title line above the header costs every candidate
    the same. ``csv.Sniffer`` guesses wrongly on short files and on decimal commas.
    """
    lines = sample.splitlines(keepends=True)
    if len(lines) > 1 and not lines[-1].endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may end in the middle of a record
    best: tuple[float, int] = (0.0, 1)
    chosen = DELIMITERS[0]
    for delimiter in DELIMITERS:
        counts: dict[int, int] = {}
        records = 0
        try:
            for record in csv.reader(lines, delimiter=delimiter):
                if not any(field.strip() for field in record):
                    continue
                counts[len(record)] = counts.get(len(record), 0) + 1
                records += 1
                if records >= SNIFF_RECORDS:
                    break
        except csv.Error:
            continue
        if not counts:
            continue
        fields, frequency = max(counts.items(), key=lambda item: (item[1], item[0]))
        if fields < 2:
            continue
        score = (frequency / records, fields)
        if score > best:
            best, chosen = score, delimiter
    return chosen


# What str.splitlines takes for a line break besides \r and \n, and the csv module does not:
# vertical tab, form feed, the ASCII file/group/record separators, NEL, U+2028 and U+2029.
_OTHER_LINE_BREAKS: Final = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _csv_lines(lines: Iterable[str]) -> Iterator[str]:
    """The lines of a CSV file, broken also where the other line-break characters are.

    Some exporters end their records with U+2028 or a vertical tab; to the csv module the whole
    file would then be one record (ADR 0028). Each such character becomes a ``\n``: between
    records it ends one, inside a quoted field it stays a line break of that field's text.
    """
    for line in lines:
        if _OTHER_LINE_BREAKS.search(line) is None:
            yield line
            continue
        for part in line.splitlines(keepends=True):
            if _OTHER_LINE_BREAKS.fullmatch(part[-1]):
                part = part[:-1] + "\n"
            yield part


def _read_csv(path: Path, *, limits: Limits) -> Table:
    encoding = _csv_encoding(path)
    # "utf-8-sig" reads files with and without a byte-order mark alike.
    codec = "utf-8-sig" if encoding == "utf-8" else encoding
    with path.open(encoding=codec, newline="") as fh:
        delimiter = _sniff_delimiter(fh.read(HEAD_BYTES))
    collector = _Collector(limits)
    # csv's own field limit (131,072) stays in force; longer fields are refused as too long.
    with path.open(encoding=codec, newline="") as fh:
        reader = csv.reader(_csv_lines(fh), delimiter=delimiter)
        while True:
            start = reader.line_num + 1
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                if "field limit" in str(error):
                    raise DomainError(
                        CELL_TOO_LONG, row=start, limit=limits.max_cell_chars
                    ) from error
                raise _corrupt(error) from error
            if not collector.add(start, (field or None for field in record)):
                break
    notes = collector.notes()
    return Table(
        format=CSV,
        sheet=None,
        rows=collector.rows,
        row_numbers=collector.row_numbers,
        encoding=encoding,
        delimiter=delimiter,
        notes=tuple(notes),
    )
