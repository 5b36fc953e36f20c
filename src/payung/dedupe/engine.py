"""The matching's engine boundary: blocking as plain SQL, scoring as a per-pair function.

A province or the nation outgrows one process (ADR 0018). The plan then splits where this module
splits it: the records go into a table of the engine (DuckDB, Spark SQL, PostgreSQL) with their
name's initials and sound, the NIK read and whether it fits the record computed on the way in
(``matching.name_initials``/``name_sound``/``nik_read``/``nik_fits``, UDFs on a distributed
engine); the engine builds the blocking keys and the candidate pairs with
``substr``, ``||``, ``GROUP BY`` and a self-join — SQL every one of those engines speaks — and
the pairs are scored by ``matching.compare`` (a UDF again). Here the engine is the project's own
database, and the tests check that it yields exactly the pairs ``matching.find_pairs`` finds.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.db import connection

from payung.domain.matching import (
    MAX_BLOCK,
    MatchRecord,
    name_initials,
    name_sound,
    nik_fits,
    nik_read,
    unordered_date,
)

TABLE = "payung_match_records"

# The blocking keys of matching.blocking_keys, as SQL over the table's columns.
BLOCKING_SQL = f"""
WITH keyed AS (
    SELECT key, 'n0:' || substr(nik, 7, 10) || ':' || initials AS block
      FROM {TABLE} WHERE length(nik) = 16
    UNION ALL
    SELECT key, 'n1:' || substr(nik, 1, 6) || substr(nik, 13, 4) || ':'
                || COALESCE(born, initials) AS block
      FROM {TABLE} WHERE length(nik) = 16
    UNION ALL
    SELECT key, 'n2:' || substr(nik, 1, 12) AS block
      FROM {TABLE} WHERE length(nik) = 16
    UNION ALL
    SELECT key, 'k:' || nik AS block
      FROM {TABLE} WHERE length(nik) = 16 AND not_own = 1
    UNION ALL
    SELECT key, 's:' || unordered || ':' || sound AS block
      FROM {TABLE} WHERE unordered IS NOT NULL AND sound <> ''
    UNION ALL
    SELECT key, 'v:' || village || ':' || unordered AS block
      FROM {TABLE} WHERE unordered IS NOT NULL AND village <> ''
    UNION ALL
    SELECT key, 'k:' || card AS block
      FROM {TABLE} WHERE card <> ''
),
blocks AS (
    SELECT block FROM keyed GROUP BY block HAVING COUNT(*) BETWEEN 2 AND %s
)
SELECT DISTINCT a.key, b.key
  FROM keyed a JOIN keyed b ON a.block = b.block AND a.key < b.key
 WHERE a.block IN (SELECT block FROM blocks)
"""  # noqa: S608 (the table name is ours)


def candidate_pairs_sql(
    records: Sequence[MatchRecord], *, max_block: int = MAX_BLOCK
) -> Iterator[tuple[MatchRecord, MatchRecord]]:
    """The candidate pairs of ``records``, blocked by the database (inside a transaction)."""
    by_key = {r.key: r for r in records}
    rows = []
    for r in records:
        nik = nik_read(r.nik)
        rows.append(
            (
                r.key,
                nik,
                r.birth_date.isoformat() if r.birth_date else None,
                unordered_date(r.birth_date) if r.birth_date else None,
                name_initials(r.name),
                name_sound(r.name),
                1 if nik_fits(nik, r.birth_date, r.sex) is False else 0,
                r.village,
                r.family_card,
            )
        )
    with connection.cursor() as cursor:
        temporary = "TEMPORARY " if connection.vendor == "postgresql" else "TEMP "
        cursor.execute(
            f"CREATE {temporary}TABLE {TABLE} "
            "(key varchar(64), nik varchar(64), born varchar(10), unordered varchar(10), "
            "initials varchar(64), sound varchar(200), not_own integer, village varchar(32), "
            "card varchar(64))"
        )
        try:
            cursor.executemany(
                f"INSERT INTO {TABLE} VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",  # noqa: S608
                rows,
            )
            cursor.execute(BLOCKING_SQL, [max_block])
            pairs = cursor.fetchall()
        finally:
            cursor.execute(f"DROP TABLE {TABLE}")
    for a, b in pairs:
        yield by_key[a], by_key[b]
