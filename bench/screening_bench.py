"""Benchmark: screening 100,000 submitted candidacies under a programme's rule set.

    .venv/bin/python bench/screening_bench.py                   # SQLite in a temporary directory
    .venv/bin/python bench/screening_bench.py --candidates 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/payung_bench \
        .venv/bin/python bench/screening_bench.py

1. Set-up, not measured: regions, the Bogor demo programme, a rule set (age 18–65, a list of
   occupations, decile at most 4, every external list, mother's maiden name and an heir
   required), and ``--candidates`` people in Bogor's villages with their candidacies submitted:
   ~80% with an heir, ~2% on an external list (BPJS participants, deaths, moves), ~1% in an open
   duplicate pair, deciles 1–10 and a few unknown, ages 15–70.
2. **Floor**: the same rules written as one plain loop over dicts holding the same values (no
   findings kept, no reasons, no database): what evaluating the rules costs at the least.
3. **Domain**: ``domain.eligibility.screen`` over the same values (every finding with its
   reason, the priority key): the pure rules as Payung runs them.
4. **Screening**: ``screening.services.candidates_screen`` as the labour office runs it: reading
   the people, their heirs, flags and open pairs; screening; writing each screening with its
   findings, moving each candidacy to ``screened`` and one audit row per candidacy.

The decisions of 2, 3 and 4 are checked to agree, candidacy by candidacy, before figures print.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import database_label, peak_rss_mb, reset_peak_rss, throwaway

OCCUPATIONS = ("farm_labourer", "fisher", "street_vendor", "motorcycle_taxi", "porter")
OTHER_OCCUPATIONS = ("farmer", "construction_labourer")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the database and directory")
    parser.add_argument("--profile", action="store_true", help="print where screening spends time")
    return parser.parse_args(argv)


def _people(count: int, rng: random.Random, villages: list[str]) -> list[dict[str, Any]]:
    people = []
    for n in range(count):
        born = date(1956, 1, 1) + timedelta(days=rng.randrange(0, 55 * 365))
        occupation = (
            rng.choice(OCCUPATIONS) if rng.random() < 0.9 else rng.choice(OTHER_OCCUPATIONS)
        )
        people.append(
            {
                "n": n,
                "village": rng.choice(villages),
                "birth_date": born,
                "occupation_code": occupation,
                "decile": rng.randint(1, 10) if rng.random() < 0.97 else None,
                "mother_name": "Aminah" if rng.random() < 0.97 else "",
                "heirs": 1 if rng.random() < 0.8 else 0,
                "flag": rng.choice(("bpjs_active", "deceased", "moved"))
                if rng.random() < 0.02
                else "",
                "paired": rng.random() < 0.01,
            }
        )
    return people


def _setup(people: list[dict[str, Any]]) -> tuple[Any, Any, list[int]]:
    """Write the people, heirs, flags, pairs and submitted candidacies (not measured)."""
    from django.db import transaction

    from payung.accounts.models import User
    from payung.dedupe.models import DuplicatePair, ExternalList, PersonFlag
    from payung.domain.eligibility import RuleSet
    from payung.programmes.models import Programme
    from payung.registry.models import Candidate, Heir, Person, Source
    from payung.registry.values import nik_index
    from payung.screening.rules import ruleset_save

    programme = Programme.objects.get(regency_id="32.01")
    admin = User.objects.get(username="admin.bogor")
    verifier = User.objects.get(username="verifikator")
    operator = User.objects.get(username="operator.desa")
    with transaction.atomic():
        ruleset_save(
            actor=admin,
            programme=programme,
            rules=RuleSet(occupations=OCCUPATIONS, max_decile=4, required=("mother_name", "heir")),
            note="bench",
        )
    lists = {
        kind: ExternalList.objects.create(
            kind=kind,
            source="bench",
            list_date=date(2026, 11, 1),
            region_code="32.01",
            file_name="bench.csv",
            sha256=kind,
        )
        for kind in ("bpjs_active", "deceased", "moved")
    }
    submitted = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    for start in range(0, len(people), 5_000):
        chunk = people[start : start + 5_000]
        with transaction.atomic():
            persons = Person.objects.bulk_create(
                [
                    Person(
                        nik=f"3201{p['n']:012d}",
                        nik_index=nik_index(f"3201{p['n']:012d}"),
                        full_name="Pekerja Bench",
                        sex="M",
                        birth_date=p["birth_date"],
                        village_id=p["village"],
                        occupation_code=p["occupation_code"],
                        decile=p["decile"],
                        mother_name=p["mother_name"],
                        source=Source.FILE_IMPORT,
                    )
                    for p in chunk
                ],
                batch_size=1_000,
            )
            for p, person in zip(chunk, persons, strict=True):
                p["person"] = person.pk
            Heir.objects.bulk_create(
                [
                    Heir(person_id=p["person"], name="Ahli Waris", relation="anak")
                    for p in chunk
                    if p["heirs"]
                ],
                batch_size=1_000,
            )
            PersonFlag.objects.bulk_create(
                [
                    PersonFlag(
                        person_id=p["person"],
                        kind=p["flag"],
                        source="bench",
                        first_list=lists[p["flag"]],
                        last_list=lists[p["flag"]],
                        match="nik",
                    )
                    for p in chunk
                    if p["flag"]
                ]
            )
            paired = [p["person"] for p in chunk if p["paired"]]
            DuplicatePair.objects.bulk_create(
                [
                    DuplicatePair(person_a_id=a, person_b_id=b, score=9.0, region_code="32.01")
                    for a, b in zip(paired[::2], paired[1::2], strict=False)
                ]
            )
            Candidate.objects.bulk_create(
                [
                    Candidate(
                        person_id=p["person"],
                        programme=programme,
                        village_id=p["village"],
                        status="submitted",
                        submitted_by=operator,
                        submitted_at=submitted + timedelta(seconds=p["n"]),
                    )
                    for p in chunk
                ],
                batch_size=1_000,
            )
    ids = list(Candidate.objects.filter(programme=programme).values_list("pk", flat=True))
    return programme, verifier, ids


def floor(rows: list[dict[str, Any]], start: date) -> list[str]:
    """The rules as one plain loop: what evaluating them costs at the least."""
    allowed = set(OCCUPATIONS)
    decisions = []
    for r in rows:
        born = r["birth_date"]
        age = start.year - born.year - ((start.month, start.day) < (born.month, born.day))
        fail = (
            not 18 <= age <= 65
            or r["occupation_code"] not in allowed
            or not r["village"].startswith("32.01.")
            or (r["decile"] is not None and r["decile"] > 4)
            or r["flag"] in ("bpjs_active", "deceased")
            or not r["mother_name"]
            or not r["heirs"]
        )
        review = r["decile"] is None or r["flag"] == "moved" or r["paired"]
        decisions.append("ineligible" if fail else "review" if review else "eligible")
    return decisions


def domain(rows: list[dict[str, Any]], programme: Any, rules: Any) -> list[str]:
    from payung.domain.eligibility import Applicant, FlagFact, priority_key, screen
    from payung.domain.flags import ListKind

    decisions = []
    listed = date(2026, 11, 1)
    for r in rows:
        applicant = Applicant(
            birth_date=r["birth_date"],
            village_code=r["village"],
            occupation_code=r["occupation_code"],
            decile=r["decile"],
            mother_name=r["mother_name"],
            heirs=r["heirs"],
            flags=(FlagFact(ListKind(r["flag"]), "bench", listed),) if r["flag"] else (),
            open_duplicates=1 if r["paired"] else 0,
        )
        result = screen(applicant, rules, coverage_start=programme.coverage_start, regency="32.01")
        priority_key(rules, decile=r["decile"], occupation_code=r["occupation_code"], submitted="x")
        decisions.append(result.decision.value)
    return decisions


def _timed(run: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    result = run()
    return result, time.perf_counter() - started


def _run(args: argparse.Namespace, tmp: Path) -> int:
    from django.core.management import call_command

    from payung.access.actor import CommandLine
    from payung.audit.models import AuditEvent
    from payung.demo.seed import seed_demo
    from payung.domain.eligibility import RuleSet
    from payung.regions.models import Region
    from payung.regions.services import regions_load
    from payung.registry.models import Candidate
    from payung.screening.models import Screening
    from payung.screening.services import candidates_screen

    print(f"database: {database_label()}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    regions_load(actor=CommandLine(name="bench"))
    seed_demo()
    villages = list(
        Region.objects.filter(code__startswith="32.01.", level=4).values_list("code", flat=True)
    )
    rng = random.Random(args.seed)
    people = _people(args.candidates, rng, villages)
    programme, verifier, ids = _setup(people)
    from payung.dedupe.models import DuplicatePair

    in_pairs = {
        p for pair in DuplicatePair.objects.values_list("person_a_id", "person_b_id") for p in pair
    }
    for p in people:
        p["paired"] = p["person"] in in_pairs
    print(f"set-up: {len(ids):,} submitted candidacies in {time.perf_counter() - started:.1f} s")

    rules = RuleSet.from_json(programme.rule_sets.order_by("-version").first().rules)
    floor_decisions, floor_s = _timed(lambda: floor(people, programme.coverage_start))
    domain_decisions, domain_s = _timed(lambda: domain(people, programme, rules))
    reset_peak_rss()
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
    _screened, screen_s = _timed(lambda: candidates_screen(actor=verifier, candidate_ids=ids))
    if args.profile:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    peak = peak_rss_mb()

    by_person = dict(Screening.objects.values_list("candidate__person_id", "decision"))
    service_decisions = [by_person[p["person"]] for p in people]
    if not floor_decisions == domain_decisions == service_decisions:
        wrong = sum(a != b for a, b in zip(floor_decisions, service_decisions, strict=True))
        print(f"FAILED: {wrong} decisions differ between the floor and the service")
        return 1
    statuses = Counter(Candidate.objects.values_list("status", flat=True))
    audit = AuditEvent.objects.filter(action="candidate.screen").count()
    if statuses != {"screened": len(ids)} or audit != len(ids):
        print(f"FAILED: statuses {dict(statuses)}, {audit} audit rows")
        return 1

    n = len(ids)
    print(f"decisions: {dict(Counter(service_decisions))} (floor, domain and service agree)")
    print(f"floor  (plain loop over dicts): {floor_s:7.3f} s  {n / floor_s:12,.0f} candidates/s")
    print(
        f"domain (screen() with reasons): {domain_s:7.3f} s  {n / domain_s:12,.0f} candidates/s"
        f"  {domain_s / floor_s:5.1f}× floor"
    )
    print(
        f"screening (read, screen, write, audit): {screen_s:7.2f} s  "
        f"{n / screen_s:10,.0f} candidates/s  {screen_s / floor_s:5.1f}× floor"
    )
    print(f"peak memory during screening (RSS high-water mark): {peak:.0f} MB" if peak else "")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    return throwaway(lambda tmp: _run(args, tmp), keep=args.keep)


if __name__ == "__main__":
    sys.exit(main())
