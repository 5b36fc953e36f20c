"""Registration batches (the BPJS liaison's pages), ending a cover, and the coverage check.

A worker's cover page shows finance's word on each month, so it is composed at the top
(``payung/web/people.py``).

NIKs and KPJs stay out of URLs: the coverage check takes the NIK in a POST form, pages carry ids.
Ending a coverage early is confirmed on a second page before anything changes (ADR 0027).
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from payung.access.actor import actor_of
from payung.domain.coverage import EndReason
from payung.domain.errors import DomainError
from payung.domain.roles import Capability
from payung.edge.confirm import Confirmation, ask, confirmed, has_token, refuse
from payung.edge.forms import accepted, parsed
from payung.edge.pages import (
    CSV,
    XLSX,
    attachment,
    chosen_pk,
    language,
    page_of,
    say_refusal,
)
from payung.enrolment.forms import BatchForm, CoverageCheckForm, EndForm, RenewalTargetForm
from payung.enrolment.models import CoverageEnd
from payung.enrolment.selectors import (
    batch_get,
    batch_lines,
    batch_list,
    coverage_on,
    enrolment_get,
    renewal_preview,
    renewal_target,
    renewal_targets,
)
from payung.enrolment.services import coverage_end as coverage_end_service
from payung.enrolment.services import (
    programme_renew,
    registration_answer_import,
    registration_batch_create,
    registration_export,
)
from payung.files.uploads import with_upload
from payung.programmes.selectors import programme_chosen, programme_get, programme_list


@login_required
@require_http_methods(["GET", "POST"])
def registration_list_view(request: HttpRequest) -> HttpResponse:
    programme = programme_chosen(user=actor_of(request), pk=chosen_pk(request, "programme"))
    batches = batch_list(user=actor_of(request), programme=programme) if programme else None
    if request.method == "POST" and programme is not None:
        try:
            batch = registration_batch_create(
                actor=actor_of(request),
                programme=programme,
                start_month=parsed(BatchForm(request.POST))["start_month"],
            )
        except DomainError as error:
            say_refusal(request, error)
        else:
            messages.success(request, _("Batch %(number)s created.") % {"number": batch.number})
            return redirect("registration_detail", pk=batch.pk)
    return render(
        request,
        "enrolment/registration_list.html",
        {
            "programme": programme,
            "programmes": programme_list(user=actor_of(request)),
            "batches": batches,
        },
    )


@login_required
@require_GET
def registration_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_get(user=actor_of(request), pk=pk)
    page = page_of(request, batch_lines(user=actor_of(request), batch=batch))
    return render(request, "enrolment/registration_detail.html", {"batch": batch, "page": page})


@login_required
@require_GET
def registration_export_view(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    batch = batch_get(user=actor_of(request), pk=pk)
    kind = "csv" if kind == "csv" else "xlsx"
    data = registration_export(actor=actor_of(request), batch=batch, kind=kind)
    name = f"pendaftaran-bpjs-{batch.programme_id}-{batch.number}.{kind}"
    # Full NIKs: never kept by a browser or proxy.
    return attachment(name, CSV if kind == "csv" else XLSX, data, no_store=True)


@login_required
@require_POST
def registration_answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = batch_get(user=actor_of(request), pk=pk)
    lang = language()
    result, error = with_upload(
        request.FILES.get("file"),
        lang,
        lambda path, name: registration_answer_import(
            actor=actor_of(request), batch=batch, path=path, file_name=name
        ),
    )
    if error is not None:
        messages.error(request, error)
    elif result is not None:
        messages.success(
            request,
            _("Registered %(registered)s, refused %(refused)s, unchanged %(unchanged)s.")
            % {
                "registered": result.registered,
                "refused": result.refused,
                "unchanged": result.unchanged,
            },
        )
        for number, problem in result.problems[:20]:
            messages.error(request, f"{_('Row')} {number}: {problem.message(lang)}")
    return redirect("registration_detail", pk=batch.pk)


@login_required
@require_http_methods(["GET", "POST"])
def coverage_check_view(request: HttpRequest) -> HttpResponse:
    """Was this NIK covered on this day? The NIK comes in the POST body, never the URL."""
    answer, error = None, None
    day = timezone.localdate()
    if request.method == "POST":
        form = CoverageCheckForm(request.POST)
        if form.is_valid():
            day = form.cleaned_data["day"]
            try:
                answer = coverage_on(user=actor_of(request), nik=form.cleaned_data["nik"], day=day)
            except DomainError as refusal:
                error = refusal.message(language())
        else:
            error = form.error_text()
    return render(
        request, "enrolment/coverage_check.html", {"answer": answer, "error": error, "day": day}
    )


@login_required
@require_POST
def enrolment_end_view(request: HttpRequest, pk: int) -> HttpResponse:
    """End the cover early: the first POST checks the date and reason and asks for a
    confirmation; the second, with its token, ends it."""
    enrolment = enrolment_get(user=actor_of(request), pk=pk)
    if not actor_of(request).can(Capability.VERIFY):
        raise PermissionDenied
    back = reverse("enrolment_detail", args=[enrolment.pk])
    kind = f"coverage_end:{enrolment.pk}"
    if has_token(request):
        decision = confirmed(request, kind)
        if decision is None:
            refuse(request)
            return redirect(back)
        on, reason, note = date.fromisoformat(decision["on"]), decision["reason"], decision["note"]
        try:
            coverage_end_service(
                actor=actor_of(request),
                enrolment=enrolment,
                on=on,
                reason=EndReason(reason),
                note=note,
            )
        except DomainError as error:
            say_refusal(request, error)
        else:
            messages.success(request, _("Coverage ended; the place is free again."))
        return redirect(back)
    form = EndForm(request.POST)
    if not accepted(request, form):
        return redirect(back)
    data = form.cleaned_data
    on, reason, note = data["on"], data["reason"], data["note"]
    person = enrolment.person
    details = [
        (_("Programme"), str(enrolment.programme)),
        (_("Ends on"), on.strftime("%d-%m-%Y")),
        (_("Reason"), str(CoverageEnd(reason.value).label)),
    ]
    if note:
        details.append((_("Note"), note))
    return ask(
        request,
        Confirmation(
            title=_("Confirm the end of the coverage"),
            summary=_("End the coverage of 1 worker early:"),
            button=_("Yes, end the coverage"),
            action_url=reverse("enrolment_end", args=[enrolment.pk]),
            cancel_url=back,
            people=[
                f"{person.full_name} · NIK {person.nik_masked} · KPJ {enrolment.kpj_masked} · "
                f"{enrolment.village.name} ({enrolment.village_id})"
            ],
            details=details,
            consequences=[
                _(
                    "The month of that day is still covered and billed; nothing after it. The "
                    "participation ends for good, and the place goes to the first on the "
                    "waiting list."
                )
            ],
        ),
        kind,
        {"on": on.isoformat(), "reason": reason.value, "note": note},
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_renew_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Renew a programme into the next one: what it would do (counts), then do it."""
    source = programme_get(user=actor_of(request), pk=pk)
    targets = renewal_targets(user=actor_of(request), source=source)
    chosen = parsed(RenewalTargetForm.of(request))
    target = renewal_target(user=actor_of(request), source=source, pk=chosen["target"])
    if chosen["named"] and target is None:
        raise Http404
    if request.method == "POST" and target is not None:
        try:
            renewal = programme_renew(actor=actor_of(request), source=source, target=target)
        except DomainError as error:
            say_refusal(request, error)
        else:
            messages.success(
                request,
                _(
                    "%(created)s candidacies created in %(target)s and screened; %(already)s "
                    "were there already."
                )
                % {"created": renewal.created, "target": target, "already": renewal.already},
            )
        return redirect(f"{reverse('programme_renew', args=[source.pk])}?target={target.pk}")
    preview = None
    if target is not None:
        try:
            preview = renewal_preview(user=actor_of(request), source=source, target=target)
        except DomainError as error:
            say_refusal(request, error)
    return render(
        request,
        "enrolment/renewal.html",
        {"source": source, "targets": targets, "target": target, "preview": preview},
    )
