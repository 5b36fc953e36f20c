"""Reading uploads: the format comes from the bytes, every limit is enforced before its cost.

Every input is generated here in ``tmp_path``; nothing is read from fixtures on disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import random
import re
import string
import struct
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import openpyxl.chart
import pytest

from payung.domain.dates import parse_date
from payung.domain.errors import LANGUAGES, DomainError, Issue, Severity, catalogue
from payung.domain.nik import parse_nik
from payung.files import reader, xlsx_calamine, xlsx_openpyxl, xlsx_prescan
from payung.files.reader import detect_format, read_table, sha256_of
from payung.files.table import DEFAULT_LIMITS, Formula, Limits, Table
from tests.spreadsheets import write_xls

MIB = 1024 * 1024
NIK = "3201014508800004"
NIK_AS_NUMBER = 3201014508800000  # what Excel keeps of the NIK typed into a General cell
HEADER = ["NIK", "Nama Lengkap", "Tanggal Lahir"]


# --- builders -------------------------------------------------------------------------------


def write_xlsx(path: Path, *sheets: tuple[str, Iterable[Iterable[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    workbook.save(path)
    return path


def people(count: int) -> list[list[object]]:
    return [
        HEADER,
        *([f"32010145088{n:05d}", f"Orang {n}", date(1980, 8, 5)] for n in range(count)),
    ]


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
WORKBOOK_PARTS = {
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": PACKAGE_RELS,
    "xl/workbook.xml": WORKBOOK,
    "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
}


def xml_row(number: int, values: Iterable[str]) -> bytes:
    cells = "".join(
        f'<c r="{string.ascii_uppercase[i]}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
    )
    return f'<row r="{number}">{cells}</row>'.encode()


def write_sheet_xml(path: Path, body: Iterable[bytes], *, dimension: str | None = None) -> Path:
    """A minimal workbook whose only sheet's XML is streamed from ``body``, chunk by chunk."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in WORKBOOK_PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            for chunk in body:
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return path


def spaces(total: int) -> Iterator[bytes]:
    block = b" " * MIB
    for _ in range(total // MIB):
        yield block


_FREE, _END, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _directory_entry(name: str, kind: int, *, child: int = _NO_STREAM, right: int = _NO_STREAM):
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)  # name length, type, colour black
        + struct.pack("<III", _NO_STREAM, right, child)
        + bytes(16 + 4 + 8 + 8)  # class id, state bits, creation and modification times
        + struct.pack("<IQ", _END, 0)  # start sector, size: the streams are empty
    )


def compound_file(*streams: str) -> bytes:
    """A valid minimal OLE2/CFB container (version 3) holding empty streams named ``streams``.

    Header, one FAT sector, one directory sector ([MS-CFB] 2.2, 2.6); up to three streams.
    """
    assert len(streams) <= 3
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)  # versions, byte order, sector shifts
        + bytes(6)
        # directory sectors, FAT sectors, first directory sector, transaction, mini cutoff,
        # first mini FAT, mini FAT sectors, first DIFAT, DIFAT sectors
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<109I", 0, *([_FREE] * 108))
    )
    fat = struct.pack("<128I", _FAT_SECTOR, _END, *([_FREE] * 126))
    entries = [_directory_entry("Root Entry", 5, child=1 if streams else _NO_STREAM)]
    for index, name in enumerate(streams, start=1):
        sibling = index + 1 if index < len(streams) else _NO_STREAM
        entries.append(_directory_entry(name, 2, right=sibling))
    return header + fat + b"".join(entries).ljust(512, b"\0")


def issue_of(path: Path, **kwargs: object) -> Issue:
    with pytest.raises(DomainError) as error:
        read_table(path, **kwargs)  # type: ignore[arg-type]
    return error.value.issue


def code_of(path: Path, **kwargs: object) -> str:
    return issue_of(path, **kwargs).code


def note_codes(path: Path, **kwargs: object) -> list[str]:
    return [note.code for note in read_table(path, **kwargs).notes]  # type: ignore[arg-type]


# --- XLSX -----------------------------------------------------------------------------------


def test_xlsx_keeps_cell_types_and_numbers_nik_as_excel_stored_it(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "data.xlsx",
        ("Data", [[*HEADER, "Aktif", "Penghasilan"], [NIK, "Siti Aminah", date(1980, 8, 5), True]]),
    )
    workbook = openpyxl.load_workbook(path)
    workbook["Data"].append([NIK_AS_NUMBER, "Budi", "05-08-1980", None, 1500000.5])
    workbook.save(path)

    table = read_table(path)

    assert table.format == "xlsx"
    assert table.sheet == "Data"
    assert table.encoding is None
    assert table.delimiter is None
    assert table.rows[1] == [NIK, "Siti Aminah", date(1980, 8, 5), True]
    assert type(table.rows[1][2]) is date
    assert table.rows[2] == [NIK_AS_NUMBER, "Budi", "05-08-1980", None, 1500000.5]
    assert type(table.rows[2][0]) is int  # the caller must see Excel's damage, not a string
    assert table.row_numbers == [1, 2, 3]
    assert table.notes == ()


def test_title_row_and_gaps_keep_the_original_row_numbers(tmp_path: Path) -> None:
    rows = [["DATA PEKERJA RENTAN DESA SUKAMAJU"], [], HEADER, [NIK, "Siti", None], [None, " "]]
    rows += [[NIK, "Budi", None, None, None]]
    path = write_xlsx(tmp_path / "title.xlsx", ("Sheet1", rows))

    table = read_table(path)

    assert table.rows == [
        ["DATA PEKERJA RENTAN DESA SUKAMAJU"],
        HEADER,
        [NIK, "Siti"],  # trailing empty cells trimmed
        [NIK, "Budi"],
    ]
    assert table.row_numbers == [1, 3, 4, 6]


def test_formula_cells_come_back_as_formulas_never_evaluated(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "formula.xlsx", ("Data", [["A", "B", "Jumlah"], [1, 2, "=A2+B2"]]))

    table = read_table(path)

    assert table.rows[1] == [1, 2, Formula("=A2+B2")]


def test_instructions_sheet_first_reads_the_data_sheet(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "template.xlsx",
        ("Petunjuk", [["Isi data di lembar Data"]]),
        ("Data", people(2)),
        ("Rekap", [["Jumlah", 2]]),
    )

    table = read_table(path)

    assert table.sheet == "Data"
    assert table.rows[0] == HEADER
    assert len(table.rows) == 3
    assert [(n.code, dict(n.params), n.severity) for n in table.notes] == [
        ("file.other_sheets_ignored", {"sheet": "Data", "sheets": "Rekap"}, Severity.WARNING)
    ]


def test_first_sheet_is_read_and_the_others_are_noted(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "two.xlsx", ("Desa A", people(1)), ("Desa B", people(1)))

    table = read_table(path)

    assert table.sheet == "Desa A"
    assert [dict(n.params) for n in table.notes] == [{"sheet": "Desa A", "sheets": "Desa B"}]


def test_sheet_can_be_chosen_and_must_exist(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "two.xlsx", ("Desa A", people(1)), ("Desa B", people(3)))

    assert len(read_table(path, sheet="Desa B").rows) == 4
    issue = issue_of(path, sheet="Desa C")
    assert (issue.code, dict(issue.params)) == ("file.sheet_missing", {"sheet": "Desa C"})


def test_a_dimension_claiming_fewer_rows_does_not_hide_data(tmp_path: Path) -> None:
    body = [xml_row(n, [f"r{n}", "b", "c"]) for n in range(1, 6)]
    path = write_sheet_xml(tmp_path / "short.xlsx", body, dimension="A1:A1")

    table = read_table(path)

    assert table.rows == [[f"r{n}", "b", "c"] for n in range(1, 6)]


def _million_empty_rows() -> Iterator[bytes]:
    yield b"".join(xml_row(n, [f"v{n}", "b", "c"]) for n in range(1, 5))
    for start in range(5, 1_000_005, 50_000):
        yield "".join(f'<row r="{n}"/>' for n in range(start, start + 50_000)).encode()
    yield xml_row(1_000_005, ["late"])


@pytest.mark.parametrize(
    "body",
    [
        # a gap: openpyxl makes up the missing rows itself
        lambda: (
            b"".join(xml_row(n, [f"v{n}", "b", "c"]) for n in range(1, 5)),
            xml_row(1_000_005, ["late"]),
        ),
        # a million explicit empty <row/> elements
        _million_empty_rows,
    ],
    ids=["gap", "explicit-empty-rows"],
)
def test_a_million_empty_rows_stop_the_reading(
    tmp_path: Path, body: Callable[[], Iterable[bytes]]
) -> None:
    path = write_sheet_xml(tmp_path / "sparse.xlsx", body(), dimension="A1:C1000005")

    table = read_table(path)

    assert table.rows == [[f"v{n}", "b", "c"] for n in range(1, 5)]  # header + 3, not "late"
    assert table.row_numbers == [1, 2, 3, 4]
    assert [(n.code, dict(n.params)) for n in table.notes] == [
        ("file.trailing_empty_rows_ignored", {"count": 1000, "row": 4})
    ]


def test_data_after_a_short_gap_is_read(tmp_path: Path) -> None:
    body = [xml_row(1, ["h"]), xml_row(2, ["a"]), xml_row(999, ["b"])]
    path = write_sheet_xml(tmp_path / "gap.xlsx", body)

    table = read_table(path)

    assert table.row_numbers == [1, 2, 999]
    assert table.notes == ()


def test_too_many_rows_counts_the_rows_after_the_header(tmp_path: Path) -> None:
    limits = Limits(max_rows=10)

    assert (
        len(read_table(write_xlsx(tmp_path / "ten.xlsx", ("D", people(10))), limits=limits).rows)
        == 11
    )
    issue = issue_of(write_xlsx(tmp_path / "eleven.xlsx", ("D", people(11))), limits=limits)
    assert (issue.code, dict(issue.params)) == ("file.too_many_rows", {"limit": 10})


def test_too_many_columns(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "wide.xlsx", ("D", [HEADER, [NIK, *range(10)]]))

    issue = issue_of(path, limits=Limits(max_columns=5))

    assert (issue.code, dict(issue.params)) == ("file.too_many_columns", {"row": 2, "limit": 5})


def test_cell_too_long(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "long.xlsx", ("D", [HEADER, [NIK, "x" * 21]]))

    issue = issue_of(path, limits=Limits(max_cell_chars=20))

    assert (issue.code, dict(issue.params)) == ("file.cell_too_long", {"row": 2, "limit": 20})


def test_sheet_with_only_empty_cells_has_no_data(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "blank.xlsx", ("D", [[None, " "], [None]]))

    assert code_of(path) == "file.no_data"


# --- XLSX: python-calamine reads what openpyxl would read, or leaves it to openpyxl ----------

OPENPYXL_READER = xlsx_openpyxl.read_xlsx_openpyxl
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


@pytest.fixture
def openpyxl_used(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files read_table left to openpyxl; empty when python-calamine read the sheet."""
    used: list[str] = []

    def recording(path: Path, **kwargs: object) -> Table:
        used.append(path.name)
        return OPENPYXL_READER(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reader, "read_xlsx_openpyxl", recording)
    return used


@pytest.fixture
def calamine_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(path: Path, title: str) -> None:
        raise AssertionError("calamine was asked to build the grid of this sheet")

    monkeypatch.setattr(xlsx_calamine, "_load_calamine_sheet", never)


def typed(table: Table) -> list[list[tuple[type, object]]]:
    return [[(type(value), value) for value in row] for row in table.rows]


def openpyxl_table(path: Path, **kwargs: object) -> Table:
    limits = kwargs.get("limits", DEFAULT_LIMITS)
    return OPENPYXL_READER(path, limits=limits, sheet=kwargs.get("sheet"))  # type: ignore[arg-type]


def assert_read_as_openpyxl_reads(path: Path, **kwargs: object) -> Table:
    """read_table gives exactly openpyxl's table: values, their types, rows, notes."""
    table = read_table(path, **kwargs)  # type: ignore[arg-type]
    expected = openpyxl_table(path, **kwargs)
    assert typed(table) == typed(expected)
    assert table == expected
    return table


def write_package(path: Path, sheet_xml: str, *, strings: str | None = None) -> Path:
    """A workbook with one sheet written as given, and shared strings if ``strings``."""
    parts = dict(WORKBOOK_PARTS)
    if strings is not None:
        parts["[Content_Types].xml"] = CONTENT_TYPES.replace(
            "</Types>",
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{STRINGS_TYPE}"/></Types>',
        )
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN_NS}">{strings}</sst>'
    parts["xl/worksheets/sheet1.xml"] = sheet_xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def sheet_xml(rows: str, *, prefix: str = "") -> str:
    p = f"{prefix}:" if prefix else ""
    binding = f"xmlns:{prefix}" if prefix else "xmlns"
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {binding}="{MAIN_NS}">'
        f"<{p}sheetData>{rows}</{p}sheetData></{p}worksheet>"
    )


def varied_workbook(path: Path) -> Path:
    """Instructions first, data with title rows, gaps, a blank first column and every type."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "Petunjuk"
    workbook.active.append(["Isi data di lembar Data"])
    data = workbook.create_sheet("Data")
    first = [NIK, "Siti  Aminah", date(1980, 8, 5), "3201012001", "081234567890", True]
    second = [NIK_AS_NUMBER, "Budi", datetime(1979, 1, 2), 3201012001, 81234567890, False]
    third = ["3201014508800005", "Jl. Mawar\nRT 01", "05-08-1980", None, "+62 812-3456"]
    rows: list[list[object]] = [
        [],
        [],
        [None, "DATA PEKERJA RENTAN DESA SUKAMAJU"],
        [],
        [None, *HEADER, "Kode Desa", "No. HP", "Aktif", "Penghasilan", "Anak", "Jam", "Masuk"],
        [None, *first, 1500000.5, 2, time(7, 30), datetime(2024, 1, 5, 13, 45, 12)],
        [None, *second, 0.25, None, None, datetime(2024, 1, 5, 13, 45, 12, 345678)],
        [None, *third, None, -3, 0, None, None, "=A1 as typed text"],
        [None, "'3201014508800006", " Ani ", date(2001, 2, 28), 3.5, None, None, None, 7],
    ]
    for row in rows:
        data.append(row)
    data["L8"].data_type = "s"  # text that starts with "=", not a formula
    workbook.create_sheet("Rekap").append(["Jumlah", 4])
    lists = workbook.create_sheet("Daftar")
    lists.append(["Petani"])
    lists.sheet_state = "hidden"
    workbook.save(path)
    return path


def test_calamine_reads_a_varied_workbook_exactly_as_openpyxl(
    tmp_path: Path, openpyxl_used: list[str]
) -> None:
    path = varied_workbook(tmp_path / "varied.xlsx")

    table = assert_read_as_openpyxl_reads(path)

    assert openpyxl_used == []  # read by calamine, or the comparison proves nothing
    assert table.sheet == "Data"
    assert table.row_numbers == [3, 5, 6, 7, 8, 9]
    assert [(n.code, dict(n.params)) for n in table.notes] == [
        ("file.other_sheets_ignored", {"sheet": "Data", "sheets": "Rekap"})
    ]
    header, first, second, third, fourth = table.rows[1:]
    assert header[:4] == [None, *HEADER]  # the blank first column keeps its place
    assert first[1:7] == [NIK, "Siti  Aminah", date(1980, 8, 5), "3201012001", "081234567890", True]
    assert first[7:] == [1500000.5, 2, time(7, 30), datetime(2024, 1, 5, 13, 45, 12)]
    assert type(first[3]) is date
    assert (type(second[1]), type(second[3]), type(second[4])) == (int, date, int)
    assert second[-1] == datetime(2024, 1, 5, 13, 45, 12, 346000)  # openpyxl keeps milliseconds
    assert third[-1] == Formula("=A1 as typed text")
    assert fourth[1:4] == ["'3201014508800006", " Ani ", date(2001, 2, 28)]
    today = date(2026, 11, 21)
    with pytest.raises(DomainError) as damaged:
        parse_nik(second[1], reference_date=today)
    assert damaged.value.code == "nik.excel_damaged"
    assert parse_date(first[3], reference_date=today) == date(1980, 8, 5)


def test_calamine_chooses_the_sheet_as_openpyxl_does(
    tmp_path: Path, openpyxl_used: list[str]
) -> None:
    path = varied_workbook(tmp_path / "varied.xlsx")

    chosen = assert_read_as_openpyxl_reads(path, sheet="Rekap")
    hidden = assert_read_as_openpyxl_reads(path, sheet="Daftar")

    assert (chosen.sheet, chosen.rows, chosen.notes) == ("Rekap", [["Jumlah", 4]], ())
    assert (hidden.sheet, hidden.rows) == ("Daftar", [["Petani"]])
    assert code_of(path, sheet="Data ") == "file.sheet_missing"
    assert openpyxl_used == []


def test_a_chartsheet_is_not_a_worksheet(tmp_path: Path, openpyxl_used: list[str]) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Data"
    workbook.active.append(HEADER)
    chart = openpyxl.chart.BarChart()
    chart.add_data(openpyxl.chart.Reference(workbook.active, min_col=1, min_row=1, max_row=1))
    workbook.create_chartsheet("Grafik", 0).add_chart(chart)
    path = tmp_path / "chart.xlsx"
    workbook.save(path)

    table = assert_read_as_openpyxl_reads(path)

    assert (table.sheet, table.rows, table.notes) == ("Data", [HEADER], ())
    assert openpyxl_used == ["chart.xlsx"]  # chartsheets are rare: openpyxl decides about them


def test_a_formula_sends_the_sheet_to_openpyxl_which_reports_it(
    tmp_path: Path, openpyxl_used: list[str]
) -> None:
    path = write_xlsx(tmp_path / "formula.xlsx", ("Data", [HEADER, [NIK, "=B3&C3", 1]]))

    table = assert_read_as_openpyxl_reads(path)

    assert openpyxl_used == ["formula.xlsx"]
    assert table.rows[1] == [NIK, Formula("=B3&C3"), 1]


@pytest.mark.filterwarnings("ignore:Data Validation extension is not supported")
def test_data_validations_are_not_formulas(tmp_path: Path, openpyxl_used: list[str]) -> None:
    rows = xml_row(1, ["NIK", "Pekerjaan"]).decode()
    validation = (
        '<dataValidations count="1"><dataValidation type="list" sqref="B2:B9">'
        "<formula1>Daftar!$A$2:$A$5</formula1></dataValidation></dataValidations>"
        '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations '
        'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" '
        'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation>'
        "<x14:formula1><xm:f>Daftar!$A$2:$A$5</xm:f></x14:formula1></x14:dataValidation>"
        "</x14:dataValidations></ext></extLst>"
    )
    xml = sheet_xml(rows).replace("</worksheet>", validation + "</worksheet>")

    table = assert_read_as_openpyxl_reads(write_package(tmp_path / "list.xlsx", xml))

    assert table.rows == [["NIK", "Pekerjaan"]]
    assert openpyxl_used == []


def _row_1_000_000() -> str:
    # Empty rows every 999 rows: no gap long enough to stop the reading before it.
    empty = "".join(f'<row r="{n}"/>' for n in range(1_000, 1_000_000, 999))
    return xml_row(1, ["NIK"]).decode() + empty + xml_row(1_000_000, ["late"]).decode()


def _column_beyond_the_limit() -> str:
    return f'<row r="1"><c r="XFD1"><v>1</v></c></row>{xml_row(2, ["a"]).decode()}'


def _a_gap_of_a_thousand_rows() -> str:
    return xml_row(1, ["NIK"]).decode() + xml_row(1_002, ["late"]).decode()


def _a_sparse_grid() -> str:
    # A row every 400 rows down to 200,000, each with a cell in A and in GR (column 200):
    # within every limit, yet a grid of 40 million cells for a thousand written.
    rows = "".join(
        f'<row r="{n * 400}"><c r="A{n * 400}"><v>1</v></c><c r="GR{n * 400}"><v>2</v></c></row>'
        for n in range(1, 501)
    )
    return xml_row(1, ["NIK"]).decode() + rows


def _a_row_without_number() -> str:
    return xml_row(1, ["NIK"]).decode() + '<row><c r="A900000"><v>1</v></c></row>'


def _a_cell_without_reference() -> str:
    return xml_row(1, ["NIK"]).decode() + '<row r="2"><c><v>1</v></c><c><v>2</v></c></row>'


@pytest.mark.parametrize(
    ("rows", "limits"),
    [
        (_row_1_000_000, Limits()),
        (_column_beyond_the_limit, Limits()),
        (_a_gap_of_a_thousand_rows, Limits()),
        (_a_sparse_grid, Limits(max_columns=200)),
        (_a_row_without_number, Limits()),
        (_a_cell_without_reference, Limits()),
    ],
    ids=["row-1000000", "column-XFD", "gap", "sparse", "row-without-r", "cell-without-r"],
)
def test_a_sheet_calamine_would_hold_whole_in_memory_is_streamed_by_openpyxl(
    tmp_path: Path,
    calamine_forbidden: None,
    openpyxl_used: list[str],
    rows: Callable[[], str],
    limits: Limits,
) -> None:
    path = write_package(tmp_path / "wide.xlsx", sheet_xml(rows()))

    try:
        table: Table | Issue = read_table(path, limits=limits)
    except DomainError as error:
        table = error.issue
    try:
        expected: Table | Issue = openpyxl_table(path, limits=limits)
    except DomainError as error:
        expected = error.issue

    assert openpyxl_used == ["wide.xlsx"]
    assert table == expected


def test_a_cell_far_down_or_right_keeps_its_old_outcome(tmp_path: Path) -> None:
    far_right = write_package(tmp_path / "right.xlsx", sheet_xml(_column_beyond_the_limit()))
    far_down = write_package(tmp_path / "down.xlsx", sheet_xml(_row_1_000_000()))

    issue = issue_of(far_right)
    table = read_table(far_down)

    assert (issue.code, dict(issue.params)) == ("file.too_many_columns", {"row": 1, "limit": 200})
    assert table.rows == [["NIK"]]
    assert [(n.code, dict(n.params)) for n in table.notes] == [
        ("file.trailing_empty_rows_ignored", {"count": 1000, "row": 1})
    ]


def test_a_cell_naming_another_row_is_left_to_openpyxl(
    tmp_path: Path, openpyxl_used: list[str]
) -> None:
    # openpyxl puts a cell in the <row> holding it, calamine in the row its reference names.
    rows = xml_row(1, ["NIK"]).decode()
    rows += '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="C1"><v>7</v></c></row>'
    rows += xml_row(3, ["y", "z", "w"]).decode()
    path = write_package(tmp_path / "misplaced.xlsx", sheet_xml(rows))

    table = assert_read_as_openpyxl_reads(path)

    assert table.rows == [["NIK"], ["x", None, 7], ["y", "z", "w"]]
    assert openpyxl_used == ["misplaced.xlsx"]


def test_a_sheet_in_another_namespace_is_left_to_openpyxl(
    tmp_path: Path, openpyxl_used: list[str]
) -> None:
    # Same element names, another namespace: openpyxl sees no rows, calamine would.
    xml = sheet_xml(xml_row(1, ["NIK"]).decode().replace("<", "<x:").replace("<x:/", "</x:"))
    xml = xml.replace("<worksheet xmlns=", "<x:worksheet xmlns:x=").replace(
        "<sheetData>", "<x:sheetData>"
    )
    xml = xml.replace("</sheetData></worksheet>", "</x:sheetData></x:worksheet>")
    xml = xml.replace(MAIN_NS, "urn:not-spreadsheetml")

    assert code_of(write_package(tmp_path / "other.xlsx", xml)) == "file.no_data"
    assert openpyxl_used == ["other.xlsx"]


@pytest.mark.parametrize("prefix", ["x", "ns0"])
def test_a_namespace_prefixed_sheet_is_read_by_calamine(
    tmp_path: Path, openpyxl_used: list[str], prefix: str
) -> None:
    rows = (
        f'<{prefix}:row r="2"><{prefix}:c r="B2" t="inlineStr"><{prefix}:is><{prefix}:t>NIK'
        f'</{prefix}:t></{prefix}:is></{prefix}:c><{prefix}:c r="C2" t="n"><{prefix}:v>5'
        f"</{prefix}:v></{prefix}:c></{prefix}:row>"
    )
    path = write_package(tmp_path / "prefixed.xlsx", sheet_xml(rows, prefix=prefix))

    table = assert_read_as_openpyxl_reads(path)

    assert (table.rows, table.row_numbers) == ([[None, "NIK", 5]], [2])
    assert openpyxl_used == []


def test_an_element_in_another_prefix_sends_the_sheet_to_openpyxl(
    tmp_path: Path, openpyxl_used: list[str]
) -> None:
    # calamine matches element names without their prefix; openpyxl matches the namespace.
    rows = '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><y:c r="B1"><y:v>2</y:v></y:c></x:row>'
    binding = f'xmlns:x="{MAIN_NS}"'
    xml = sheet_xml(rows, prefix="x").replace(binding, f'{binding} xmlns:y="urn:other"')

    assert_read_as_openpyxl_reads(write_package(tmp_path / "mixed.xlsx", xml))

    assert openpyxl_used == ["mixed.xlsx"]


def test_empty_cells_and_escaped_text_are_read_by_calamine(
    tmp_path: Path, openpyxl_used: list[str]
) -> None:
    cells = (
        '<c r="A2" t="inlineStr" /><c r="B2" t="inlineStr"><is><t>&lt;b&gt;</t></is></c>'
        '<c r="C2" s="0" t="n" /><c r="D2" t="inlineStr"><is><t>Siti &amp;</t></is></c>'
        '<c r="E2" t="inlineStr"><is><t xml:space="preserve"> x </t></is></c><c r="F2"/>'
        '<c r="G2" t="inlineStr"><is><r><t>Bu</t></r><r><rPr><b/></rPr><t>di</t></r></is></c>'
    )
    rows = xml_row(1, ["NIK"]).decode() + f'<row r="2">{cells}</row><row r="3"></row>'
    path = write_package(tmp_path / "plain.xlsx", sheet_xml(rows))

    table = assert_read_as_openpyxl_reads(path)

    assert table.rows[1] == [None, "<b>", None, "Siti &", " x ", None, "Budi"]
    assert openpyxl_used == []


@pytest.mark.parametrize(
    ("cell", "openpyxl_value"),
    [
        ('<c r="A2" t="e"><v>#N/A</v></c>', "#N/A"),  # calamine: ""
        ('<c r="A2" t="inlineStr"><is><t>Jl. A_x000D_RT 1</t></is></c>', "Jl. A_x000D_RT 1"),
        ('<c r="A2" t="inlineStr"><is><t> Siti</t></is></c>', " Siti"),  # calamine trims
        ('<c r="A2" t="inlineStr"><is><t>Siti&#32;</t></is></c>', "Siti "),
        ('<c r="A2" t="inlineStr"><is><t>  </t></is></c>', "  "),  # openpyxl writes it so
        ('<c r="A2"><v>5.0</v></c>', 5.0),  # calamine cannot tell it from 5
        ('<c r="A2"><v>3.20101234567891E+15</v></c>', 3.20101234567891e15),
        ('<c r="A2"><v>32010145088000049</v></c>', 32010145088000049),  # beyond a float
        ('<c r="A2"><v>1.0000000000000001</v></c>', 1.0),
        ('<c r="A2" t="str"><v>text</v></c>', "text"),
        ('<c r="A2" t="d"><v>2024-01-05T00:00:00</v></c>', date(2024, 1, 5)),
        ('<c r="A2" t="b"><v>2</v></c>', True),
        ('<c r="A2" s="0" t="inlineStr"><is><t>a</t><t>b</t></is></c>', "b"),
        ('<c t="n" r="A2"><v>1</v></c>', 1),  # attributes in another order
        ('<c r="A2">\n  <v>1</v>\n</c>', 1),  # indented
        ('<c r="A7"><v>1</v></c>', 1),  # openpyxl puts it in its <row>, calamine in row 7
        ('<c r="A2"><v>1</v><!-- note --></c>', 1),
    ],
    ids=[
        "error",
        "escape",
        "leading-space",
        "trailing-char-ref",
        "only-spaces",
        "5.0",
        "exponent",
        "17-digits",
        "rounds-to-whole",
        "t-str",
        "t-d",
        "bool-2",
        "two-t",
        "attribute-order",
        "indented",
        "reference-to-another-row",
        "comment",
    ],
)
def test_a_cell_calamine_would_read_otherwise_sends_the_sheet_to_openpyxl(
    tmp_path: Path, openpyxl_used: list[str], cell: str, openpyxl_value: object
) -> None:
    end = '<c r="B2" t="inlineStr"><is><t>end</t></is></c>'
    rows = xml_row(1, ["NIK"]).decode() + f'<row r="2">{cell}{end}</row>'
    path = write_package(tmp_path / "odd.xlsx", sheet_xml(rows))

    table = assert_read_as_openpyxl_reads(path)

    assert openpyxl_used == ["odd.xlsx"]
    assert typed(table)[1] == [(type(openpyxl_value), openpyxl_value), (str, "end")]


def test_shared_strings_in_the_plain_shape_are_read_by_calamine(
    tmp_path: Path, openpyxl_used: list[str]
) -> None:
    strings = (
        "<si><t>NIK</t></si><si><t>3201014508800004</t></si>"
        '<si><r><t xml:space="preserve">Siti </t></r><r><rPr><b/><sz val="11"/></rPr>'
        "<t>Aminah</t></r></si>"
        '<si><t>日本</t><rPh sb="0" eb="2"><t>ニホン</t></rPh><phoneticPr fontId="1"/></si>'
        '<si><t/></si><si><t xml:space="preserve">  </t></si><si><t>a &amp; b</t></si>'
    )
    cells = "".join(f'<c r="{"ABCDEFG"[i]}2" t="s"><v>{i}</v></c>' for i in range(7))
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + f'<row r="2">{cells}</row>'
    path = write_package(tmp_path / "strings.xlsx", sheet_xml(rows), strings=strings)

    table = assert_read_as_openpyxl_reads(path)

    assert table.rows[1] == ["NIK", "3201014508800004", "Siti Aminah", "日本", None, "  ", "a & b"]
    assert openpyxl_used == []


@pytest.mark.parametrize(
    "strings",
    [
        "<si><t>A</t></si><si/><si><t>B</t></si>",  # calamine skips the empty one
        "<si><t>A</t></si><si><t>x_x000D_y</t></si><si><t>B</t></si>",
        "<si><t>A</t></si><si><t>xx005F_y</t></si><si><t>B</t></si>",
        "<si><t>A</t></si><si><t>untrimmed </t></si><si><t>B</t></si>",
    ],
    ids=["empty-si", "escape", "x005F", "untrimmed"],
)
def test_shared_strings_calamine_would_read_otherwise_go_to_openpyxl(
    tmp_path: Path, openpyxl_used: list[str], strings: str
) -> None:
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c></row>'
    path = write_package(tmp_path / "strings.xlsx", sheet_xml(rows), strings=strings)

    table = assert_read_as_openpyxl_reads(path)

    assert table.rows == [["A", "B"]]
    assert openpyxl_used == ["strings.xlsx"]


def _dated(path: Path, number_format: str, *values: object) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Tanggal Lahir"])
    for value in values:
        sheet.append([value])
        sheet.cell(row=sheet.max_row, column=1).number_format = number_format
    workbook.save(path)
    return path


@pytest.mark.parametrize(
    "number_format",
    ["dd-mm-yyyy", "DD/MM/YYYY", "[$-421]dd mmmm yyyy;@", 'd "de" mmmm', "h:mm", "General", "@"],
)
def test_date_formats_are_read_alike(
    tmp_path: Path, openpyxl_used: list[str], number_format: str
) -> None:
    path = _dated(tmp_path / "dates.xlsx", number_format, 29438, 29438.5, 0.75, 1, 60, 61)

    assert_read_as_openpyxl_reads(path)

    assert openpyxl_used == []


@pytest.mark.parametrize(
    ("number_format", "value"),
    [
        ("dd-mm-yyyy", 19800805),  # a date typed as digits: openpyxl makes it "#VALUE!"
        ("dd-mm-yyyy", -1),
        ("dd-mm-yyyy", 0.9999999999),  # openpyxl rounds it to the next day, calamine not
        ("dd-mm-yyyy hh:mm:ss.000", 36669.72029684606),  # half a millisecond: rounded apart
        ("[h]:mm", 1.25),  # a duration
    ],
)
def test_dates_calamine_would_read_otherwise_go_to_openpyxl(
    tmp_path: Path, openpyxl_used: list[str], number_format: str, value: float
) -> None:
    path = _dated(tmp_path / "dates.xlsx", number_format, 29438, value)

    outside = pytest.warns(UserWarning, match="outside the limits for dates")
    with outside if value == 19800805 else contextlib.nullcontext():
        assert_read_as_openpyxl_reads(path)

    assert openpyxl_used == ["dates.xlsx"]


def test_formatted_empty_rows_below_the_data_end_the_reading_alike(
    tmp_path: Path, openpyxl_used: list[str]
) -> None:
    # Formatting a range in Excel writes its empty cells: a row element for each of them.
    rows = "".join(xml_row(n, [f"v{n}", "b"]).decode() for n in range(1, 4))
    rows += "".join(f'<row r="{n}"><c r="A{n}" s="0"/></row>' for n in range(4, 1_504))
    path = write_package(tmp_path / "formatted.xlsx", sheet_xml(rows))

    table = assert_read_as_openpyxl_reads(path)

    assert [(n.code, dict(n.params)) for n in table.notes] == [
        ("file.trailing_empty_rows_ignored", {"count": 1000, "row": 3})
    ]
    assert openpyxl_used == []


def test_a_workbook_calamine_cannot_open_is_read_by_openpyxl(
    tmp_path: Path, openpyxl_used: list[str]
) -> None:
    path = tmp_path / "no-package-rels.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in WORKBOOK_PARTS.items():
            if name != "_rels/.rels":  # calamine requires it, openpyxl does not
                archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml(xml_row(1, ["NIK"]).decode()))

    assert read_table(path).rows == [["NIK"]]
    assert openpyxl_used == ["no-package-rels.xlsx"]


@pytest.mark.parametrize("limit", [1, 5, 26, 27, 52, 200, 702, 703, 16_384])
def test_column_pattern_accepts_exactly_the_columns_up_to_the_limit(limit: int) -> None:
    pattern = re.compile(xlsx_prescan._columns_up_to(limit))

    for number in range(1, 800):
        letters = xlsx_prescan._column_letters(number)
        assert bool(pattern.fullmatch(letters)) is (number <= limit), letters
    assert bool(pattern.fullmatch("XFD")) is (limit >= 16_384)
    assert not pattern.fullmatch("XFE")


# --- files that are not what their name says ------------------------------------------------


BINARY_TAIL = bytes(range(256)) * 4


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n" + BINARY_TAIL, "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + BINARY_TAIL, "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + BINARY_TAIL, "JPEG"),
        (b"GIF89a\x01\x00\x01\x00" + BINARY_TAIL, "GIF"),
        (b"\x7fELF\x02\x01\x01\x00" + BINARY_TAIL, "ELF"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + BINARY_TAIL, "EXE"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00" + BINARY_TAIL, "GZIP"),
        (b"7z\xbc\xaf\x27\x1c\x00\x04" + BINARY_TAIL, "7Z"),
        (b"Rar!\x1a\x07\x01\x00" + BINARY_TAIL, "RAR"),
        (b"<!DOCTYPE html><html><table><tr><td>NIK</td></tr></table>", "HTML"),
        (b'\xef\xbb\xbf<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft', "XML"),
        (b"NIK,Nama\x00\x00\x00" + BINARY_TAIL, "BIN"),
    ],
)
def test_known_non_spreadsheets_are_named(tmp_path: Path, content: bytes, kind: str) -> None:
    path = tmp_path / "data.xlsx"  # the extension is ignored
    path.write_bytes(content)

    issue = issue_of(path)

    assert (issue.code, dict(issue.params)) == ("file.not_spreadsheet", {"kind": kind})


def test_random_bytes_are_not_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(random.Random(20261121).randbytes(4096))

    issue = issue_of(path)

    assert (issue.code, dict(issue.params)) == ("file.not_spreadsheet", {"kind": "BIN"})


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"PK\x03\x04\x14\x00", "xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "cfb"),
        (b"NIK;Nama\r\n3201;Siti\r\n", "csv"),
        (b"\xef\xbb\xbfNIK,Nama\n", "csv"),
        ("NIK\tDésa\n".encode("cp1252"), "csv"),
        (b"NIK,Nama\n3201,Bu" + "\u00e9".encode()[:1], "csv"),  # cut mid-character
    ],
)
def test_detect_format_by_content(head: bytes, expected: str) -> None:
    assert detect_format(head) == expected


def test_utf16_text_asks_for_csv_utf8(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes("NIK\tNama\r\n".encode("utf-16"))

    assert code_of(path) == "file.encoding_unknown"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")

    assert code_of(path) == "file.empty"


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    with path.open("wb") as fh:
        fh.truncate(51 * MIB)  # sparse: no 51 MB written

    issue = issue_of(path)

    assert (issue.code, dict(issue.params)) == ("file.too_large", {"size_mb": 51, "limit_mb": 50})


def test_zip_bomb_is_refused_from_the_central_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
    ):
        for block in spaces(301 * MIB):  # streamed: never 301 MB in memory
            member.write(block)
    assert path.stat().st_size < MIB

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the bomb was opened")

    monkeypatch.setattr(xlsx_openpyxl, "load_workbook", never)
    monkeypatch.setattr(zipfile.ZipFile, "open", never)

    assert code_of(path) == "file.zip_bomb"


def test_one_overcompressed_part_is_a_bomb(tmp_path: Path) -> None:
    path = write_sheet_xml(tmp_path / "ratio.xlsx", spaces(20 * MIB))

    assert code_of(path) == "file.zip_bomb"


def test_total_uncompressed_size_has_a_limit(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "data.xlsx", ("D", people(5)))

    assert code_of(path, limits=Limits(max_uncompressed_bytes=1000)) == "file.zip_bomb"


@pytest.mark.parametrize(
    ("members", "kind"),
    [
        ({"readme.txt": "hello"}, "ZIP"),
        ({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": "<w/>"}, "DOCX"),
        ({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": ""}, "ODF"),
        ({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}, "ODS"),  # no content
    ],
)
def test_zip_that_is_not_a_workbook(tmp_path: Path, members: dict[str, str], kind: str) -> None:
    path = tmp_path / "data.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)

    issue = issue_of(path)

    assert (issue.code, dict(issue.params)) == ("file.not_spreadsheet", {"kind": kind})


def test_truncated_xlsx_is_corrupt(tmp_path: Path) -> None:
    whole = write_xlsx(tmp_path / "whole.xlsx", ("D", people(50))).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole[: len(whole) // 2])

    issue = issue_of(path)

    assert issue.code == "file.corrupt"
    assert 0 < len(str(issue.params["detail"])) <= 120
    assert "Traceback" not in str(issue.params["detail"])


def test_workbook_that_openpyxl_cannot_parse_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in WORKBOOK_PARTS.items():
            archive.writestr(name, text if name != "xl/workbook.xml" else "<workbook><sheets")
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")

    assert code_of(path) == "file.corrupt"


def test_excel_95_is_refused_as_legacy(tmp_path: Path) -> None:
    path = tmp_path / "data.xls"
    path.write_bytes(compound_file("Book"))

    assert code_of(path) == "file.legacy_xls"


@pytest.mark.parametrize(
    "content",
    [compound_file("Workbook"), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)],
    ids=["empty-workbook-stream", "ole2-header-only"],
)
def test_ole2_without_a_readable_workbook_is_corrupt(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "data.xls"
    path.write_bytes(content)

    assert code_of(path) == "file.corrupt"


def test_word_document_in_ole2_is_not_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "data.xls"
    path.write_bytes(compound_file("WordDocument"))

    assert dict(issue_of(path).params) == {"kind": "DOC"}


def test_container_with_encryption_info_is_password_protected(tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"
    path.write_bytes(compound_file("EncryptionInfo", "EncryptedPackage"))

    assert code_of(path) == "file.password_protected"


def test_zip_with_a_zip_password_is_password_protected(tmp_path: Path) -> None:
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as archive:
        for name, text in WORKBOOK_PARTS.items():
            archive.writestr(name, text)
    content = bytearray(plain.getvalue())
    # zipfile cannot encrypt; set the "encrypted" flag as 7-Zip or WinRAR would, in the local
    # headers (flags at offset 6) and the central directory (offset 8).
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = content.find(signature)
        while at >= 0:
            content[at + offset] |= 0x1
            at = content.find(signature, at + 4)
    path = tmp_path / "locked.xlsx"
    path.write_bytes(bytes(content))

    assert code_of(path) == "file.password_protected"


def test_workbook_encrypted_by_office_tooling_is_password_protected(tmp_path: Path) -> None:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active.append([NIK])
    workbook.save(plain)
    plain.seek(0)
    encrypted = io.BytesIO()
    ooxml.OOXMLFile(plain).encrypt("rahasia", encrypted)
    path = tmp_path / "locked.xlsx"
    path.write_bytes(encrypted.getvalue())

    assert code_of(path) == "file.password_protected"


# --- CSV ------------------------------------------------------------------------------------


def test_csv_utf8_with_bom_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    text = (
        "NIK;Nama Lengkap;Alamat;Penghasilan\r\n"
        f'{NIK};Siti Aminah;"Jl. Mawar; No. 5";1,5\r\n'
        f'3201014508800005;Budi;"Kp. Baru\r\nRT 01";\r\n'
        ";;;\r\n"
        f"3201014508800006;Ani;;2,0\r\n"
    )
    path.write_bytes(text.encode("utf-8-sig"))

    table = read_table(path)

    assert (table.format, table.encoding, table.delimiter, table.sheet) == (
        "csv",
        "utf-8",
        ";",
        None,
    )
    assert table.rows == [
        ["NIK", "Nama Lengkap", "Alamat", "Penghasilan"],  # no BOM glued to "NIK"
        [NIK, "Siti Aminah", "Jl. Mawar; No. 5", "1,5"],
        ["3201014508800005", "Budi", "Kp. Baru\r\nRT 01"],
        ["3201014508800006", "Ani", None, "2,0"],
    ]
    assert table.row_numbers == [1, 2, 3, 6]  # the quoted line break spans lines 3 and 4


def test_csv_windows_1252_with_tabs(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes("NIK\tDésa\tNama\n3201\tCibodas Kidul\tJosé\n".encode("cp1252"))

    table = read_table(path)

    assert (table.encoding, table.delimiter) == ("cp1252", "\t")
    assert table.rows == [["NIK", "Désa", "Nama"], ["3201", "Cibodas Kidul", "José"]]


def test_csv_delimiter_ignores_a_title_line_and_commas_in_values(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    lines = ["DATA PEKERJA RENTAN, DESA SUKAMAJU", "", "NIK;Nama;Penghasilan"]
    lines += [f"32010145088{n:05d};Orang {n};1,5" for n in range(5)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    table = read_table(path)

    assert table.delimiter == ";"
    assert table.rows[0] == ["DATA PEKERJA RENTAN, DESA SUKAMAJU"]
    assert table.rows[1] == ["NIK", "Nama", "Penghasilan"]
    assert table.row_numbers[:3] == [1, 3, 4]


def test_csv_comma_with_quoted_commas(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text('NIK,Nama,Alamat\n3201,"Aminah, Siti","Jl. A, No. 1"\n', encoding="utf-8")

    table = read_table(path)

    assert table.delimiter == ","
    assert table.rows[1] == ["3201", "Aminah, Siti", "Jl. A, No. 1"]


def test_csv_limits(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("NIK,Nama\n" + "".join(f"{n},x\n" for n in range(11)), encoding="utf-8")

    assert code_of(path, limits=Limits(max_rows=10)) == "file.too_many_rows"
    assert len(read_table(path, limits=Limits(max_rows=11)).rows) == 12
    assert code_of(path, limits=Limits(max_columns=1)) == "file.too_many_columns"


def test_csv_field_longer_than_the_csv_module_allows(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text('NIK,Nama\n1,"' + "x" * 200_000 + '"\n', encoding="utf-8")

    issue = issue_of(path)

    assert (issue.code, dict(issue.params)) == ("file.cell_too_long", {"row": 2, "limit": 32_767})


def test_csv_trailing_empty_lines_stop_the_reading(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("NIK,Nama\n1,a\n" + "\n" * 5000 + "2,late\n", encoding="utf-8")

    table = read_table(path)

    assert table.rows == [["NIK", "Nama"], ["1", "a"]]
    assert [n.code for n in table.notes] == ["file.trailing_empty_rows_ignored"]


def test_csv_of_blank_lines_has_no_data(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("\n \n\t\n\n", encoding="utf-8")

    assert code_of(path) == "file.no_data"


def test_csv_neither_utf8_nor_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    # 0x81 is undefined in Windows-1252 and, after "é" (0xE9), invalid UTF-8.
    path.write_bytes(b"NIK,Nama\n" * 10_000 + b"1,Jos\xe9\x81\n")

    assert code_of(path) == "file.encoding_unknown"


# --- hashing and the catalogue --------------------------------------------------------------


def test_sha256_of_streams_the_file(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    content = b"NIK,Nama\n" * 300_000
    path.write_bytes(content)

    assert sha256_of(path) == hashlib.sha256(content).hexdigest()


def _raised(make: Callable[[Path], Path], **kwargs: object) -> Callable[[Path], Issue]:
    return lambda tmp: issue_of(make(tmp), **kwargs)


def _bytes(content: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / "upload"
        path.write_bytes(content)
        return path

    return make


def _note(make: Callable[[Path], Path], code: str) -> Callable[[Path], Issue]:
    return lambda tmp: next(n for n in read_table(make(tmp)).notes if n.code == code)


def _xlsx(*sheets: tuple[str, list[list[object]]]) -> Callable[[Path], Path]:
    return lambda tmp: write_xlsx(tmp / "data.xlsx", *sheets)


EXAMPLES: dict[str, Callable[[Path], Issue]] = {
    "file.empty": _raised(_bytes(b"")),
    "file.too_large": _raised(_bytes(b"NIK\n" * 300), limits=Limits(max_bytes=1000)),
    "file.not_spreadsheet": _raised(_bytes(b"%PDF-1.4\n")),
    "file.password_protected": _raised(_bytes(compound_file("EncryptionInfo"))),
    "file.legacy_xls": _raised(_bytes(compound_file("Book"))),
    "file.sheet_extent": _raised(
        lambda tmp: write_xls(tmp / "sparse.xls", [["NIK"], *([[]] * 60_000), [None] * 60 + ["x"]])
    ),
    "file.zip_bomb": _raised(_xlsx(("D", people(3))), limits=Limits(max_uncompressed_bytes=10)),
    "file.corrupt": _raised(_bytes(b"PK\x03\x04 not really a zip")),
    "file.too_many_rows": _raised(_xlsx(("D", people(3))), limits=Limits(max_rows=1)),
    "file.too_many_columns": _raised(_xlsx(("D", people(3))), limits=Limits(max_columns=1)),
    "file.cell_too_long": _raised(_xlsx(("D", people(3))), limits=Limits(max_cell_chars=2)),
    "file.encoding_unknown": _raised(_bytes(b"\xff\xfeN\x00I\x00K\x00")),
    "file.no_data": _raised(_bytes(b"\n\n\n")),
    "file.sheet_missing": _raised(_xlsx(("D", people(3))), sheet="X"),
    "file.trailing_empty_rows_ignored": _note(
        _bytes(b"NIK\n1\n" + b"\n" * 1000 + b"2\n"), "file.trailing_empty_rows_ignored"
    ),
    "file.other_sheets_ignored": _note(
        _xlsx(("A", people(1)), ("B", people(1))), "file.other_sheets_ignored"
    ),
}


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_file_code_has_an_example() -> None:
    assert {code for code in catalogue() if code.startswith("file.")} == set(EXAMPLES)


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_file_messages_are_written_in_both_languages_for_the_params_sent(
    tmp_path: Path, code: str
) -> None:
    message = catalogue()[code]
    issue = EXAMPLES[code](tmp_path)

    assert issue.code == code
    assert message.id.strip()
    assert message.en.strip()
    assert message.id != message.en
    assert _placeholders(message.id) == _placeholders(message.en) == set(issue.params)
    for lang in LANGUAGES:
        assert "{" not in issue.message(lang)


# --- nothing is read silently as nothing (issue 11, ADR 0028) --------------------------------


@pytest.mark.parametrize(
    "separator",
    ["\u2028", "\u2029", "\x0b", "\x0c", "\x1e", "\x85"],
    ids=["U+2028", "U+2029", "VT", "FF", "RS", "NEL"],
)
def test_csv_records_ended_by_another_line_break_are_rows(tmp_path: Path, separator: str) -> None:
    path = tmp_path / "daftar.csv"
    text = separator.join(["NIK;Nama;Alamat", f"{NIK};Siti;Jl. Mawar", "3201014508800005;Ani;"])
    path.write_text(text + separator, encoding="utf-8")

    table = read_table(path)

    assert table.delimiter == ";"
    assert table.rows == [
        ["NIK", "Nama", "Alamat"],
        [NIK, "Siti", "Jl. Mawar"],
        [NIK[:-1] + "5", "Ani"],
    ]
    assert table.row_numbers == [1, 2, 3]


def test_csv_a_line_break_inside_a_quoted_field_stays_a_line_break(tmp_path: Path) -> None:
    path = tmp_path / "daftar.csv"
    path.write_text(f'NIK;Nama;Alamat\r\n{NIK};Siti;"Jl. Mawar\u2028RT 01"\r\n', encoding="utf-8")

    table = read_table(path)

    assert table.rows == [["NIK", "Nama", "Alamat"], [NIK, "Siti", "Jl. Mawar\nRT 01"]]


def test_csv_in_windows_1252_keeps_its_ellipsis(tmp_path: Path) -> None:
    # Byte 0x85 is NEL in Latin-1 but "…" in Windows-1252: not a line break there.
    path = tmp_path / "daftar.csv"
    path.write_bytes(f"NIK;Nama;Catatan\r\n{NIK};Ren\xe9;dst\x85\r\n".encode("latin-1"))

    assert read_table(path).rows[1] == [NIK, "René", "dst…"]


SHUFFLED = [
    xml_row(4, ["c", "4"]),
    xml_row(1, ["NIK", "Nama"]),
    xml_row(2, ["a", "2"]),
    xml_row(7, ["f", "7"]),
    xml_row(3, ["b", "3"]),
]


def test_rows_stored_out_of_order_are_read_in_sheet_order_by_calamine_and_openpyxl(
    tmp_path: Path, openpyxl_used: list[str]
) -> None:
    path = write_package(tmp_path / "shuffled.xlsx", sheet_xml(b"".join(SHUFFLED).decode()))

    table = assert_read_as_openpyxl_reads(path)

    assert table.rows == [["NIK", "Nama"], ["a", "2"], ["b", "3"], ["c", "4"], ["f", "7"]]
    assert table.row_numbers == [1, 2, 3, 4, 7]
    assert openpyxl_used == []  # calamine read it, so the comparison above is of both readers


def test_rows_without_numbers_follow_the_row_before_them(
    tmp_path: Path, openpyxl_used: list[str]
) -> None:
    unnumbered = '<row><c t="inlineStr"><is><t>{}</t></is></c></row>'
    rows = [xml_row(3, ["c"]).decode(), unnumbered.format("d"), xml_row(1, ["NIK"]).decode()]
    rows.append(unnumbered.format("b"))
    path = write_package(tmp_path / "unnumbered.xlsx", sheet_xml("".join(rows)))

    table = assert_read_as_openpyxl_reads(path)

    assert table.rows == [["NIK"], ["b"], ["c"], ["d"]]
    assert table.row_numbers == [1, 2, 3, 4]
    assert openpyxl_used == ["unnumbered.xlsx"]


def test_a_row_number_stored_twice_keeps_the_cells_of_both(
    tmp_path: Path, openpyxl_used: list[str]
) -> None:
    second = '<row r="2"><c r="B2" t="inlineStr"><is><t>Siti</t></is></c></row>'
    rows = xml_row(1, ["NIK", "Nama"]) + xml_row(2, [NIK]) + second.encode()
    path = write_package(tmp_path / "twice.xlsx", sheet_xml(rows.decode()))

    table = assert_read_as_openpyxl_reads(path)

    assert table.rows == [["NIK", "Nama"], [NIK, "Siti"]]
    assert openpyxl_used == ["twice.xlsx"]


def test_out_of_order_rows_keep_the_limits(tmp_path: Path) -> None:
    many = [xml_row(n, [f"r{n}"]) for n in range(12, 1, -1)] + [xml_row(1, ["NIK"])]
    path = write_package(tmp_path / "many.xlsx", sheet_xml(b"".join(many).decode()))
    far = [xml_row(1, ["NIK"]), xml_row(1_500, ["late"]), xml_row(2, ["a"])]
    far_path = write_package(tmp_path / "far.xlsx", sheet_xml(b"".join(far).decode()))

    issue = issue_of(path, limits=Limits(max_rows=5))
    table = read_table(far_path)

    assert (issue.code, dict(issue.params)) == ("file.too_many_rows", {"limit": 5})
    # Reading stops at a long run of empty rows as they are stored, before any row after it,
    # and says where: a million empty rows cost no more stored in one order than another.
    assert table.rows == [["NIK"]]
    assert [(n.code, dict(n.params)) for n in table.notes] == [
        ("file.trailing_empty_rows_ignored", {"count": 1000, "row": 1})
    ]
