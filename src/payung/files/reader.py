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

Each step has its module: ``zips`` and ``cfb`` (the containers), ``xlsx_calamine`` with its
pre-scan (``xlsx_parts``, ``xlsx_styles``, ``xlsx_prescan``), ``xlsx_openpyxl``, ``xls_ods``,
``csv_reader``; all collect their rows through ``table.RowCollector`` and raise the codes of
``errors``.
"""

from __future__ import annotations

import codecs
import hashlib
import math
from pathlib import Path
from typing import Final

from payung.domain.errors import DomainError
from payung.files.cfb import classify_cfb
from payung.files.csv_reader import read_csv, text_encoding
from payung.files.errors import EMPTY, ENCODING_UNKNOWN, NOT_SPREADSHEET, TOO_LARGE
from payung.files.table import CSV, DEFAULT_LIMITS, HEAD_BYTES, MIB, ODS, XLSX, Limits, Table
from payung.files.xls_ods import read_xls, read_xls_ods
from payung.files.xlsx_calamine import read_xlsx_calamine
from payung.files.xlsx_openpyxl import read_xlsx_openpyxl
from payung.files.zips import check_zip

CFB: Final = "cfb"  # an OLE2 container: a legacy .xls or an encrypted OOXML; resolved by read_table

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
    if b"\x00" in head or text_encoding(head, final=False) is None:
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
            workbook_stream = classify_cfb(fh, size)
            return read_xls(path, workbook_stream, limits=limits, sheet=sheet)
    if kind == XLSX and check_zip(path, limits) == ODS:
        return read_xls_ods(path, ODS, limits=limits, sheet=sheet)
    if kind == XLSX:
        return read_xlsx(path, limits=limits, sheet=sheet)
    return read_csv(path, limits=limits)


def read_xlsx(path: Path, *, limits: Limits, sheet: str | None) -> Table:
    """An .xlsx through python-calamine when the pre-scan allows it, else openpyxl."""
    table = read_xlsx_calamine(path, limits=limits, sheet=sheet)
    if table is None:
        table = read_xlsx_openpyxl(path, limits=limits, sheet=sheet)
    return table
