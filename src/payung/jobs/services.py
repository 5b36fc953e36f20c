"""Queueing and running jobs.

``job_enqueue`` records a job in the caller's transaction. Who runs it depends on
``PAYUNG_JOBS``: ``"thread"`` (the default, for a single-office install) starts a worker thread in
the web process once the transaction commits; ``"worker"`` leaves it to ``payung worker``
processes, which claim jobs with ``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL; ``"inline"``
(tests) runs it at commit in the same thread. A job whose process died is taken again when its
lease has run out. Handlers are registered by kind and receive a progress callback.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from payung.access.actor import Actor, System, actor_pk
from payung.domain.errors import DomainError
from payung.jobs.models import Job, JobStatus

log = logging.getLogger(__name__)
Handler = Callable[[Job, Callable[[int, int], None]], None]
_HANDLERS: dict[str, Handler] = {}
LEASE = timedelta(minutes=10)
MAX_ATTEMPTS = 3
# In-process workers (PAYUNG_JOBS=thread): how many are alive, at most MAX_THREADS.
MAX_THREADS = 3
KICK_AFTER = timedelta(seconds=5)
_threads = 0
_threads_lock = threading.Lock()


def handler(kind: str) -> Callable[[Handler], Handler]:
    def register(function: Handler) -> Handler:
        _HANDLERS[kind] = function
        return function

    return register


def job_actor(job: Job) -> Actor:
    """Who a job acts as: the user who queued it, or (queued by an operator) the system, named
    after the job's kind — never nobody (ADR 0035)."""
    return job.created_by if job.created_by is not None else System(name=f"job {job.kind}")


def job_enqueue(*, actor: Actor, kind: str, params: dict[str, Any], region_code: str) -> Job:
    if kind not in _HANDLERS:
        raise KeyError(f"no job handler for {kind!r}")
    job = Job.objects.create(
        kind=kind,
        params=params,
        region_id=region_code,
        created_by_id=actor_pk(actor),
    )
    mode = getattr(settings, "PAYUNG_JOBS", "thread")
    if mode == "inline":
        transaction.on_commit(lambda: job_run_pending())
    elif mode == "thread":
        transaction.on_commit(_start_thread)
    return job


def _start_thread() -> None:
    def work() -> None:
        global _threads
        try:
            job_run_pending()
        finally:
            close_old_connections()
            with _threads_lock:
                _threads -= 1

    global _threads
    with _threads_lock:
        if _threads >= MAX_THREADS:
            return
        _threads += 1
    threading.Thread(target=work, name="payung-jobs", daemon=True).start()


def job_kick() -> bool:
    """Start an in-process worker for a job that no worker is taking (``PAYUNG_JOBS=thread``).

    A worker is started when a job is queued; a page that watches a job calls this too, so a start
    that was lost (a thread that could not open the database under load, a server restarted
    between queueing and running) or a worker busy with a long or stuck job does not leave the
    job waiting for ever: a job queued for ``KICK_AFTER`` with a worker alive gets another worker,
    up to ``MAX_THREADS``. Workers claim jobs one at a time with a compare-and-set, so two never
    run the same job. Returns whether a worker was started."""
    if getattr(settings, "PAYUNG_JOBS", "thread") != "thread":
        return False
    waiting = Job.objects.filter(status=JobStatus.QUEUED)
    if _threads:
        waiting = waiting.filter(created_at__lt=timezone.now() - KICK_AFTER)
    if _threads >= MAX_THREADS or not waiting.exists():
        return False
    _start_thread()
    return True


def _claim() -> Job | None:
    """Take the oldest job waiting (or whose lease ran out) for this worker, or None.

    PostgreSQL skips rows another worker has locked; on every database the update is a
    compare-and-set on the status and attempts read, so a job two workers read at once is run by
    one (the other tries the next)."""
    for _ in range(MAX_THREADS + 1):
        now = timezone.now()
        with transaction.atomic():
            candidates = Job.objects.filter(status=JobStatus.QUEUED) | Job.objects.filter(
                status=JobStatus.RUNNING, lease_until__lt=now
            )
            candidates = candidates.order_by("created_at", "id")
            if connection.features.has_select_for_update_skip_locked:
                candidates = candidates.select_for_update(skip_locked=True)
            job = candidates.first()
            if job is None:
                return None
            taken = Job.objects.filter(pk=job.pk, status=job.status, attempts=job.attempts).update(
                status=JobStatus.RUNNING,
                attempts=job.attempts + 1,
                lease_until=now + LEASE,
                started_at=job.started_at or now,
            )
            if taken:
                job.refresh_from_db()
                return job
    return None


def _progress(job: Job) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        Job.objects.filter(pk=job.pk).update(
            progress_done=done, progress_total=total, lease_until=timezone.now() + LEASE
        )

    return report


def job_run(job: Job) -> Job:
    try:
        _HANDLERS[job.kind](job, _progress(job))
    except DomainError as error:
        job.status, job.error_code = JobStatus.FAILED, error.code
        job.error_message = error.message("id")
    except Exception as error:
        # A bug: recorded for the operator and logged in full for the developers; the job is
        # retried up to MAX_ATTEMPTS in case the cause was passing (a locked database).
        log.exception("job %s (%s) failed", job.pk, job.kind)
        job.status = JobStatus.QUEUED if job.attempts < MAX_ATTEMPTS else JobStatus.FAILED
        job.error_code, job.error_message = "job.crashed", type(error).__name__
    else:
        job.status = JobStatus.DONE
    job.finished_at = timezone.now() if job.status != JobStatus.QUEUED else None
    job.lease_until = None
    job.save(update_fields=["status", "error_code", "error_message", "finished_at", "lease_until"])
    return job


def job_run_pending(limit: int | None = None) -> int:
    """Run queued jobs until none is left (or ``limit`` ran); returns how many ran."""
    ran = 0
    while limit is None or ran < limit:
        job = _claim()
        if job is None:
            break
        job_run(job)
        ran += 1
    return ran
