"""Finance work as background jobs: the monthly arrears update of a programme (ADR 0012)."""

from __future__ import annotations

from collections.abc import Callable

from payung.domain.period import Month
from payung.finance.services import ARREARS_JOB, arrears_update
from payung.jobs.models import Job
from payung.jobs.services import handler, job_actor
from payung.programmes.models import Programme


@handler(ARREARS_JOB)
def run_arrears(job: Job, progress: Callable[[int, int], None]) -> None:
    programme = Programme.objects.get(pk=job.params["programme"])
    result = arrears_update(
        actor=job_actor(job), programme=programme, as_of=Month.parse(job.params["as_of"])
    )
    progress(result.checked, result.checked)
