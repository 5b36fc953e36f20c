"""Bills: one line per worker and contribution month, corrections as adjustments, reconciliation.

A month's bill is made from the workers covered that month and the rate table
(:func:`bill_lines`): one :class:`BillLine` per worker, saying who pays (``payer_id``: the regency
or a village), how much, and — through its :class:`~payung.domain.contributions.Contribution` —
why. Once issued, a month is frozen: a later correction (a death reported late, a corrected
income, a worker moved to another village's bill) never edits a line; :func:`adjustments`
returns :class:`Adjustment` lines for the difference between what was billed and what should be
billed now.

BPJS Ketenagakerjaan sends its own invoice. :func:`reconcile` compares it with ours, worker by
worker (by the key both sides share, such as the NIK index), and lists what we billed that they
did not invoice, what they invoiced that we did not bill, and amounts that differ, with totals.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, TypeVar

from payung.domain.contributions import Contribution, ContributionTerms, RateTable
from payung.domain.errors import DomainError, Issue, register, warning
from payung.domain.money import format_rupiah
from payung.domain.period import Month

DUPLICATE_WORKER: Final = register(
    "billing.duplicate_worker",
    id="Pekerja {worker} muncul lebih dari sekali dalam tagihan bulan {month}.",
    en="Worker {worker} appears more than once in the bill for {month}.",
)
OTHER_MONTH: Final = register(
    "billing.other_month",
    id="Baris tagihan bulan {line_month} tidak termasuk koreksi bulan {month}.",
    en="A bill line for {line_month} does not belong to the correction of {month}.",
)
NO_KEY: Final = register(
    "billing.no_key",
    id="Pekerja {worker} tidak punya kunci pencocokan dengan tagihan BPJS.",
    en="Worker {worker} has no key to match with the BPJS invoice.",
)
BILLED_NOT_INVOICED: Final = register(
    "billing.billed_not_invoiced",
    id="Bulan {month}: kita menagih {billed}, BPJS tidak menagihkannya.",
    en="{month}: we billed {billed}, BPJS did not invoice it.",
)
INVOICED_NOT_BILLED: Final = register(
    "billing.invoiced_not_billed",
    id="Bulan {month}: BPJS menagih {invoiced}, kita tidak menagihkannya.",
    en="{month}: BPJS invoiced {invoiced}, we did not bill it.",
)
AMOUNT_DIFFERS: Final = register(
    "billing.amount_differs",
    id="Bulan {month}: kita menagih {billed}, BPJS menagih {invoiced}.",
    en="{month}: we billed {billed}, BPJS invoiced {invoiced}.",
)


@dataclass(frozen=True)
class Billable:
    """A worker covered in the month being billed, with the terms their price depends on."""

    worker_id: str
    payer_id: str  # who receives the bill: the regency, or the worker's village
    terms: ContributionTerms


@dataclass(frozen=True)
class BillLine:
    worker_id: str
    payer_id: str
    month: Month  # the contribution month
    contribution: Contribution

    @property
    def amount(self) -> int:
        return self.contribution.amount


@dataclass(frozen=True)
class Adjustment:
    """A correction of a frozen month: ``due`` now instead of the ``billed`` so far."""

    worker_id: str
    payer_id: str
    month: Month  # the contribution month corrected
    billed: int
    due: int
    contribution: Contribution | None  # what is due now; None when nothing is due any more

    @property
    def amount(self) -> int:
        """What the adjustment line adds to (or, negative, takes off) the payer's bill."""
        return self.due - self.billed


Line = BillLine | Adjustment
_Key = TypeVar("_Key")


def bill_lines(workers: Iterable[Billable], month: Month, table: RateTable) -> tuple[BillLine, ...]:
    """One line per worker covered in ``month``, priced by ``table``, ordered by payer and worker.

    Raises ``billing.duplicate_worker`` for a worker given twice and the rate table's codes
    (``contribution.no_rate``) for a month without a rate.
    """
    lines: dict[str, BillLine] = {}
    # Most workers share their terms (Bogor: all at the lowest level), so each distinct terms is
    # priced once: a regency's month of 10^5 lines costs a handful of computations, not 10^5.
    priced: dict[ContributionTerms, Contribution] = {}
    for worker in workers:
        if worker.worker_id in lines:
            raise DomainError(DUPLICATE_WORKER, worker=worker.worker_id, month=str(month))
        contribution = priced.get(worker.terms)
        if contribution is None:
            contribution = priced[worker.terms] = table.contribution(month, worker.terms)
        lines[worker.worker_id] = BillLine(worker.worker_id, worker.payer_id, month, contribution)
    return tuple(sorted(lines.values(), key=lambda line: (line.payer_id, line.worker_id)))


def _totals(amounts: Iterable[tuple[_Key, int]]) -> dict[_Key, int]:
    """The amounts added up per key (a line and the adjustments made to it since)."""
    totals: dict[_Key, int] = {}
    for key, amount in amounts:
        totals[key] = totals.get(key, 0) + amount
    return totals


def adjustments(
    month: Month, issued: Iterable[Line], due: Iterable[BillLine]
) -> tuple[Adjustment, ...]:
    """The adjustment lines that bring frozen ``month`` from what was ``issued`` to what is ``due``.

    ``issued`` is the month's original lines and any adjustments already made; ``due`` is the
    month billed again from today's data (:func:`bill_lines`). A worker moved to another payer
    gets a credit on the old payer's bill and a charge on the new one. Lines of another month are
    refused (``billing.other_month``): a frozen month is corrected on its own.
    """
    issued, due = tuple(issued), tuple(due)
    stray = next((line.month for line in (*issued, *due) if line.month != month), None)
    if stray is not None:
        raise DomainError(OTHER_MONTH, month=str(month), line_month=str(stray))
    billed = _totals(((line.worker_id, line.payer_id), line.amount) for line in issued)
    now = {(line.worker_id, line.payer_id): line for line in due}
    result = []
    for worker_id, payer_id in sorted(billed.keys() | now.keys(), key=lambda k: (k[1], k[0])):
        was = billed.get((worker_id, payer_id), 0)
        current = now.get((worker_id, payer_id))
        is_due = current.amount if current else 0
        if is_due != was:
            contribution = current.contribution if current else None
            result.append(Adjustment(worker_id, payer_id, month, was, is_due, contribution))
    return tuple(result)


@dataclass(frozen=True)
class InvoiceLine:
    """One line of BPJS's invoice: the worker by the shared key, the month and the amount."""

    key: str
    month: Month
    amount: int


class DifferenceKind(StrEnum):
    BILLED_NOT_INVOICED = BILLED_NOT_INVOICED
    INVOICED_NOT_BILLED = INVOICED_NOT_BILLED
    AMOUNT_DIFFERS = AMOUNT_DIFFERS


@dataclass(frozen=True)
class Difference:
    """Where our bill and BPJS's invoice disagree for one worker and month (0 = nothing)."""

    key: str
    month: Month
    billed: int
    invoiced: int

    @property
    def kind(self) -> DifferenceKind:
        if self.invoiced == 0:
            return DifferenceKind.BILLED_NOT_INVOICED
        if self.billed == 0:
            return DifferenceKind.INVOICED_NOT_BILLED
        return DifferenceKind.AMOUNT_DIFFERS

    @property
    def amount(self) -> int:
        """Invoiced minus billed: what BPJS asks for beyond our figure (negative: less)."""
        return self.invoiced - self.billed

    @property
    def issue(self) -> Issue:
        return warning(
            self.kind.value,
            month=str(self.month),
            billed=format_rupiah(self.billed),
            invoiced=format_rupiah(self.invoiced),
        )


@dataclass(frozen=True)
class Reconciliation:
    differences: tuple[Difference, ...]
    matched: int  # worker-months on both sides with the same amount
    billed_total: int
    invoiced_total: int

    @property
    def difference_total(self) -> int:
        return self.invoiced_total - self.billed_total

    def of_kind(self, kind: DifferenceKind) -> tuple[Difference, ...]:
        return tuple(d for d in self.differences if d.kind is kind)

    def total(self, kind: DifferenceKind) -> int:
        """Invoiced minus billed over the differences of ``kind``."""
        return sum(d.amount for d in self.of_kind(kind))


def reconcile(
    billed: Iterable[Line], invoiced: Iterable[InvoiceLine], *, keys: Mapping[str, str]
) -> Reconciliation:
    """Compare our lines (with their adjustments) with BPJS's invoice, per key and month.

    ``keys`` maps our worker ids to the key BPJS's lines carry (``billing.no_key`` when one is
    missing). Both sides are netted per key and month first, so an adjustment counts with the
    line it corrects and a worker invoiced twice shows as an amount difference.
    """
    billed = tuple(billed)
    unkeyed = next((line.worker_id for line in billed if line.worker_id not in keys), None)
    if unkeyed is not None:
        raise DomainError(NO_KEY, worker=unkeyed)
    ours = _totals(((keys[line.worker_id], line.month), line.amount) for line in billed)
    theirs = _totals(((line.key, line.month), line.amount) for line in invoiced)
    differences = []
    matched = 0
    for key, month in sorted(ours.keys() | theirs.keys(), key=lambda s: (s[1], s[0])):
        difference = Difference(key, month, ours.get((key, month), 0), theirs.get((key, month), 0))
        if difference.amount:
            differences.append(difference)
        elif difference.billed:
            matched += 1
    return Reconciliation(tuple(differences), matched, sum(ours.values()), sum(theirs.values()))
