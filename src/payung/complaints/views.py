"""The complaints pages: the staff's queue, a complaint with its steps (closing through a
confirmation page) and filing for a resident; the public form and the status lookup by code and
PIN (posted, never in an address), guarded by a signed token, a hidden field and rate limits
(``payung.complaints.guard``, ADR 0043). The text, the name, the contact and the answer never
appear in an address or a log, and no public page is kept by a cache."""

from __future__ import annotations

from typing import Final

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from payung.access.actor import actor_of
from payung.access.scope import require
from payung.complaints import guard
from payung.complaints.forms import FilingForm, LookupForm, PublicFilingForm, QueueForm, StepForm
from payung.complaints.models import ComplaintCategory
from payung.complaints.selectors import (
    complaint_by_code,
    complaint_counts,
    complaint_get,
    complaint_list,
    public_village_groups,
    village_groups,
)
from payung.complaints.services import (
    PUBLIC_FORM,
    Filing,
    Step,
    complaint_file,
    complaint_move,
    complaint_tell,
)
from payung.complaints.words import waiting_on
from payung.domain.errors import DomainError
from payung.domain.roles import Capability
from payung.edge.confirm import Confirmation, ask, confirmed, has_token, refuse
from payung.edge.forms import accepted
from payung.edge.pages import address_language, language, page_of, say_refusal

# The largest public form body read (the text is at most 2,000 characters): bigger is refused.
MAX_BODY: Final = 32 * 1024


def _filing(data: dict[str, object]) -> Filing:
    return Filing(
        village_code=str(data["village"]),
        category=ComplaintCategory(str(data["category"])),
        text=str(data["text"]),
        name=str(data["name"]),
        contact=str(data.get("contact") or ""),
    )


@login_required
@require_GET
def complaint_list_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    status = QueueForm(request.GET).chosen()
    today = timezone.localdate()
    page = page_of(request, complaint_list(actor=actor, status=status))
    return render(
        request,
        "complaints/complaint_list.html",
        {
            "page": page,
            "rows": [(c, waiting_on(c, today)) for c in page],
            "counts": complaint_counts(actor=actor, today=today),
            "status": status,
            "statuses": QueueForm.base_fields["status"].choices[1:],
        },
    )


@login_required
@require_GET
def complaint_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    complaint = complaint_get(actor=actor, pk=pk)
    return render(
        request,
        "complaints/complaint_detail.html",
        {"complaint": complaint, "due": waiting_on(complaint, timezone.localdate())},
    )


@login_required
@require_POST
def complaint_step_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    complaint = complaint_get(actor=actor, pk=pk)
    form = StepForm(request.POST)
    if not accepted(request, form):
        return redirect("complaint_detail", pk=complaint.pk)
    step, now = form.cleaned_data["step"], timezone.now()
    try:
        if step == "tell":
            complaint_tell(actor=actor, complaint=complaint, now=now)
        else:
            complaint_move(
                actor=actor,
                complaint=complaint,
                step=Step(step),
                now=now,
                answer=form.cleaned_data["answer"],
            )
    except DomainError as refusal:
        say_refusal(request, refusal)
    else:
        messages.success(request, _("Step recorded."))
    return redirect("complaint_detail", pk=complaint.pk)


@login_required
@require_POST
def complaint_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Close an answered complaint: the first POST asks for a confirmation, the second, with its
    token, closes it."""
    actor = actor_of(request)
    complaint = complaint_get(actor=actor, pk=pk)
    back = reverse("complaint_detail", args=[complaint.pk])
    kind = f"complaint_close:{complaint.pk}"
    if has_token(request):
        if confirmed(request, kind) is None:
            refuse(request)
            return redirect(back)
        try:
            complaint_move(actor=actor, complaint=complaint, step=Step.CLOSE, now=timezone.now())
        except DomainError as refusal:
            say_refusal(request, refusal)
        else:
            messages.success(request, _("Complaint closed."))
        return redirect(back)
    require(actor, Capability.HANDLE_COMPLAINTS)
    return ask(
        request,
        Confirmation(
            title=_("Confirm closing the complaint"),
            summary=_("Close this answered complaint:"),
            button=_("Yes, close the complaint"),
            action_url=reverse("complaint_close", args=[complaint.pk]),
            cancel_url=back,
            people=[f"{complaint.code} · {complaint.village.name}"],
            details=[(_("Category"), str(complaint.get_category_display()))],
            consequences=[
                _("The complaint leaves the open queue; it can no longer be reopened."),
                *([] if complaint.told_at else [_("The answer is not yet recorded as told.")]),
            ],
        ),
        kind,
        {"pk": complaint.pk},
    )


@login_required
@require_http_methods(["GET", "POST"])
def complaint_new_view(request: HttpRequest) -> HttpResponse:
    """Filing for a resident; the tracking code and PIN are shown once, on the page that
    answers the POST."""
    actor = actor_of(request)
    require(actor, Capability.HANDLE_COMPLAINTS)
    groups = village_groups(actor=actor)
    form = FilingForm(request.POST if request.method == "POST" else None, groups=groups)
    error, filed = None, None
    if request.method == "POST":
        if not form.is_valid():
            error = form.error_text()
        else:
            try:
                filed = complaint_file(
                    actor=actor, filing=_filing(form.cleaned_data), now=timezone.now()
                )
            except DomainError as refusal:
                error = refusal.message(language())
    response = render(
        request,
        "complaints/complaint_new.html",
        {
            "form": form,
            "groups": groups,
            "categories": ComplaintCategory.choices,
            "error": error,
            "filed": filed,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


def _public(
    request: HttpRequest, template: str, context: dict[str, object], status: int = 200
) -> HttpResponse:
    lang = address_language(request)
    with translation.override(lang):
        response = render(request, template, {"lang": lang, **context}, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _too_big(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY
    except ValueError:
        return True


def _client(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "unknown")


@never_cache
@require_http_methods(["GET", "POST"])
def public_complaint_view(request: HttpRequest) -> HttpResponse:
    """The public form; after filing, the tracking code and PIN, shown once."""
    if request.method == "POST" and _too_big(request):
        return _public(request, "complaints/public_refused.html", {"too_big": True}, 413)
    groups = public_village_groups()
    form = PublicFilingForm(request.POST if request.method == "POST" else None, groups=groups)
    error, filed = None, None
    lang = address_language(request)
    if request.method == "POST":
        if not guard.allowed(_client(request), "file"):
            return _public(request, "complaints/public_refused.html", {}, 429)
        with translation.override(lang):
            if not form.is_valid():
                error = form.error_text()
            elif form.cleaned_data["website"] or not guard.token_fresh(form.cleaned_data["token"]):
                error = _(
                    "The form was sent too quickly or has been open too long; nothing was "
                    "filed. Check it and send it again."
                )
            else:
                try:
                    filed = complaint_file(
                        actor=PUBLIC_FORM, filing=_filing(form.cleaned_data), now=timezone.now()
                    )
                except DomainError as refusal:
                    error = refusal.message(lang)
    return _public(
        request,
        "complaints/public_form.html",
        {
            "form": form,
            "groups": groups,
            "categories": ComplaintCategory.choices,
            "error": error,
            "filed": filed,
            "token": guard.form_token(),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def public_status_view(request: HttpRequest) -> HttpResponse:
    """A complainant's own complaint, by the code and PIN posted; a wrong code or PIN is "not
    found", whichever was wrong."""
    if request.method == "POST" and _too_big(request):
        return _public(request, "complaints/public_refused.html", {"too_big": True}, 413)
    form = LookupForm(request.POST if request.method == "POST" else None)
    found, missing, error = None, False, None
    if request.method == "POST":
        if not guard.allowed(_client(request), "status"):
            return _public(request, "complaints/public_refused.html", {}, 429)
        with translation.override(address_language(request)):
            if not form.is_valid():
                error = form.error_text()
            else:
                data = form.cleaned_data
                found = complaint_by_code(code=data["code"], pin=data["pin"])
                missing = found is None
    return _public(
        request,
        "complaints/public_status.html",
        {"form": LookupForm(), "found": found, "missing": missing, "error": error},
    )
