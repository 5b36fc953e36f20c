"""``payung regions load``: load the national region list (idempotent)."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from payung.access.actor import CommandLine
from payung.regions.services import regions_load


class Command(BaseCommand):
    help = "Muat daftar wilayah nasional / load the national region list (Kepmendagri 2025)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="load or update regions idempotently")
        load.add_argument("--file", type=Path, help="another regions.csv.gz (default: shipped)")

    def handle(self, *args: object, **options: object) -> None:
        started = time.perf_counter()
        path = options.get("file")
        result = regions_load(
            actor=CommandLine(name="payung regions load"),
            path=path if isinstance(path, Path) else None,
        )
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Wilayah/regions: {result.total} in data, {result.created} created, "
            f"{result.renamed} renamed, {result.retired} retired, "
            f"{result.reactivated} reactivated ({seconds:.1f} s)"
        )
