"""The claims list's ordering (``claims.progress.claim_queue``) over a region's 5,000 claims.

The list page orders every claim of the reader's region by its deadlines (overdue first, then
the earliest due, then the newest report), computed in Python from each claim, its documents and
the domain, before it shows one page. Set-up, not measured: regions, the demo (its claims in
every state), then the demo's claims copied to ``--claims`` with two documents each, in the
demo's mix of states. Measured (best of ``--repeat``): the ordering of the region's claims
(``claim_queue``: light rows, first uploads, the deadlines of the open claims), the same plus
the first page read in full, as the list page pays them; and once, as the floor it replaced,
every claim read in full with its documents and reckoned (which must give the same order).

    PYTHONPATH=src .venv/bin/python bench/claims_queue_bench.py [--claims 5000]
"""

from __future__ import annotations

import argparse
import base64
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import database_label, throwaway


def _run(args: argparse.Namespace, tmp: Path) -> int:
    from django.core.management import call_command
    from django.db import transaction

    from payung.access.actor import CommandLine
    from payung.accounts.models import User
    from payung.claims.models import Claim, ClaimDocument
    from payung.claims.progress import REPORTS, claim_deadlines, claim_queue
    from payung.claims.selectors import claim_first_uploads, claim_list, claim_queue_rows
    from payung.demo.seed import seed_claims_demo, seed_demo, seed_enrolment_demo
    from payung.edge.pages import PER_PAGE as PAGE
    from payung.holidays import holiday_calendar
    from payung.regions.services import regions_load

    call_command("migrate", verbosity=0)
    regions_load(actor=CommandLine(name="bench"))
    seed_demo()
    seed_enrolment_demo()
    seed_claims_demo()
    demo = list(Claim.objects.order_by("pk"))
    documents = list(ClaimDocument.objects.order_by("pk")[:2])
    with transaction.atomic():
        copies = []
        for n in range(args.claims - len(demo)):
            copy = Claim.objects.get(pk=demo[n % len(demo)].pk)
            copy.pk = None
            copies.append(copy)
        made = Claim.objects.bulk_create(copies, batch_size=1_000)
        ClaimDocument.objects.bulk_create(
            [
                ClaimDocument(
                    claim=claim,
                    kind=d.kind,
                    file_type=d.file_type,
                    file_name=d.file_name,
                    size=d.size,
                    sha256=d.sha256,
                    content=d.content,
                    uploaded_by_id=d.uploaded_by_id,
                )
                for claim in made
                for d in documents
            ],
            batch_size=1_000,
        )
    reader = User.objects.get(username="verifikator")
    today = date(2026, 3, 20)
    statuses = sorted(set(Claim.objects.values_list("status", flat=True)))
    print(
        f"{database_label()}: {Claim.objects.count():,} claims ({', '.join(statuses)}), "
        f"{ClaimDocument.objects.count():,} documents"
    )

    def best(measure) -> float:
        # CPU time of this process (SQLite runs in it): the machine is shared, wall time is not
        # this code's alone. Wall time is printed once at the end for comparison.
        times = []
        for _ in range(args.repeat):
            started = time.process_time()
            measure()
            times.append((time.process_time() - started) * 1000)
        return min(times)

    calendar = holiday_calendar()
    whole_ms = best(lambda: claim_queue(user=reader, today=today, holidays=calendar))
    queue = claim_queue(user=reader, today=today, holidays=calendar)
    page_ms = best(lambda: list(claim_queue(user=reader, today=today, holidays=calendar)[:PAGE]))
    first = queue[:PAGE]
    assert len(queue) == args.claims
    assert len(first) == PAGE
    # The same order as reckoning every claim in full, one by one (the former way, as a check
    # and as the floor it replaces).
    started = time.process_time()
    full = []
    for claim in claim_list(user=reader).prefetch_related("documents"):
        docs = list(claim.documents.all())
        full.append((claim, claim_deadlines(claim, docs, benefit_due=0, today=today)))
    newest = sorted(full, key=lambda q: (q[0].reported_at, q[0].pk), reverse=True)
    ordered = sorted(
        newest, key=lambda q: (not any(d.overdue for d in q[1]), q[1][0].due if q[1] else date.max)
    )
    former_ms = (time.process_time() - started) * 1000
    assert [c.pk for c, _ in ordered] == [q.claim.pk for q in queue[: len(queue)]]
    rows_ms = best(lambda: claim_queue_rows(user=reader))
    uploads_ms = best(lambda: claim_first_uploads(user=reader, kinds=REPORTS.values()))
    wall = time.perf_counter()
    claim_queue(user=reader, today=today, holidays=calendar)[:PAGE]
    wall_ms = (time.perf_counter() - wall) * 1000
    print("CPU ms, best of", args.repeat)
    print(f"  the light rows of all claims:                {rows_ms:,.0f} ms")
    print(f"  the first uploads of the report documents:   {uploads_ms:,.0f} ms")
    print(f"claim_queue, the order of all claims:          {whole_ms:,.0f} ms")
    print(f"claim_queue + the first page of {PAGE} read in full: {page_ms:,.0f} ms")
    print(f"former way (every claim read in full, reckoned): {former_ms:,.0f} ms (same order)")
    print(f"wall time of one list page's queue, this run:  {wall_ms:,.0f} ms")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    os.environ.setdefault("PAYUNG_DATA_KEY", base64.b64encode(os.urandom(32)).decode())
    return throwaway(lambda tmp: _run(args, tmp))


if __name__ == "__main__":
    raise SystemExit(main())
