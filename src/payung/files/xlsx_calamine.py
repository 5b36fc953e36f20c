"""The python-calamine path for .xlsx: several times faster than openpyxl, taken only when the
pre-scan shows the workbook is in the plain shape where both give the same table.

calamine reads a sheet into a dense grid from its first to its last cell, so one cell at
XFD1048576 costs gigabytes; and where a file leaves room for interpretation it does not always
decide as openpyxl does (error cells become "", untrimmed text is trimmed, "_x000D_" is
unescaped, dates at the edges of their range differ). So before calamine sees a workbook,
its parts are checked to be in the plain shape spreadsheet programs write, in which both
readers agree cell for cell; a workbook that is not is left to openpyxl, never refused here.
The checks work on the bytes with regular expressions anchored on literal tags, because a
Python-level XML parser would cost as much as openpyxl itself.
"""

from __future__ import annotations

import zipfile
import zlib
from datetime import datetime, time
from pathlib import Path
from typing import Any, Final

from python_calamine import CalamineError, CalamineSheet, CalamineWorkbook

from payung.files.sheets import choose_sheet
from payung.files.table import XLSX, Formula, Limits, RowCollector, Table
from payung.files.xlsx_parts import STRINGS_PART, plain_worksheets
from payung.files.xlsx_prescan import plain_shared_strings, scan_worksheet
from payung.files.xlsx_styles import plain_styles

_MIDNIGHT: Final = time(0)


def read_xlsx_calamine(path: Path, *, limits: Limits, sheet: str | None) -> Table | None:
    """Read the workbook with python-calamine, or return None to leave it to openpyxl."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = frozenset(archive.namelist())
            workbook = plain_worksheets(archive, names)
            if workbook is None:
                return None
            chosen, notes = choose_sheet(workbook, sheet)
            styles = plain_styles(archive, names)
            if styles is None:
                return None
            extent = scan_worksheet(archive, chosen.part, limits=limits, styles=styles)
            if extent is None:
                return None
            if STRINGS_PART in names and not plain_shared_strings(archive):
                return None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        return None  # openpyxl meets the same damage and reports it as it always has

    worksheet = _load_calamine_sheet(path, chosen.title)
    if worksheet is None:
        return None
    start, end = worksheet.start, worksheet.end
    if end is not None and (end[0] >= extent.last_row or end[1] >= extent.max_column):
        return None  # calamine saw more than the pre-scan did: openpyxl reads it instead

    collector = RowCollector(limits)
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
    return collector.table(format=XLSX, sheet=chosen.title, notes=notes)


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
    """One calamine row as openpyxl would have given it to ``xlsx_openpyxl.xlsx_value``."""
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
