"""What every benchmark needs around its measurement: a throw-away database and memory figures.

``throwaway(run)`` sets Django up against SQLite in a temporary directory, or, when
``DATABASE_URL`` names PostgreSQL, a ``<name>_tmp<pid>`` database created next to the named one;
calls ``run(tmp)`` (which migrates: a no-op on the PostgreSQL database) and removes both
afterwards (unless ``keep``). Peak memory is the process's RSS high-water mark (``VmHWM``),
which Linux lets us reset before a measured phase.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def throwaway(run: Callable[[Path], int], *, keep: bool = False) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="payung-bench-"))
    # Never the real installation: the var directory (uploads, data key) and, unless
    # PostgreSQL is named, the database are in the temporary directory.
    os.environ["PAYUNG_VAR_DIR"] = str(tmp)
    os.environ["PAYUNG_DEBUG"] = "0"
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "payung.settings")
    import django

    django.setup()
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    created_db = False
    try:
        if connection.vendor == "postgresql":
            # Named per process, so two benchmarks on one server never drop each other's.
            connection.settings_dict["TEST"]["NAME"] = f"{old_name}_tmp{os.getpid()}"
            connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
            created_db = True
        return run(tmp)
    finally:
        if created_db and not keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        if keep:
            kept = f" and database {connection.settings_dict['NAME']}" if created_db else ""
            print(f"kept: {tmp}{kept}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def database_label() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]} ({connection.settings_dict['NAME']})"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]} ({connection.settings_dict['NAME']})"


def reset_peak_rss() -> bool:
    """Reset the kernel's high-water mark of this process's RSS (Linux >= 4.0)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def peak_rss_mb() -> float | None:
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None
