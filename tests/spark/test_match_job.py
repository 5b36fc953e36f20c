"""Spark and the in-process matcher find the same pairs with the same scores and reasons on the
same population, and a province's run round-trips to flags through the exchange (issue 15
item 6, ADR 0051)."""

from __future__ import annotations

import base64
import os
import random
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from spark.match_job import find_pairs_spark, run

from payung.domain import exchange
from payung.domain.matching import MatchRecord, find_pairs
from payung.registry.crypto import Keys

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))
from dedupe_kinds_bench import _villages  # noqa: E402
from dedupe_world import match_records, world  # noqa: E402


def _records(people: int) -> list[MatchRecord]:
    built = world(people, 0.02, _villages(), random.Random(15), without=frozenset())
    return match_records(built, numbered=True)


def _said(matches):
    return [
        (m.a, m.b, m.score, [(r.code, r.weight, dict(r.params)) for r in m.reasons])
        for m in matches
    ]


def test_spark_finds_the_pairs_the_matcher_finds(spark, capsys):
    records = _records(20_000)
    started = time.perf_counter()
    here = find_pairs(records, threshold=4.0)
    here_s = time.perf_counter() - started
    started = time.perf_counter()
    there = find_pairs_spark(spark, records, threshold=4.0)
    there_s = time.perf_counter() - started
    with capsys.disabled():
        sys.stdout.write(
            f"\n{len(records):,} records: in process {len(here):,} pairs in {here_s:.1f} s, "
            f"Spark local[2] {len(there):,} pairs in {there_s:.1f} s\n"
        )
    assert len(here) > 300  # the population's duplicates and more are there to be found
    assert _said(there) == _said(here)


def test_a_small_list_is_weighed_without_frequencies_on_spark_too(spark):
    records = _records(300)
    assert len(records) < 1_000
    assert _said(find_pairs_spark(spark, records)) == _said(find_pairs(records))


def _sealed(rows: list[dict], key: bytes) -> bytes:
    import json

    text = "\n".join(json.dumps(row, sort_keys=True) for row in rows)
    return Keys(key).seal(text.encode(), context=exchange.MATCH_EXPORT_CONTEXT)


@pytest.mark.django_db
def test_a_province_run_comes_back_to_an_installation_as_flags(spark, demo, tmp_path):
    from payung.audit.models import AuditEvent
    from payung.dedupe.exchange import exchange_match, match_export
    from payung.dedupe.models import PersonFlag
    from payung.domain.flags import ListKind
    from payung.registry.models import Person, Source
    from payung.registry.values import nik_index

    key_text = base64.urlsafe_b64encode(os.urandom(32)).decode()
    key = exchange.parse_key(key_text)
    verifier = demo["users"]["verifikator"]
    person = Person.objects.create(
        nik="3201205203900001",
        nik_index=nik_index("3201205203900001"),
        full_name="Rahmawati",
        sex="F",
        birth_date=date(1990, 3, 12),
        village_id="32.01.20.2006",
        mother_name="Enok",
        source=Source.VILLAGE_ENTRY,
    )
    bogor = match_export(
        actor=verifier,
        region_code="32.01",
        key_text=key_text,
        installation="Kab. Bogor",
        partner="Provinsi Jawa Barat",
    )
    assert b"Rahmawati" not in bogor  # sealed: no name in the file
    # Another regency lists the same person with one serial digit mistyped (a slip: 0901)
    typo = person.nik[:12] + "09" + person.nik[14:]
    lebak = _sealed(
        [
            {
                "token": exchange.token(key, typo),
                "installation": "Kab. Lebak",
                "nik": typo,
                "name": person.full_name.upper(),
                "birth_date": person.birth_date.isoformat(),
                "sex": person.sex,
                "village": "36.02.01.2001",
                "phone": "",
                "mother_name": person.mother_name or "",
                "family_card": "",
            }
        ],
        key,
    )
    (tmp_path / "bogor.records").write_bytes(bogor)
    (tmp_path / "lebak.records").write_bytes(lebak)

    counts = run(
        spark, [tmp_path / "bogor.records", tmp_path / "lebak.records"], tmp_path / "out", key_text
    )
    assert counts == {"Kab. Bogor": 1, "Kab. Lebak": 1}
    lines = (tmp_path / "out" / "kab-bogor.tokens").read_text().splitlines()
    assert lines == [exchange.token(key, person.nik)]

    found = exchange_match(
        actor=verifier,
        region_code="32.01",
        key_text=key_text,
        partner="Provinsi Jawa Barat",
        lines=lines,
        flag_kind=ListKind.OTHER_PROGRAMME,
        list_date=date(2026, 12, 5),
    )
    assert found.people == [person.pk]
    assert PersonFlag.objects.filter(person=person, active=True, kind="other_programme").exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"exchange.match_export", "exchange.match"} <= actions
    export_row = AuditEvent.objects.get(action="exchange.match_export")
    assert export_row.after["installation"] == "Kab. Bogor"
    assert export_row.after["people"] >= 1
