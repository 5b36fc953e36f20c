"""SIAK's .xls (BIFF8) and LibreOffice's .ods, read by python-calamine after their extent is
bounded (ADR 0029).

calamine reads every sheet of an .xls or .ods when it opens the file, each into a dense grid
over its cells' extent. So before it opens an .xls, the BIFF8 records of every worksheet are
scanned (cheaply, with struct) for the extent and the cell count; a sheet too wide, or too
sparse for its grid, is refused before any grid exists. The records also say whether the
workbook is encrypted (FILEPASS). An .ods is a zip checked like an .xlsx (bombs, members,
sizes); its rows are counted in content.xml before calamine reads it. Cells come back as
calamine types them: numbers as float (a whole number as int, as an .xlsx gives it), dates as
date or datetime. A formula's stored result is read, as the spreadsheet program computed it.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from datetime import datetime, time
from pathlib import Path
from typing import Any, Final

from python_calamine import (
    CalamineError,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from payung.domain.errors import DomainError
from payung.files.errors import (
    CORRUPT,
    LEGACY_XLS,
    PASSWORD_PROTECTED,
    SHEET_EXTENT,
    TOO_MANY_COLUMNS,
    TOO_MANY_ROWS,
    corrupt,
)
from payung.files.sheets import DENSE_FACTOR, DENSE_FLOOR, Worksheet, Worksheets, choose_sheet
from payung.files.table import ODS, XLS, Formula, Limits, RowCollector, Table

_MIDNIGHT: Final = time(0)
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
    if last_row * last_column > max(DENSE_FLOOR, DENSE_FACTOR * cells):
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
        content = archive.read("content.xml")  # its size is bounded by check_zip
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


def read_xls(path: Path, stream: bytes, *, limits: Limits, sheet: str | None) -> Table:
    if len(stream) < 8 or struct.unpack_from("<HH", stream)[0] != _BIFF_BOF:
        raise DomainError(CORRUPT, detail="no BIFF record at the start of the workbook")
    (version,) = struct.unpack_from("<H", stream, 4)
    if version != 0x0600:
        raise DomainError(LEGACY_XLS)  # BIFF5 and older inside a Workbook stream
    _xls_extents(stream, limits)
    return read_xls_ods(path, XLS, limits=limits, sheet=sheet)


# calamine's enums compare but do not hash.
_VISIBILITY: Final = (
    (SheetVisibleEnum.Visible, "visible"),
    (SheetVisibleEnum.Hidden, "hidden"),
    (SheetVisibleEnum.VeryHidden, "veryHidden"),
)


def _visibility(visible: SheetVisibleEnum) -> str:
    return next((state for member, state in _VISIBILITY if member == visible), "hidden")


def read_xls_ods(path: Path, kind: str, *, limits: Limits, sheet: str | None) -> Table:
    """Read a checked .xls or .ods with python-calamine into a :class:`Table`."""
    if kind == ODS:
        try:
            _ods_extent(path, limits)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError) as error:
            raise corrupt(error) from error
    with path.open("rb") as fh:
        try:
            with CalamineWorkbook.from_filelike(fh) as workbook:
                listed = Worksheets(
                    worksheets=[
                        Worksheet(
                            title=meta.name,
                            sheet_state=_visibility(meta.visible),
                            part="",
                        )
                        for meta in workbook.sheets_metadata
                        if meta.typ == SheetTypeEnum.WorkSheet
                    ]
                )
                chosen, notes = choose_sheet(listed, sheet)
                worksheet = workbook.get_sheet_by_name(chosen.title)
                collector = RowCollector(limits)
                start = worksheet.start
                first_row = start[0] if start else 0
                padding = [None] * (start[1] if start else 0)
                for number, values in enumerate(worksheet.iter_rows(), start=first_row + 1):
                    if not collector.add(number, _calamine_cells(values, padding)):
                        break
        except PasswordError as error:
            raise DomainError(PASSWORD_PROTECTED) from error
        except CalamineError as error:
            raise corrupt(error) from error
    return collector.table(format=kind, sheet=chosen.title, notes=notes)


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
