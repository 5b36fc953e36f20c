"""Which sheet of a workbook is read, decided alike for .xlsx, .xls and .ods, and how large a
grid python-calamine may build for one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from payung.domain.errors import DomainError, Issue, warning
from payung.files.errors import NO_DATA, OTHER_SHEETS_IGNORED, SHEET_MISSING

INSTRUCTION_SHEETS: Final = frozenset({"petunjuk", "instructions"})
DATA_SHEET: Final = "data"

# calamine's grid costs about 32 bytes a cell, empty or not. A grid larger than this and more
# than DENSE_FACTOR times the cells really written is a sparse sheet, not read by calamine.
DENSE_FLOOR: Final = 2_000_000
DENSE_FACTOR: Final = 8


@dataclass(frozen=True)
class Worksheet:
    """A worksheet as openpyxl would list it, with the zip member holding its XML."""

    title: str
    sheet_state: str
    part: str


@dataclass(frozen=True)
class Worksheets:
    """The shape of an openpyxl workbook that :func:`choose_sheet` reads."""

    worksheets: list[Worksheet]


def choose_sheet(workbook: Any, sheet: str | None) -> tuple[Any, list[Issue]]:
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
