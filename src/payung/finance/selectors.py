"""Reading bills, reconciliations and the budget overview (budget lines against what was committed,
billed and paid) within the reader's region; the rates are read in ``budgets.selectors``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from payung.access.actor import Actor
from payung.access.scope import require, scoped
from payung.budgets.commitment import committed, payers_places, standard_need
from payung.budgets.models import Budget, Payer
from payung.budgets.rates import contribution_terms, finance_terms, rate_table
from payung.domain import billing as b
from payung.domain.budget import BudgetCheck, check_budget
from payung.domain.period import Month
from payung.domain.regions import Level, RegionCode
from payung.domain.roles import Capability
from payung.enrolment.models import Enrolment
from payung.finance.billing import _issued
from payung.finance.models import AdjustmentLine, BillLine, BillMonth, Payment
from payung.finance.services import ARREARS_JOB, invoice_lines
from payung.jobs.models import Job
from payung.programmes.models import Programme
from payung.regions.models import Region


def bill_list(*, user: Actor, programme: Programme) -> QuerySet[BillMonth]:
    require(user, Capability.VIEW_PROGRAMMES)
    return scoped(
        BillMonth.objects.filter(programme=programme).select_related("payer__region"), user
    ).annotate(
        adjusted=Sum("adjustments__amount"),
    )


def bill_latest(*, user: Actor, programme: Programme, limit: int = 100) -> QuerySet[BillMonth]:
    """The programme's latest ``limit`` bills the user sees, newest month first, by payer."""
    return bill_list(user=user, programme=programme).order_by("-month", "payer__region_id")[:limit]


def bill_months(*, user: Actor, programme: Programme) -> QuerySet[BillMonth, dict[str, Any]]:
    """Per month of the programme's bills the user sees: ``month``, ``bills``, ``lines``,
    ``total``, oldest first."""
    # django-stubs reads the ``lines`` annotation as the reverse relation of the same name.
    return (
        bill_list(user=user, programme=programme)  # type: ignore[return-value]
        .values("month")
        .annotate(  # type: ignore[no-redef]
            bills=Count("pk", distinct=True), lines=Sum("line_count"), total=Sum("total")
        )
        .order_by("month")
    )


def arrears_runs(*, user: Actor, programme: Programme) -> QuerySet[Job]:
    """The programme's latest arrears updates run as background jobs."""
    require(user, Capability.VIEW_PROGRAMMES)
    return scoped(
        Job.objects.filter(kind=ARREARS_JOB, params__programme=programme.pk), user
    ).order_by("-created_at", "-pk")


def bill_get(*, user: Actor, pk: int) -> BillMonth:
    require(user, Capability.VIEW_PROGRAMMES)
    bill = (
        scoped(BillMonth.objects.select_related("payer__region", "programme"), user)
        .filter(pk=pk)
        .first()
    )
    if bill is None:
        raise Http404
    return bill


def bill_lines(*, user: Actor, bill: BillMonth) -> QuerySet[BillLine]:
    return scoped(bill.lines.select_related("enrolment__person", "price"), user).order_by(
        "enrolment__person__full_name", "pk"
    )


def bill_adjustments(*, user: Actor, bill: BillMonth) -> QuerySet[AdjustmentLine]:
    return scoped(bill.adjustments.select_related("enrolment__person"), user)


def bill_payments(*, user: Actor, bill: BillMonth) -> QuerySet[Payment]:
    return scoped(bill.payments.all(), user)


def bill_paid(*, user: Actor, bill: BillMonth) -> int:
    """The rupiah paid on ``bill`` so far (the payments the user sees)."""
    paid: int | None = bill_payments(user=user, bill=bill).aggregate(s=Sum("amount"))["s"]
    return paid or 0


# ---------------------------------------------------------------------------------------------
# Reconciliation


@dataclass(frozen=True)
class ReconciliationRow:
    difference: b.Difference
    worker: str  # the name and masked NIK, or BPJS's masked number when unmatched
    kpj: str


def reconciliation(
    *, user: Actor, programme: Programme, month: Month
) -> tuple[b.Reconciliation, list[ReconciliationRow]]:
    """Our lines and adjustments of ``month`` against BPJS's invoice, worker by worker (by the
    KPJ's blind index), with each difference named for the reader."""
    require(user, Capability.MANAGE_FINANCE)
    if not scoped(Programme.objects.filter(pk=programme.pk), user).exists():
        raise Http404
    ours = _issued(programme, month)
    invoiced = invoice_lines(programme, month).exclude(enrolment=None).values("enrolment")
    workers = {
        e.pk: e
        for e in Enrolment.objects.filter(
            Q(pk__in={int(line.worker_id) for line in ours}) | Q(pk__in=invoiced)
        ).select_related("person")
    }
    keys = {str(pk): e.kpj_index for pk, e in workers.items()}
    theirs = list(invoice_lines(programme, month))
    result = b.reconcile(
        ours,
        [b.InvoiceLine(line.key, Month.of(line.month), line.amount) for line in theirs],
        keys=keys,
    )
    by_key = {e.kpj_index: e for e in workers.values()}
    masked = {line.key: line.masked for line in theirs}
    rows = []
    for difference in result.differences:
        worker = by_key.get(difference.key)
        rows.append(
            ReconciliationRow(
                difference,
                f"{worker.person.full_name} ({worker.person.nik_masked})"
                if worker
                else masked.get(difference.key, "?"),
                worker.kpj_masked if worker else masked.get(difference.key, "?"),
            )
        )
    return result, rows


# ---------------------------------------------------------------------------------------------
# Budgets


@dataclass(frozen=True)
class BudgetRow:
    region: str
    name: str
    budget: int | None
    committed: int
    billed: int
    paid: int
    check: BudgetCheck | None
    standard: int  # the same places at the reference BPU minimum

    @property
    def remaining(self) -> int | None:
        """Budget minus commitment (negative: the shortfall)."""
        return None if self.budget is None else self.budget - self.committed

    @property
    def outstanding(self) -> int:
        return self.billed - self.paid


@dataclass(frozen=True)
class BudgetOverview:
    programme: Programme
    year: int
    payers: list[BudgetRow]
    districts: list[BudgetRow]  # the village payers' rows added up per district
    total: BudgetRow

    @property
    def standard_need(self) -> int:
        """What the places would cost at the reference BPU minimum."""
        return self.total.standard

    @property
    def standard_shortfall(self) -> int:
        """How much more than the budget the reference minimum would need (0: none)."""
        return max(0, self.total.standard - (self.total.budget or 0))


def _sums(queryset: Any, key: str, value: str) -> dict[Any, int]:
    return {
        k: int(v or 0) for k, v in queryset.values(key).annotate(s=Sum(value)).values_list(key, "s")
    }


def budget_overview(
    *, user: Actor, programme: Programme, year: int | None = None
) -> BudgetOverview:
    """Budget, committed, billed, paid and remaining per payer, per district and in total."""
    require(user, Capability.VIEW_PROGRAMMES)
    year = year or programme.year
    payers = list(scoped(Payer.objects.filter(programme=programme).select_related("region"), user))
    budgets = dict(
        Budget.objects.filter(payer__in=payers, year=year).values_list("payer_id", "amount")
    )
    bills = BillMonth.objects.filter(payer__in=payers, month__year=year)
    billed = _sums(bills, "payer", "total")
    for payer, amount in _sums(
        AdjustmentLine.objects.filter(bill__in=bills), "bill__payer", "amount"
    ).items():
        billed[payer] = billed.get(payer, 0) + amount
    paid = _sums(Payment.objects.filter(bill__in=bills), "bill__payer", "amount")
    warn = finance_terms(programme).warn_at_percent
    own, reference, terms = rate_table(programme), rate_table(None), contribution_terms(programme)
    all_places = payers_places(programme, [payer.region_id for payer in payers])
    # Most payers have the same number of places: each count is priced once.
    costs: dict[int, tuple[int, int]] = {}
    rows = []
    for payer in payers:
        places = all_places[payer.region_id]
        if places not in costs:
            costs[places] = (
                committed(programme, places, table=own, terms=terms),
                standard_need(programme, places, table=reference, terms=terms),
            )
        cost, standard = costs[places]
        budget = budgets.get(payer.pk)
        rows.append(
            BudgetRow(
                payer.region_id,
                payer.region.name,
                budget,
                cost,
                billed.get(payer.pk, 0),
                paid.get(payer.pk, 0),
                check_budget(budget=budget, committed=cost, warn_at_percent=warn)
                if budget is not None
                else None,
                standard,
            )
        )
    districts: dict[str, list[BudgetRow]] = defaultdict(list)
    for row in rows:
        code = RegionCode(row.region)
        if code.level is Level.VILLAGE:
            districts[code.ancestor(Level.DISTRICT).code].append(row)
    # The district's name on the page, not its code (the code stays the row's region).
    names = dict(Region.objects.filter(code__in=districts).values_list("code", "name"))
    return BudgetOverview(
        programme=programme,
        year=year,
        payers=rows,
        districts=[
            _add(code, names.get(code, code), members, warn)
            for code, members in sorted(districts.items())
        ],
        total=_add("", str(programme), rows, warn),
    )


def contributions_paid_by_month(
    *, user: Actor, programme: Programme, year: int
) -> dict[Month, int]:
    """The rupiah paid on each contribution month's bills of ``year`` (the payers the user sees),
    months with a payment only: per month what ``budget_overview``'s paid adds up to."""
    require(user, Capability.VIEW_PROGRAMMES)
    payers = scoped(Payer.objects.filter(programme=programme), user)
    payments = Payment.objects.filter(
        bill__programme=programme, bill__payer__in=payers, bill__month__year=year
    )
    return {
        Month.of(month): int(total)
        for month, total in payments.values("bill__month")
        .annotate(total=Sum("amount"))
        .order_by("bill__month")
        .values_list("bill__month", "total")
    }


def _add(region: str, name: str, rows: list[BudgetRow], warn: Any) -> BudgetRow:
    budget = sum(r.budget for r in rows if r.budget is not None) if rows else None
    cost = sum(r.committed for r in rows)
    return BudgetRow(
        region,
        name,
        budget,
        cost,
        sum(r.billed for r in rows),
        sum(r.paid for r in rows),
        check_budget(budget=budget, committed=cost, warn_at_percent=warn) if budget else None,
        sum(r.standard for r in rows),
    )
