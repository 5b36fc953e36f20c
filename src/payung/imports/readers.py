"""Read an uploaded spreadsheet (XLSX or CSV) safely into a table of typed cell values.

An upload is untrusted: it may be a renamed PDF, an old .xls, a password-protected workbook, a zip
bomb, or a sheet whose last used row is a million rows down. Everything here is decided by the
file's bytes, never its name, and every limit is checked before the expensive step it protects:
the size before reading, the zip central directory before openpyxl decompresses anything, the row
count while streaming. Problems are reported as :class:`DomainError` with a stable ``file.*`` code
and a message a village operator can act on.

Cells keep the type the file gave them (``str``, ``int``, ``float``, ``date``/``datetime``,
``bool``, ``None``) so the caller can tell a NIK typed as text from one Excel turned into a number.
Formulas are never evaluated: a formula cell comes back as :class:`Formula` and the importer
refuses the row. This module does not know where the header is; it returns every non-empty row
with its row number in the original file.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import math
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any, Final
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from payung.domain.errors import DomainError, Issue, register, warning

MIB: Final = 1024 * 1024

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
        "Berkas ini berformat Excel lama (.xls). Buka di Excel, pilih Simpan Sebagai lalu Excel "
        "Workbook (.xlsx), kemudian unggah berkas .xlsx tersebut."
    ),
    en=(
        "This is an old-format Excel file (.xls). Open it in Excel, choose Save As, then Excel "
        "Workbook (.xlsx), and upload the .xlsx file."
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
    """Read the data rows of ``path`` (XLSX or CSV, decided by content) or raise ``file.*``."""
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
            raise DomainError(_classify_cfb(fh, size))
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


def _check_zip(path: Path, limits: Limits) -> None:
    """Refuse a zip bomb or a zip that is not a workbook, from the central directory alone."""
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
            if not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
                raise DomainError(NOT_SPREADSHEET, kind=_zip_kind(archive, names))
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
    _check_zip(path, limits)
    collector = _Collector(limits)
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
            # The <dimension> element is written by whoever made the file and may be wrong in
            # either direction; without it openpyxl reads the rows that are really there.
            worksheet.reset_dimensions()
            rows = worksheet.iter_rows(values_only=True)
            # openpyxl yields a filler row for every missing row number, so counting gives it.
            for number, values in enumerate(rows, start=1):
                if not collector.add(number, map(_xlsx_value, values)):
                    break
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


# --- CFB (OLE2) -----------------------------------------------------------------------------

_ENCRYPTED_STREAMS: Final = frozenset({"encryptioninfo", "encryptedpackage"})
_OTHER_OFFICE_STREAMS: Final = {"worddocument": "DOC", "powerpoint document": "PPT"}
_END_OF_CHAIN: Final = 0xFFFFFFFE
_MAX_REGULAR_SECTOR: Final = 0xFFFFFFFA


def _classify_cfb(fh: IO[bytes], size: int) -> str:
    """The code for an OLE2 upload: an encrypted OOXML workbook, another Office file or an .xls."""
    names = {name.lower() for name in _cfb_entry_names(fh, size)}
    if names & _ENCRYPTED_STREAMS:
        return PASSWORD_PROTECTED
    for stream, kind in _OTHER_OFFICE_STREAMS.items():
        if stream in names:
            raise DomainError(NOT_SPREADSHEET, kind=kind)
    # A Workbook/Book stream, or a container too damaged to list: either way Excel made it,
    # and saving it again as .xlsx is the way forward.
    return LEGACY_XLS


def _cfb_entry_names(fh: IO[bytes], size: int) -> set[str]:
    """Names in a compound file's directory ([MS-CFB]); empty if the structure is unreadable.

    Only the header, the FAT sectors on the directory chain and the directory itself are read,
    and every loop is bounded by the number of sectors the file can hold.
    """
    fh.seek(0)
    header = fh.read(512)
    if len(header) < 512:
        return set()
    (shift,) = struct.unpack_from("<H", header, 30)
    if shift not in (9, 12):
        return set()
    sector_size = 1 << shift
    sectors = max(0, -(-size // sector_size) - 1)
    per_sector = sector_size // 4
    fat_count, first_dir = struct.unpack_from("<II", header, 44)
    first_difat, difat_count = struct.unpack_from("<II", header, 68)

    def read_sector(number: int) -> bytes:
        if number >= sectors:
            return b""
        fh.seek((number + 1) * sector_size)
        return fh.read(sector_size)

    fat_sectors = [s for s in struct.unpack_from("<109I", header, 76) if s < sectors]
    next_difat, seen = first_difat, 0
    while next_difat <= _MAX_REGULAR_SECTOR and seen < min(difat_count, sectors):
        block = read_sector(next_difat)
        if len(block) < sector_size:
            break
        entries = struct.unpack(f"<{per_sector}I", block)
        fat_sectors.extend(s for s in entries[:-1] if s < sectors)
        next_difat, seen = entries[-1], seen + 1
    fat_sectors = fat_sectors[:fat_count]

    def next_sector(number: int) -> int:
        index, slot = divmod(number, per_sector)
        if index >= len(fat_sectors):
            return _END_OF_CHAIN
        block = read_sector(fat_sectors[index])
        if len(block) < (slot + 1) * 4:
            return _END_OF_CHAIN
        return int(struct.unpack_from("<I", block, slot * 4)[0])

    names: set[str] = set()
    current, visited = first_dir, set[int]()
    while current <= _MAX_REGULAR_SECTOR and current not in visited and len(visited) < sectors:
        visited.add(current)
        block = read_sector(current)
        for offset in range(0, len(block) - 127, 128):
            entry = block[offset : offset + 128]
            (name_length,) = struct.unpack_from("<H", entry, 64)
            if 2 <= name_length <= 64 and entry[66] in (1, 2, 5):
                names.add(entry[: name_length - 2].decode("utf-16-le", "replace"))
        current = next_sector(current)
    return names


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


def _read_csv(path: Path, *, limits: Limits) -> Table:
    encoding = _csv_encoding(path)
    # "utf-8-sig" reads files with and without a byte-order mark alike.
    codec = "utf-8-sig" if encoding == "utf-8" else encoding
    with path.open(encoding=codec, newline="") as fh:
        delimiter = _sniff_delimiter(fh.read(HEAD_BYTES))
    collector = _Collector(limits)
    # csv's own field limit (131,072) stays in force; longer fields are refused as too long.
    with path.open(encoding=codec, newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
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
