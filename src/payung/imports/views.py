"""Import pages: upload, preview, column mapping, commit, progress, error workbook, template.

Validation and commit run as background jobs (``payung.jobs``): the page polls the job's
progress with HTMX, so a 100,000-row file never holds a web request open.
"""

from __future__ import annotations

from string import Formatter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from payung.access.actor import actor_of
from payung.access.scope import require
from payung.domain.errors import DomainError, catalogue, message_for
from payung.domain.headers import Field
from payung.domain.occupations import OCCUPATIONS
from payung.domain.roles import Capability
from payung.edge.forms import parsed
from payung.edge.pages import XLSX, attachment, language, page_of, say_refusal
from payung.files.uploads import upload_path, upload_too_large
from payung.files.workbooks import build_error_workbook
from payung.imports.cells import decode_cells
from payung.imports.forms import CommitForm, DetailForm, MappingForm, UploadForm
from payung.imports.models import BatchStatus, CommitMode, ImportBatch, RowOutcome
from payung.imports.selectors import (
    import_batch_get,
    import_batch_job,
    import_batch_list,
    import_rows_probable,
    import_rows_sample,
    import_rows_to_fix,
)
from payung.imports.services import (
    IMPORT_NOT_ALL_VALID,
    batch_commit_check,
    import_commit_request,
    import_mapping_request,
    import_upload_request,
)
from payung.imports.template import build_template
from payung.jobs.services import job_kick
from payung.programmes.selectors import programme_get, programme_list
from payung.regions.selectors import village_choices


@login_required
@require_GET
def import_list_view(request: HttpRequest) -> HttpResponse:
    page = page_of(request, import_batch_list(user=actor_of(request)), 30)
    return render(request, "imports/batch_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def import_new_view(request: HttpRequest) -> HttpResponse:
    require(actor_of(request), Capability.COLLECT_DATA)
    programmes = list(programme_list(user=actor_of(request)))
    error = None
    if request.method == "POST":
        form = UploadForm(request.POST)
        upload = request.FILES.get("file")
        programme = (
            programme_get(user=actor_of(request), pk=form.cleaned_data["programme"])
            if form.is_valid()
            else None
        )
        if upload is None or programme is None:
            error = form.error_text()
        elif too_large := upload_too_large(upload, language()):
            error = too_large
        else:
            with upload_path(upload) as path:
                try:
                    result = import_upload_request(
                        actor=actor_of(request),
                        programme=programme,
                        path=path,
                        file_name=upload.name or "",
                        village_code=form.cleaned_data["village"],
                    )
                except DomainError as refusal:
                    error = refusal.message(language())
                else:
                    if result.reopened:
                        messages.info(
                            request, _("This file was uploaded before: here is that import.")
                        )
                    return redirect("import_detail", pk=result.batch.pk)
    villages = village_choices(user=actor_of(request))
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
    # The job first, then the batch: a job that finished between reading the batch and reading
    # the job would leave a page showing "uploaded" that never polls. A job writes its batch
    # before it is marked done, so a batch read after a finished job shows what the job left.
    jobbed = _job_context(batch)
    if not jobbed["running"]:
        batch.refresh_from_db()
    refusal = (
        message_for(batch.refusal_code, language(), **batch.refusal_params)
        if batch.refusal_code
        else ""
    )
    notes = [message_for(code, language()) for code in batch.summary.get("notes", [])]
    codes = sorted(batch.summary.get("codes", {}).items(), key=lambda item: -item[1])
    labels = {value: str(label) for value, label in RowOutcome.choices}
    return {
        **jobbed,
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
            {**issue, "text": message_for(issue["code"], language(), **issue.get("params", {}))}
            for issue in entry["issues"]
        ],
    }


def _kind_text(code: str, example: dict[str, Any] | None) -> str:
    """One kind of problem in words: its first row's message, filled with that row's values."""
    if example is not None:
        text = message_for(code, language(), **example.get("params", {}))
        return _("%(problem)s (first in row %(row)s)") % {"problem": text, "row": example["row"]}
    # A batch validated before examples were kept: the template, its values left out.
    return message_for(code, language(), **_placeholders(code))


def _placeholders(code: str) -> dict[str, str]:
    """Fill a message template's placeholders with "…" for the per-code summary line."""
    text = catalogue()[code].text(language())
    return {name: "…" for _, name, _, _ in Formatter().parse(text) if name}


@login_required
@require_GET
def import_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = import_batch_get(user=actor_of(request), pk=pk)
    context = _detail_context(batch)
    if parsed(DetailForm(request.GET))["refused"] and not context["running"]:
        try:
            batch_commit_check(batch=batch, mode=CommitMode.ALL_VALID)
        except DomainError as refusal:
            if refusal.code == IMPORT_NOT_ALL_VALID:
                context["commit_refusal"] = refusal.message(language())
    return render(request, "imports/batch_detail.html", context)


@login_required
@require_GET
def import_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = import_batch_get(user=actor_of(request), pk=pk)
    context = _job_context(batch)
    if context["running"]:
        job_kick()  # a queued job with no worker (a lost start) is picked up by the next poll
    if not context["running"] and request.htmx:
        # The job has finished: reload the whole page to show the preview.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "imports/_status.html", context)


@login_required
@require_POST
def import_commit_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = import_batch_get(user=actor_of(request), pk=pk)
    mode = parsed(CommitForm(request.POST))["mode"]
    try:
        import_commit_request(actor=actor_of(request), batch=batch, mode=mode)
    except DomainError as refusal:
        if refusal.code == IMPORT_NOT_ALL_VALID:
            # The preview says why nothing was saved and offers "valid rows only" (PRG).
            return redirect(f"{reverse('import_detail', args=[pk])}?refused={mode}#commit")
        say_refusal(request, refusal)
    return redirect("import_detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def import_mapping_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = import_batch_get(user=actor_of(request), pk=pk)
    headers = batch.summary.get("headers", [])
    if request.method == "POST":
        columns = MappingForm(request.POST, columns=len(headers)).columns()
        try:
            import_mapping_request(actor=actor_of(request), batch=batch, columns=columns)
        except DomainError as refusal:
            say_refusal(request, refusal)
        else:
            return redirect("import_detail", pk=pk)
    return render(
        request,
        "imports/batch_mapping.html",
        {"batch": batch, "headers": list(enumerate(headers)), "fields": list(Field)},
    )


@login_required
@require_GET
def import_errors_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = import_batch_get(user=actor_of(request), pk=pk)
    headers = batch.summary.get("headers") or [f"{Field(f).value}" for f in batch.mapping.values()]
    problems = []
    for row in import_rows_to_fix(batch):
        text = "\n".join(message_for(i["code"], "id", **i.get("params", {})) for i in row.issues)
        # A row refused only at commit may have no kept cells; its number still finds it.
        cells = decode_cells(row.payload) if row.payload else []
        problems.append((row.row_number, cells, text))
    return attachment(
        f"import-{batch.pk}-masalah.xlsx",
        XLSX,
        build_error_workbook(headers=headers, rows=problems),
    )


@login_required
@require_GET
def import_template_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get(user=actor_of(request), pk=pk)
    require(actor_of(request), Capability.COLLECT_DATA)
    villages = village_choices(user=actor_of(request), within=programme.regency_id)
    content = build_template(
        villages=[(v.code, v.name) for v in villages],
        occupations=[(o.code, o.name_id) for o in OCCUPATIONS],
        programme_name=str(programme),
    )
    return attachment(f"template-pendataan-{programme.pk}.xlsx", XLSX, content)
