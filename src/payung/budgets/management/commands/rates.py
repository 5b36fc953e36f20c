"""``payung rates load``: add the shipped reference rates and reliefs that are not stored yet."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from payung.budgets.rates import reference_rates_load


class Command(BaseCommand):
    help = "Load the reference contribution rates and reliefs (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load"])

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            added = reference_rates_load()
        self.stdout.write(f"reference rates: {added} added")
