"""The import template, opened again with openpyxl as Excel sees it."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from payung.files.reader import read_table
from payung.imports.template import build_template

VILLAGES = [("3201012001", "Sukamaju"), ("3201012002", "Cibodas"), ("3201022001", "Sukamaju")]
OCCUPATIONS = [("01", "Petani"), ("02", "Nelayan"), ("03", "Pedagang kaki lima"), ("04", "Ojek")]
PROGRAMME = "Perlindungan Pekerja Rentan Kabupaten Bogor 2026"
EXPECTED_HEADERS = [
    "NIK",
    "No. KK",
    "Nama Lengkap",
    "Jenis Kelamin",
    "Tempat Lahir",
    "Tanggal Lahir",
    "Alamat",
    "RT",
    "RW",
    "Dusun",
    "Kode Desa",
    "Desa/Kelurahan",
    "No. HP",
    "Pekerjaan",
    "Penghasilan per Bulan",
    "Nama Ibu Kandung",
    "Nama Ahli Waris",
    "Hubungan Ahli Waris",
    "NIK Ahli Waris",
    "No. HP Ahli Waris",
    "Desil DTSEN",
    "Keterangan",
]


def _template(**overrides: object) -> bytes:
    arguments: dict[str, object] = {
        "villages": VILLAGES,
        "occupations": OCCUPATIONS,
        "programme_name": PROGRAMME,
    }
    arguments.update(overrides)
    return build_template(**arguments)  # type: ignore[arg-type]


def _open(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def _letter(header: str) -> str:
    return openpyxl.utils.get_column_letter(EXPECTED_HEADERS.index(header) + 1)


def _validations(sheet: object) -> dict[str, str]:
    return {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}  # type: ignore[attr-defined]


def test_template_sheets_in_order_with_the_lists_hidden() -> None:
    workbook = _open(_template())

    assert workbook.sheetnames == ["Petunjuk", "Data", "Daftar"]
    assert [ws.sheet_state for ws in workbook] == ["visible", "visible", "hidden"]
    assert workbook.active.title == "Petunjuk"


def test_data_sheet_has_only_the_bold_frozen_header_and_no_example_row() -> None:
    data = _open(_template())["Data"]

    assert [cell.value for cell in data[1]] == EXPECTED_HEADERS
    assert all(cell.font.bold for cell in data[1])
    assert data.freeze_panes == "A2"
    assert data.max_row == 1  # an example row would be imported as a person


@pytest.mark.parametrize(
    "header", ["NIK", "No. KK", "NIK Ahli Waris", "No. HP", "No. HP Ahli Waris", "Kode Desa"]
)
def test_identity_and_phone_columns_are_text_for_every_row(header: str) -> None:
    data = _open(_template())["Data"]

    # A column style applies to every row Excel will ever type into, not only the first 5,000.
    assert data.column_dimensions[_letter(header)].number_format == "@"


def test_birth_date_column_is_day_month_year() -> None:
    data = _open(_template())["Data"]

    assert data.column_dimensions[_letter("Tanggal Lahir")].number_format == "DD-MM-YYYY"
    assert data.column_dimensions[_letter("Nama Lengkap")].number_format == "General"


def test_drop_downs_cover_every_allowed_row() -> None:
    workbook = _open(_template())

    assert _validations(workbook["Data"]) == {
        "D2:D200001": '"L,P"',
        "R2:R200001": '"istri,suami,anak,ayah,ibu,saudara,lainnya"',
        "N2:N200001": "Daftar!$A$2:$A$5",
        "L2:L200001": "Daftar!$C$2:$C$4",
    }
    lists = workbook["Daftar"]
    assert [c.value for c in lists["A"][1:]] == [name for _, name in OCCUPATIONS]
    assert [c.value for c in lists["C"][1:4]] == [name for _, name in VILLAGES]
    assert [c.value for c in lists["D"][1:4]] == [code for code, _ in VILLAGES]


def test_no_drop_down_for_an_empty_list() -> None:
    validations = _validations(_open(_template(occupations=[]))["Data"])

    assert "N2:N200001" not in validations
    assert "L2:L200001" in validations


def test_names_from_the_database_are_written_as_text_even_if_they_look_like_formulas() -> None:
    workbook = _open(_template(occupations=[("99", "=1+1")], programme_name="=EVIL()"))

    cell = workbook["Daftar"]["A2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")
    programme = next(
        c for row in workbook["Petunjuk"].iter_rows() for c in row if c.value == "=EVIL()"
    )
    assert programme.data_type == "s"


def test_instructions_explain_the_rules_and_name_the_programme() -> None:
    sheet = _open(_template())["Petunjuk"]
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)

    assert PROGRAMME in text
    assert "16 digit" in text
    assert "dd-mm-yyyy" in text
    assert "merge" in text
    assert "rumus" in text
    assert "Satu baris untuk satu orang" in text
    assert "200.000" in text
    for header in EXPECTED_HEADERS:
        assert header in text
    assert "3201014508800004" in text  # the example lives here, not on the data sheet
    for code, name in VILLAGES:
        assert code in text
        assert name in text


def test_filled_template_reads_back_from_the_data_sheet_without_notes(tmp_path: Path) -> None:
    workbook = _open(_template())
    row = ["3201014508800004", "3201012501200003", "Siti Aminah", "P", "Bogor", date(1980, 8, 5)]
    workbook["Data"].append(row)
    path = tmp_path / "filled.xlsx"
    workbook.save(path)

    table = read_table(path)

    assert table.sheet == "Data"
    assert table.rows == [EXPECTED_HEADERS, row]
    assert table.notes == ()  # neither the instructions nor the hidden lists are "ignored data"
