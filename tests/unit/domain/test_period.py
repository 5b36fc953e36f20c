from datetime import date

import pytest

from payung.domain.errors import DomainError
from payung.domain.period import Month, MonthSpan, day_text, month_range


def test_month_arithmetic_crosses_years():
    assert Month(2026, 12).plus(1) == Month(2027, 1)
    assert Month(2026, 1).plus(-1) == Month(2025, 12)
    assert Month.of(date(2026, 2, 28)) == Month(2026, 2)
    assert str(Month.parse("2026-04")) == "2026-04"


def test_span_between_two_months_and_overlap():
    span = MonthSpan.between(Month(2026, 4), Month(2027, 3))
    assert span == MonthSpan(Month(2026, 4), 12)
    assert span.overlaps(MonthSpan(Month(2027, 3), 1))
    assert not span.overlaps(MonthSpan(Month(2027, 4), 1))
    assert not MonthSpan(Month(2026, 1), 3).overlaps(span)
    with pytest.raises(DomainError) as error:
        MonthSpan.between(Month(2026, 4), Month(2026, 3))
    assert error.value.code == "period.months"


def test_span_of_twelve_months():
    span = MonthSpan(Month(2026, 1), 12)
    assert span.end == Month(2026, 12)
    assert list(span) == [Month(2026, m) for m in range(1, 13)]
    assert Month(2026, 6) in span
    assert Month(2027, 1) not in span


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: MonthSpan(Month(2026, 1), 0), "period.months"),
        (lambda: Month(2026, 13), "period.month_format"),
        (lambda: Month.parse("April 2026"), "period.month_format"),
    ],
)
def test_invalid_periods(make, code):
    with pytest.raises(DomainError) as error:
        make()
    assert error.value.code == code


def test_month_range_in_words():
    assert month_range(Month(2026, 3), Month(2026, 5)) == "Maret–Mei 2026"
    assert month_range(Month(2025, 11), Month(2026, 1)) == "November 2025–Januari 2026"
    assert month_range(Month(2025, 11), Month(2026, 1), "EN") == "November 2025–January 2026"
    assert month_range(Month(2026, 12), Month(2026, 12)) == "Desember 2026"
    assert month_range(Month(2026, 1), Month(2026, 1), "en") == "January 2026"
    assert month_range(Month(2026, 1), Month(2026, 12), "en") == "January–December 2026"


def test_a_day_reads_day_month_year():
    assert day_text(date(2026, 5, 20)) == "20-05-2026"
    assert day_text(date(2027, 1, 1)) == "01-01-2027"
