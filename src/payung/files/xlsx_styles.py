"""Which cell styles of an .xlsx make a number a date, as openpyxl and python-calamine each
decide it; part of the pre-scan (ADR 0015).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from defusedxml.ElementTree import fromstring as parse_xml
from openpyxl.styles.stylesheet import Stylesheet
from openpyxl.xml.constants import PKG_REL_NS, REL_NS, SHEET_MAIN_NS
from python_calamine import CalamineError, CalamineWorkbook

from payung.files.errors import XLSX_FAILURES
from payung.files.xlsx_parts import WORKSHEET_REL

# How a number in a cell style comes out of a reader.
_NUMBER: Final = "number"
_DATE: Final = "date"  # a date, datetime or time
_DURATION: Final = "duration"
_XF_TAG: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?xf[\s/>]")


@dataclass(frozen=True)
class Styles:
    """Cell styles (indexes into cellXfs) whose numbers need a closer look."""

    dates: frozenset[int]  # both readers turn the number into a date or time
    refused: frozenset[int]  # the readers would give different values


def plain_styles(archive: zipfile.ZipFile, names: frozenset[str]) -> Styles | None:
    """Which cell styles make a number a date, as openpyxl and calamine each decide it.

    openpyxl's verdict comes from its own stylesheet reader. calamine's comes from calamine
    itself: a one-cell-per-style workbook built on the same styles.xml is read back, so the
    answer is what this calamine does, not a copy of its rules that could drift.
    """
    if "xl/styles.xml" not in names:
        return Styles(dates=frozenset(), refused=frozenset())
    source = archive.read("xl/styles.xml")
    try:
        stylesheet = Stylesheet.from_tree(parse_xml(source))
    except XLSX_FAILURES:
        return None
    dates, durations = stylesheet.date_formats, stylesheet.timedelta_formats
    count = max(len(stylesheet.cell_styles), len(_XF_TAG.findall(source)))
    calamine_kinds = _calamine_style_kinds(source, count)
    if calamine_kinds is None:
        return None
    date_styles, refused = set(), set()
    for index, calamine_kind in enumerate(calamine_kinds):
        if index not in dates:
            openpyxl_kind = _NUMBER
        elif index in durations:
            openpyxl_kind = _DURATION
        else:
            openpyxl_kind = _DATE
        # Durations differ in their rounding between the two; they are not worker data.
        if calamine_kind != openpyxl_kind or openpyxl_kind == _DURATION:
            refused.add(index)
        elif openpyxl_kind == _DATE:
            date_styles.add(index)
    if 0 in refused or 0 in date_styles:
        return None  # the style of every cell without s="…": too many cells to check
    return Styles(dates=frozenset(date_styles), refused=frozenset(refused))


_PROBE_WORKBOOK: Final = (
    f'<workbook xmlns="{SHEET_MAIN_NS}" xmlns:r="{REL_NS}"><sheets>'
    '<sheet name="probe" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
# calamine insists on the package relationships, though it reads the workbook from xl/.
_PROBE_PACKAGE: Final = (
    f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_PROBE_RELATIONSHIPS: Final = (
    f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{WORKSHEET_REL}" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def _calamine_style_kinds(styles: bytes, count: int) -> list[str] | None:
    """How calamine reads the number 1.5 in each of the first ``count`` cell styles."""
    if count == 0:
        return []
    cells = "".join(
        f'<row r="{i + 1}"><c r="A{i + 1}" s="{i}"><v>1.5</v></c></row>' for i in range(count)
    )
    probe = io.BytesIO()
    with zipfile.ZipFile(probe, "w") as archive:
        archive.writestr("_rels/.rels", _PROBE_PACKAGE)
        archive.writestr("xl/workbook.xml", _PROBE_WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _PROBE_RELATIONSHIPS)
        archive.writestr("xl/styles.xml", styles)
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{SHEET_MAIN_NS}"><sheetData>{cells}</sheetData></worksheet>',
        )
    probe.seek(0)
    try:
        with CalamineWorkbook.from_filelike(probe) as workbook:
            values = workbook.get_sheet_by_name("probe").to_python()
    except CalamineError:
        return None
    if len(values) != count:
        return None
    kinds = {datetime: _DATE, timedelta: _DURATION, float: _NUMBER}
    return [kinds.get(type(row[0]), "other") for row in values]
