"""``payung serve --processes 2`` through the real server on loopback (ADR 0049): two processes
accept from one address, answer, share a Redis cache when PAYUNG_CACHE_URL names one, and stop
together — on SIGTERM with status 0, or all of them with status 1 when one dies."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.integration.test_serve_proxy import _request, served

REDIS_DB = 15  # a database of the machine's Redis that nothing else of Payung uses


@pytest.fixture(scope="module")
def install(tmp_path_factory):
    from tests.integration.test_serve_proxy import _payung

    var = tmp_path_factory.mktemp("processes-var")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PAYUNG_", "DATABASE_URL", "DJANGO_"))
    }
    env.update(
        PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"),
        PAYUNG_VAR_DIR=str(var),
        DATABASE_URL=f"sqlite:///{var / 'payung.sqlite3'}",
        PAYUNG_JOBS="inline",
    )
    _payung("migrate", "--no-input", env=env)
    return env


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _forked(pid: int, count: int) -> list[int]:
    """The server's processes, once it has forked them all: the parent listens before it forks,
    so a connection can succeed while the children are still being made."""
    deadline = time.monotonic() + 20
    children = _children(pid)
    while len(children) < count and time.monotonic() < deadline:
        time.sleep(0.05)
        children = _children(pid)
    return sorted(children)


def _gone(pids: set[int]) -> bool:
    for pid in pids:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
            return False
    return True


def test_two_processes_answer_and_stop_together_on_sigterm(install):
    with served(install, "--processes", "2") as (port, process):
        children = set(_forked(process.pid, 2))
        assert len(children) == 2
        for _ in range(12):
            response, body = _request(port, "GET", "/login/", headers={"Host": "127.0.0.1"})
            assert response.status == 200
            assert b"Nama pengguna" in body
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
        deadline = time.monotonic() + 10
        while not _gone(children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _gone(children)


def test_when_one_process_dies_the_server_stops_with_status_1(install):
    with served(install, "--processes", "2") as (_port, process):
        children = _forked(process.pid, 2)
        assert len(children) == 2
        os.kill(children[0], signal.SIGKILL)
        assert process.wait(timeout=20) == 1
        out, err = process.communicate(timeout=5)
        assert "2 proses / processes" in out
        assert "PAYUNG_CACHE_URL" in err  # said once: each process keeps its own cache


def test_with_a_redis_url_the_processes_share_one_cache(install):
    redis = pytest.importorskip("redis")
    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    client.flushdb()
    env = {**install, "PAYUNG_CACHE_URL": f"redis://127.0.0.1:6379/{REDIS_DB}"}
    try:
        with served(env, "--processes", "2") as (port, process):
            for _ in range(4):
                response, _ = _request(port, "GET", "/publik/", headers={"Host": "127.0.0.1"})
                assert response.status == 200
            keys = {key.decode() for key in client.keys("payung:*")}
            assert "payung:1:publik:list:id:html" in keys
            process.terminate()
            _out, err = process.communicate(timeout=20)
            assert "PAYUNG_CACHE_URL" not in err
    finally:
        client.flushdb()
