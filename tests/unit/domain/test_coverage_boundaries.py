"""Coverage at its edges: the last covered month, one-month cover, two lapses (ADR 0032)."""

from datetime import date

import pytest

from payung.domain.coverage import (
    ArrearsRule,
    CoveragePeriod,
    EarlyEnd,
    EndReason,
    Lapse,
    MonthState,
    protection,
)
from payung.domain.errors import DomainError
from payung.domain.period import Month, MonthSpan


def test_a_death_in_the_last_covered_month_is_an_early_end():
    period = CoveragePeriod(Month(2026, 1), 12, EarlyEnd(date(2026, 12, 15), EndReason.DIED))
    assert period.covered == MonthSpan(Month(2026, 1), 12)
    assert period.covers(date(2026, 12, 15))
    assert not period.covers(date(2026, 12, 16))


def test_an_end_on_the_first_day_leaves_one_covered_month():
    period = CoveragePeriod(Month(2026, 3), 12, EarlyEnd(date(2026, 3, 1), EndReason.WITHDREW))
    assert list(period.covered) == [Month(2026, 3)]
    assert period.covers(date(2026, 3, 1))
    assert not period.covers(date(2026, 3, 2))


def test_the_arrears_rule_names_the_refused_number():
    with pytest.raises(DomainError) as error:
        ArrearsRule(0)
    assert (error.value.code, error.value.params) == ("coverage.arrears_months", {"months": 0})
    assert ArrearsRule(1).unpaid_months == 1


def test_two_lapses_in_one_coverage_period():
    covered = list(MonthSpan(Month(2026, 1), 12))
    paid = {Month(2026, 1), Month(2026, 5), Month(2026, 6)}
    status = protection(covered, paid, as_of=Month(2026, 12))
    assert status.lapses == (
        Lapse(Month(2026, 4), Month(2026, 5)),
        Lapse(Month(2026, 9)),
    )
    assert status.gap == (
        Month(2026, 4),
        Month(2026, 9),
        Month(2026, 10),
        Month(2026, 11),
        Month(2026, 12),
    )
    assert status.inactive_from == Month(2026, 9)
    assert [s.state for s in status.months[1:4]] == [
        MonthState.GRACE,
        MonthState.GRACE,
        MonthState.INACTIVE,
    ]
    assert [s.unpaid_run for s in status.months] == [0, 1, 2, 3, 0, 0, 1, 2, 3, 4, 5, 6]
    (issue,) = status.issues()
    assert (issue.code, issue.params) == ("coverage.inactive", {"month": "2026-09", "unpaid": 6})
