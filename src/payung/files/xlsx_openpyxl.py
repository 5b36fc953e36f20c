"""The openpyxl path for .xlsx: streaming, slower, but it reads any workbook, limits and all.

Rows come back in sheet order even when the file stores its ``<row>`` elements out of order.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet._reader import WorkSheetParser

from payung.domain.errors import DomainError
from payung.files.errors import CORRUPT, TOO_MANY_COLUMNS, TOO_MANY_ROWS, XLSX_FAILURES, corrupt
from payung.files.sheets import choose_sheet
from payung.files.table import XLSX, Formula, Limits, RowCollector, RowItem, Table, is_empty


def xlsx_value(value: object) -> object:
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


def read_xlsx_openpyxl(path: Path, *, limits: Limits, sheet: str | None) -> Table:
    """Stream the sheet with openpyxl: slower, but it reads any workbook, limits and all."""
    with path.open("rb") as fh:
        # A file object, not the path: openpyxl would otherwise judge the file by its extension.
        try:
            workbook = load_workbook(fh, read_only=True, data_only=False, keep_links=False)
        except XLSX_FAILURES as error:
            if isinstance(error, DomainError):
                raise
            raise corrupt(error) from error
        try:
            worksheet, notes = choose_sheet(workbook, sheet)
            collector = in_sheet_order(limits, _openpyxl_rows(workbook, worksheet))
            title = worksheet.title
        except DomainError:
            raise
        except XLSX_FAILURES as error:
            raise corrupt(error) from error
        finally:
            workbook.close()
    return collector.table(format=XLSX, sheet=title, notes=notes)


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
                values[cell["column"] - 1] = xlsx_value(cell["value"])
            yield number, values


def _feed(collector: RowCollector, rows: Iterable[RowItem]) -> RowItem | None:
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


def in_sheet_order(limits: Limits, rows: Iterable[RowItem]) -> RowCollector:
    """Collect ``rows`` ((number, values) in the file's order) in sheet order, gaps and all.

    While the numbers ascend the rows are streamed, so a long run of empty rows still stops
    the reading early. From the first row stored after a higher one (software other than a
    spreadsheet program may write them so), the rest is read whole and the rows are collected
    again in order; a row number stored twice keeps the cells of both, the later winning.
    """
    stored = iter(rows)
    collector = RowCollector(limits)
    late = _feed(collector, stored)
    if late is None:
        return collector
    grid = dict(zip(collector.row_numbers, collector.rows, strict=True))
    for number, values in itertools.chain([late], stored):
        if number < 1:
            raise DomainError(CORRUPT, detail=f"row number {number}")
        if all(map(is_empty, values)):
            continue
        if len(values) > limits.max_columns:
            raise DomainError(TOO_MANY_COLUMNS, row=number, limit=limits.max_columns)
        row = grid.setdefault(number, [])
        row.extend([None] * (len(values) - len(row)))
        for at, value in enumerate(values):
            if not is_empty(value):
                row[at] = value
        if len(grid) > limits.max_rows + 1:
            raise DomainError(TOO_MANY_ROWS, limit=limits.max_rows)
    collector = RowCollector(limits)
    _feed(collector, sorted(grid.items()))
    return collector
