"""Months and spans at their edges (each kills a mutant, ADR 0032)."""

import pytest

from payung.domain.errors import DomainError
from payung.domain.period import Month, MonthSpan


def refusal(call, *args):
    with pytest.raises(DomainError) as error:
        call(*args)
    return error.value.code, error.value.params


def test_a_one_month_span_and_the_longest_span():
    one = MonthSpan(Month(2026, 12), 1)
    assert one.end == Month(2026, 12)
    assert list(one) == [Month(2026, 12)]
    assert MonthSpan.between(Month(2026, 12), Month(2026, 12)) == one
    assert MonthSpan(Month(2026, 1), 120).end == Month(2035, 12)
    assert refusal(MonthSpan, Month(2026, 1), 121) == ("period.months", {"months": 121})
    assert refusal(MonthSpan, Month(2026, 1), 0) == ("period.months", {"months": 0})


def test_spans_that_share_only_their_edge_month_overlap():
    january_to_march = MonthSpan(Month(2026, 1), 3)
    march_to_april = MonthSpan(Month(2026, 3), 2)
    assert march_to_april.overlaps(january_to_march)
    assert january_to_march.overlaps(march_to_april)
    assert not MonthSpan(Month(2026, 4), 1).overlaps(january_to_march)


def test_the_first_and_last_years_a_month_may_have():
    assert str(Month(1900, 1)) == "1900-01"
    assert str(Month(2999, 12)) == "2999-12"
    assert refusal(Month, 1899, 12) == ("period.month_format", {"value": "1899-12"})
    assert refusal(Month, 3000, 1) == ("period.month_format", {"value": "3000-1"})
    assert refusal(Month, 2026, 13) == ("period.month_format", {"value": "2026-13"})


def test_an_unreadable_month_is_named_in_the_refusal():
    assert refusal(Month.parse, "Januari") == ("period.month_format", {"value": "Januari"})
    assert Month.parse(" 2026-1 ") == Month(2026, 1)
