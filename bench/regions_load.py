"""Benchmark: loading the national region list (91,599 rows).

    .venv/bin/python bench/regions_load.py            # SQLite in a temporary directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/payung_bench \
        .venv/bin/python bench/regions_load.py

Prints the first load, the idempotent second load, and the floor: the same rows written by one
raw ``executemany`` into a bare table in the same database, measured in the same process.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time


def main() -> int:
    tmp = tempfile.mkdtemp(prefix="payung-bench-")
    os.environ.setdefault("PAYUNG_VAR_DIR", tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "payung.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from payung.access.actor import CommandLine
    from payung.regions.models import Region
    from payung.regions.services import read_region_rows, regions_load

    if connection.vendor == "postgresql":
        # A throw-away database next to the named one.

        name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        print(f"database: PostgreSQL {name}")
    else:
        print(f"database: SQLite {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)

    rows = read_region_rows()
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_floor (code varchar(13) PRIMARY KEY, name varchar(120))")
        cursor.executemany("INSERT INTO bench_floor (code, name) VALUES (%s, %s)", rows)
    floor = time.perf_counter() - started

    started = time.perf_counter()
    first = regions_load(actor=CommandLine(name="bench"))
    first_s = time.perf_counter() - started
    started = time.perf_counter()
    second = regions_load(actor=CommandLine(name="bench"))
    second_s = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    assert first.created == Region.objects.count() == 91_599
    assert not second.changed
    print(f"rows: {first.total}")
    print(f"floor (raw executemany): {floor:.2f} s  {len(rows) / floor:,.0f} rows/s")
    print(
        f"first load:  {first_s:.2f} s  {first.total / first_s:,.0f} rows/s  "
        f"ratio to floor {first_s / floor:.2f}x"
    )
    print(f"second load (no change): {second_s:.2f} s")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    if connection.vendor == "postgresql":
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
