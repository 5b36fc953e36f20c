"""Reports built in the background and kept for download (issue 14 item 2, ADR 0046).

A whole-regency report reads every village of a programme; building it and its PDF takes longer
than a page should wait. ``kept_request`` records a :class:`ReportFile` and queues the job
``report.build``; the job builds the report with the kind's builder as the user who asked
(``job_actor``: the same scope as the page), renders its XLSX and PDF, seals both with the
installation's data key and keeps them. ``kept_open`` gives a file back to a reader in the
region, audited.

``KINDS`` names what may be kept: each kind's builder is a pure function of the actor and the
parameters (``payung.reports.report.Report`` out); its parameters are region codes and a year or a
month, never personal data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from payung.access.actor import Actor, actor_pk
from payung.access.scope import require, require_region, scoped
from payung.audit.services import audit_record
from payung.domain.errors import DomainError, register
from payung.domain.roles import Capability
from payung.jobs.models import Job
from payung.jobs.services import handler, job_actor, job_enqueue
from payung.programmes.models import Programme
from payung.registry import crypto
from payung.reports.models import ReportFile
from payung.reports.render import report_pdf, report_xlsx
from payung.reports.report import Report

JOB: Final = "report.build"
CONTEXT: Final = "report_file"  # the sealing context of a kept report's files

KIND_UNKNOWN: Final = register(
    "report_file.kind",
    id="Jenis laporan ini tidak dapat dibuat di latar belakang.",
    en="This kind of report cannot be built in the background.",
)
REGION_OUTSIDE: Final = register(
    "report_file.region",
    id="Wilayah {region} tidak termasuk dalam program {programme}.",
    en="Region {region} is not part of the programme {programme}.",
)
WHOLE_REGENCY: Final = register(
    "report_file.whole_regency",
    id="Laporan ini dibuat untuk seluruh wilayah program {programme}, bukan untuk sebagian.",
    en="This report is built for the whole region of the programme {programme}, not a part.",
)
NOT_READY: Final = register(
    "report_file.not_ready",
    id="Laporan ini belum selesai dibuat; tunggu sampai statusnya Selesai.",
    en="This report is not finished yet; wait until its status is Done.",
)

Builder = Callable[[Actor, Programme, dict[str, Any]], Report]


@dataclass(frozen=True)
class Kind:
    key: str
    title: Callable[[], str]  # the title for the list, in the active language
    build: Builder
    period: str = "year"  # what the request names: "year" (params["year"]) or "month" ("YYYY-MM")
    whole_regency: bool = True  # built for the programme's regency only (not one of its regions)


KINDS: dict[str, Kind] = {}


def kind(key: str, title: Callable[[], str], period: str = "year") -> Callable[[Builder], Builder]:
    """Register ``key`` as a kind of report that can be kept, built by the decorated function."""

    def register_builder(build: Builder) -> Builder:
        KINDS[key] = Kind(key, title, build, period)
        return build

    return register_builder


FORMATS: Final = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class Opened:
    file_name: str
    content_type: str
    data: bytes


def kept_request(
    *,
    actor: Actor,
    kind_key: str,
    programme: Programme,
    region_code: str,
    params: dict[str, Any],
    language: str = "id",
) -> ReportFile:
    """Queue ``kind_key`` for ``region_code`` of ``programme``: a reader of the programme may ask
    for a report of any region within their own (a regency user for the regency, a village
    operator for the village)."""
    require(actor, Capability.VIEW_PROGRAMMES)
    if kind_key not in KINDS:
        raise DomainError(KIND_UNKNOWN)
    if not scoped(Programme.objects.filter(pk=programme.pk), actor).exists():
        raise Http404
    regency = programme.regency_id
    if region_code != regency and not region_code.startswith(regency + "."):
        raise DomainError(REGION_OUTSIDE, region=region_code, programme=programme.name)
    if KINDS[kind_key].whole_regency and region_code != regency:
        raise DomainError(WHOLE_REGENCY, programme=programme.name)
    require_region(actor, region_code)  # 403 for a reader who does not hold the region
    with translation.override(language):
        title = KINDS[kind_key].title()
    with transaction.atomic():
        kept = ReportFile.objects.create(
            kind=kind_key,
            title=title,
            programme=programme,
            region_id=region_code,
            params={**params, "region": region_code},
            language=language,
            created_by_id=actor_pk(actor),
        )
        kept.job = job_enqueue(
            actor=actor, kind=JOB, params={"report_file": kept.pk}, region_code=region_code
        )
        kept.save(update_fields=["job"])
        audit_record(
            actor=actor,
            action="report_file.request",
            target=kept,
            after={"kind": kind_key, "programme": programme.pk, "params": kept.params},
        )
    return kept


@handler(JOB)
def kept_build(job: Job, progress: Callable[[int, int], None]) -> None:
    """Build, render and keep one report: three steps, each one reported."""
    kept = ReportFile.objects.select_related("programme").get(pk=job.params["report_file"])
    actor = job_actor(job)
    with translation.override(kept.language):
        progress(0, 3)
        report = KINDS[kept.kind].build(actor, kept.programme, dict(kept.params))
        progress(1, 3)
        xlsx = report_xlsx(report)
        progress(2, 3)
        pdf = report_pdf(report)
    with transaction.atomic():
        kept.xlsx = crypto.seal(xlsx, context=CONTEXT)
        kept.pdf = crypto.seal(pdf, context=CONTEXT)
        kept.xlsx_size, kept.pdf_size = len(xlsx), len(pdf)
        kept.finished_at = timezone.now()
        kept.save(update_fields=["xlsx", "pdf", "xlsx_size", "pdf_size", "finished_at"])
        audit_record(
            actor=actor,
            action="report_file.build",
            target=kept,
            after={"xlsx_bytes": len(xlsx), "pdf_bytes": len(pdf)},
        )
    progress(3, 3)


def kept_list(*, user: Actor) -> QuerySet[ReportFile]:
    """The kept reports of the reader's region, newest first, with their jobs."""
    require(user, Capability.VIEW_PROGRAMMES)
    return scoped(ReportFile.objects.select_related("job", "programme", "region"), user).defer(
        "xlsx", "pdf"
    )


def kept_get(*, user: Actor, pk: int) -> ReportFile:
    found = kept_list(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def file_name(kept: ReportFile, fmt: str) -> str:
    """``laporan-<kind>-<region digits>-<pk>.<fmt>``: no name, no NIK."""
    return f"laporan-{kept.kind}-{kept.region_id.replace('.', '')}-{kept.pk}.{fmt}"


def kept_open(*, actor: Actor, kept: ReportFile, fmt: str) -> Opened:
    """One kept file for a reader in its region (reached through ``kept_get``); audited."""
    if fmt not in FORMATS:
        raise Http404
    require_region(actor, kept.region_id)
    if not kept.ready:
        raise DomainError(NOT_READY)
    sealed = (
        ReportFile.objects.filter(pk=kept.pk).values_list(fmt, flat=True).first()
    )  # the deferred column, read only now
    if sealed is None:
        raise DomainError(NOT_READY)
    data = crypto.unseal(bytes(sealed), context=CONTEXT)
    audit_record(
        actor=actor,
        action="report_file.download",
        target=kept,
        after={"format": fmt, "bytes": len(data)},
    )
    return Opened(file_name(kept, fmt), FORMATS[fmt], data)


def status_text(kept: ReportFile) -> str:
    """The state of a kept report in words, for its row in the list."""
    if kept.ready:
        return _("Done")
    job = kept.job
    if job is None:
        return _("Stopped")
    if job.status == "failed":
        return _("Failed: %(reason)s") % {"reason": job.error_message or _("unknown error")}
    if job.status == "running":
        return _("Building… %(percent)s%%") % {"percent": job.percent}
    return _("Waiting to start")
