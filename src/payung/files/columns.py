"""Finding a few named columns in a file another office sends back (BPJS's answers and invoices).

Such files have few columns and no template of ours, so each column is known by a handful of
header spellings (compared in ``normalise_header``'s form) and the header is the first of the
top rows that names every required column.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from payung.domain.errors import DomainError, register
from payung.domain.headers import normalise_header
from payung.files.table import Table

HEADER_ROWS = 15

COLUMNS_MISSING = register(
    "columns.missing",
    id="Kolom {columns} tidak ditemukan di baris judul berkas.",
    en="Column(s) {columns} not found in the file's header row.",
)


@dataclass(frozen=True)
class Columns:
    """Where each wanted column is, and the data rows under the header with their numbers."""

    index: dict[str, int]
    rows: list[list[object]]
    row_numbers: list[int]

    def cell(self, row: list[object], name: str) -> object:
        position = self.index.get(name)
        return row[position] if position is not None and position < len(row) else None


def find_columns(
    table: Table, wanted: Mapping[str, Collection[str]], *, required: Collection[str]
) -> Columns:
    """The columns of ``wanted`` (name → header spellings) found in ``table``'s header row.

    Raises ``file.columns_missing`` when no top row names every ``required`` column.
    """
    spellings = {normalise_header(text): name for name, texts in wanted.items() for text in texts}
    for position, row in enumerate(table.rows[:HEADER_ROWS]):
        index: dict[str, int] = {}
        for column, text in enumerate(row):
            name = spellings.get(normalise_header(text))
            if name is not None and name not in index:
                index[name] = column
        if all(name in index for name in required):
            return Columns(index, table.rows[position + 1 :], table.row_numbers[position + 1 :])
    raise DomainError(COLUMNS_MISSING, columns=", ".join(sorted(required)))
