"""Benchmark: the whole-registry duplicate check on a population it was not tuned to, reported per
kind of error and per kind of hard negative (issue 15 item 4; the generator is
``bench/dedupe_world.py``).

    .venv/bin/python bench/dedupe_kinds_bench.py                      # 100,000 people
    .venv/bin/python bench/dedupe_kinds_bench.py --people 1000000
    .venv/bin/python bench/dedupe_kinds_bench.py --without kk_in_nik,date_missing

It prints: the population (people, second records per kind, hard-negative pairs per kind); the
matcher's time and peak memory (``payung.domain.matching.find_pairs`` over every record, as the
whole-registry check runs it); then at the review threshold (``PROBABLE``) and at "same"
(``CERTAIN``): recall per duplicate kind and per NIK state of the second record, the share of each
hard-negative kind joined, precision and recall overall; and a sweep of thresholds (precision,
recall, F1), which shows whether the scores are calibrated (the best threshold near the one in
use) or not. The floor is a baseline in the same run: exact NIK equality alone.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import random
import resource
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from dedupe_world import DUPLICATE_KINDS, NEGATIVE_KINDS, World, world  # noqa: E402

from payung.domain.matching import CERTAIN, PROBABLE, MatchRecord, find_pairs  # noqa: E402

PROVINCE = "32"  # Jawa Barat
SWEEP = (4.0, 6.0, 8.0, 10.0, 13.0, 16.0, 20.0)


def _villages() -> dict[str, list[str]]:
    raw = gzip.decompress((ROOT / "src/payung/data/regions.csv.gz").read_bytes()).decode()
    by_district: dict[str, list[str]] = defaultdict(list)
    for code, _ in csv.reader(raw.splitlines()[1:]):
        if code.startswith(PROVINCE + ".") and code.count(".") == 3:
            by_district[code.rsplit(".", 1)[0]].append(code)
    return by_district


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _prf(found: set[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, float, float]:
    hit = len(found & truth)
    precision = hit / len(found) if found else 1.0
    recall = hit / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _report(label: str, found: set[tuple[str, str]], built: World) -> None:
    truth = set(built.duplicates)
    precision, recall, _ = _prf(found, truth)
    print(f"\n{label}: {len(found):,} pairs; precision {precision:.4f}, recall {recall:.4f}")
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_state: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pair, kind in built.duplicates.items():
        by_kind[kind][1] += 1
        by_state[built.nik_state[pair]][1] += 1
        if pair in found:
            by_kind[kind][0] += 1
            by_state[built.nik_state[pair]][0] += 1
    print(f"  {'duplicate kind':<22} {'found':>7} {'of':>7} {'recall':>7}")
    for kind in DUPLICATE_KINDS:
        if kind in by_kind:
            hit, total = by_kind[kind]
            print(f"  {kind:<22} {hit:>7,} {total:>7,} {hit / total:>7.3f}")
    print(f"  {'NIK of the 2nd record':<22} {'found':>7} {'of':>7} {'recall':>7}")
    for state, (hit, total) in sorted(by_state.items()):
        print(f"  {state:<22} {hit:>7,} {total:>7,} {hit / total:>7.3f}")
    joined: Counter[str] = Counter()
    for pair, kind in built.negatives.items():
        if pair in found:
            joined[kind] += 1
    print(f"  {'hard negative kind':<22} {'joined':>7} {'of':>7} {'share':>7}")
    negatives = Counter(built.negatives.values())
    for kind in NEGATIVE_KINDS:
        if negatives[kind]:
            print(
                f"  {kind:<22} {joined[kind]:>7,} {negatives[kind]:>7,} "
                f"{joined[kind] / negatives[kind]:>7.3f}"
            )
    other = len(found - truth) - sum(joined.values())
    print(f"  other false pairs (not labelled hard negatives): {other:,}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--duplicate-share", type=float, default=0.02)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument(
        "--without",
        default="",
        help="kinds to leave out, comma-separated: " + ", ".join(DUPLICATE_KINDS + NEGATIVE_KINDS),
    )
    args = parser.parse_args(argv)
    without = frozenset(k for k in args.without.split(",") if k)
    unknown = without - set(DUPLICATE_KINDS) - set(NEGATIVE_KINDS)
    if unknown:
        parser.error(f"unknown kinds: {', '.join(sorted(unknown))}")

    started = time.perf_counter()
    built = world(
        args.people, args.duplicate_share, _villages(), random.Random(args.seed), without=without
    )
    print(
        f"population: {len(built.records) - len(built.duplicates):,} people in households + "
        f"{len(built.duplicates):,} second records, {len(built.records):,} records "
        f"({time.perf_counter() - started:.1f} s, set-up, not measured)"
    )
    print("  second records: " + ", ".join(f"{k} {built.counts[k]:,}" for k in DUPLICATE_KINDS))
    print("  hard-negative pairs: " + ", ".join(f"{k} {built.counts[k]:,}" for k in NEGATIVE_KINDS))

    records = [
        MatchRecord(
            key=r.key,
            nik=r.nik,
            name=r.name,
            birth_date=r.birth,
            sex=r.sex,
            village=r.village,
            phone=r.phone,
            mother_name=r.mother,
        )
        for r in built.records
    ]
    # The floor: the same NIK, exactly (what a spreadsheet's "remove duplicates" finds).
    started = time.perf_counter()
    by_nik: dict[str, list[str]] = defaultdict(list)
    for r in built.records:
        if r.nik:
            by_nik[r.nik].append(r.key)
    floor = {
        (a, b) if a < b else (b, a)
        for keys in by_nik.values()
        for i, a in enumerate(keys)
        for b in keys[i + 1 :]
    }
    floor_s = time.perf_counter() - started

    started = time.perf_counter()
    matches = find_pairs(records, threshold=min(SWEEP))
    seconds = time.perf_counter() - started
    print(
        f"\npayung find_pairs: {len(records):,} records in {seconds:.1f} s "
        f"({len(records) / seconds:,.0f} records/s), peak memory {_peak_mb():,.0f} MB; "
        f"floor (exact NIK) {floor_s:.2f} s"
    )
    scored = {(m.a, m.b) if m.a < m.b else (m.b, m.a): m.score for m in matches}
    _report("floor: exact NIK only", floor, built)
    _report(
        f"payung review + same (score >= {PROBABLE:g})",
        {p for p, s in scored.items() if s >= PROBABLE},
        built,
    )
    _report(
        f"payung same (score >= {CERTAIN:g})", {p for p, s in scored.items() if s >= CERTAIN}, built
    )
    truth = set(built.duplicates)
    print("\nthreshold sweep (calibration):")
    print(f"  {'score >=':>9} {'pairs':>9} {'precision':>10} {'recall':>8} {'F1':>7}")
    for threshold in SWEEP:
        found = {p for p, s in scored.items() if s >= threshold}
        precision, recall, f1 = _prf(found, truth)
        mark = "  (review threshold)" if threshold == PROBABLE else ""
        mark = "  (same)" if threshold == CERTAIN else mark
        print(
            f"  {threshold:>9g} {len(found):>9,} {precision:>10.4f} {recall:>8.4f} {f1:>7.4f}{mark}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
