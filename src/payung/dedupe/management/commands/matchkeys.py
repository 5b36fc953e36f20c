"""``payung matchkeys [--rebuild]``: the registry's blocking keys for import-time matching.

Fills in the keys of people who have none (registered by a bulk load, or before ``PersonKey``
existed); ``--rebuild`` recomputes everyone's, after a data-key change or a change of the
blocking rules (ADR 0021). Prints counts only.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from payung.dedupe.keys import person_keys_fill


class Command(BaseCommand):
    help = "Compute the blocking keys of people who have none (--rebuild: of everyone)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="recompute every person's keys")

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            filled = person_keys_fill(rebuild=bool(options["rebuild"]))
        self.stdout.write(f"blocking keys written for {filled} people")
