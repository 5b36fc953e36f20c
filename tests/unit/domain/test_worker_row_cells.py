"""Reading single cells of a worker row at their edges (ADR 0032).

These helpers are the row's rules for one kind of cell (an RT, an income, a village code); each
test asserts the exact value read or the exact refusal with the cell as the operator wrote it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from payung.domain import worker_row as wr
from payung.domain.errors import DomainError
from payung.domain.headers import Field
from payung.domain.worker_row import validate_worker_row

from .test_worker_row import REFERENCE, FakeVillages, full_row


def refusal(call, *args):
    with pytest.raises(DomainError) as error:
        call(*args)
    return error.value.code, dict(error.value.params)


@pytest.mark.parametrize(
    ("raw", "read"),
    [(0, "000"), (999, "999"), (7.0, "007"), ("RT 05", "005"), (" 12 ", "012")],
)
def test_an_rt_or_rw_from_0_to_999(raw, read):
    assert wr._one_rt_rw(raw) == read


@pytest.mark.parametrize(
    ("raw", "value"), [(1000, "1000"), (-1, "-1"), ("RT", "RT"), (" satu ", "satu"), (2.5, "2.5")]
)
def test_an_rt_or_rw_out_of_range_names_the_cell(raw, value):
    assert refusal(wr._one_rt_rw, raw) == ("row.rt_rw", {"value": value})


def test_an_rt_rw_pair():
    assert wr._rt_rw_pair("01 / 02") == ("001", "002")
    assert refusal(wr._rt_rw_pair, "1  2 3") == ("row.rt_rw", {"value": "1 2 3"})
    assert refusal(wr._rt_rw_pair, date(2026, 2, 1)) == ("row.rt_rw", {"value": "2026-02-01"})


@pytest.mark.parametrize(
    ("raw", "value"),
    [(True, "True"), (1500.5, "1500.5"), ([1], "[1]"), (" 1.500.000,50 ", "1.500.000,50")],
)
def test_an_invalid_income_names_the_cell(raw, value):
    assert refusal(wr._income, raw) == ("income.invalid", {"value": value})


def test_incomes_read_exactly():
    assert wr._income(1_500_000.0) == 1_500_000
    assert wr._income(Decimal(2_000_000)) == 2_000_000
    assert wr._income("Rp 1.500.000,00") == 1_500_000


def test_a_village_code_from_a_numeric_cell_or_text():
    assert wr._village_code(3201012001.0) == "32.01.01.2001"
    assert wr._village_code(" 32.01.01.2001 ") == "32.01.01.2001"
    assert refusal(wr._village_code, "32.01") == (
        "region.level",
        {"region": "32.01", "actual": "regency/city", "expected": "village"},
    )


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        (True, None),
        (7, 7),
        (7.0, 7),
        (7.5, None),
        (Decimal("7.00"), 7),
        (Decimal("7.5"), None),
        (Decimal("NaN"), None),
        (" 07 ", 7),
        ("٣", None),  # an Arabic-Indic digit is no RT number
        ("7a", None),
    ],
)
def test_a_whole_number_from_a_cell(raw, number):
    assert wr._whole_number(raw) == number


@pytest.mark.parametrize(
    ("raw", "shown"), [(12.0, "12"), (12.5, "12.5"), (" Mati ", "Mati"), (None, "None")]
)
def test_a_cell_as_shown_to_the_operator(raw, shown):
    assert wr._shown(raw) == shown


@pytest.mark.parametrize(
    ("raw", "blank"),
    [
        (None, True),
        ("  ", True),
        ("-", True),
        ("\u00a0\u200b", True),
        ("\u00a0-\u00a0", True),
        ("\u00a0x", False),
        (float("nan"), True),
        (0, False),
    ],
)
def test_what_counts_as_an_empty_cell(raw, blank):
    assert wr._blank(raw) is blank


def test_the_memo_reads_each_cell_once_by_type_and_passes_options():
    calls = []

    def read(raw, **options):
        calls.append((raw, options))
        return (type(raw).__name__, raw, options)

    memo = wr._memoised(read)
    assert memo(1, lang="en") == ("int", 1, {"lang": "en"})
    assert memo(1, lang="en") == ("int", 1, {"lang": "en"})
    assert memo(True, lang="en") == ("bool", True, {"lang": "en"})  # 1 == True, kept apart
    assert memo(["x"], lang="id") == ("list", ["x"], {"lang": "id"})  # unhashable: not memoised
    assert calls == [(1, {"lang": "en"}), (True, {"lang": "en"}), (["x"], {"lang": "id"})]


@pytest.mark.parametrize(
    ("status", "code"),
    [("Pindah", "row.resident_status"), ("Entah", "row.resident_status_unknown")],
)
def test_a_resident_status_other_than_living_is_a_warning_naming_it(status, code):
    result = validate_worker_row(
        full_row(resident_status=f" {status} "),
        reference_date=REFERENCE,
        resolve_village=FakeVillages(),
    )
    found = [(i.code, dict(i.params)) for i in result.issues if i.code.startswith("row.resident")]
    assert found == [(code, {"value": status, "field": Field.RESIDENT_STATUS.value})]
