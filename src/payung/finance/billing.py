"""Issuing a month's bills with set-based SQL, and correcting frozen months with adjustments.

:func:`bills_issue` writes one ``BillMonth`` per payer with covered workers that month and no bill
yet, prices each distinct (sector, declared income) once with the domain's ``bill_lines``, and
then inserts every line with one ``INSERT … SELECT`` that joins the covered workers to their
payer's new bill and to their price. Payers already billed for the month are left alone, so
issuing a month twice changes nothing, and a worker edited after the issue keeps the issued line:
the difference is an ``AdjustmentLine`` made by :func:`bill_adjust` through the domain's
``adjustments``.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from payung.access.actor import Actor, actor_pk
from payung.access.scope import require, require_region
from payung.audit.services import AuditItem, audit_bulk
from payung.budgets.models import Payer
from payung.budgets.rates import contribution_terms, rate_table
from payung.budgets.services import payer_region, payers_ensure
from payung.domain import billing as b
from payung.domain.contributions import Contribution
from payung.domain.errors import DomainError, Issue, register
from payung.domain.occupations import OCCUPATIONS, Sector
from payung.domain.period import Month
from payung.domain.roles import Capability
from payung.enrolment.models import Coverage, Enrolment
from payung.finance.models import AdjustmentLine, BillLine, BillMonth, Price
from payung.programmes.models import Programme
from payung.registry.models import Person

NOT_ISSUED = register(
    "billing.not_issued",
    id="Tagihan bulan {month} belum diterbitkan; tidak ada yang dikoreksi.",
    en="The bills for {month} have not been issued; there is nothing to correct.",
)
ADJUST_REASON = register(
    "billing.adjust_reason",
    id="Koreksi tagihan wajib disertai alasan.",
    en="A correction of a bill needs a reason.",
)

_TRANSPORT = tuple(o.code for o in OCCUPATIONS if o.sector is Sector.TRANSPORT)
UNKNOWN_INCOME = -1


def _sector_sql(column: str) -> tuple[str, list[object]]:
    """The worker's sector computed by the database from the occupation code."""
    marks = ", ".join(["%s"] * len(_TRANSPORT))
    sql = f"CASE WHEN {column} IN ({marks}) THEN %s ELSE %s END"
    return sql, [*_TRANSPORT, Sector.TRANSPORT.value, Sector.OTHER.value]


def _sector(occupation_code: str) -> Sector:
    return Sector.TRANSPORT if occupation_code in _TRANSPORT else Sector.OTHER


def _day(month: Month) -> object:
    return connection.ops.adapt_datefield_value(month.first_day)


def covered_in(programme: Programme, month: Month) -> Any:
    day = month.first_day
    return Coverage.objects.filter(programme=programme, start__lte=day, last_month__gte=day)


def prices_ensure(
    programme: Programme, month: Month, pairs: Iterable[tuple[str, int]]
) -> dict[tuple[str, int], Price]:
    """(sector, income key) → the month's price row, each missing one priced by the domain."""
    wanted = set(pairs)
    stored = {
        (p.sector, p.income_key): p
        for p in Price.objects.filter(programme=programme, month=month.first_day)
    }
    missing = sorted(wanted - stored.keys())
    if missing:
        table = rate_table(programme)
        billables = [
            b.Billable(
                f"{sector}:{income}",
                "",
                contribution_terms(
                    programme,
                    sector=Sector(sector),
                    income=None if income == UNKNOWN_INCOME else income,
                ),
            )
            for sector, income in missing
        ]
        Price.objects.bulk_create(
            [
                Price(
                    programme=programme,
                    month=month.first_day,
                    sector=sector,
                    income_key=income,
                    amount=line.amount,
                    full_amount=line.contribution.full_amount,
                    scheme=line.contribution.version.scheme,
                    basis=line.contribution.version.basis,
                    charges=charges_json(line.contribution),
                    notes=issues_json(line.contribution.notes),
                )
                for (sector, income), line in zip(
                    missing, sorted(b.bill_lines(billables, month, table), key=_key), strict=True
                )
            ]
        )
        stored = {
            (p.sector, p.income_key): p
            for p in Price.objects.filter(programme=programme, month=month.first_day)
        }
    return {pair: stored[pair] for pair in wanted}


def _key(line: b.BillLine) -> tuple[str, int]:
    sector, income = line.worker_id.split(":")
    return sector, int(income)


def issues_json(issues: tuple[Issue, ...]) -> list[dict[str, Any]]:
    return [{"code": i.code, "params": dict(i.params)} for i in issues]


def charges_json(contribution: Contribution | None) -> list[dict[str, Any]]:
    if contribution is None:
        return []
    return [
        {"component": ch.component.value, "full": ch.full, "amount": ch.amount, "income": ch.income}
        for ch in contribution.charges
    ]


@dataclass(frozen=True)
class Issued:
    bills: int
    lines: int
    total: int
    # Seconds per phase of the issue (staging, grouping, bills and prices, lines, audit), for
    # bench/billing_bench.py; the commit that follows is the caller's.
    seconds: dict[str, float] = field(default_factory=dict, compare=False)


def _quote(model: Any, name: str | None = None) -> str:
    meta = model._meta
    return connection.ops.quote_name(meta.get_field(name).column if name else meta.db_table)


# Session-local work tables of one issue (dropped before it returns; a rollback removes them
# too), always named with the temporary schema so a DROP can never reach a real table.
_WORKERS, _BILLS, _PRICES = "payung_issue_worker", "payung_issue_bill", "payung_issue_price"


def _temp(name: str) -> str:
    return ("pg_temp." if connection.vendor == "postgresql" else "temp.") + name


class _Clock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, phase: str) -> None:
        now = time.perf_counter()
        self.seconds[phase] = self.seconds.get(phase, 0.0) + now - self._last
        self._last = now


def bills_issue(*, actor: Actor, programme: Programme, month: Month) -> Issued:
    """Issue ``month``'s bills of every payer not yet billed for it; ``Issued(0, 0, 0)`` when all
    were (issuing twice changes nothing).

    The covered workers are read once into a work table (enrolment, payer region, sector, income
    key); one ``GROUP BY`` over it gives the payers, the distinct prices and every bill's count
    and total, so the bills are created complete and audited before a line is written; the
    lines are one ``INSERT … SELECT`` from the work table joined to two small tables (new bill by
    region, price by sector and income), in enrolment order. Joining the live payer, bill and
    price tables instead made the plan depend on statistics of rows written seconds before (a
    nested loop over a million workers per price was seen). See bench/README.md.
    """
    require(actor, Capability.MANAGE_FINANCE)
    require_region(actor, programme.regency_id)
    clock = _Clock()
    with transaction.atomic(), connection.cursor() as cursor:
        Programme.objects.select_for_update().filter(pk=programme.pk).first()
        _stage_workers(cursor, programme, month)
        clock.lap("stage")
        groups = _groups(cursor)
        clock.lap("group")
        payers = payers_ensure(programme, {region for region, _, _ in groups})
        done = set(
            BillMonth.objects.filter(programme=programme, month=month.first_day).values_list(
                "payer_id", flat=True
            )
        )
        new = {code: payer for code, payer in payers.items() if payer.pk not in done}
        if not new:
            _drop(cursor, _WORKERS)
            return Issued(0, 0, 0, clock.seconds)
        prices = prices_ensure(programme, month, {(s, i) for r, (s, i), _ in groups if r in new})
        counts: dict[str, int] = defaultdict(int)
        totals: dict[str, int] = defaultdict(int)
        for region, pair, count in groups:
            if region in new:
                counts[region] += count
                totals[region] += count * prices[pair].amount
        now = timezone.now()
        issued_by_id = actor_pk(actor)
        bills = BillMonth.objects.bulk_create(
            [
                BillMonth(
                    programme=programme,
                    payer=payer,
                    month=month.first_day,
                    issued_at=now,
                    issued_by_id=issued_by_id,
                    line_count=counts[code],
                    total=totals[code],
                )
                for code, payer in sorted(new.items())
            ]
        )
        clock.lap("bills and prices")
        lines = _insert_lines(cursor, bills, prices.values())
        clock.lap("lines")
        if lines != sum(bill.line_count for bill in bills):  # the work table is the only source
            raise RuntimeError(f"{lines} lines written for {sum(counts.values())} counted")
        audit_bulk(
            actor=actor,
            action="bill.issue",
            items=[
                AuditItem(
                    target=bill,
                    after={"month": str(month), "payer": bill.payer.region_id, "total": bill.total},
                )
                for bill in bills
            ],
        )
        clock.lap("audit")
        return Issued(len(bills), lines, sum(bill.total for bill in bills), clock.seconds)


def _drop(cursor: Any, *tables: str) -> None:
    for table in tables:
        cursor.execute(f"DROP TABLE IF EXISTS {_temp(table)}")


def _stage_workers(cursor: Any, programme: Programme, month: Month) -> None:
    """The work table of the workers covered in ``month``: enrolment, the region of their payer,
    their sector (computed by the database from the occupation code) and income key."""
    sector, sector_params = _sector_sql("p." + _quote(Person, "occupation_code"))
    income = f"COALESCE(p.{_quote(Person, 'monthly_income')}, {UNKNOWN_INCOME})"
    if programme.payer.bills_villages:
        region, region_params = f"e.{_quote(Enrolment, 'village')}", []
    else:
        region, region_params = "%s", [programme.regency_id]
    q = _quote
    _drop(cursor, _WORKERS)
    cursor.execute(
        f"CREATE TEMPORARY TABLE {_temp(_WORKERS)} AS "  # noqa: S608
        f"SELECT e.id AS enrolment, {region} AS region, {sector} AS sector, {income} AS income "
        f"FROM {q(Coverage)} c JOIN {q(Enrolment)} e ON e.id = c.{q(Coverage, 'enrolment')} "
        f"JOIN {q(Person)} p ON p.id = e.{q(Enrolment, 'person')} "
        f"WHERE c.{q(Coverage, 'programme')} = %s "
        f"AND c.{q(Coverage, 'start')} <= %s AND c.{q(Coverage, 'last_month')} >= %s",
        [*region_params, *sector_params, programme.pk, _day(month), _day(month)],
    )
    if connection.vendor == "postgresql":
        # A temporary table has no statistics until it is analysed (autovacuum never does).
        cursor.execute(f"ANALYZE {_temp(_WORKERS)}")


def _groups(cursor: Any) -> list[tuple[str, tuple[str, int], int]]:
    """(payer region, (sector, income key), workers) over the work table."""
    cursor.execute(
        f"SELECT region, sector, income, COUNT(*) FROM {_temp(_WORKERS)} "  # noqa: S608
        "GROUP BY region, sector, income"
    )
    return [(str(r), (str(s), int(i)), int(n)) for r, s, i, n in cursor.fetchall()]


def _insert_lines(cursor: Any, bills: list[BillMonth], prices: Iterable[Price]) -> int:
    """One ``INSERT … SELECT`` of every line of the new bills, from the work table."""
    _drop(cursor, _BILLS, _PRICES)
    cursor.execute(f"CREATE TEMPORARY TABLE {_temp(_BILLS)} (region varchar(20), bill bigint)")
    cursor.executemany(
        f"INSERT INTO {_temp(_BILLS)} VALUES (%s, %s)",  # noqa: S608
        [(bill.payer.region_id, bill.pk) for bill in bills],
    )
    cursor.execute(
        f"CREATE TEMPORARY TABLE {_temp(_PRICES)} "
        "(sector varchar(16), income bigint, price bigint, amount bigint)"
    )
    cursor.executemany(
        f"INSERT INTO {_temp(_PRICES)} VALUES (%s, %s, %s, %s)",  # noqa: S608
        [(p.sector, p.income_key, p.pk, p.amount) for p in prices],
    )
    if connection.vendor == "postgresql":
        cursor.execute(f"ANALYZE {_temp(_BILLS)}, {_temp(_PRICES)}")
    q = _quote
    # In enrolment order: the enrolment index and the foreign-key checks at commit then walk
    # the enrolments in order instead of at random.
    cursor.execute(
        f"INSERT INTO {q(BillLine)} ({q(BillLine, 'bill')}, {q(BillLine, 'enrolment')}, "  # noqa: S608
        f"{q(BillLine, 'price')}, {q(BillLine, 'amount')}) "
        f"SELECT b.bill, w.enrolment, pr.price, pr.amount FROM {_temp(_WORKERS)} w "
        f"JOIN {_temp(_BILLS)} b ON b.region = w.region "
        f"JOIN {_temp(_PRICES)} pr ON pr.sector = w.sector AND pr.income = w.income "
        "ORDER BY w.enrolment"
    )
    lines = int(cursor.rowcount)
    _drop(cursor, _WORKERS, _BILLS, _PRICES)
    return lines


# ---------------------------------------------------------------------------------------------
# Corrections of frozen months


def _issued(programme: Programme, month: Month) -> list[b.Line]:
    """What the month's bills hold so far per worker and payer, as the domain's lines.

    An issued line is given as an adjustment from 0 to its amount: ``adjustments`` only needs
    each line's worker, payer, month and amount, and the stored line keeps its own price.
    """
    day = month.first_day
    issued: list[b.Line] = [
        b.Adjustment(str(worker), str(payer), month, 0, amount, None)
        for worker, payer, amount in BillLine.objects.filter(
            bill__programme=programme, bill__month=day
        ).values_list("enrolment_id", "bill__payer_id", "amount")
    ]
    issued += [
        b.Adjustment(str(worker), str(payer), month, billed, due, None)
        for worker, payer, billed, due in AdjustmentLine.objects.filter(
            bill__programme=programme, bill__month=day
        ).values_list("enrolment_id", "bill__payer_id", "billed", "due")
    ]
    return issued


@transaction.atomic
def bill_adjust(
    *, actor: Actor, programme: Programme, month: Month, reason: str
) -> list[AdjustmentLine]:
    """Bring frozen ``month`` to what today's data says is due: one adjustment line per worker
    and payer whose amount changed (an early end reported late, a corrected income, a new
    payer). Adjusting again from the same data adds nothing."""
    require(actor, Capability.MANAGE_FINANCE)
    require_region(actor, programme.regency_id)
    if not reason.strip():
        raise DomainError(ADJUST_REASON)
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    bills = {
        bill.payer_id: bill
        for bill in BillMonth.objects.filter(programme=programme, month=month.first_day)
    }
    if not bills:
        raise DomainError(NOT_ISSUED, month=str(month))
    rows = list(
        covered_in(programme, month).values_list(
            "enrolment_id",
            "enrolment__village_id",
            "enrolment__person_id",
            "enrolment__person__occupation_code",
            "enrolment__person__monthly_income",
        )
    )
    payers = payers_ensure(programme, {payer_region(programme, row[1]) for row in rows})
    billables = [
        b.Billable(
            str(enrolment),
            str(payers[payer_region(programme, village)].pk),
            contribution_terms(programme, sector=_sector(occupation), income=income),
        )
        for enrolment, village, _, occupation, income in rows
    ]
    due = b.bill_lines(billables, month, rate_table(programme))
    corrections = b.adjustments(month, _issued(programme, month), due)
    if not corrections:
        return []
    people = dict(
        Enrolment.objects.filter(pk__in=[int(a.worker_id) for a in corrections]).values_list(
            "pk", "person_id"
        )
    )
    by_id = {p.pk: p for p in Payer.objects.filter(programme=programme)}
    now, made = timezone.now(), []
    for correction in corrections:
        payer_id = int(correction.payer_id)
        bill = bills.get(payer_id)
        if bill is None:  # a payer first billed for this month by a correction
            bill = bills[payer_id] = BillMonth.objects.create(
                programme=programme,
                payer=by_id[payer_id],
                month=month.first_day,
                issued_at=now,
                issued_by_id=actor_pk(actor),
            )
        made.append(
            AdjustmentLine(
                bill=bill,
                enrolment_id=int(correction.worker_id),
                billed=correction.billed,
                due=correction.due,
                amount=correction.amount,
                charges=charges_json(correction.contribution),
                notes=issues_json(correction.contribution.notes) if correction.contribution else [],
                reason=reason,
                created_by_id=actor_pk(actor),
            )
        )
    AdjustmentLine.objects.bulk_create(made)
    audit_bulk(
        actor=actor,
        action="bill.adjust",
        items=[
            AuditItem(
                target=line,
                after={
                    "month": str(month),
                    "billed": line.billed,
                    "due": line.due,
                    "amount": line.amount,
                },
                subject_key=f"person:{people[line.enrolment_id]}",
            )
            for line in made
        ],
        reason=reason,
    )
    return made


def bill_due(bill: BillMonth) -> int:
    """The issued total and every adjustment since."""
    adjusted = bill.adjustments.aggregate(s=Sum("amount"))["s"] or 0
    return bill.total + adjusted
