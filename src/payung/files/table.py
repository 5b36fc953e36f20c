"""What every reader returns and the row collector they share: the limits an upload may cost,
a formula kept as its text, and :class:`Table`, the non-empty rows with their numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from payung.domain.errors import DomainError, Issue, warning
from payung.files.errors import (
    CELL_TOO_LONG,
    NO_DATA,
    TOO_MANY_COLUMNS,
    TOO_MANY_ROWS,
    TRAILING_EMPTY_ROWS_IGNORED,
)

MIB: Final = 1024 * 1024
RowItem = tuple[int, list[object]]  # a row's number in the sheet, and its values

XLSX: Final = "xlsx"
XLS: Final = "xls"
ODS: Final = "ods"
CSV: Final = "csv"

# Enough for the text test and the delimiter sniffing; a CFB directory of a small file fits too.
HEAD_BYTES: Final = 64 * 1024


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


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class RowCollector:
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
        while row and is_empty(row[-1]):
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

    def table(
        self,
        *,
        format: str,
        sheet: str | None,
        notes: Iterable[Issue] = (),
        encoding: str | None = None,
        delimiter: str | None = None,
    ) -> Table:
        """The rows taken, as the reader's :class:`Table`: its own ``notes``, then the
        collector's (``file.no_data`` is raised when no row was taken)."""
        return Table(
            format=format,
            sheet=sheet,
            rows=self.rows,
            row_numbers=self.row_numbers,
            encoding=encoding,
            delimiter=delimiter,
            notes=(*notes, *self.notes()),
        )

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
