"""``payung exchange key`` / ``export`` / ``match``: find the people another installation also
holds, exchanging keyed hashes only (ADR 0019).

    payung exchange key                                   # prints a new exchange key, once
    payung exchange export --user U --region 32.01 --partner "Kab. Lebak" --out bogor.tokens
    payung exchange match --user U --region 32.01 --partner "Kab. Lebak" lebak.tokens
    payung exchange match … --flag other_programme [--date 2026-11-01]   # and flag them
    payung exchange records --user U --region 32.01 --installation "Kab. Bogor" \
        --partner "Provinsi Jawa Barat" --out bogor.records   # sealed, for spark/match_job.py

The exchange key is read from the environment variable ``PAYUNG_EXCHANGE_KEY`` (never from the
command line, which other users of the machine can read).
"""

from __future__ import annotations

import base64
import os
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from payung.accounts.models import User
from payung.dedupe.exchange import exchange_export, exchange_match, match_export
from payung.domain.errors import DomainError
from payung.domain.flags import ListKind


class Command(BaseCommand):
    help = "Exchange keyed NIK hashes with another installation to find shared people."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["key", "export", "match", "records"])
        parser.add_argument("file", nargs="?", help="the partner's token file (match)")
        parser.add_argument("--user", help="the acting user (a verifier)")
        parser.add_argument("--region", help="region code, e.g. 32.01")
        parser.add_argument("--partner", default="", help="who the exchange is with")
        parser.add_argument("--out", help="where export (records) writes the token (records) file")
        parser.add_argument("--installation", default="", help="records: this installation's name")
        parser.add_argument(
            "--flag",
            choices=[k.value for k in ListKind],
            help="match: flag the shared people as on a list of this kind from the partner",
        )
        parser.add_argument("--date", help="match with --flag: the list's date (YYYY-MM-DD)")

    def handle(self, *args: object, **options: object) -> None:
        action = options["action"]
        if action == "key":
            self.stdout.write(base64.urlsafe_b64encode(os.urandom(32)).decode())
            return
        key = os.environ.get("PAYUNG_EXCHANGE_KEY", "")
        if not key:
            raise CommandError("set PAYUNG_EXCHANGE_KEY to the key agreed with the partner")
        try:
            user = User.objects.get(username=options["user"])
        except User.DoesNotExist:
            raise CommandError(f"no user {options['user']!r}") from None
        region, partner = str(options["region"] or ""), str(options["partner"])
        try:
            if action == "records":
                if not options["out"] or not options["installation"]:
                    raise CommandError("--out and --installation are required")
                sealed = match_export(
                    actor=user,
                    region_code=region,
                    key_text=key,
                    installation=str(options["installation"]),
                    partner=partner,
                )
                Path(str(options["out"])).write_bytes(sealed)
                self.stdout.write(f"exported records (sealed): {len(sealed)} bytes")
            elif action == "export":
                if not options["out"]:
                    raise CommandError("--out is required")
                tokens = exchange_export(
                    actor=user, region_code=region, key_text=key, partner=partner
                )
                Path(str(options["out"])).write_text("".join(t + "\n" for t in tokens))
                self.stdout.write(f"exported: {len(tokens)}")
            else:
                if not options["file"]:
                    raise CommandError("the partner's token file is required")
                try:
                    list_date = (
                        date.fromisoformat(str(options["date"])) if options["date"] else None
                    )
                except ValueError:
                    raise CommandError("--date must be YYYY-MM-DD") from None
                kind = ListKind(str(options["flag"])) if options["flag"] else None
                with Path(str(options["file"])).open() as fh:
                    found = exchange_match(
                        actor=user,
                        region_code=region,
                        key_text=key,
                        partner=partner,
                        lines=fh,
                        flag_kind=kind,
                        list_date=list_date,
                    )
                self.stdout.write(f"received: {found.received}")
                self.stdout.write(f"overlap: {len(found.people)}")
                for pk in found.people:
                    self.stdout.write(f"person {pk}")
                if found.flags is not None:
                    self.stdout.write(
                        f"flags raised {found.flags.raised}, kept {found.flags.kept}, "
                        f"ended {found.flags.ended}"
                    )
        except DomainError as error:
            raise CommandError(error.message("en")) from error
