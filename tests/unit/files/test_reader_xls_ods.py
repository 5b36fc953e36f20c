"""SIAK's .xls (BIFF8) and LibreOffice's .ods, read through the same limits as .xlsx."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from payung.domain.errors import DomainError
from payung.files.reader import read_table
from payung.files.table import Limits
from tests.spreadsheets import write_ods, write_xls

HEADERS = ["Nomor KK", "NIK", "Nama Penduduk", "Status", "Tanggal Lahir", "Kelamin", "RT"]
ROWS = [
    HEADERS,
    ["3201010101800001", "3201014508800004", "SITI AMINAH", "Hidup", date(1980, 8, 5), "P", 8],
    # a NIK typed into a numeric cell: Excel kept 15 digits
    ["3201010101800001", 3201011203850000.0, "ASEP", "Mati", date(1985, 3, 12), "L", 1.0],
]


def code_of(path: Path, **kwargs: object) -> str:
    with pytest.raises(DomainError) as error:
        read_table(path, **kwargs)  # type: ignore[arg-type]
    return error.value.code


@pytest.mark.parametrize(("writer", "kind"), [(write_xls, "xls"), (write_ods, "ods")])
def test_cells_keep_their_types(tmp_path: Path, writer, kind: str) -> None:
    table = read_table(writer(tmp_path / f"siak.{kind}", ROWS))

    assert (table.format, table.sheet, table.row_numbers) == (kind, "Sheet1", [1, 2, 3])
    assert table.rows[0] == HEADERS
    assert table.rows[1] == [
        "3201010101800001",
        "3201014508800004",
        "SITI AMINAH",
        "Hidup",
        date(1980, 8, 5),
        "P",
        8,
    ]
    # The damaged NIK comes back as the number it is, so the row check can say so.
    assert table.rows[2][1] == 3201011203850000
    assert isinstance(table.rows[2][1], int)


def test_the_file_name_does_not_matter(tmp_path: Path) -> None:
    assert read_table(write_xls(tmp_path / "siak.xlsx", ROWS)).format == "xls"
    assert read_table(write_ods(tmp_path / "data.csv", ROWS)).format == "ods"


def test_libreoffice_repeated_empty_rows_cost_nothing(tmp_path: Path) -> None:
    table = read_table(write_ods(tmp_path / "lo.ods", ROWS, trailing_empty=1_048_000))

    assert table.row_numbers == [1, 2, 3]
    assert table.notes == ()


def test_an_encrypted_xls_is_password_protected(tmp_path: Path) -> None:
    assert code_of(write_xls(tmp_path / "x.xls", ROWS, encrypted=True)) == "file.password_protected"


def test_a_wide_xls_is_refused_before_calamine_reads_it(tmp_path: Path) -> None:
    path = write_xls(tmp_path / "wide.xls", [["NIK", *([None] * 250), "x"]])

    with pytest.raises(DomainError) as error:
        read_table(path)
    assert (error.value.code, error.value.params) == (
        "file.too_many_columns",
        {"row": 1, "limit": 200},
    )


def test_a_sparse_xls_is_refused_with_its_extent(tmp_path: Path) -> None:
    path = write_xls(tmp_path / "sparse.xls", [["NIK"], *([[]] * 65_000), [None] * 40 + ["x"]])

    with pytest.raises(DomainError) as error:
        read_table(path)
    assert error.value.code == "file.sheet_extent"
    assert error.value.params == {"sheet": "Sheet1", "row": 65_002, "column": 41}
    assert error.value.message("id").startswith('Lembar "Sheet1" berisi sel yang jauh dari tabel')


@pytest.mark.parametrize(("writer", "kind"), [(write_xls, "xls"), (write_ods, "ods")])
def test_row_column_and_cell_limits_apply(tmp_path: Path, writer, kind: str) -> None:
    path = writer(tmp_path / f"d.{kind}", ROWS)

    assert code_of(path, limits=Limits(max_rows=1)) == "file.too_many_rows"
    assert code_of(path, limits=Limits(max_columns=3)) == "file.too_many_columns"
    assert code_of(path, limits=Limits(max_cell_chars=5)) == "file.cell_too_long"
    assert code_of(path, limits=Limits(max_bytes=100)) == "file.too_large"


def test_an_ods_row_repeated_past_the_limit_is_refused_before_calamine(tmp_path: Path) -> None:
    path = tmp_path / "many.ods"
    write_ods(path, ROWS)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["content.xml"] = parts["content.xml"].replace(
        b'<table:table-row><table:table-cell office:value-type="string"><text:p>3201010101800001',
        b'<table:table-row table:number-rows-repeated="5000000"><table:table-cell '
        b'office:value-type="string"><text:p>3201010101800001',
        1,
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)

    assert code_of(path) == "file.too_many_rows"


def test_an_ods_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "b.ods", ROWS)

    assert code_of(path, limits=Limits(max_uncompressed_bytes=100)) == "file.zip_bomb"


def test_a_damaged_xls_is_corrupt_not_a_crash(tmp_path: Path) -> None:
    whole = write_xls(tmp_path / "whole.xls", ROWS).read_bytes()
    path = tmp_path / "cut.xls"
    path.write_bytes(whole[:1100])

    assert code_of(path) == "file.corrupt"
