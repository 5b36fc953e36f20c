"""``payung serve``: the web app under waitress, a production WSGI server in pure Python.

Behind a TLS proxy (nginx, Caddy) pass its address with ``--trusted-proxy`` (or
``PAYUNG_TRUSTED_PROXY``): waitress then takes the scheme and the client's address from that
peer's ``X-Forwarded-Proto`` and ``X-Forwarded-For``, so Django sees HTTPS (HSTS, the CSRF origin
check of a login) and the login lockout sees the real client. From any other peer those headers
are dropped, so nobody can claim HTTPS by sending one. Off unless set (ADR 0026).

``--processes N`` (or ``PAYUNG_SERVE_PROCESSES``) binds N sockets on the address (SO_REUSEPORT)
and forks N waitress processes, one per socket, so a machine's cores all serve (one Python
process runs Python on one core at a time). Each process keeps its own local cache unless
``PAYUNG_CACHE_URL`` names a shared Redis (ADR 0049). The parent stops them all on SIGTERM or
Ctrl+C, and when one ends.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
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
            "--processes",
            type=int,
            default=settings.SERVE_PROCESSES,
            help=(
                "jumlah proses server / server processes sharing the address (default: "
                "PAYUNG_SERVE_PROCESSES, else 1)"
            ),
        )
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
        processes: int,
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
        options_ = {
            "threads": threads,
            "ident": "payung",
            **waitress_options(trusted_proxy=trusted_proxy),
        }
        if processes <= 1:
            serve(application, host=host, port=port, **options_)
            return
        if not settings.CACHE_SHARED:
            self.stderr.write(
                "Tanpa PAYUNG_CACHE_URL setiap proses menyimpan cache sendiri (batas laju "
                "pengaduan dihitung per proses) / without PAYUNG_CACHE_URL each process keeps its "
                "own cache (the complaint rate limits count per process)."
            )
        self.stdout.write(f"Payung: {processes} proses / processes")
        listeners = [_listen(host, port) for _ in range(processes)]
        status = _fork_and_wait(
            listeners, lambda listener: serve(application, sockets=[listener], **options_)
        )
        sys.exit(status)


def _listen(host: str, port: int) -> socket.socket:
    """One process's listening socket on the shared address. With SO_REUSEPORT the kernel
    spreads new connections evenly over the processes' sockets (one socket accepted from by all
    would let one process take most of a burst of keep-alive connections and keep them)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    listener.bind((host, port))
    listener.listen(1024)
    listener.set_inheritable(True)
    return listener


def _fork_and_wait(listeners: list[socket.socket], run: Any) -> int:
    """Fork a child per listening socket that ``run(its socket)``s; wait until one ends or a
    stop signal comes, then stop the others. The exit status: 0 after a stop signal, 1 when a
    child ended on its own (so the service manager restarts the whole server)."""
    from django.db import connections

    connections.close_all()  # no database connection is shared across a fork
    children: list[int] = []
    for mine in listeners:
        pid = os.fork()
        if pid == 0:  # the child serves until it is told to stop
            code = 0
            try:
                for other in listeners:
                    if other is not mine:
                        other.close()
                run(mine)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        children.append(pid)
    for listener in listeners:  # the parent accepts nothing: a socket left open would queue
        listener.close()  # connections that no process ever takes
    state = {"stopping": False, "failed": False}

    def stop(signum: int, frame: object) -> None:
        state["stopping"] = True
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    waiting = set(children)
    while waiting:
        try:
            pid, _ = os.wait()
        except ChildProcessError:
            break
        waiting.discard(pid)
        if not state["stopping"]:  # one ended on its own: stop the rest
            state["failed"] = True
            stop(signal.SIGTERM, None)
    return 1 if state["failed"] else 0
