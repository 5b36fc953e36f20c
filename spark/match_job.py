"""A province's duplicate check on Apache Spark (issue 15 item 6, ADR 0051): the records of
several installations, each exported by ``payung exchange records`` and sealed under the agreed
exchange key, blocked and scored by Payung's own matcher (``payung.domain.matching``: the same
keys, the same bound and scores, the same term frequencies, counted by Spark over all records),
and the people each installation shares with another written back as that installation's token
file, which ``payung exchange match --flag other_programme`` turns into flags there.

    PAYUNG_EXCHANGE_KEY=… python spark/match_job.py --master local[2] --out results/ \\
        bogor.records lebak.records

On a cluster, ``spark-submit --master yarn|k8s://… --py-files payung.zip spark/match_job.py …``
with Payung installed on the executors (docs/operations.md, "Matching a province on Spark").
Nothing in Payung's web application imports this module.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from payung.domain import exchange
from payung.domain.exchange import MATCH_EXPORT_CONTEXT
from payung.domain.matching import (
    MAX_BLOCK,
    PROBABLE,
    TF_FEWEST_RECORDS,
    Frequencies,
    Match,
    MatchRecord,
    blocking_keys,
    name_key,
    score_pairs,
)
from payung.registry.crypto import Keys


@dataclass(frozen=True)
class Exported:
    """One exported person: the record as matching reads it (its key the row's number), whose
    installation it is and its exchange token."""

    record: MatchRecord
    installation: str
    token: str


def read_exports(paths: Iterable[Path], key: bytes) -> list[Exported]:
    """The records of every export, numbered in the order read (the order pairs are formed in)."""
    import json

    found: list[Exported] = []
    for path in paths:
        plain = Keys(key).unseal(path.read_bytes(), context=MATCH_EXPORT_CONTEXT).decode()
        for line in plain.splitlines():
            if not line:
                continue
            row = json.loads(line)
            born = date.fromisoformat(row["birth_date"]) if row["birth_date"] else None
            record = MatchRecord(
                key=f"{len(found):010d}",
                nik=row["nik"],
                name=row["name"],
                birth_date=born,
                sex=row["sex"],
                village=row["village"],
                phone=row["phone"],
                mother_name=row["mother_name"],
                family_card=row["family_card"],
            )
            found.append(Exported(record, row["installation"], row["token"]))
    return found


def _block_pairs(
    block: Iterable[MatchRecord], max_block: int
) -> Iterator[tuple[tuple[str, str], tuple[MatchRecord, MatchRecord]]]:
    """A block's pairs as ``matching.candidate_pairs`` forms them: in the records' order, none
    from a block of more than ``max_block`` records."""
    records = sorted(block, key=lambda r: r.key)
    if len(records) > max_block:
        return
    for i, a in enumerate(records):
        for b in records[i + 1 :]:
            if a.key != b.key:
                yield (a.key, b.key), (a, b)


def frequencies_spark(records_rdd) -> Frequencies:  # type: ignore[no-untyped-def]
    """How often each name and birth date occurs, counted by Spark where the records are."""
    names = records_rdd.map(lambda r: name_key(r.name)).filter(bool).countByValue()
    dates = records_rdd.map(lambda r: r.birth_date).filter(lambda d: d is not None).countByValue()
    return Frequencies.of_counts(Counter(names), Counter(dates))


def find_pairs_spark(  # type: ignore[no-untyped-def]
    spark,
    records: list[MatchRecord],
    *,
    threshold: float = PROBABLE,
    max_block: int = MAX_BLOCK,
    partitions: int = 8,
) -> list[Match]:
    """What ``matching.find_pairs`` finds among ``records``, found by Spark: blocking as a
    join on each record's keys, each pair once, scored by ``matching.score_pairs``."""
    sc = spark.sparkContext
    rdd = sc.parallelize(records, partitions)
    frequencies = frequencies_spark(rdd) if len(records) >= TF_FEWEST_RECORDS else None
    shared = sc.broadcast(frequencies)
    pairs = (
        rdd.flatMap(lambda r: [(key, r) for key in blocking_keys(r)])
        .groupByKey()
        .flatMap(lambda kv: _block_pairs(kv[1], max_block))
        .reduceByKey(lambda first, _again: first)  # a pair met under two keys, once
        .values()
        .mapPartitions(
            lambda part: score_pairs(part, threshold=threshold, frequencies=shared.value)
        )
    )
    found = pairs.collect()
    found.sort(key=lambda m: (-m.score, m.a, m.b))
    return found


def shared_tokens(exported: list[Exported], matches: Iterable[Match]) -> dict[str, set[str]]:
    """Per installation, the tokens of its people probably registered by another installation
    too (pairs within one installation are its own scan's business)."""
    by_key = {e.record.key: e for e in exported}
    shared: dict[str, set[str]] = {}
    for match in matches:
        a, b = by_key[match.a], by_key[match.b]
        if a.installation == b.installation:
            continue
        shared.setdefault(a.installation, set()).add(a.token)
        shared.setdefault(b.installation, set()).add(b.token)
    return shared


def file_name(installation: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", installation).strip("-").lower() + ".tokens"


def run(spark, paths: list[Path], out: Path, key_text: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Read the exports, find the pairs, write each installation's token file; return how many
    of each installation's people another installation probably holds."""
    key = exchange.parse_key(key_text)
    exported = read_exports(paths, key)
    matches = find_pairs_spark(spark, [e.record for e in exported])
    shared = shared_tokens(exported, matches)
    out.mkdir(parents=True, exist_ok=True)
    for installation in sorted({e.installation for e in exported}):
        tokens = sorted(shared.get(installation, set()))
        (out / file_name(installation)).write_text("".join(t + "\n" for t in tokens))
    return {name: len(tokens) for name, tokens in sorted(shared.items())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("exports", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args(argv)
    key = os.environ.get("PAYUNG_EXCHANGE_KEY", "")
    if not key:
        sys.stderr.write("set PAYUNG_EXCHANGE_KEY to the key agreed between the installations\n")
        return 2
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master(args.master).appName("payung-match").getOrCreate()
    try:
        for installation, count in run(spark, args.exports, args.out, key).items():
            sys.stdout.write(f"{installation}: {count} people probably registered elsewhere too\n")
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
