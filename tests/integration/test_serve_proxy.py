"""``payung serve`` behind the documented TLS proxy, through the real server on loopback.

Issue 11, item 2: waitress dropped the proxy's ``X-Forwarded-Proto``, so Django saw plain HTTP,
sent no HSTS and refused a browser's login (``Origin: https://…``) with 403. Django's test
client cannot show this: it never passes through waitress. Each test starts ``payung serve`` on a
free loopback port against a throw-away SQLite database and speaks HTTP to it as nginx would.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import pytest

import payung

SRC = Path(payung.__file__).resolve().parents[1]
HOST = "payung.example.go.id"
CLIENT = "203.0.113.7"  # the browser's address, as the proxy reports it
PASSWORD = "proxy-test-2026"
# What nginx sends with docs/operations.md's configuration (Caddy sends the same).
PROXY = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": CLIENT}


def _payung(*args: str, env: dict[str, str]) -> None:
    subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-m", "payung.cli", *args],
        env=env,
        check=True,
        capture_output=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def install(tmp_path_factory):
    """A fresh installation with PAYUNG_HTTPS=1 and one system administrator."""
    var = tmp_path_factory.mktemp("proxy-var")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PAYUNG_", "DATABASE_URL", "DJANGO_"))
    }
    env.update(
        PYTHONPATH=str(SRC),
        PAYUNG_VAR_DIR=str(var),
        DATABASE_URL=f"sqlite:///{var / 'payung.sqlite3'}",
        PAYUNG_HTTPS="1",
        PAYUNG_ALLOWED_HOSTS=f"{HOST},127.0.0.1",
        PAYUNG_JOBS="inline",
    )
    _payung("migrate", "--no-input", env=env)
    _payung(
        "createsuperuser",
        "--no-input",
        "--username",
        "admin",
        "--email",
        "admin@example.org",
        env={**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
    )
    return {"env": env, "database": var / "payung.sqlite3"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served(env: dict[str, str], *options: str):
    """``payung serve`` on a free loopback port; yields the port, then stops that process."""
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-m", "payung.cli", "serve", "--port", str(port), *options],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"payung serve ended: {process.communicate()}")
                time.sleep(0.1)
        yield port, process
    finally:
        process.terminate()
        process.wait(timeout=20)


def _request(port, method, path, *, headers, body=b""):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


def _cookies(response) -> dict[str, str]:
    found = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, value = header.split(";", 1)[0].partition("=")
        found[name.strip()] = value.strip()
    return found


def _login(port, headers, *, password=PASSWORD):
    """A browser's login: the form (its CSRF cookie and token), then the POST from the https
    origin. Returns the login page's response and the POST's."""
    page, html = _request(port, "GET", "/login/", headers=headers)
    assert page.status == 200
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()
    cookie = _cookies(page)["csrftoken"]
    form = urlencode({"username": "admin", "password": password, "csrfmiddlewaretoken": token})
    posted, _ = _request(
        port,
        "POST",
        "/login/",
        headers={
            **headers,
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}/login/",
            "Cookie": f"csrftoken={cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        body=form.encode(),
    )
    return page, posted, cookie


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_login_through_the_trusted_proxy_succeeds_with_hsts(install, how):
    env = install["env"]
    options: tuple[str, ...] = ()
    if how == "option":
        options = ("--trusted-proxy", "127.0.0.1")
    else:
        env = {**env, "PAYUNG_TRUSTED_PROXY": "127.0.0.1"}
    with served(env, *options) as (port, _):
        page, posted, csrf = _login(port, PROXY)
        assert page.headers["Strict-Transport-Security"] == "max-age=31536000"
        assert posted.status == 302, posted.status
        assert posted.headers["Location"] == "/dasbor/"
        assert posted.headers["Strict-Transport-Security"] == "max-age=31536000"
        session = _cookies(posted)["sessionid"]
        assert "Secure" in " ".join(posted.headers.get_all("Set-Cookie"))
        home, _ = _request(
            port, "GET", "/programmes/", headers={**PROXY, "Cookie": f"sessionid={session}"}
        )
        assert home.status == 200

        # A body above the upload limit answers JSON through the real server as well.
        oversize, body = _request(
            port,
            "POST",
            "/api/v1/workers/",
            headers={
                **PROXY,
                "Origin": f"https://{HOST}",
                "Cookie": f"csrftoken={csrf}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
            body=b"nik=" + b"1" * 3_000_000,
        )
        assert oversize.status == 413
        assert oversize.headers["Content-Type"] == "application/json"
        assert json.loads(body)["error"] == "request.too_large"

    # The lockout and the access log see the browser's address, not the proxy's.
    with sqlite3.connect(install["database"]) as database:
        addresses = {row[0] for row in database.execute("SELECT ip_address FROM axes_accesslog")}
    assert CLIENT in addresses
    assert "127.0.0.1" not in addresses


def test_without_the_option_the_proxy_headers_are_not_believed(install):
    with served(install["env"]) as (port, process):
        page, posted, _ = _login(port, PROXY)
        assert "Strict-Transport-Security" not in page.headers
        assert posted.status == 403  # the https origin does not match a plain-HTTP request
    assert "PAYUNG_HTTPS=1 tanpa --trusted-proxy" in process.stderr.read()


def test_headers_from_a_peer_that_is_not_the_trusted_proxy_are_dropped(install):
    # The proxy is elsewhere; a client reaching waitress directly cannot claim https.
    with served(install["env"], "--trusted-proxy", "127.0.0.2") as (port, _):
        page, posted, _ = _login(port, PROXY)
        assert "Strict-Transport-Security" not in page.headers
        assert posted.status == 403
