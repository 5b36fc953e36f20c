"""Benchmark: the whole-registry duplicate check on a population it was not tuned to, reported per
kind of error and per kind of hard negative (issue 15 item 4; the generator is
``bench/dedupe_world.py``).

    .venv/bin/python bench/dedupe_kinds_bench.py                      # 100,000 people
    .venv/bin/python bench/dedupe_kinds_bench.py --people 1000000
    .venv/bin/python bench/dedupe_kinds_bench.py --without kk_in_nik,date_missing
    .venv/bin/python bench/dedupe_kinds_bench.py --splink   # also Splink 5 (DuckDB), same run

It prints: the population (people, second records per kind, hard-negative pairs per kind); the
matcher's time and peak memory (``payung.domain.matching.find_pairs`` over every record, as the
whole-registry check runs it); then at the review threshold (``PROBABLE``) and at "same"
(``CERTAIN``): recall per duplicate kind and per NIK state of the second record, the share of each
hard-negative kind joined, precision and recall overall; and a sweep of thresholds (precision,
recall, F1), which shows whether the scores are calibrated (the best threshold near the one in
use) or not. The floor is a baseline in the same run: exact NIK equality alone.

``--splink`` also runs Splink 5 on DuckDB over the same records, configured as its documentation
advises and fairly: names cleaned by the matcher's own ``name_key`` (titles, spelling, bin/binti),
five blocking rules each printed with its comparison count (none near 10 million), Jaro–Winkler
names and Damerau–Levenshtein NIKs, the birth date by ``DateOfBirthComparison``, term-frequency
adjustments on names and birth dates, u from random pairs, m by EM over three rules; the same
report at match probability 0.9 (review) and 0.999 (same). Splink is not a project dependency:
``python -m venv /tmp/splinkenv && /tmp/splinkenv/bin/pip install splink pandas``, then run
the bench with that interpreter and ``PYTHONPATH=src``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from dedupe_bench import _peak_mb, _villages  # noqa: E402 — the same province, the same reading
from dedupe_world import DUPLICATE_KINDS, NEGATIVE_KINDS, World, match_records, world  # noqa: E402

from payung.domain.matching import CERTAIN, PROBABLE, find_pairs  # noqa: E402

SWEEP = (4.0, 5.0, 6.0, 7.0, 8.0, 10.0, 13.0, 16.0, 20.0)


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


def run_splink(built: World) -> None:
    try:
        import pandas as pd
        import splink.comparison_library as cl
        from splink import DuckDBAPI, Linker, SettingsCreator, block_on
        from splink.blocking_analysis import count_comparisons_from_blocking_rules
    except ImportError:
        print("\nsplink: skipped, not installed (see the bench's docstring)")
        return
    from payung.domain.matching import name_key

    def words(name: str) -> list[str]:
        return name_key(name).split() or [""]

    frame = pd.DataFrame(
        {
            "unique_id": [r.key for r in built.records],
            "nik": [r.nik or None for r in built.records],
            "nik_head": [r.nik[:12] or None for r in built.records],
            "nik_tail": [r.nik[6:] or None for r in built.records],
            "name": [name_key(r.name) or None for r in built.records],
            "first_name": [words(r.name)[0] or None for r in built.records],
            "last_name": [words(r.name)[-1] or None for r in built.records],
            "birth_date": [r.birth.isoformat() if r.birth else None for r in built.records],
            "sex": [r.sex for r in built.records],
            "district": [r.village.rsplit(".", 1)[0] for r in built.records],
            "village": [r.village for r in built.records],
            "phone": [r.phone or None for r in built.records],
            "mother": [name_key(r.mother) or None for r in built.records],
            "kk": [r.kk or None for r in built.records],
            "initial": [(name_key(r.name) or " ")[0] for r in built.records],
        }
    )
    # The same evidence Payung reads (the family card too), and rules of the same reach: a NIK
    # typo in any part, a name or date error, a NIK that is the card, a household.
    rules = [
        block_on("nik"),
        block_on("nik_head"),  # district and birth date of the NIK: a serial typo
        # birth date and serial with the name's first letter: a district typo (without the letter,
        # serial 0001 makes this rule pair everyone born on one day: 184,089 pairs at 100,000)
        block_on("nik_tail", "initial"),
        block_on("first_name", "birth_date"),
        block_on("district", "name"),  # a date wrong or missing, the NIK wrong or missing
        block_on("kk"),  # one household: a NIK that is another's, a missing NIK
    ]
    db_api = DuckDBAPI()
    table = db_api.register(frame)
    print("\nsplink blocking rules (comparisons, marginal / cumulative):")
    for record in count_comparisons_from_blocking_rules(
        table, blocking_rules=rules, link_type="dedupe_only", record_sample_proportion=1.0
    ):
        print(
            f"  {record['blocking_rule']:<72} {record['marginal_comparison_count']:>12,} "
            f"{record['cumulative_comparison_count']:>12,}"
        )
    started = time.perf_counter()
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=rules,
        comparisons=[
            cl.DamerauLevenshteinAtThresholds("nik", [1, 2]),
            cl.NameComparison("name").configure(term_frequency_adjustments=True),
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("birth_date", input_is_string=True).configure(
                term_frequency_adjustments=True
            ),
            cl.ExactMatch("sex"),
            cl.ExactMatch("village"),
            cl.ExactMatch("phone"),
            cl.NameComparison("mother"),
            # No comparison on the card: compared exactly it made every household one person
            # (precision 0.02 at 100,000: members share card, village, phone and mother, which
            # the model counts as independent evidence); it still blocks.
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(table, settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("nik", "name"), block_on("name", "birth_date", "village")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=5_000_000)
    # Each session trains the comparisons outside its rule: the NIK's from the name sessions
    # first (a session blocked on the NIK can leave a level unobserved, which Splink 5 refuses).
    for label, rule in (
        ("first_name, birth_date", block_on("first_name", "birth_date")),
        ("district, name", block_on("district", "name")),
        ("nik", block_on("nik")),
    ):
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(rule)
        except ValueError as failed:  # Splink 5 refuses a level EM drove to m = 0
            print(f"splink: the EM session blocked on {label} failed: {str(failed)[:120]}")
    predictions = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
    seconds = time.perf_counter() - started
    probability = {
        (a, b) if a < b else (b, a): p
        for a, b, p in zip(
            predictions["unique_id_l"],
            predictions["unique_id_r"],
            predictions["match_probability"],
            strict=True,
        )
    }
    print(f"\nsplink: {len(built.records):,} records in {seconds:.1f} s (training and "
          f"prediction), peak memory so far {_peak_mb():,.0f} MB")  # fmt: skip
    _report(
        "splink review (probability >= 0.9)", {p for p, v in probability.items() if v >= 0.9}, built
    )
    _report(
        "splink same (probability >= 0.999)",
        {p for p, v in probability.items() if v >= 0.999},
        built,
    )
    truth = set(built.duplicates)
    print("\nsplink threshold sweep:")
    for threshold in (0.5, 0.8, 0.9, 0.99, 0.999):
        precision, recall, f1 = _prf({p for p, v in probability.items() if v >= threshold}, truth)
        print(f"  p >= {threshold:<6g} precision {precision:.4f} recall {recall:.4f} F1 {f1:.4f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--duplicate-share", type=float, default=0.02)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--splink", action="store_true", help="also run Splink 5 (DuckDB)")
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

    records = match_records(built)
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
    if args.splink:
        run_splink(built)
    return 0


if __name__ == "__main__":
    sys.exit(main())
