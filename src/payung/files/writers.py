"""The CSV and XLSX writers every export uses; every value goes through :mod:`.cells`.

A value is written by its type, never guessed from its text:

========================  ==========================================  ========================
value                     CSV                                          XLSX
========================  ==========================================  ========================
``str``                   quoted text; formula-like → ``'`` prefix     string cell; formula-like
                                                                       → quote prefix
``int``, ``Decimal``      unquoted number                              number (an integer of 16+
                                                                       digits, which Excel cannot
                                                                       hold, as text)
``float``                 unquoted number; NaN/inf as text             number; NaN/inf as text
``date``                  ``YYYY-MM-DD``                               date, shown DD-MM-YYYY
aware ``datetime``        ISO 8601 text                                ISO 8601 text (no zones)
``None``                  empty                                        empty
========================  ==========================================  ========================

Identity numbers (NIK, KK, KPJ) are handed over as ``str`` and stay exactly their digits: in
the XLSX as text cells (Excel shows all 16 digits), in the CSV quoted. The CSV is the file for
BPJS's upload; a person reads the XLSX (Excel turns an unquoted *or* quoted 16-digit CSV field
into 3,20101E+15 when it opens the file by double-click; see ADR 0025).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Final, Protocol

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from payung.files.cells import csv_text, is_formula_like, xlsx_text

DATE_FORMAT: Final = "DD-MM-YYYY"
# Excel keeps 15 significant digits: a longer integer would be changed, so it is written as text.
EXACT_INTEGER_LIMIT: Final = 10**15
HEADER_FONT: Final = Font(bold=True)
HEADER_FILL: Final = PatternFill("solid", start_color="DDEBF7")
UTF8_BOM: Final = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with the BOM


class TextSink(Protocol):
    def write(self, text: str, /) -> Any: ...


# --- CSV ----------------------------------------------------------------------------------------


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return csv_text(str(value))
    if isinstance(value, int | Decimal):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return csv_text(value if isinstance(value, str) else str(value))


def write_csv(
    sink: TextSink,
    *,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    delimiter: str = ",",
) -> None:
    """Write ``headers`` and ``rows`` to ``sink`` (a text file, an ``HttpResponse``).

    Text is quoted and numbers are not, so a reader that honours quotes (LibreOffice's "format
    quoted field as text", ``csv.QUOTE_NONNUMERIC``) keeps identity numbers as text.
    """
    writer = csv.writer(sink, delimiter=delimiter, quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([_csv_value(header) for header in headers])
    for values in rows:
        writer.writerow([_csv_value(value) for value in values])


def csv_table(
    *,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    delimiter: str = ",",
    bom: bool = True,
) -> bytes:
    """The whole CSV as UTF-8 bytes, with the BOM Excel needs unless ``bom`` is False."""
    buffer = io.StringIO()
    if bom:
        buffer.write(UTF8_BOM)
    write_csv(buffer, headers=headers, rows=rows, delimiter=delimiter)
    return buffer.getvalue().encode("utf-8")


# --- XLSX ---------------------------------------------------------------------------------------


def xlsx_workbook(*, write_only: bool = False) -> Workbook:
    """A new workbook; fill it only through :func:`xlsx_put` and :func:`xlsx_cell`."""
    return Workbook(write_only=write_only)


def xlsx_put(cell: Any, value: object) -> None:
    """Store ``value`` in ``cell`` (a worksheet cell or a write-only cell) as data."""
    if isinstance(value, bool) or value is None:
        cell.value = value
    elif isinstance(value, float) and not math.isfinite(value):
        _put_text(cell, str(value))
    elif (
        isinstance(value, int | float | Decimal)
        and abs(value) >= EXACT_INTEGER_LIMIT  # type: ignore[operator]  # abs() of the union
        and value == int(value)
    ):
        _put_text(cell, str(int(value)))
    elif isinstance(value, datetime | time) and value.tzinfo is not None:
        _put_text(cell, value.isoformat())  # Excel has no time zones
    elif isinstance(value, datetime | time | timedelta | int | float | Decimal):
        cell.value = value
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        _put_text(cell, value if isinstance(value, str) else str(value))


def _put_text(cell: Any, text: str) -> None:
    text = xlsx_text(text)
    cell.value = text
    # openpyxl makes a formula of any text starting with "="; forcing the type writes a string,
    # and the quote prefix keeps Excel from reading it as a formula when the cell is edited.
    cell.data_type = "s"
    if is_formula_like(text):
        cell.quotePrefix = True


def xlsx_cell(sheet: Any, value: object, *, header: bool = False) -> WriteOnlyCell:
    """A cell for a write-only ``sheet`` holding ``value``; a header cell is bold and shaded."""
    cell = WriteOnlyCell(sheet)
    xlsx_put(cell, value)
    if header:
        style_header(cell)
    return cell


def style_header(cell: Any) -> None:
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL


def xlsx_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_table(
    *, title: str, headers: Sequence[str], rows: Iterable[Sequence[object]], widths: Sequence[int]
) -> bytes:
    """One sheet of ``headers`` and ``rows``, written as data in write-only mode (so a batch of
    100,000 lines never holds every cell in memory)."""
    workbook = xlsx_workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([xlsx_cell(sheet, header, header=True) for header in headers])
    for values in rows:
        sheet.append([xlsx_cell(sheet, value) for value in values])
    return xlsx_bytes(workbook)
