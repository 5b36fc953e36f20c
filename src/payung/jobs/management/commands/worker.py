"""``payung worker``: run background jobs (production with PAYUNG_JOBS=worker)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser

from payung.jobs.services import job_run_pending


class Command(BaseCommand):
    help = "Jalankan pekerjaan latar / run background jobs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run what is queued, then stop")
        parser.add_argument("--sleep", type=float, default=2.0)

    def handle(self, *args: object, once: bool, sleep: float, **options: object) -> None:

        while True:
            ran = job_run_pending()
            if ran:
                self.stdout.write(f"{ran} job(s) done")
            if once:
                return
            time.sleep(sleep)
