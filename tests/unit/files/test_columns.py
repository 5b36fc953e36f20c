"""Finding named columns in files another office sends back (files/columns.py)."""

from __future__ import annotations

import pytest

from payung.domain.errors import DomainError
from payung.files.columns import find_columns
from payung.files.table import Table

WANTED = {"nik": ("NIK",), "kpj": ("No. KPJ", "Nomor Peserta"), "reason": ("Keterangan",)}


def table(rows: list[list[object]]) -> Table:
    return Table("csv", None, rows, list(range(1, len(rows) + 1)), "utf-8", ";", ())


def test_the_header_is_the_first_row_naming_every_required_column() -> None:
    found = find_columns(
        table([["Jawaban BPJS"], ["nomor peserta", "nik"], ["26000000001", "3201"]]),
        WANTED,
        required=("nik", "kpj"),
    )

    assert found.index == {"kpj": 0, "nik": 1}
    assert found.rows == [["26000000001", "3201"]]
    assert found.row_numbers == [3]
    assert found.cell(found.rows[0], "nik") == "3201"
    assert found.cell(found.rows[0], "reason") is None


def test_a_missing_required_column_is_named() -> None:
    with pytest.raises(DomainError) as missing:
        find_columns(table([["NIK", "Nama"]]), WANTED, required=("kpj", "nik"))
    assert missing.value.code == "columns.missing"
    assert missing.value.params == {"columns": "kpj, nik"}
