"""``payung serve``: the web app under waitress, a production WSGI server in pure Python."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Jalankan aplikasi web / serve the web app (waitress)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: object, host: str, port: int, threads: int, **options: object) -> None:
        from waitress import serve

        from payung.wsgi import application

        self.stdout.write(f"Payung: http://{host}:{port}/  (Ctrl+C untuk berhenti / to stop)")
        serve(application, host=host, port=port, threads=threads, ident="payung")
