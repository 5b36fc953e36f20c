"""The error workbook, opened again with openpyxl as Excel sees it."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import openpyxl

from payung.files.table import Formula
from payung.files.workbooks import build_error_workbook

HYPERLINK = '=HYPERLINK("http://example.invalid/x","Klik")'


def _open(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def _error_workbook() -> bytes:
    return build_error_workbook(
        headers=["NIK", "Nama Lengkap", "Tanggal Lahir"],
        rows=[
            (
                5,
                [3201014508800000, HYPERLINK, date(1980, 8, 5)],
                "NIK rusak oleh Excel.\nBaris berisi rumus.",
            ),
            (9, ["+6281234", Formula("=A1+B1")], "Tanggal Lahir belum diisi."),
            (12, ["@SUM(A1)", "-1+2", None, "kolom tanpa judul"], "Kolom lebih."),
            (14, ["3201014508800004", "Bel\x07l"], "Karakter kendali."),
        ],
    )


def test_error_workbook_adds_the_row_number_and_the_problems() -> None:
    sheet = _open(_error_workbook()).active

    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    # The widest row has 4 values, so the two columns come after the 4th.
    assert rows[0] == ["NIK", "Nama Lengkap", "Tanggal Lahir", None, "Baris asal", "Masalah"]
    assert rows[1][4:] == [5, "NIK rusak oleh Excel.\nBaris berisi rumus."]
    assert rows[2][4:] == [9, "Tanggal Lahir belum diisi."]
    assert rows[3] == ["@SUM(A1)", "-1+2", None, "kolom tanpa judul", 12, "Kolom lebih."]
    assert rows[4][:2] == ["3201014508800004", "Bel\ufffdl"]
    assert sheet["F2"].alignment.wrap_text
    assert sheet.freeze_panes == "A2"


def test_error_workbook_never_carries_a_formula() -> None:
    content = _error_workbook()
    sheet = _open(content).active

    hyperlink = sheet["B2"]
    assert (hyperlink.value, hyperlink.data_type) == (HYPERLINK, "s")
    assert hyperlink.quotePrefix
    for coordinate, text in [("B3", "=A1+B1"), ("A3", "+6281234"), ("A4", "@SUM(A1)")]:
        assert (sheet[coordinate].value, sheet[coordinate].data_type) == (text, "s")
    xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert not re.search(r"<f[ >]", xml)


def test_error_workbook_writes_damaged_nik_numbers_as_text_and_dates_as_dates() -> None:
    sheet = _open(_error_workbook()).active

    assert (sheet["A2"].value, sheet["A2"].data_type) == ("3201014508800000", "s")
    assert sheet["C2"].value.date() == date(1980, 8, 5)
    assert sheet["C2"].number_format == "DD-MM-YYYY"
