"""Import pages: upload, preview, column mapping, commit, progress, error workbook, template.

Validation and commit run as background jobs (``payung.jobs``): the page polls the job's
progress with HTMX, so a 100,000-row file never holds a web request open.
"""

from __future__ import annotations

from string import Formatter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from payung.access.scope import require, scoped
from payung.domain.errors import DomainError, catalogue, message_for
from payung.domain.headers import Field
from payung.domain.occupations import OCCUPATIONS
from payung.domain.regions import Level
from payung.domain.roles import Capability
from payung.imports.cells import decode_cells
from payung.imports.models import BatchStatus, CommitMode, ImportBatch, RowOutcome
from payung.imports.probable import PROBABLE_CODES
from payung.imports.selectors import (
    import_batch_get,
    import_batch_job,
    import_batch_list,
    import_rows_probable,
    import_rows_sample,
)
from payung.imports.services import IMPORT_NOT_ALL_VALID, batch_commit_check, batch_upload
from payung.imports.uploads import upload_path, upload_too_large
from payung.imports.workbooks import build_error_workbook, build_template
from payung.jobs.services import job_enqueue
from payung.programmes.selectors import programme_get, programme_list
from payung.regions.models import Region

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _lang() -> str:
    return get_language() or "id"


def _enqueue(request: HttpRequest, batch: ImportBatch, kind: str, **params: object) -> None:
    job_enqueue(
        actor=request.user,
        kind=kind,
        params={"batch": batch.pk, **params},
        region_code=batch.scope_region_id,
    )


def _xlsx_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def import_list_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(import_batch_list(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "imports/batch_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def import_new_view(request: HttpRequest) -> HttpResponse:
    require(request.user, Capability.COLLECT_DATA)
    programmes = list(programme_list(user=request.user))
    error = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            programme = programme_get(user=request.user, pk=int(request.POST.get("programme", 0)))
        except (ValueError, TypeError):
            programme = None
        if upload is None or programme is None:
            error = _("Choose a programme and a file.")
        elif too_large := upload_too_large(upload, _lang()):
            error = too_large
        else:
            with upload_path(upload) as path:
                try:
                    with transaction.atomic():
                        result = batch_upload(
                            actor=request.user,
                            programme=programme,
                            path=path,
                            file_name=upload.name,
                            village_code=request.POST.get("village") or None,
                        )
                        if not result.reopened:
                            _enqueue(request, result.batch, "import.validate")
                except DomainError as refusal:
                    error = refusal.message(_lang())
                else:
                    if result.reopened:
                        messages.info(
                            request, _("This file was uploaded before: here is that import.")
                        )
                    return redirect("import_detail", pk=result.batch.pk)
    villages = scoped(Region.objects.filter(level=Level.VILLAGE, active=True), request.user)
    return render(
        request,
        "imports/batch_new.html",
        {"programmes": programmes, "villages": villages[:1000], "error": error},
    )


def _job_context(batch: ImportBatch) -> dict[str, object]:
    """What the progress fragment needs; polled every second, so nothing else is read here."""
    job = import_batch_job(batch)
    return {
        "batch": batch,
        "job": job,
        "running": job is not None and job.status in ("queued", "running"),
    }


def _detail_context(batch: ImportBatch) -> dict[str, object]:
    refusal = (
        message_for(batch.refusal_code, _lang(), **batch.refusal_params)
        if batch.refusal_code
        else ""
    )
    notes = [message_for(code, _lang()) for code in batch.summary.get("notes", [])]
    codes = sorted(batch.summary.get("codes", {}).items(), key=lambda item: -item[1])
    labels = {value: str(label) for value, label in RowOutcome.choices}
    return {
        **_job_context(batch),
        "refusal": refusal,
        "notes": notes,
        "codes": [
            (code, count, _kind_text(code, batch.summary.get("examples", {}).get(code)))
            for code, count in codes
        ],
        # In the catalogue's order, whatever order the database kept the summary's keys in.
        "outcomes": [
            (label, batch.summary["outcomes"][value])
            for value, label in labels.items()
            if value in batch.summary.get("outcomes", {})
        ],
        "sample": [
            (labels.get(outcome, outcome), [_with_messages(row) for row in rows])
            for outcome, rows in (
                import_rows_sample(batch) if batch.status != BatchStatus.REFUSED else {}
            ).items()
        ],
        "probable_count": batch.summary.get("probable_duplicates", 0),
        "probable": (
            [_with_messages(row) for row in import_rows_probable(batch)]
            if batch.summary.get("probable_duplicates")
            else []
        ),
        "invalid": batch.rows_left_out(),
        "to_save": batch.rows_to_save(),
        "modes": CommitMode.choices,
    }


def _with_messages(entry: dict[str, Any]) -> dict[str, Any]:
    """A preview row with each problem's message in the reader's language."""
    return {
        **entry,
        "issues": [
            {**issue, "text": message_for(issue["code"], _lang(), **issue.get("params", {}))}
            for issue in entry["issues"]
        ],
    }


def _kind_text(code: str, example: dict[str, Any] | None) -> str:
    """One kind of problem in words: its first row's message, filled with that row's values."""
    if example is not None:
        text = message_for(code, _lang(), **example.get("params", {}))
        return _("%(problem)s (first in row %(row)s)") % {"problem": text, "row": example["row"]}
    # A batch validated before examples were kept: the template, its values left out.
    return message_for(code, _lang(), **_placeholders(code))


def _placeholders(code: str) -> dict[str, str]:
    """Fill a message template's placeholders with "…" for the per-code summary line."""
    text = catalogue()[code].text(_lang())
    return {name: "…" for _, name, _, _ in Formatter().parse(text) if name}


@login_required
@require_GET
def import_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = import_batch_get(user=request.user, pk=pk)
    context = _detail_context(batch)
    if request.GET.get("refused") == CommitMode.ALL_VALID and not context["running"]:
        try:
            batch_commit_check(batch=batch, mode=CommitMode.ALL_VALID)
        except DomainError as refusal:
            if refusal.code == IMPORT_NOT_ALL_VALID:
                context["commit_refusal"] = refusal.message(_lang())
    return render(request, "imports/batch_detail.html", context)


@login_required
@require_GET
def import_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = import_batch_get(user=request.user, pk=pk)
    context = _job_context(batch)
    if not context["running"] and request.htmx:
        # The job has finished: reload the whole page to show the preview.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "imports/_status.html", context)


@login_required
@require_POST
def import_commit_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = import_batch_get(user=request.user, pk=pk)
    mode = request.POST.get("mode", CommitMode.ALL_VALID)
    if mode not in CommitMode.values:
        messages.error(
            request, message_for("import.state", _lang(), status=batch.status, step="commit")
        )
        return redirect("import_detail", pk=pk)
    try:
        batch_commit_check(batch=batch, mode=CommitMode(mode), statuses=(BatchStatus.VALIDATED,))
    except DomainError as refusal:
        if refusal.code == IMPORT_NOT_ALL_VALID:
            # The preview says why nothing was saved and offers "valid rows only" (PRG).
            return redirect(f"{reverse('import_detail', args=[pk])}?refused={mode}#commit")
        messages.error(request, refusal.message(_lang()))
        return redirect("import_detail", pk=pk)
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        running = import_batch_job(locked)
        if running is None or running.status not in ("queued", "running"):
            _enqueue(request, batch, "import.commit", mode=mode)
    return redirect("import_detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def import_mapping_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = import_batch_get(user=request.user, pk=pk)
    headers = batch.summary.get("headers", [])
    if request.method == "POST" and batch.status in (
        BatchStatus.NEEDS_MAPPING,
        BatchStatus.VALIDATED,
    ):
        mapping = {
            str(i): request.POST[f"col{i}"]
            for i in range(len(headers))
            if request.POST.get(f"col{i}") in Field.__members__.values()
        }
        with transaction.atomic():
            _enqueue(request, batch, "import.validate", mapping=mapping)
        return redirect("import_detail", pk=pk)
    return render(
        request,
        "imports/batch_mapping.html",
        {"batch": batch, "headers": list(enumerate(headers)), "fields": list(Field)},
    )


@login_required
@require_GET
def import_errors_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = import_batch_get(user=request.user, pk=pk)
    headers = batch.summary.get("headers") or [f"{Field(f).value}" for f in batch.mapping.values()]
    problems = []
    # The rows left out, and the probable duplicates (saved, but worth a look; their cells kept).
    rows = batch.rows.exclude(outcome=RowOutcome.VALID) | batch.rows.filter(payload__isnull=False)
    for row in rows.order_by("row_number"):
        if row.outcome == RowOutcome.VALID and not any(
            issue["code"] in PROBABLE_CODES for issue in row.issues
        ):
            continue
        text = "\n".join(message_for(i["code"], "id", **i.get("params", {})) for i in row.issues)
        # A row refused only at commit may have no kept cells; its number still finds it.
        cells = decode_cells(row.payload) if row.payload else []
        problems.append((row.row_number, cells, text))
    return _xlsx_response(
        build_error_workbook(headers=headers, rows=problems), f"import-{batch.pk}-masalah.xlsx"
    )


@login_required
@require_GET
def import_template_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get(user=request.user, pk=pk)
    require(request.user, Capability.COLLECT_DATA)
    villages = scoped(
        Region.objects.filter(
            level=Level.VILLAGE, active=True, code__startswith=programme.regency_id + "."
        ),
        request.user,
    )
    content = build_template(
        villages=[(v.code, v.name) for v in villages],
        occupations=[(o.code, o.name_id) for o in OCCUPATIONS],
        programme_name=str(programme),
    )
    return _xlsx_response(content, f"template-pendataan-{programme.pk}.xlsx")
