"""Background jobs: claimed once, progress recorded, failures kept, dead workers recovered."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from payung.domain.errors import DomainError
from payung.jobs import services
from payung.jobs.models import Job, JobStatus
from payung.regions.models import Region
from tests.builders import COMMAND_LINE

pytestmark = pytest.mark.django_db


@pytest.fixture
def kinds():
    calls = []

    @services.handler("test.ok")
    def ok(job, progress):
        progress(5, 10)
        calls.append(job.pk)

    @services.handler("test.refused")
    def refused(job, progress):
        raise DomainError("import.not_all_valid", invalid=3, valid=2)

    @services.handler("test.bug")
    def bug(job, progress):
        raise ZeroDivisionError

    return calls


def _enqueue(kind, settings):
    settings.PAYUNG_JOBS = "worker"
    return services.job_enqueue(actor=COMMAND_LINE, kind=kind, params={}, region_code="32.01")


def test_a_job_runs_once_and_records_progress(kinds, settings):
    job = _enqueue("test.ok", settings)
    assert services.job_run_pending() == 1
    assert services.job_run_pending() == 0
    job.refresh_from_db()
    assert (job.status, job.progress_done, job.progress_total, job.attempts) == ("done", 5, 10, 1)
    assert kinds == [job.pk]


def test_a_refusal_is_kept_with_its_code_and_indonesian_message(kinds, settings):
    job = _enqueue("test.refused", settings)
    services.job_run_pending()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error_code == "import.not_all_valid"
    assert "3 baris" in job.error_message


def test_a_crash_is_retried_then_failed(kinds, settings):
    job = _enqueue("test.bug", settings)
    services.job_run_pending()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error_code) == ("failed", 3, "job.crashed")


def test_a_job_whose_worker_died_is_taken_again_after_its_lease(kinds, settings):
    job = _enqueue("test.ok", settings)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=1, lease_until=timezone.now() - timedelta(seconds=1)
    )
    assert services.job_run_pending() == 1
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 2)


def test_unknown_kinds_are_refused_at_enqueue(settings):
    with pytest.raises(KeyError):
        _enqueue("no.such.kind", settings)


@pytest.mark.django_db(transaction=True)
def test_a_queued_job_whose_start_was_lost_is_picked_up_by_a_kick(kinds, settings):
    # Queued with no worker (as if the start after commit was lost), then a watching page kicks.
    # (A transactional test starts from an empty database: the job's region is made here.)
    province = Region.objects.get_or_create(code="32", defaults={"name": "Jawa Barat", "level": 1})
    Region.objects.get_or_create(
        code="32.01", defaults={"name": "Bogor", "level": 2, "parent": province[0]}
    )
    job = _enqueue("test.ok", settings)
    settings.PAYUNG_JOBS = "thread"
    assert services.job_kick() is True
    for _ in range(100):  # the worker is a thread: wait for it, at most 10 s
        job.refresh_from_db()
        if job.status == JobStatus.DONE:
            break
        time.sleep(0.1)
    assert (job.status, kinds) == ("done", [job.pk])
    assert services.job_kick() is False  # nothing waits: no worker is started
    settings.PAYUNG_JOBS = "worker"
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
    assert services.job_kick() is False  # the separate worker process runs jobs, not the page


def test_a_job_read_by_two_workers_at_once_is_run_by_one(kinds, settings, monkeypatch):
    # Worker A reads the job; before it takes it, worker B takes and runs it. A's take must fail
    # (compare-and-set on status and attempts) and A finds nothing else to do.
    job = _enqueue("test.ok", settings)
    real_first = services.Job.objects.none().__class__.first
    raced = []

    def first_then_race(queryset):
        found = real_first(queryset)
        if found is not None and not raced:
            raced.append(found.pk)
            Job.objects.filter(pk=found.pk).update(status=JobStatus.DONE, attempts=1)
        return found

    monkeypatch.setattr(type(Job.objects.all()), "first", first_then_race)
    assert services._claim() is None
    job.refresh_from_db()
    assert (job.status, job.attempts, raced) == ("done", 1, [job.pk])


@pytest.mark.django_db(transaction=True)
def test_a_worker_stuck_on_one_job_does_not_hold_up_the_next(settings):
    # An office install (PAYUNG_JOBS=thread): one job's handler hangs (a file share that stopped
    # answering); a job queued after it still runs, in another in-process worker.
    import threading

    province = Region.objects.get_or_create(code="32", defaults={"name": "Jawa Barat", "level": 1})
    Region.objects.get_or_create(
        code="32.01", defaults={"name": "Bogor", "level": 2, "parent": province[0]}
    )
    release, ran = threading.Event(), []

    @services.handler("test.stuck")
    def stuck(job, progress):
        release.wait(20)

    @services.handler("test.next")
    def following(job, progress):
        ran.append(job.pk)

    settings.PAYUNG_JOBS = "thread"
    try:
        services.job_enqueue(actor=COMMAND_LINE, kind="test.stuck", params={}, region_code="32.01")
        for _ in range(50):
            if Job.objects.filter(kind="test.stuck", status=JobStatus.RUNNING).exists():
                break
            time.sleep(0.1)
        following_job = services.job_enqueue(
            actor=COMMAND_LINE, kind="test.next", params={}, region_code="32.01"
        )
        for _ in range(100):
            following_job.refresh_from_db()
            if following_job.status == JobStatus.DONE:
                break
            time.sleep(0.1)
        assert (following_job.status, ran) == ("done", [following_job.pk])
        assert Job.objects.get(kind="test.stuck").status == JobStatus.RUNNING
    finally:
        release.set()
