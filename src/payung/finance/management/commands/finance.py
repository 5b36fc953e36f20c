"""``payung finance arrears --programme ID [--as-of YYYY-MM] --user U [--queue]``.

Runs a programme's arrears update (ADR 0022, 0024): workers with too many unpaid months become
inactive, those paid again are protected again. Meant for a monthly cron line; ``--as-of`` is
the last month due and defaults to the month before today's (a run at the start of May looks at
April). ``--queue`` leaves it to the background jobs (``payung worker``) instead of running now.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from payung.accounts.models import User
from payung.domain.errors import DomainError
from payung.domain.period import Month
from payung.finance.services import arrears_job_enqueue, arrears_update
from payung.programmes.models import Programme


class Command(BaseCommand):
    help = "Update a programme's arrears (inactive workers), now or as a background job."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["arrears"])
        parser.add_argument("--programme", required=True, type=int, help="the programme's id")
        parser.add_argument("--as-of", help="the last month due, YYYY-MM (default: last month)")
        parser.add_argument("--user", required=True, help="the acting user (a finance officer)")
        parser.add_argument("--queue", action="store_true", help="queue a background job")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["user"])
        except User.DoesNotExist:
            raise CommandError(f"no user {options['user']!r}") from None
        programme = Programme.objects.filter(pk=options["programme"]).first()
        if programme is None:
            raise CommandError(f"no programme {options['programme']}")
        try:
            as_of = (
                Month.parse(options["as_of"])
                if options["as_of"]
                else Month.of(timezone.localdate()).plus(-1)
            )
            if options["queue"]:
                job = arrears_job_enqueue(actor=user, programme=programme, as_of=as_of)
                self.stdout.write(f"arrears {programme.pk} as of {as_of}: job {job.pk} queued")
                return
            result = arrears_update(actor=user, programme=programme, as_of=as_of)
        except DomainError as error:
            raise CommandError(error.message("en")) from error
        except PermissionDenied as denied:
            raise CommandError(f"{user.username} may not do this: {denied}") from denied
        self.stdout.write(
            f"arrears {programme.pk} as of {as_of}: {result.checked} workers checked, "
            f"{result.inactive} became inactive, {result.resumed} protected again"
        )
