"""Benchmark: one month's bills for 1,000,000 covered workers across 500 payers (PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/payung_wt_enrol_bench \\
        .venv/bin/python bench/billing_bench.py [--workers 1000000] [--payers 500]

Everything runs in one process against a throw-away PostgreSQL database (``<NAME>_tmp<pid>`` next to
the one ``DATABASE_URL`` names, dropped afterwards unless ``--keep``):

1. Set-up, not measured: migrate, load the regions, create a village-aid programme in the regency
   with the most villages (Kab. Aceh Utara, 852) billed per village, and generate ``--workers``
   people, enrolled candidacies, enrolments and coverage periods (January–December 2026) with
   set-based SQL, spread evenly over ``--payers`` villages. 20% declare an income (51 levels),
   10% are motorcycle-taxi drivers (the transport sector): the month has 102 distinct prices.
2. Floor: one ``INSERT … SELECT`` writing the same million (payer, worker, amount) rows from the
   same join (coverage → enrolment → person) into a bare table without indexes or constraints.
3. ``finance.billing.bills_issue`` for January 2026 as the system administrator: payers, bill
   months, prices from the domain, the lines (one ``INSERT … SELECT`` into the indexed table),
   the totals and one audit row per bill. Checked afterwards: line count, bill count, total.
4. Issuing the same month again (idempotence): timed, and must add nothing.

Memory is the process's peak RSS during the issue (``VmHWM``, reset just before it).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

from _harness import peak_rss_mb, reset_peak_rss, throwaway
from import_bench import _check

REGENCY = "11.08"  # Kabupaten Aceh Utara: 852 villages, the most of any regency
INCOME_LEVELS = 50


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=1_000_000)
    parser.add_argument("--payers", type=int, default=500)
    parser.add_argument("--keep", action="store_true", help="keep the throw-away database")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("billing_bench needs PostgreSQL: set DATABASE_URL", file=sys.stderr)
        return 2
    return throwaway(lambda tmp: _run(args), keep=args.keep)


def _columns(model: Any, given: dict[str, str]) -> tuple[str, str]:
    """Column list and SELECT expressions for ``model``: ``given`` by field name, every other
    field its empty value (NULL, '', 0, false, now())."""
    from django.db import connection, models

    names, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.name in given:
            value = given[field.name]
        elif field.null:
            value = "NULL"
        elif isinstance(field, models.DateTimeField):
            value = "now()"
        elif isinstance(field, models.BooleanField):
            value = "false"
        elif isinstance(field, models.IntegerField | models.DecimalField):
            value = "0"
        else:
            value = "''"
        names.append(connection.ops.quote_name(field.column))
        values.append(value)
    return ", ".join(names), ", ".join(values)


def _insert(model: Any, given: dict[str, str], source: str, params: list[Any]) -> float:
    from django.db import connection

    names, values = _columns(model, given)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {model._meta.db_table} ({names}) SELECT {values} {source}",
            params,
        )
    return time.perf_counter() - started


def sealed(model: Any, field: str, value: str) -> str:
    """``value`` sealed as ``model.field`` stores it, as an SQL literal: one real token the
    pages can open (every row gets the same one; the blind index keeps the rows apart)."""
    token = model._meta.get_field(field).get_prep_value(value)
    return "'" + token.replace("'", "''") + "'"


def insert_enrolments(programme: Any, batch: Any) -> tuple[float, float]:
    """An enrolment for every enrolled candidacy of ``programme`` and a coverage period of
    January–December 2026 for each, in two ``INSERT … SELECT``; the seconds of each."""
    from payung.enrolment.models import Coverage, Enrolment

    enrolments = _insert(
        Enrolment,
        {
            "candidate": "c.id",
            "person": "c.person_id",
            "programme": "c.programme_id",
            "village": "c.village_id",
            "batch": str(batch.pk),
            "kpj": sealed(Enrolment, "kpj", "26000000001"),
            "kpj_index": "md5('kpj' || c.id)",
            "enrolled_at": "now()",
        },
        "FROM registry_candidate c WHERE c.programme_id = %s AND c.status = 'enrolled' "
        "ORDER BY c.id",
        [programme.pk],
    )
    coverage = _insert(
        Coverage,
        {
            "enrolment": "e.id",
            "programme": "e.programme_id",
            "start": "DATE '2026-01-01'",
            "months": "12",
            "last_month": "DATE '2026-12-01'",
        },
        "FROM enrolment_enrolment e WHERE e.programme_id = %s ORDER BY e.id",
        [programme.pk],
    )
    return enrolments, coverage


def _generate(args: argparse.Namespace, programme: Any, villages: list[str]) -> None:
    from django.db import connection, transaction

    from payung.enrolment.models import RegistrationBatch
    from payung.registry.models import Candidate, Person

    batch = RegistrationBatch.objects.create(
        programme=programme, number=1, start_month="2026-01-01"
    )
    with transaction.atomic():
        seconds = _insert(
            Person,
            {
                "nik": "'v1:bench'",
                "nik_index": "md5(i::text)",
                "full_name": "'Pekerja ' || i",
                "sex": "CASE WHEN mod(i, 2) = 0 THEN 'F' ELSE 'M' END",
                "birth_date": "DATE '1980-01-01' + mod(i, 9000)",
                "village": f"(%s::text[])[1 + mod(i, {len(villages)})]",
                "occupation_code": "CASE WHEN mod(i, 10) = 0 THEN 'motorcycle_taxi' "
                "ELSE 'farm_labourer' END",
                "monthly_income": "CASE WHEN mod(i, 5) = 0 THEN 1000000 "
                f"+ mod(i, {INCOME_LEVELS + 1}) * 100000 ELSE NULL END",
                "source": "'agency_list'",
            },
            "FROM generate_series(1, %s) AS i",
            [villages, args.workers],
        )
        print(f"  set-up: {args.workers:,} people {seconds:.1f} s", flush=True)
        seconds = _insert(
            Candidate,
            {
                "person": "p.id",
                "programme": str(programme.pk),
                "village": "p.village_id",
                "status": "'enrolled'",
            },
            "FROM registry_person p ORDER BY p.id",
            [],
        )
        print(f"  set-up: candidacies {seconds:.1f} s", flush=True)
        enrolments_s, coverage_s = insert_enrolments(programme, batch)
        print(f"  set-up: enrolments {enrolments_s:.1f} s", flush=True)
        seconds = coverage_s
        print(f"  set-up: coverage periods {seconds:.1f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def _floor(programme: Any) -> tuple[float, int]:
    """The same lines from the same join, into a bare table: one INSERT … SELECT."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_floor (payer text, enrolment_id bigint, amount bigint)")
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_floor SELECT e.village_id, e.id, CASE WHEN p.monthly_income "
            "IS NULL THEN 16800 ELSE p.monthly_income / 100 + 6800 END "
            "FROM enrolment_coverage c JOIN enrolment_enrolment e ON e.id = c.enrolment_id "
            "JOIN registry_person p ON p.id = e.person_id WHERE c.programme_id = %s "
            "AND c.start <= DATE '2026-01-01' AND c.last_month >= DATE '2026-01-01'",
            [programme.pk],
        )
        rows = cursor.rowcount
    return time.perf_counter() - started, rows


def _run(args: argparse.Namespace) -> int:
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Sum

    from payung.access.actor import CommandLine
    from payung.accounts.services import user_create
    from payung.audit.models import AuditEvent
    from payung.domain.period import Month
    from payung.domain.programme import PayerModel, QuotaModel
    from payung.domain.roles import Role
    from payung.finance.billing import bills_issue
    from payung.finance.models import BillLine, BillMonth
    from payung.programmes.services import programme_create
    from payung.regions.models import Region
    from payung.regions.services import regions_load

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        print(f"database: PostgreSQL {cursor.fetchone()[0]} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    regions_load(actor=CommandLine(name="bench"))
    per_payer = -(-args.workers // args.payers)
    programme = programme_create(
        actor=CommandLine(name="bench"),
        regency_code=REGENCY,
        name="Bench",
        legal_basis="bench",
        year=2026,
        coverage_start=__import__("datetime").date(2026, 1, 1),
        payer_model=PayerModel.VILLAGE_AID,
        quota_model=QuotaModel.PER_VILLAGE,
        quota_per_village=per_payer,
        budget_per_village=per_payer * 12 * 16_800,
    )
    villages = list(
        Region.objects.filter(code__startswith=REGENCY + ".", level=4)
        .order_by("code")
        .values_list("code", flat=True)[: args.payers]
    )
    _check(len(villages) == args.payers, f"{args.payers} villages in {REGENCY}")
    _generate(args, programme, villages)
    admin = user_create(
        actor=CommandLine(name="bench"),
        username="bench",
        password="bench-only",  # noqa: S106 (a throw-away database)
        role=Role.SYSTEM_ADMIN,
        region_code=None,
        check_password=False,
    )

    floor_s, floor_rows = _floor(programme)
    print(f"  floor: {floor_rows:,} rows in {floor_s:.2f} s", flush=True)

    month = Month(2026, 1)
    rss_reset = reset_peak_rss()
    started = time.perf_counter()
    issued = bills_issue(actor=admin, programme=programme, month=month)
    issue_s = time.perf_counter() - started
    peak = peak_rss_mb() if rss_reset else None
    started = time.perf_counter()
    again = bills_issue(actor=admin, programme=programme, month=month)
    again_s = time.perf_counter() - started

    _check(issued.lines == args.workers == floor_rows, f"{issued.lines} lines")
    _check(issued.bills == args.payers, f"{issued.bills} bills")
    _check(BillLine.objects.count() == args.workers, "lines stored")
    stored = BillMonth.objects.aggregate(s=Sum("total"))["s"]
    _check(stored == issued.total, "bill totals add up")
    _check((again.bills, again.lines) == (0, 0), "a second issue adds nothing")
    _check(AuditEvent.objects.filter(action="bill.issue").count() == args.payers, "audit rows")

    print(f"\nissue one month: {issued.lines:,} lines, {issued.bills} bills, Rp{issued.total:,}")
    print(f"  bills_issue     {issue_s:7.2f} s  {issued.lines / issue_s:12,.0f} rows/s")
    for phase, seconds in issued.seconds.items():
        print(f"    {phase:<20} {seconds:7.2f} s")
    rest = issue_s - sum(issued.seconds.values())
    print(f"    {'commit':<20} {rest:7.2f} s  (the deferred foreign-key checks of every line)")
    print(f"  floor           {floor_s:7.2f} s  {floor_rows / floor_s:12,.0f} rows/s")
    print(f"  ratio           {issue_s / floor_s:7.2f} × the floor")
    print(f"  issue again     {again_s:7.2f} s  (nothing added)")
    if peak is not None:
        print(f"  peak RSS during the issue: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
