from datetime import date

import pytest

from payung.domain.coverage import (
    ArrearsRule,
    CoveragePeriod,
    EarlyEnd,
    EndReason,
    MonthState,
    check_no_overlap,
    covering,
    protection,
)
from payung.domain.errors import DomainError, Severity
from payung.domain.period import Month, MonthSpan

YEAR_2026 = list(MonthSpan(Month(2026, 1), 12))


def months(*numbers: int, year: int = 2026) -> tuple[Month, ...]:
    return tuple(Month(year, n) for n in numbers)


def test_a_period_is_twelve_months_from_its_start_by_default():
    period = CoveragePeriod(Month(2026, 3))
    assert period.covered == MonthSpan(Month(2026, 3), 12)
    assert period.covered.end == Month(2027, 2)
    assert period.covers(date(2026, 3, 1))
    assert period.covers(date(2027, 2, 28))
    assert not period.covers(date(2026, 2, 28))
    assert not period.covers(date(2027, 3, 1))


def test_an_early_end_keeps_its_month_and_stops_protection_after_the_date():
    period = CoveragePeriod(Month(2026, 1))
    died = period.ended(date(2026, 5, 17), EndReason.DIED)
    assert died.early_end == EarlyEnd(date(2026, 5, 17), EndReason.DIED)
    assert list(died.covered) == list(months(1, 2, 3, 4, 5))
    assert died.granted == MonthSpan(Month(2026, 1), 12)
    assert died.covers(date(2026, 5, 17))
    assert not died.covers(date(2026, 5, 18))
    assert not died.covers(date(2026, 6, 1))
    assert period.early_end is None  # the original value is unchanged


@pytest.mark.parametrize(
    ("end", "code", "params"),
    [
        (
            date(2025, 12, 31),
            "coverage.end_before_start",
            {"end": "2025-12-31", "start": "2026-01"},
        ),
        (date(2027, 1, 1), "coverage.end_after_period", {"end": "2027-01-01", "last": "2026-12"}),
    ],
)
def test_an_early_end_must_fall_inside_the_period(end, code, params):
    with pytest.raises(DomainError) as error:
        CoveragePeriod(Month(2026, 1), 12, EarlyEnd(end, EndReason.MOVED_AWAY))
    assert error.value.code == code
    assert error.value.params == params
    assert error.value.message("id")


def test_covered_on_a_date_given_several_periods():
    first = CoveragePeriod(Month(2025, 1)).ended(date(2025, 8, 10), EndReason.WAGE_EMPLOYMENT)
    second = CoveragePeriod(Month(2026, 3))
    check_no_overlap([second, first])
    assert covering([first, second], date(2025, 8, 10)) is first
    assert covering([first, second], date(2025, 8, 11)) is None
    assert covering([first, second], date(2026, 2, 10)) is None
    assert covering([first, second], date(2026, 3, 1)) is second


def test_two_periods_covering_the_same_month_are_refused():
    with pytest.raises(DomainError) as error:
        check_no_overlap([CoveragePeriod(Month(2026, 6)), CoveragePeriod(Month(2026, 1))])
    assert error.value.code == "coverage.overlap"
    assert error.value.params == {"first": "2026-01", "second": "2026-06"}
    ended = CoveragePeriod(Month(2026, 1)).ended(date(2026, 5, 31), EndReason.WITHDREW)
    check_no_overlap([ended, CoveragePeriod(Month(2026, 6))])


def test_three_unpaid_months_make_the_worker_inactive_from_the_third():
    status = protection(YEAR_2026, months(1, 2), as_of=Month(2026, 6))
    assert [(s.month.month, s.state, s.unpaid_run) for s in status.months] == [
        (1, MonthState.PAID, 0),
        (2, MonthState.PAID, 0),
        (3, MonthState.GRACE, 1),
        (4, MonthState.GRACE, 2),
        (5, MonthState.INACTIVE, 3),
        (6, MonthState.INACTIVE, 4),
    ]
    assert status.covered == months(1, 2, 3, 4, 5, 6)
    assert status.protected == months(1, 2, 3, 4)
    assert status.gap == months(5, 6)
    assert status.inactive_from == Month(2026, 5)
    assert status.lapses_at is None
    (issue,) = status.issues()
    assert (issue.code, issue.severity) == ("coverage.inactive", Severity.WARNING)
    assert issue.message("en") == "Not protected since 2026-05: 4 consecutive months unpaid."


def test_paying_again_resumes_protection_from_that_month_not_backwards():
    status = protection(YEAR_2026, months(1, 2, 7), as_of=Month(2026, 8))
    (lapse,) = status.lapses
    assert (lapse.inactive_from, lapse.resumed) == (Month(2026, 5), Month(2026, 7))
    assert status.gap == months(5, 6)
    assert status.inactive_from is None
    assert status.months[-1].state is MonthState.GRACE
    assert status.lapses_at == Month(2026, 10)
    assert [i.code for i in status.issues()] == ["coverage.lapse_ahead"]
    assert status.issues()[0].message("en") == (
        "1 consecutive months unpaid; not protected from 2026-10 unless paid."
    )


def test_the_number_of_unpaid_months_is_configurable():
    strict = protection(YEAR_2026, months(1), as_of=Month(2026, 3), rule=ArrearsRule(1))
    assert strict.inactive_from == Month(2026, 2)
    lenient = protection(YEAR_2026, months(1), as_of=Month(2026, 6), rule=ArrearsRule(6))
    assert lenient.gap == ()
    assert lenient.lapses_at == Month(2026, 7)
    with pytest.raises(DomainError) as error:
        ArrearsRule(0)
    assert error.value.code == "coverage.arrears_months"


def test_a_month_outside_cover_does_not_count_as_unpaid():
    # Two periods with March between them: Jan, Feb unpaid, then Apr unpaid is a new run.
    covered = [*months(1, 2), *months(4, 5, 6)]
    status = protection(covered, months(6), as_of=Month(2026, 12))
    assert [s.unpaid_run for s in status.months] == [1, 2, 1, 2, 0]
    assert status.gap == ()


def test_months_not_yet_due_are_left_out():
    status = protection(YEAR_2026, (), as_of=Month(2026, 2))
    assert status.covered == months(1, 2)
    assert status.lapses_at == Month(2026, 3)
    assert protection(YEAR_2026, (), as_of=Month(2025, 12)).issues() == ()
