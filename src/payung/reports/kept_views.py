"""The kept reports' pages (ADR 0046): the list with each report's progress, the request, and
the download. Thin: the work is in ``payung.reports.kept``."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from payung.access.actor import actor_of
from payung.domain.errors import DomainError
from payung.domain.period import Month
from payung.edge.pages import language, say_refusal
from payung.jobs.services import job_kick
from payung.programmes.selectors import programme_chosen, programme_list
from payung.reports.kept import KINDS, kept_get, kept_list, kept_open, kept_request, status_text

SHOWN = 50  # the newest kept reports listed


class KeptForm(forms.Form):
    kind = forms.CharField(max_length=40)
    programme = forms.IntegerField(min_value=1)
    year = forms.IntegerField(min_value=2000, max_value=2999, required=False)
    month = forms.CharField(max_length=7, required=False)


def _rows(request: HttpRequest) -> tuple[list[dict[str, object]], bool]:
    rows = []
    running = False
    for kept in kept_list(user=actor_of(request))[:SHOWN]:
        busy = not kept.ready and kept.job is not None and kept.job.status in ("queued", "running")
        running = running or busy
        rows.append(
            {
                "kept": kept,
                "status": status_text(kept),
                "busy": busy,
                "percent": kept.job.percent if kept.job is not None else 0,
            }
        )
    return rows, running


@login_required
@require_GET
def kept_list_view(request: HttpRequest) -> HttpResponse:
    rows, running = _rows(request)
    if running:
        job_kick()  # a queued report with no worker (a lost start) is picked up by the next poll
    template = (
        "reports/_kept_rows.html" if request.headers.get("HX-Request") else "reports/kept_list.html"
    )
    actor = actor_of(request)
    return render(
        request,
        template,
        {
            "rows": rows,
            "running": running,
            "kinds": [(k.key, k.title(), k.period) for k in KINDS.values()],
            "programmes": programme_list(user=actor),
            "region": actor.region_code,
        },
    )


@login_required
@require_POST
def kept_request_view(request: HttpRequest) -> HttpResponse:
    form = KeptForm(request.POST)
    actor = actor_of(request)
    programme = programme_chosen(user=actor, pk=chosen_pk_of(form))
    if not form.is_valid() or programme is None or form.cleaned_data["kind"] not in KINDS:
        messages.error(request, _("Choose a kind of report and a programme."))
        return redirect("kept_list")
    kind = KINDS[form.cleaned_data["kind"]]
    params: dict[str, object] = {}
    try:
        if kind.period == "month":
            params["month"] = str(Month.parse(form.cleaned_data["month"] or ""))
        else:
            params["year"] = form.cleaned_data["year"] or programme.year
        own = actor.region_code
        in_programme = own is not None and own.code.startswith(programme.regency_id)
        region = (
            own.code if in_programme and own is not None and not kind.whole_regency else None
        ) or programme.regency_id
        kept = kept_request(
            actor=actor,
            kind_key=kind.key,
            programme=programme,
            region_code=region,
            params=params,
            language=language(),
        )
    except DomainError as refusal:
        say_refusal(request, refusal)
    else:
        messages.success(
            request,
            _("“%(title)s” is being built in the background; it will be listed here when done.")
            % {"title": kept.title},
        )
    return redirect("kept_list")


def chosen_pk_of(form: KeptForm) -> int | None:
    value = form.data.get("programme", "")
    return int(value) if isinstance(value, str) and value.isdigit() else None


@login_required
@require_GET
def kept_download_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    actor = actor_of(request)
    kept = kept_get(user=actor, pk=pk)
    try:
        opened = kept_open(actor=actor, kept=kept, fmt=fmt)
    except DomainError as refusal:
        say_refusal(request, refusal)
        return redirect("kept_list")
    response = HttpResponse(opened.data, content_type=opened.content_type)
    response["Content-Disposition"] = f'attachment; filename="{opened.file_name}"'
    response["Cache-Control"] = "no-store"
    return response
