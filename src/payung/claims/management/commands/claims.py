"""``payung claims unclaimed [--programme ID] [--region CODE]``.

Finds the covered workers known to have died (a deaths list, a coverage ended for death) for whom
no death claim was reported, and opens a "kemungkinan JKM belum diklaim" case for each, once per
death (a re-run opens nothing new). Meant for a cron line after the civil registry's lists come.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from payung.access.actor import CommandLine
from payung.claims.unclaimed import unclaimed_deaths_find
from payung.programmes.models import Programme


class Command(BaseCommand):
    help = "Open the cases of covered workers who died and whose death was never claimed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["unclaimed"])
        parser.add_argument("--programme", type=int, help="only this programme's workers")
        parser.add_argument("--region", help="only this region's workers (a region code)")

    def handle(self, *args: Any, **options: Any) -> None:
        programme = None
        if options["programme"] is not None:
            programme = Programme.objects.filter(pk=options["programme"]).first()
            if programme is None:
                raise CommandError(f"no programme {options['programme']}")
        found = unclaimed_deaths_find(
            actor=CommandLine(name="payung claims unclaimed"),
            now=timezone.now(),
            programme=programme,
            region=options["region"] or None,
        )
        self.stdout.write(
            f"unclaimed deaths: {found.deaths} deaths read, {len(found.opened)} cases opened, "
            f"{found.not_covered} not covered on the death date"
        )
