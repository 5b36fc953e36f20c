"""Workbooks handed out to be filled in or corrected: the pieces of a template (a header row of
formatted columns, lists behind drop-downs) and the rejected-rows workbook.

The error workbook returns rejected rows as they came, plus the row number and the problems.
Whatever the upload contained is written as a value, never as a formula: a cell reading
``=HYPERLINK(...)`` goes back as text, so the file we produce cannot run anything. Every value
goes through the one safe writer, :mod:`payung.files.writers`. What a template says (its
columns, its instructions) belongs to the app that hands it out (``imports.template``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from payung.files.table import Formula
from payung.files.writers import (
    HEADER_FONT,
    style_header,
    xlsx_bytes,
    xlsx_cell,
    xlsx_put,
    xlsx_workbook,
)

DATA_SHEET: Final = "Data"
TEXT_FORMAT: Final = "@"
ORIGINAL_ROW_HEADER: Final = "Baris asal"
PROBLEMS_HEADER: Final = "Masalah"
# Excel shows integers from 12 digits on as 1,23457E+11: an uploaded number that long was an
# identity number Excel damaged, and goes back as the digits that are left.
BIG_INTEGER: Final = 10**11


@dataclass(frozen=True)
class Column:
    """A column of a template: its header, width, what it holds, an example, its number format."""

    header: str
    width: int
    description: str
    example: str
    number_format: str | None = None


def write_header_row(sheet: Any, columns: Sequence[Column]) -> None:
    """The bold header of ``columns`` in row 1, frozen, each column formatted for every row."""
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        xlsx_put(cell, column.header)
        style_header(cell)
        letter = get_column_letter(index)
        dimension = sheet.column_dimensions[letter]
        dimension.width = column.width
        if column.number_format:
            # A column style is what Excel writes when a whole column is formatted: every cell
            # typed into it later, in any row, takes the format.
            dimension.number_format = column.number_format
    sheet.freeze_panes = "A2"


def write_list(sheet: Any, column: int, header: str, values: Sequence[str]) -> str | None:
    """Write a list under ``header`` in ``column``; return its range for a drop-down, if any.

    The range names ``sheet`` by its title, which must need no quoting (no spaces)."""
    heading = sheet.cell(row=1, column=column)
    xlsx_put(heading, header)
    heading.font = HEADER_FONT
    for row, value in enumerate(values, start=2):
        xlsx_put(sheet.cell(row=row, column=column), value)
    if not values:
        return None
    letter = get_column_letter(column)
    return f"{sheet.title}!${letter}$2:${letter}${len(values) + 1}"


def add_list_validation(
    sheet: Any, *, column: int, header: str, formula: str, last_row: int
) -> None:
    """A drop-down on ``column`` from row 2 to ``last_row``: the values of ``formula`` only."""
    letter = get_column_letter(column)
    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=header,
        error=f"Pilih {header} dari daftar pada sel ini.",
    )
    validation.add(f"{letter}2:{letter}{last_row}")
    sheet.add_data_validation(validation)


def build_error_workbook(
    *, headers: Sequence[object], rows: Sequence[tuple[int, Sequence[object], str]]
) -> bytes:
    """The rejected rows as uploaded, with ``Baris asal`` (their row number) and ``Masalah``.

    ``rows`` are ``(row_number, values, problems)``; problems is the Indonesian text, one problem
    per line. The two columns are added after the widest row, so the original columns keep their
    positions and the corrected file can be uploaded again. Written in write-only mode: a file
    with 200,000 rejected rows must not hold every cell object in memory.
    """
    width = max([len(headers), *(len(values) for _, values, _ in rows)])
    workbook = xlsx_workbook(write_only=True)
    sheet = workbook.create_sheet(DATA_SHEET)
    for index in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 18
    sheet.column_dimensions[get_column_letter(width + 1)].width = 10
    sheet.column_dimensions[get_column_letter(width + 2)].width = 60
    sheet.freeze_panes = "A2"

    padded = [*headers, *([None] * (width - len(headers)))]
    sheet.append(
        [
            xlsx_cell(sheet, _echoed(value), header=True)
            for value in [*padded, ORIGINAL_ROW_HEADER, PROBLEMS_HEADER]
        ]
    )

    wrap = Alignment(wrap_text=True, vertical="top")
    for number, values, problems in rows:
        cells = [xlsx_cell(sheet, _echoed(value)) for value in values]
        cells.extend(xlsx_cell(sheet, None) for _ in range(width - len(values)))
        problems_cell = xlsx_cell(sheet, problems)
        problems_cell.alignment = wrap
        sheet.append([*cells, xlsx_cell(sheet, number), problems_cell])
    return xlsx_bytes(workbook)


def _echoed(value: object) -> object:
    """An uploaded cell as it goes back: a formula as its text, a long number as its digits."""
    if isinstance(value, Formula):
        return value.text
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and abs(value) >= BIG_INTEGER
        and value == int(value)
    ):
        return str(int(value))  # a NIK that Excel turned into a number: not 3.2E+15
    return value
