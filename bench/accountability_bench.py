"""Benchmark: the public page and the dashboards at a real regency's size, under load (issue 14).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/payung_bench \\
        .venv/bin/python bench/accountability_bench.py [--registry 1000000] [--per-village 250] \\
        [--connections 50] [--seconds 20] [--path /dasbor/ ...] [--processes 1,2] \\
        [--cache-url redis://127.0.0.1:6379/14]

Everything runs against a throw-away PostgreSQL database (``<NAME>_tmp<pid>``, dropped afterwards
unless ``--keep``):

1. Set-up, not measured: migrate, load the regions, create Kabupaten Bogor's programme (every one
   of its 435 villages, 250 places each, Rp50,400,000 a village a year, billed to the villages);
   ``--registry`` people in the registry spread over the villages. Villages differ as real ones
   do (``_world``, seeded, each kind counted in the output): most fill their 250 places, some are
   slow to register, a few have none; most pay every bill, some stop paying from a month on,
   some pay short; claims come in every state (reported, submitted, rejected, paid, handed
   over). The twelve months are billed with ``finance.billing.bills_issue``, January–November
   paid per bill with ``finance.services.payment_record`` as each village pays.
2. Floor: the same figures as one set of bare aggregate SQL queries (places, filled, waiting,
   covered this month, billed, paid, claims paid and their rupiah), timed in this process; the
   run stops unless ``reports.aggregates`` gives the same regency totals.
3. In process: ``reports.aggregates.programme_aggregates`` for the regency (cold), and each page
   through Django's test client, cold (first request) and warm.
4. Reports: each whole-regency report as its kept-report job builds it (read, XLSX, PDF), and one
   village's annex, timed against the 30 s target.
5. Under load: ``payung serve`` (waitress) on the database with each of ``--processes`` (default
   1, then 2: one process is the baseline), then ``wrk`` (Debian's package) with
   ``--connections`` concurrent connections for ``--seconds`` per page: the public page anonymous,
   and every ``--path`` as the regency's administrator (each connection its own session). p50,
   p90, p95, p99 and requests per second. Each page twice: with no pause (every connection sends
   its next request as soon as the last is answered: 50 requests always in flight, a stress far
   harder than 50 people), then with each connection pausing ``--think`` ms between requests (50
   people each reading a page for 1–5 s before the next; wrk's latency leaves the pause out).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from _harness import throwaway
from billing_bench import _insert, insert_enrolments, sealed
from import_bench import _check

REGENCY = "32.01"  # Kabupaten Bogor
PER_VILLAGE_BUDGET = 50_400_000
LUA = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %.1f %.1f %.1f %.1f %d\\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.duration))
end
"""


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--registry", type=int, default=1_000_000)
    parser.add_argument("--per-village", type=int, default=250)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--threads", type=int, default=8, help="payung serve's threads")
    parser.add_argument(
        "--processes",
        default="1,2",
        help="payung serve's process counts to load in turn, comma-separated (ADR 0049)",
    )
    parser.add_argument(
        "--think",
        default="1000-5000",
        help="each connection's pause between requests in ms for the second load of each page, "
        "as people read a page before the next (LOW-HIGH, uniform; 0: no second load)",
    )
    parser.add_argument(
        "--cache-url", default="", help="PAYUNG_CACHE_URL for the server (e.g. redis://…/14)"
    )
    parser.add_argument(
        "--path", action="append", default=[], help="a signed-in page to load (repeatable)"
    )
    parser.add_argument("--seed", type=int, default=2026, help="the generator's seed")
    parser.add_argument("--keep", action="store_true", help="keep the throw-away database")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("accountability_bench needs PostgreSQL: set DATABASE_URL", file=sys.stderr)
        return 2
    if shutil.which("wrk") is None:
        print("accountability_bench needs wrk: apt-get install -y wrk", file=sys.stderr)
        return 2
    return throwaway(lambda tmp: _run(args, tmp), keep=args.keep)


# How a regency's villages really differ (the kinds are labelled and counted in the output):
# most fill their places; some are slow to register; some stop paying or pay short; claims come
# in every state of their lifecycle, and only the paid ones count as benefits.
FILL_KINDS = (("full", 0.80, 1.0, 1.0), ("slow", 0.15, 0.40, 0.95), ("empty", 0.05, 0.0, 0.0))
PAY_KINDS = (("on time", 0.88), ("stopped paying", 0.07), ("pays short", 0.05))
CLAIM_KINDS = (
    ("jkk_accident", "paid", 0.40),
    ("jkm_death", "paid", 0.15),
    ("jkk_death", "handed_over", 0.05),
    ("jkk_accident", "submitted", 0.15),
    ("jkm_death", "rejected", 0.10),
    ("jkk_accident", "coverage_checked", 0.15),
)


def _pick(rng: random.Random, kinds: tuple[tuple[Any, ...], ...], weight: int) -> tuple[Any, ...]:
    return rng.choices(kinds, weights=[k[weight] for k in kinds])[0]


def _world(args: argparse.Namespace, villages: list[str]) -> dict[str, Any]:
    """Per village: its fill kind and enrolled count, its waiting list, how it pays (and from
    which month it stopped, or what share it pays), and its claims; seeded, so runs compare."""
    rng = random.Random(args.seed)
    world: dict[str, Any] = {"villages": {}, "fill": {}, "pay": {}, "claims": {}}
    for code in villages:
        fill, _, low, high = _pick(rng, FILL_KINDS, 1)
        pay = _pick(rng, PAY_KINDS, 1)[0]
        enrolled = round(args.per_village * rng.uniform(low, high))
        world["villages"][code] = {
            "fill": fill,
            "enrolled": enrolled,
            "waiting": rng.randint(0, 12) if fill == "full" else 0,
            "pay": pay,
            "stops": rng.randint(3, 11),  # the first month not paid
            "share": rng.uniform(0.6, 0.95),
            "claims": [
                _pick(rng, CLAIM_KINDS, 2)[:2] for _ in range(rng.choice((0, 0, 1, 1, 2, 3)))
            ]
            if enrolled
            else [],
        }
        world["fill"][fill] = world["fill"].get(fill, 0) + 1
        world["pay"][pay] = world["pay"].get(pay, 0) + 1
    for village in world["villages"].values():
        for kind, status in village["claims"]:
            key = f"{kind} {status}"
            world["claims"][key] = world["claims"].get(key, 0) + 1
    return world


def _generate(programme: Any, villages: list[str], world: dict[str, Any], registry: int) -> None:
    """People, candidacies, enrolments and coverage with set-based SQL: ``registry`` people
    spread over the villages; in each village the first ``enrolled`` of them enrolled and the
    next ``waiting`` on the waiting list, as ``world`` says."""
    from django.db import connection, transaction

    from payung.enrolment.models import RegistrationBatch
    from payung.registry.models import Candidate, Person

    count = len(villages)
    enrolled = [world["villages"][code]["enrolled"] for code in villages]
    waiting = [world["villages"][code]["waiting"] for code in villages]
    batch = RegistrationBatch.objects.create(
        programme=programme, number=1, start_month="2026-01-01"
    )
    with transaction.atomic():
        seconds = _insert(
            Person,
            {
                "nik": sealed(Person, "nik", "3201011708900001"),  # the annex shows it masked
                "nik_index": "md5(i::text)",
                "full_name": "'Pekerja ' || i",
                "sex": "CASE WHEN mod(i, 2) = 0 THEN 'F' ELSE 'M' END",
                "birth_date": "DATE '1970-01-01' + mod(i, 12000)",
                "village": f"(%s::text[])[1 + mod(i, {count})]",
                "occupation_code": "'farm_labourer'",
                "monthly_income": "CASE WHEN mod(i, 7) = 0 THEN 800000 + mod(i, 31) * 100000 "
                "ELSE NULL END",
                "source": "'village_list'",
            },
            "FROM generate_series(1, %s) AS i",
            [villages, registry],
        )
        print(f"  set-up: {registry:,} people in the registry {seconds:.1f} s", flush=True)
        seconds = _insert(
            Candidate,
            {
                "person": "p.id",
                "programme": str(programme.pk),
                "village": "p.village_id",
                "status": "CASE WHEN p.n <= t.enrolled THEN 'enrolled' ELSE 'waitlisted' END",
            },
            "FROM (SELECT id, village_id, row_number() OVER (PARTITION BY village_id "
            "ORDER BY id) AS n FROM registry_person) p "
            "JOIN unnest(%s::text[], %s::int[], %s::int[]) AS t(code, enrolled, waiting) "
            "ON t.code = p.village_id WHERE p.n <= t.enrolled + t.waiting ORDER BY p.id",
            [villages, enrolled, waiting],
        )
        enrolments_s, coverage_s = insert_enrolments(programme, batch)
        print(
            f"  set-up: {sum(enrolled):,} enrolled, {sum(waiting):,} waiting: candidacies "
            f"{seconds:.1f} s, enrolments {enrolments_s:.1f} s, coverage {coverage_s:.1f} s",
            flush=True,
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def _bill_and_pay(admin: Any, programme: Any, world: dict[str, Any]) -> None:
    """The twelve months billed; each bill paid as its village pays: in full, not from the
    month it stopped, or a share of it. December is not yet paid anywhere."""
    from payung.domain.period import Month
    from payung.finance.billing import bills_issue
    from payung.finance.models import BillMonth
    from payung.finance.services import payment_record

    started = time.perf_counter()
    for month in range(1, 13):
        bills_issue(actor=admin, programme=programme, month=Month(2026, month))
    print(f"  set-up: 12 months billed {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    paid = 0
    bills = BillMonth.objects.filter(programme=programme, month__lt=date(2026, 12, 1))
    for bill in bills.select_related("payer"):
        village = world["villages"].get(bill.payer.region_id)
        amount = bill.total
        if village is not None and village["pay"] == "stopped paying":
            if bill.month.month >= village["stops"]:
                continue
        elif village is not None and village["pay"] == "pays short":
            amount = round(bill.total * village["share"])
        if amount <= 0:
            continue
        payment_record(
            actor=admin, bill=bill, amount=amount, paid_on=bill.month, reference=f"SP2D {bill.pk}"
        )
        paid += 1
    print(f"  set-up: {paid:,} payments {time.perf_counter() - started:.1f} s", flush=True)


AMOUNTS = {
    "jkk_accident": {"medical": 2_350_000, "stmb": 700_000, "transport": 150_000},
    "jkm_death": {"jkm_lump_sum": 20_000_000, "jkm_periodic": 12_000_000, "funeral": 10_000_000},
    "jkk_death": {"jkk_death": 48_000_000, "funeral": 10_000_000, "jkk_periodic": 12_000_000},
}


def _claims(programme: Any, world: dict[str, Any]) -> int:
    """Each village's claims in the state ``world`` gives them, written directly (the
    lifecycle's services are measured elsewhere; here only the figures read them): paid ones
    with BPJS's amounts, the others with none."""
    from django.utils import timezone

    from payung.claims.models import Claim
    from payung.enrolment.models import Enrolment

    now = timezone.now()
    rows = []
    for code, village in world["villages"].items():
        if not village["claims"]:
            continue
        enrolments = Enrolment.objects.filter(programme=programme, village_id=code).values_list(
            "pk", "person_id"
        )[: len(village["claims"])]
        for (enrolment, person), (kind, status) in zip(enrolments, village["claims"], strict=False):
            paid = status in ("paid", "handed_over")
            rows.append(
                Claim(
                    person_id=person,
                    village_id=code,
                    kind=kind,
                    status=status,
                    event_date=date(2026, 3, 10),
                    event_time="08:00",
                    place="-",
                    cause="-",
                    chronology="-",
                    reporter_name="bench",
                    reporter_phone="+6281234567890",
                    reported_by_label="bench",
                    reported_at=now,
                    covered=status != "rejected",
                    enrolment_id=enrolment,
                    programme=programme,
                    paid_amounts=AMOUNTS[kind] if paid else {},
                    paid_on=date(2026, 4, 2) if paid else None,
                )
            )
    Claim.objects.bulk_create(rows, batch_size=500)
    return len(rows)


FLOOR_SQL = (
    # places, filled, waiting per village
    "SELECT a.region_id, a.quota, count(c.id) FILTER (WHERE c.status IN ('approved', 'enrolled')),"
    " count(c.id) FILTER (WHERE c.status = 'waitlisted') FROM programmes_programmearea a"
    " LEFT JOIN registry_candidate c ON c.programme_id = a.programme_id"
    " AND c.village_id = a.region_id WHERE a.programme_id = %(p)s GROUP BY a.region_id, a.quota",
    # covered this month per village
    "SELECT e.village_id, count(*) FROM enrolment_coverage v JOIN enrolment_enrolment e"
    " ON e.id = v.enrolment_id WHERE v.programme_id = %(p)s AND v.start <= %(m)s"
    " AND v.last_month >= %(m)s GROUP BY e.village_id",
    # billed and paid per payer
    "SELECT b.payer_id, sum(b.total) FROM finance_billmonth b WHERE b.programme_id = %(p)s"
    " GROUP BY b.payer_id",
    "SELECT b.payer_id, sum(y.amount) FROM finance_payment y JOIN finance_billmonth b"
    " ON b.id = y.bill_id WHERE b.programme_id = %(p)s GROUP BY b.payer_id",
    # claims paid and their rupiah per village
    "SELECT c.village_id, count(DISTINCT c.id), coalesce(sum(a.value::bigint), 0)"
    " FROM claims_claim c LEFT JOIN LATERAL jsonb_each_text(c.paid_amounts) a ON true"
    " WHERE c.programme_id = %(p)s AND c.status IN ('paid', 'handed_over') GROUP BY c.village_id",
)
FLOOR_NAMES = ("places/filled", "covered", "billed", "paid", "claims paid")


def _floor(programme: Any, month: date) -> tuple[float, dict[str, tuple[int, ...]]]:
    """The bare aggregate SQL's seconds and its regency totals per query (each column summed
    over the villages or payers)."""
    from django.db import connection

    totals = {}
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for name, sql in zip(FLOOR_NAMES, FLOOR_SQL, strict=True):
            cursor.execute(sql, {"p": programme.pk, "m": month})
            rows = cursor.fetchall()
            totals[name] = tuple(sum(int(r[i] or 0) for r in rows) for i in range(1, len(rows[0])))
    return time.perf_counter() - started, totals


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(
    args: argparse.Namespace, tmp: Path, processes: int
) -> tuple[subprocess.Popen[bytes], str]:
    from django.db import connection

    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER'] or 'postgres'}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "PAYUNG_VAR_DIR": str(tmp), "PAYUNG_DEBUG": "0"}
    if args.cache_url:
        env["PAYUNG_CACHE_URL"] = args.cache_url
    payung = Path(sys.executable).with_name("payung")
    server = subprocess.Popen(  # noqa: S603 (our own command)
        [
            str(payung),
            "serve",
            "--port",
            str(port),
            "--threads",
            str(args.threads),
            "--processes",
            str(processes),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server, base
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("payung serve did not start")


def _wrk(args: argparse.Namespace, url: str, cookie: str | None, script: Path) -> dict[str, Any]:
    command = [
        "wrk",
        f"-c{args.connections}",
        f"-t{min(2, args.connections)}",
        f"-d{args.seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(  # noqa: S603
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    requests, errors, p50, p90, p95, p99, micros = line.split()[1:]
    return {
        "requests": int(requests),
        "errors": int(errors),
        "p50": float(p50),
        "p90": float(p90),
        "p95": float(p95),
        "p99": float(p99),
        "rps": int(requests) / (int(micros) / 1e6),
    }


def _wrk_warm(url: str, cookie: str | None) -> None:
    """One request first: the server's imports and the page's cache are then warm, as they are
    for every visitor but the first after a restart (the cold figure is the in-process one)."""
    import urllib.request

    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=120) as answer:  # noqa: S310 (loopback)
        answer.read()


def _run(args: argparse.Namespace, tmp: Path) -> int:
    from _harness import database_label
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from payung.access.actor import CommandLine
    from payung.accounts.services import user_create
    from payung.budgets.services import budgets_from_programme
    from payung.domain.period import Month
    from payung.domain.programme import PayerModel, QuotaModel
    from payung.domain.roles import Role
    from payung.programmes.models import ProgrammeStatus
    from payung.programmes.services import programme_create, programme_set_status
    from payung.regions.models import Region
    from payung.regions.services import regions_load
    from payung.reports.aggregates import PUBLIC, programme_aggregates

    print(f"database: {database_label()}")
    call_command("migrate", verbosity=0)
    command = CommandLine(name="bench")
    regions_load(actor=command)
    programme = programme_create(
        actor=command,
        regency_code=REGENCY,
        name="Perlindungan Pekerja Rentan Desa",
        legal_basis="Peraturan Bupati Bogor (bench)",
        year=2026,
        coverage_start=date(2026, 1, 1),
        payer_model=PayerModel.VILLAGE_AID,
        quota_model=QuotaModel.PER_VILLAGE,
        quota_per_village=args.per_village,
        budget_per_village=PER_VILLAGE_BUDGET,
    )
    programme = programme_set_status(
        actor=command, programme=programme, status=ProgrammeStatus.ACTIVE
    )
    admin = user_create(
        actor=command,
        username="admin.bogor",
        password="bench-only",  # noqa: S106 (a throw-away database)
        role=Role.REGENCY_ADMIN,
        region_code=REGENCY,
        check_password=False,
    )
    finance = user_create(
        actor=command,
        username="keuangan.bogor",
        password="bench-only",  # noqa: S106
        role=Role.FINANCE_OFFICER,
        region_code=REGENCY,
        check_password=False,
    )
    budgets_from_programme(actor=finance, programme=programme)
    villages = list(
        Region.objects.filter(code__startswith=REGENCY + ".", level=4)
        .order_by("code")
        .values_list("code", flat=True)
    )
    _check(len(villages) == 435, f"{len(villages)} villages in Kabupaten Bogor")
    world = _world(args, villages)
    print("  world (per village): " + ", ".join(f"{k} {n}" for k, n in world["fill"].items()))
    print("  payments (per village): " + ", ".join(f"{k} {n}" for k, n in world["pay"].items()))
    _generate(programme, villages, world, args.registry)
    _bill_and_pay(finance, programme, world)
    claims = _claims(programme, world)
    print(
        f"  set-up: {claims} claims: " + ", ".join(f"{k} {n}" for k, n in world["claims"].items())
    )

    month = Month(2026, 6)
    floor_s, floor = _floor(programme, month.first_day)
    started = time.perf_counter()
    figures = programme_aggregates(actor=PUBLIC, programme=programme, month=month)
    aggregates_s = time.perf_counter() - started
    got = figures.regency.figures
    # The aggregates must say what the bare SQL counts, figure by figure.
    _check(floor["places/filled"][:2] == (got.places, got.filled), f"places/filled {got}")
    _check(floor["covered"] == (got.covered,), f"covered {got.covered} {floor['covered']}")
    _check(floor["billed"] == (got.billed,), f"billed {got.billed} {floor['billed']}")
    _check(floor["paid"] == (got.paid,), f"paid {got.paid} {floor['paid']}")
    _check(
        floor["claims paid"] == (got.claims_paid, got.claims_paid_rupiah),
        f"claims {got.claims_paid} {got.claims_paid_rupiah} {floor['claims paid']}",
    )
    print(
        f"  checked: the aggregates equal the bare SQL (filled {got.filled:,}, covered "
        f"{got.covered:,}, billed Rp{got.billed:,}, paid Rp{got.paid:,}, "
        f"{got.claims_paid} claims paid Rp{got.claims_paid_rupiah:,})"
    )

    public = f"/publik/{programme.pk}/"
    pages = [("public page (anonymous)", public, None)]
    pages += [(f"{path} (regency admin)", path, admin) for path in (args.path or ["/"])]
    Client(HTTP_HOST="127.0.0.1").get("/login/")  # the process's imports, before any timing
    print(f"\nin process (month {month}):")
    print(f"  floor: bare aggregate SQL      {floor_s * 1000:8.0f} ms")
    print(
        f"  programme_aggregates (cold)   {aggregates_s * 1000:8.0f} ms"
        f"  ({aggregates_s / floor_s:.1f} × the floor)"
    )
    for label, path, user in pages:
        client = Client(HTTP_HOST="127.0.0.1")
        if user is not None:
            client.force_login(user)
        cache.clear()
        started = time.perf_counter()
        first = client.get(path, follow=True)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        client.get(path, follow=True)
        warm = time.perf_counter() - started
        _check(first.status_code == 200, f"{path}: {first.status_code}")
        print(
            f"  {label:<30} cold {cold * 1000:6.0f} ms, warm {warm * 1000:6.0f} ms,"
            f" {len(first.content) / 1024:.0f} KB"
        )

    _reports(programme, admin, villages[0])

    folder = Path(tempfile.mkdtemp(prefix="wrk-"))
    scripts = [("no pause", folder / "p95.lua")]
    scripts[0][1].write_text(LUA)
    if args.think != "0":
        low, high = (int(n) for n in args.think.split("-"))
        thinking = folder / "think.lua"
        thinking.write_text(f"function delay() return math.random({low}, {high}) end\n" + LUA)
        scripts.append((f"pause {low / 1000:g}–{high / 1000:g} s", thinking))
    for processes in (int(n) for n in args.processes.split(",")):
        _load(args, tmp, processes, pages, scripts)
    return 0


def _load(
    args: argparse.Namespace,
    tmp: Path,
    processes: int,
    pages: list[Any],
    scripts: list[tuple[str, Path]],
) -> None:
    from django.test import Client

    server, base = _serve(args, tmp, processes)
    try:
        cache = f", cache {args.cache_url}" if args.cache_url else ", each process its own cache"
        print(
            f"\nunder load: payung serve ({processes} process{'es' if processes > 1 else ''} × "
            f"{args.threads} threads{cache}), wrk {args.connections} connections × "
            f"{args.seconds} s"
        )
        print(
            f"  {'page, pause between requests':<44} {'req/s':>7} {'p50':>7} {'p90':>7} "
            f"{'p95':>7} {'p99':>7}  errors"
        )
        for label, path, user in pages:
            cookie = None
            if user is not None:
                client = Client(HTTP_HOST="127.0.0.1")
                client.force_login(user)
                cookie = f"sessionid={client.cookies['sessionid'].value}"
            _wrk_warm(base + path, cookie)
            for pause, script in scripts:
                result = _wrk(args, base + path, cookie, script)
                print(
                    f"  {label + ', ' + pause:<44} {result['rps']:7.0f} {result['p50']:6.0f}ms "
                    f"{result['p90']:6.0f}ms {result['p95']:6.0f}ms {result['p99']:6.0f}ms  "
                    f"{result['errors']}"
                )
    finally:
        server.terminate()
        server.wait(timeout=20)


def _reports(programme: Any, admin: Any, village: str) -> None:
    """Each whole-regency report as its kept-report job builds it (read, then XLSX, then PDF),
    and one village's annex for scale; the issue's target is under 30 s per report."""
    from django.utils import translation

    from payung.reports.kept import KINDS
    from payung.reports.render import report_pdf, report_xlsx
    from payung.reports.village_report import village_report

    params = {"year": 2026, "month": "2026-06", "region": REGENCY}
    builds = [
        (key, lambda k=kind: k.build(admin, programme, params)) for key, kind in KINDS.items()
    ]
    builds.append(
        (
            f"village annex {village}",
            lambda: village_report(
                actor=admin, programme=programme, village_code=village, year=2026
            ),
        )
    )
    print("\nreports (in process, as the kept-report job builds them; target under 30 s each):")
    print(f"  {'report':<28} {'read':>7} {'XLSX':>7} {'PDF':>7} {'total':>7}  {'rows':>5}  sizes")
    with translation.override("id"):
        for label, build in builds:
            started = time.perf_counter()
            report = build()
            read = time.perf_counter() - started
            started = time.perf_counter()
            xlsx = report_xlsx(report)
            xlsx_s = time.perf_counter() - started
            started = time.perf_counter()
            pdf = report_pdf(report)
            pdf_s = time.perf_counter() - started
            rows = sum(len(table.rows) for table in report.tables)
            total = read + xlsx_s + pdf_s
            _check(pdf.startswith(b"%PDF") and xlsx.startswith(b"PK"), f"{label}: not a file")
            print(
                f"  {label:<28} {read:6.1f}s {xlsx_s:6.1f}s {pdf_s:6.1f}s {total:6.1f}s  {rows:>5}"
                f"  XLSX {len(xlsx) / 1024:.0f} KB, PDF {len(pdf) / 1024:.0f} KB"
                f"{'' if total < 30 else '  OVER 30 s'}"
            )


if __name__ == "__main__":
    sys.exit(main())
