"""A date that cannot be read is refused naming the cell as written (ADR 0032)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from payung.domain.dates import parse_date, split_place_and_date
from payung.domain.errors import DomainError

TODAY = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("raw", "code", "value"),
    [
        (float("inf"), "date.format", "inf"),
        (0, "date.format", "0"),
        (3_000_000, "date.format", "3000000"),
        ("3000000", "date.format", "3000000"),
        (60, "date.invalid", "60"),  # Excel's 29 February 1900, a day that never was
        ("12 Foo 1980", "date.format", "12 Foo 1980"),
        ("Foo 12, 1980", "date.format", "Foo 12, 1980"),
        ("31-02-1980", "date.invalid", "31-02-1980"),
        ("1980-02-31", "date.invalid", "1980-02-31"),
        ("31 Februari 1980", "date.invalid", "31 Februari 1980"),
        ("Februari 31, 1980", "date.invalid", "Februari 31, 1980"),
        (True, "date.format", "True"),
        ([1], "date.format", "[1]"),
        ("''12-05-1980", "date.format", "''12-05-1980"),
    ],
)
def test_a_refused_date_names_the_cell(raw, code, value):
    with pytest.raises(DomainError) as error:
        parse_date(raw, reference_date=TODAY)
    assert (error.value.code, error.value.params) == (code, {"value": value})


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        (59, date(1900, 2, 28)),
        (Decimal("61.5"), date(1900, 3, 1)),
        ("45000,5", date(2023, 3, 15)),
        ("\u00a012-05-1980\u00a0", date(1980, 5, 12)),
        ("'12-05-1980", date(1980, 5, 12)),
        ("12 Mei 26", date(1926, 5, 12)),  # a two-digit year after today is last century's
        ("12 Januari 26", date(1926, 1, 12)),
        ("01 Januari 26", date(2026, 1, 1)),
        ("29 Februari 00", date(2000, 2, 29)),
    ],
)
def test_dates_read_at_their_edges(raw, day):
    assert parse_date(raw, reference_date=TODAY) == day


@pytest.mark.parametrize(
    ("raw", "code", "value"),
    [
        (None, "ttl.format", ""),
        (12.0, "ttl.format", "12"),
        ("Bogor", "ttl.format", "Bogor"),
        (", 12-05-1980", "ttl.format", ", 12-05-1980"),
        ("Bogor, 12 Foo 1980", "date.format", "12 Foo 1980"),
        ("Bogor 31-02-1980", "date.invalid", "31-02-1980"),
    ],
)
def test_a_refused_place_and_date_names_the_cell(raw, code, value):
    with pytest.raises(DomainError) as error:
        split_place_and_date(raw, reference_date=TODAY)
    assert (error.value.code, error.value.params) == (code, {"value": value})
