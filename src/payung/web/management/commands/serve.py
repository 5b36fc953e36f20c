"""``payung serve``: the web app under waitress, a production WSGI server in pure Python.

Behind a TLS proxy (nginx, Caddy) pass its address with ``--trusted-proxy`` (or
``PAYUNG_TRUSTED_PROXY``): waitress then takes the scheme and the client's address from that
peer's ``X-Forwarded-Proto`` and ``X-Forwarded-For``, so Django sees HTTPS (HSTS, the CSRF origin
check of a login) and the login lockout sees the real client. From any other peer those headers
are dropped, so nobody can claim HTTPS by sending one. Off unless set (ADR 0026).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

# What nginx and Caddy send as docs/operations.md configures them. The Host header is passed by
# the proxy itself (X-Forwarded-Host is not believed: a proxy that forwards a client's own would
# let the client choose the host name).
PROXY_HEADERS = frozenset({"x-forwarded-proto", "x-forwarded-for"})


def waitress_options(*, trusted_proxy: str) -> dict[str, Any]:
    """waitress's proxy settings for ``trusted_proxy`` (empty: trust no peer)."""
    options: dict[str, Any] = {"clear_untrusted_proxy_headers": True}
    if trusted_proxy:
        options.update(
            trusted_proxy=trusted_proxy,
            trusted_proxy_count=1,
            trusted_proxy_headers=set(PROXY_HEADERS),
        )
    return options


class Command(BaseCommand):
    help = "Jalankan aplikasi web / serve the web app (waitress)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--trusted-proxy",
            default=settings.TRUSTED_PROXY,
            metavar="ADDRESS",
            help=(
                "alamat proksi TLS yang dipercaya / the TLS proxy's address whose "
                "X-Forwarded-Proto and X-Forwarded-For are believed (default: "
                "PAYUNG_TRUSTED_PROXY, else none)"
            ),
        )

    def handle(
        self,
        *args: object,
        host: str,
        port: int,
        threads: int,
        trusted_proxy: str,
        **options: object,
    ) -> None:
        from waitress import serve

        from payung.wsgi import application

        trusted_proxy = trusted_proxy.strip()
        if trusted_proxy:
            self.stdout.write(f"Payung: mempercayai proksi / trusting the proxy at {trusted_proxy}")
        elif settings.HTTPS:
            self.stderr.write(
                "PAYUNG_HTTPS=1 tanpa --trusted-proxy: login lewat proksi TLS akan ditolak "
                "(403) / without --trusted-proxy, logins through the TLS proxy are refused "
                "(403). See docs/operations.md."
            )
        self.stdout.write(f"Payung: http://{host}:{port}/  (Ctrl+C untuk berhenti / to stop)")
        serve(
            application,
            host=host,
            port=port,
            threads=threads,
            ident="payung",
            **waitress_options(trusted_proxy=trusted_proxy),
        )
