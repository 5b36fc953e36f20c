"""Import stages as background jobs: a 100,000-row file never holds a web request."""

from __future__ import annotations

from collections.abc import Callable

from payung.access.actor import Actor
from payung.imports.models import CommitMode, ImportBatch
from payung.imports.services import batch_commit, batch_validate
from payung.jobs.models import Job
from payung.jobs.services import handler, job_actor


def _batch_and_actor(job: Job) -> tuple[ImportBatch, Actor]:
    return ImportBatch.objects.get(pk=job.params["batch"]), job_actor(job)


@handler("import.validate")
def run_validate(job: Job, progress: Callable[[int, int], None]) -> None:
    batch, actor = _batch_and_actor(job)
    batch_validate(actor=actor, batch=batch, mapping=job.params.get("mapping"), progress=progress)


@handler("import.commit")
def run_commit(job: Job, progress: Callable[[int, int], None]) -> None:
    batch, actor = _batch_and_actor(job)
    batch_commit(actor=actor, batch=batch, mode=CommitMode(job.params["mode"]), progress=progress)
