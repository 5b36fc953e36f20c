"""``payung lists import FILE --kind KIND --source NAME --date YYYY-MM-DD --region CODE --user U``.

Imports an external list (BPJS Ketenagakerjaan's active participants, another programme's
beneficiaries, deaths, moves, civil servants) and updates the people's flags (ADR 0020).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from payung.accounts.models import User
from payung.dedupe.lists import external_list_import
from payung.domain.errors import DomainError
from payung.domain.flags import ListKind


class Command(BaseCommand):
    help = "Import an external list and flag the registry's people found on it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import"])
        parser.add_argument("file")
        parser.add_argument("--kind", required=True, choices=[k.value for k in ListKind])
        parser.add_argument("--source", required=True, help='e.g. "BPJS Ketenagakerjaan Cibinong"')
        parser.add_argument("--date", required=True, help="the list's date, YYYY-MM-DD")
        parser.add_argument("--region", required=True, help="region code, e.g. 32.01")
        parser.add_argument("--user", required=True, help="the acting user (a verifier)")

    def handle(self, *args: object, **options: object) -> None:
        try:
            user = User.objects.get(username=options["user"])
        except User.DoesNotExist:
            raise CommandError(f"no user {options['user']!r}") from None
        try:
            list_date = date.fromisoformat(str(options["date"]))
        except ValueError:
            raise CommandError("--date must be YYYY-MM-DD") from None
        path = Path(str(options["file"]))
        try:
            result = external_list_import(
                actor=user,
                kind=ListKind(str(options["kind"])),
                source=str(options["source"]),
                list_date=list_date,
                region_code=str(options["region"]),
                path=path,
                file_name=path.name,
            )
        except DomainError as error:
            raise CommandError(error.message("en")) from error
        listed = result.external_list
        if result.reopened:
            self.stdout.write(f"this file was imported before (list {listed.pk}); nothing changed")
            return
        self.stdout.write(
            f"list {listed.pk}: {listed.rows_total} rows ({listed.rows_unreadable} unreadable); "
            f"matched {listed.matched_exact} by NIK, {listed.matched_probable} probable; "
            f"flags raised {result.raised}, kept {result.kept}, ended {result.ended}"
        )
