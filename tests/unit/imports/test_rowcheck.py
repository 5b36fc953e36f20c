"""Row checks away from the database: the same results in the importing process and in workers."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest

from payung.domain.errors import Severity
from payung.domain.headers import Field
from payung.domain.villages import VillageIndex
from payung.files.table import Formula
from payung.imports.rowcheck import CLEAN_FIELDS, RowContext, check_row, check_rows
from payung.registry.crypto import Keys

TODAY = date(2026, 11, 21)
COLUMNS = {
    0: Field.NIK,
    1: Field.FULL_NAME,
    2: Field.SEX,
    3: Field.BIRTH_DATE,
    4: Field.VILLAGE,
    5: Field.HEIR_NAME,
    6: Field.HEIR_NIK,
}


@pytest.fixture(scope="module")
def context() -> RowContext:
    villages = VillageIndex(
        [
            ("32.01.20.2006", "Parungpanjang", "Parungpanjang"),
            ("32.01.20.2001", "Sukamaju", "Parungpanjang"),
            ("32.01.21.2001", "Sukamaju", "Tenjo"),
        ],
        {"32.01.20": "Parungpanjang", "32.01.21": "Tenjo"},
    )
    return RowContext(
        columns=COLUMNS,
        today=TODAY,
        villages=villages,
        districts=frozenset({"32.01.01", "32.01.20"}),
        default_village=None,
        keys=Keys(os.urandom(32)),
    )


def _rows(count: int) -> list[tuple[int, list[object]]]:
    rows: list[tuple[int, list[object]]] = []
    for n in range(count):
        kind = n % 4
        nik = f"320101050880{n % 10000:04d}" if n % 10000 else "3201010508809999"
        if kind == 0:
            row = [
                nik,
                "BUDI SANTOSO",
                "L",
                "05-08-1980",
                "Parungpanjang",
                "Siti",
                "3201014508800001",
            ]
        elif kind == 1:
            row = [int(nik), "Budi", "L", "05-08-1980", "Parungpanjang", None, None]
        elif kind == 2:
            row = [nik, "Budi", "L", "05-08-1980", "Sukamaju", None, None]  # ambiguous
        else:
            row = [nik, Formula("=A1"), "L", "31-02-1980", "Parungpanjang", None, None]
        rows.append((n + 2, row))
    return rows


def _errors(checked) -> list[str]:
    return sorted(i.code for i in checked.issues if i.severity is Severity.ERROR)


def _plain(checked, keys: Keys) -> tuple[object, ...]:
    """A checked row with its ciphertexts opened (each sealing uses a fresh nonce)."""
    clean = None
    if checked.clean is not None:
        values = dict(zip(CLEAN_FIELDS, checked.clean, strict=True))
        values["nik_sealed"] = keys.decrypt(values["nik_sealed"], context="nik")
        heirs = json.loads(values["heirs"]) if values["heirs"] else []
        for heir in heirs:
            heir["nik_sealed"] = keys.decrypt(heir["nik_sealed"], context="nik")
        values["heirs"] = heirs
        clean = tuple(sorted(values.items()))
    issues = [(i.code, dict(i.params), i.severity) for i in checked.issues]
    return (checked.number, issues, checked.nik_index, checked.village, clean, checked.nik_text)


def test_a_valid_row_carries_the_registry_values_sealed_and_masked(context):
    checked = check_row(context, 7, _rows(1)[0][1])
    values = dict(zip(CLEAN_FIELDS, checked.clean, strict=True))
    assert context.keys.decrypt(values["nik_sealed"], context="nik") == "3201010508809999"
    assert values["nik_masked"] == "3201••••••••9999"
    assert values["full_name"] == "Budi Santoso"
    assert values["village_code"] == "32.01.20.2006"
    assert values["birth_date"] == date(1980, 8, 5)
    heir = json.loads(values["heirs"])[0]
    assert heir["name"] == "Siti"
    assert heir["nik_index"] == context.keys.blind_index("3201014508800001", context="nik")
    assert checked.nik_index == context.keys.blind_index("3201010508809999", context="nik")
    assert checked.nik_text == "3201010508809999"


def test_rows_with_errors_carry_their_codes_and_no_values(context):
    rows = _rows(4)
    damaged, ambiguous, formula = (check_row(context, n, r) for n, r in rows[1:])
    assert damaged.clean is None
    assert damaged.nik_index == ""
    assert _errors(damaged) == ["nik.excel_damaged"]
    assert damaged.nik_text is None
    assert _errors(ambiguous) == ["village.ambiguous"]
    assert ambiguous.clean is None
    assert _errors(formula) == ["date.invalid", "name.invalid", "row.formula"]
    assert formula.clean is None


def test_worker_processes_give_the_same_results_in_the_same_order(context):
    rows = _rows(4_500)  # three chunks
    alone = [c for chunk in check_rows(context, rows, processes=1) for c in chunk]
    pooled = [c for chunk in check_rows(context, rows, processes=2, min_rows=1) for c in chunk]
    assert [c.number for c in pooled] == [n for n, _ in rows]
    assert [_plain(c, context.keys) for c in pooled] == [_plain(c, context.keys) for c in alone]
    assert sum(c.clean is not None for c in pooled) == 1_125
