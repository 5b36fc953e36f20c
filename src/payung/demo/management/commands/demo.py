"""``payung demo seed``: the two real programmes and one login per role (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from payung.demo.duplicates import seed_duplicates
from payung.demo.seed import (
    DEMO_PASSWORD,
    seed_claims_demo,
    seed_complaints_demo,
    seed_demo,
    seed_enrolment_demo,
)
from payung.demo.workers import seed_workers
from payung.regions.models import Region


class Command(BaseCommand):
    help = "Isi data demo / seed the demo (Kab. Bogor and Kab. Lebak, one user per role)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("seed", help="create the demo programmes and users if missing")

    def handle(self, *args: object, **options: object) -> None:
        if not Region.objects.filter(code="32.01").exists():
            raise CommandError("Muat wilayah dulu / load regions first: payung regions load")
        users = seed_demo()
        seed_enrolment_demo()
        seed_claims_demo()
        seed_complaints_demo()
        workers = seed_workers()
        if workers:
            self.stdout.write(f"Pekerja demo / demo workers: {workers} (Desa Parungpanjang)")
        pairs = seed_duplicates()
        if pairs:
            self.stdout.write(f"Kemungkinan data ganda / probable duplicates: {pairs}")
        self.stdout.write(
            f"Demo siap / demo ready. Login (kata sandi / password: {DEMO_PASSWORD}):"
        )
        for user in users:
            where = user.region or "seluruh instalasi / whole installation"
            self.stdout.write(f"  {user.username:<20} {user.role.label_id} — {where}")
