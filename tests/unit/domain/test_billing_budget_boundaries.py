"""Reconciliation order and count, and the budget warning at its edges (ADR 0032)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from payung.domain.billing import Billable, InvoiceLine, bill_lines, reconcile
from payung.domain.budget import check_budget
from payung.domain.contributions import ContributionTerms
from payung.domain.errors import DomainError
from payung.domain.period import Month
from payung.domain.programme import PayerModel

JAN, FEB = Month(2026, 1), Month(2026, 2)


def worker(worker_id: str) -> Billable:
    return Billable(worker_id, "32.01.20.2006", ContributionTerms("bpu", PayerModel.VILLAGE_AID))


def test_differences_are_listed_by_month_then_key_and_every_match_counted(bpu_table):
    workers = [worker(f"w{n}") for n in range(1, 8)]
    billed = [*bill_lines(workers, JAN, bpu_table), *bill_lines(workers, FEB, bpu_table)]
    # Keys in another order than the workers, so neither order can pass for the other (and
    # seven keys a month, so the set's own order cannot pass by chance).
    keys = {f"w{n}": key for n, key in enumerate("gfedcbz", start=1)}
    invoiced = [InvoiceLine("z", JAN, 16_800), InvoiceLine("z", FEB, 16_800)]
    result = reconcile(billed, invoiced, keys=keys)
    assert [(d.month, d.key) for d in result.differences] == [
        *((JAN, key) for key in "bcdefg"),
        *((FEB, key) for key in "bcdefg"),
    ]
    assert result.matched == 2


def test_the_warning_threshold_from_just_above_zero_to_all_of_the_budget():
    with pytest.raises(DomainError) as error:
        check_budget(budget=100, committed=10, warn_at_percent=Decimal(0))
    assert (error.value.code, error.value.params) == ("budget.threshold", {"percent": "0"})
    with pytest.raises(DomainError) as error:
        check_budget(budget=100, committed=10, warn_at_percent=Decimal("100.5"))
    assert error.value.params == {"percent": "100.5"}

    at_one = check_budget(budget=1_000, committed=10, warn_at_percent=Decimal(1))
    assert [i.code for i in at_one.issues] == ["budget.near_limit"]
    full = check_budget(budget=1_000, committed=1_000, warn_at_percent=Decimal(100))
    assert [(i.code, i.params["percent"]) for i in full.issues] == [("budget.near_limit", "100.0")]
    assert full.remaining == 0
    assert not full.exceeded


def test_one_rupiah_committed_of_a_one_rupiah_budget_warns():
    check = check_budget(budget=1, committed=1)
    assert [(i.code, i.params) for i in check.issues] == [
        (
            "budget.near_limit",
            {"committed": "Rp1", "budget": "Rp1", "percent": "100.0", "remaining": "Rp0"},
        )
    ]
    assert check_budget(budget=0, committed=0).issues == ()
