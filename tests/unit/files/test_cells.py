"""The one rule for cells we write: text never becomes a formula; numbers and digits stay."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from payung.files.cells import csv_text, is_formula_like, printable, xlsx_text
from payung.files.writers import csv_table, write_csv, xlsx_table

NIK = "3201014508800004"


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        "+SUM(1+1)*cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\tJl. Mawar",  # Excel drops a leading TAB or CR before it decides
        "\r=1+1",
        "\rJl. Mawar",
        '  =HYPERLINK("http://x")',
        "\n@SUM(1)",
        "\u00a0=1+1",  # a no-break space
        "\u200b=1+1",  # a zero-width space copy-paste left behind
        "\ufeff+1",
        "\uff1d1+1",  # full-width ＝ from an East Asian input method
        "\uff0b1",
        "\uff0d1",
        "\uff201",
    ],
)
def test_formula_like_text_is_recognised(text):
    assert is_formula_like(text)
    assert csv_text(text) == "'" + text


@pytest.mark.parametrize(
    "text",
    ["", "   ", "Kp. Sukamaju RT 01/02", NIK, "'=1+1", "Jl. A-1 no. 2", "a=b", "Rp-5.000", "3-1"],
)
def test_other_text_is_left_as_it_is(text):
    assert not is_formula_like(text)
    assert csv_text(text) == text


def test_characters_a_file_cannot_carry_become_the_replacement_character():
    assert printable("Bel\x07l\x00") == "Bel\ufffdl\ufffd"
    assert printable("a\tb\nc\rd") == "a\tb\nc\rd"
    assert csv_text("\x07=1") == "\ufffd=1"
    assert xlsx_text("x" * 40_000) == "x" * 32_766 + "…"


ROWS = [
    [NIK, "=1+1", -5_000, Decimal("-1250.50"), 1_500_000, date(2026, 1, 31), None],
    ["0081234", "\t-2+3", 0, Decimal("0"), 10**15 + 1, date(1980, 8, 5), "Bogor"],
]
HEADERS = ["NIK", "Alamat", "Koreksi", "Desimal", "Besar", "Tanggal", "Tempat"]


def test_csv_neutralises_text_and_keeps_numbers_and_digits():
    data = csv_table(headers=HEADERS, rows=ROWS, delimiter=";")

    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    lines = text.splitlines()
    # Text is quoted, numbers are not: the NIK is text with its 16 digits, -5000 a number.
    assert lines[1] == f'"{NIK}";"\'=1+1";-5000;-1250.50;1500000;"2026-01-31";""'
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[2][:3] == ["0081234", "'\t-2+3", "0"]
    typed = list(csv.reader(io.StringIO(text), delimiter=";", quoting=csv.QUOTE_NONNUMERIC))
    assert typed[1][0] == NIK
    assert typed[1][2] == -5000.0


def test_write_csv_streams_without_a_bom():
    sink = io.StringIO()
    write_csv(sink, headers=["a"], rows=[["@x"], [7]])
    assert sink.getvalue() == '"a"\r\n"\'@x"\r\n7\r\n'


def test_xlsx_neutralises_text_and_keeps_numbers_and_digits():
    content = xlsx_table(title="Data", headers=HEADERS, rows=ROWS, widths=[20] * 7)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active

    nik, formula, negative, decimal, income, day = (sheet.cell(2, c) for c in range(1, 7))
    assert (nik.value, nik.data_type, nik.quotePrefix) == (NIK, "s", False)
    assert (formula.value, formula.data_type, formula.quotePrefix) == ("=1+1", "s", True)
    assert (negative.value, negative.data_type) == (-5000, "n")
    assert (decimal.value, decimal.data_type) == (-1250.5, "n")
    assert (income.value, income.data_type) == (1_500_000, "n")
    assert day.value.date() == date(2026, 1, 31)
    assert day.number_format == "DD-MM-YYYY"
    tabbed, big = sheet.cell(3, 2), sheet.cell(3, 5)
    assert (tabbed.value, tabbed.data_type, tabbed.quotePrefix) == ("\t-2+3", "s", True)
    # Excel keeps 15 significant digits: a longer integer goes as its digits, as text.
    assert (big.value, big.data_type) == (str(10**15 + 1), "s")
    assert sheet.cell(3, 1).value == "0081234"
    assert sheet["A1"].font.bold
    xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml
    assert "<f " not in xml
