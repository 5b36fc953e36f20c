"""The engine boundary: the database blocks exactly as the Python matcher does."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from payung.dedupe.engine import candidate_pairs_sql
from payung.domain.matching import (
    Frequencies,
    MatchRecord,
    candidate_pairs,
    find_pairs,
    score_pairs,
)

pytestmark = pytest.mark.django_db

GIVEN = ["Siti", "Euis", "Asep", "Ujang", "Budi", "Dewi", "Neneng", "Dede"]
FAMILY = ["Aminah", "Suryana", "Hidayat", "Rahayu", "Permana", ""]


def _population(count: int, seed: int = 7) -> list[MatchRecord]:
    """Crowded on purpose: two districts, one year of birth dates, few names, 5% mistyped
    copies, so blocks of every kind (and a few over the size limit) occur."""
    rng = random.Random(seed)
    records: list[MatchRecord] = []
    serials: dict[str, int] = {}
    for n in range(count):
        born = date(1990, 1, 1) + timedelta(days=rng.randrange(365))
        female = rng.random() < 0.5
        stem = f"{rng.choice(['320120', '320121'])}{born.day + 40 * female:02d}"
        stem += f"{born.month:02d}{born.year % 100:02d}"
        serials[stem] = serials.get(stem, 0) + 1
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}".strip()
        records.append(
            MatchRecord(
                key=f"k{n}",
                nik=f"{stem}{serials[stem]:04d}",
                name=name,
                birth_date=born,
                sex="F" if female else "M",
            )
        )
    for n, original in enumerate(rng.sample(records, count // 20)):
        i = rng.randrange(16)
        nik = original.nik[:i] + str((int(original.nik[i]) + 1) % 10) + original.nik[i + 1 :]
        records.append(
            MatchRecord(
                key=f"d{n}",
                nik=nik,
                name=original.name.upper(),
                birth_date=original.birth_date if rng.random() < 0.9 else None,
                sex=original.sex,
            )
        )
    return records


def _keys(pairs):
    return {tuple(sorted((a.key, b.key))) for a, b in pairs}


def test_the_database_finds_the_same_candidate_pairs_as_the_python_matcher():
    records = _population(3_000)
    in_python = _keys(candidate_pairs(records))
    in_sql = _keys(candidate_pairs_sql(records))
    assert len(in_python) > 1_000  # a test that compares nothing proves nothing
    assert in_sql == in_python


def test_scoring_the_engines_pairs_gives_the_matchers_result():
    records = _population(1_500, seed=11)
    frequencies = Frequencies.of(records)  # what find_pairs weighs names and dates by
    from_engine = score_pairs(candidate_pairs_sql(records, max_block=20), frequencies=frequencies)
    assert [(m.a, m.b, m.score) for m in from_engine] == [
        (m.a, m.b, m.score) for m in find_pairs(records, max_block=20)
    ]
    assert len(from_engine) > 20
