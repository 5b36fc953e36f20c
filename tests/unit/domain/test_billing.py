import pytest

from payung.domain.billing import (
    Billable,
    DifferenceKind,
    InvoiceLine,
    adjustments,
    bill_lines,
    reconcile,
)
from payung.domain.contributions import Component, ContributionTerms
from payung.domain.errors import DomainError
from payung.domain.period import Month
from payung.domain.programme import PayerModel

JAN = Month(2026, 1)
VILLAGE_A, VILLAGE_B = "32.01.01.2001", "32.01.01.2002"


def worker(worker_id: str, payer_id: str = VILLAGE_A, income: int | None = None) -> Billable:
    terms = ContributionTerms("bpu", PayerModel.VILLAGE_AID, declared_income=income)
    return Billable(worker_id, payer_id, terms)


def test_one_line_per_worker_with_its_payer_amount_and_components(bpu_table):
    lines = bill_lines([worker("w2", VILLAGE_B), worker("w1"), worker("w3")], JAN, bpu_table)
    assert [(line.payer_id, line.worker_id, line.amount) for line in lines] == [
        (VILLAGE_A, "w1", 16_800),
        (VILLAGE_A, "w3", 16_800),
        (VILLAGE_B, "w2", 16_800),
    ]
    components = {c.component: c.amount for c in lines[0].contribution.charges}
    assert components == {Component.JKK: 10_000, Component.JKM: 6_800}
    assert {line.month for line in lines} == {JAN}


def test_a_worker_billed_twice_in_a_month_is_refused(bpu_table):
    with pytest.raises(DomainError) as error:
        bill_lines([worker("w1"), worker("w1", VILLAGE_B)], JAN, bpu_table)
    assert error.value.code == "billing.duplicate_worker"
    assert error.value.params == {"worker": "w1", "month": "2026-01"}


def test_a_month_without_a_rate_cannot_be_billed(lebak_table):
    with pytest.raises(DomainError) as error:
        bill_lines([worker("w1")], JAN, lebak_table)  # Lebak's table has no "bpu" scheme
    assert error.value.code == "contribution.no_rate"


def test_corrections_of_a_frozen_month_are_adjustment_lines(bpu_table):
    issued = bill_lines([worker("w1"), worker("w2"), worker("w3")], JAN, bpu_table)
    # Learnt later: w1 declared Rp2,000,000; w2 had died in December; w3 lives in village B;
    # w4 was left out.
    due = bill_lines(
        [
            worker("w1", income=2_000_000),
            worker("w3", VILLAGE_B),
            worker("w4"),
        ],
        JAN,
        bpu_table,
    )
    corrections = adjustments(JAN, issued, due)
    assert [(a.payer_id, a.worker_id, a.billed, a.due, a.amount) for a in corrections] == [
        (VILLAGE_A, "w1", 16_800, 26_800, 10_000),
        (VILLAGE_A, "w2", 16_800, 0, -16_800),
        (VILLAGE_A, "w3", 16_800, 0, -16_800),
        (VILLAGE_A, "w4", 0, 16_800, 16_800),
        (VILLAGE_B, "w3", 0, 16_800, 16_800),
    ]
    assert corrections[1].contribution is None
    assert corrections[0].contribution.charge(Component.JKK).income == 2_000_000
    assert sum(a.amount for a in corrections) == 10_000
    # Correcting again from the same data adds nothing: earlier adjustments count as billed.
    assert adjustments(JAN, [*issued, *corrections], due) == ()
    assert [line.amount for line in issued] == [16_800, 16_800, 16_800]


def test_a_frozen_month_is_corrected_on_its_own(bpu_table):
    february = bill_lines([worker("w1")], Month(2026, 2), bpu_table)
    with pytest.raises(DomainError) as error:
        adjustments(JAN, february, [])
    assert error.value.code == "billing.other_month"
    assert error.value.params == {"month": "2026-01", "line_month": "2026-02"}


def test_reconciliation_with_the_bpjs_invoice(bpu_table):
    ours = bill_lines([worker(w) for w in ("w1", "w2", "w3", "w4")], JAN, bpu_table)
    raise_w4 = adjustments(
        JAN, ours, bill_lines([worker(w) for w in ("w1", "w2", "w3")], JAN, bpu_table)
    )
    keys = {"w1": "k1", "w2": "k2", "w3": "k3", "w4": "k4"}
    theirs = [
        InvoiceLine("k1", JAN, 16_800),  # agrees
        InvoiceLine("k2", JAN, 8_400),  # BPJS gave a relief we did not
        InvoiceLine("k5", JAN, 16_800),  # someone we do not bill
        InvoiceLine("k5", JAN, 16_800),  # ... invoiced twice
    ]
    result = reconcile([*ours, *raise_w4], theirs, keys=keys)
    assert [(d.key, d.kind, d.billed, d.invoiced, d.amount) for d in result.differences] == [
        ("k2", DifferenceKind.AMOUNT_DIFFERS, 16_800, 8_400, -8_400),
        ("k3", DifferenceKind.BILLED_NOT_INVOICED, 16_800, 0, -16_800),
        ("k5", DifferenceKind.INVOICED_NOT_BILLED, 0, 33_600, 33_600),
    ]
    assert result.matched == 1  # k1; k4 was billed and credited back, and not invoiced
    assert (result.billed_total, result.invoiced_total) == (50_400, 58_800)
    assert result.difference_total == 8_400
    assert result.total(DifferenceKind.BILLED_NOT_INVOICED) == -16_800
    assert result.total(DifferenceKind.INVOICED_NOT_BILLED) == 33_600
    assert result.total(DifferenceKind.AMOUNT_DIFFERS) == -8_400
    assert [d.issue.message("en") for d in result.differences] == [
        "2026-01: we billed Rp16.800, BPJS invoiced Rp8.400.",
        "2026-01: we billed Rp16.800, BPJS did not invoice it.",
        "2026-01: BPJS invoiced Rp33.600, we did not bill it.",
    ]
    assert result.differences[0].issue.message() == (
        "Bulan 2026-01: kita menagih Rp16.800, BPJS menagih Rp8.400."
    )


def test_reconciliation_needs_a_key_for_every_worker(bpu_table):
    with pytest.raises(DomainError) as error:
        reconcile(bill_lines([worker("w1")], JAN, bpu_table), [], keys={})
    assert error.value.code == "billing.no_key"
    assert error.value.params == {"worker": "w1"}
