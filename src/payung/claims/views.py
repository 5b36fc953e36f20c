"""The claims pages: the region's claims, the report form, a claim with its coverage decision in
words and its documents. The NIK comes in a POST body, never a URL; place, cause, chronology and
documents never appear in a URL or a log."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from payung.access.actor import Actor, actor_of
from payung.access.scope import require
from payung.claims.details import details_context
from payung.claims.entitlement import claim_entitlement, claim_heirs
from payung.claims.export import claim_list_export
from payung.claims.forms import ChecklistDocumentForm, CloseForm, ReportForm, StepForm
from payung.claims.labels import COMPONENT_LABELS
from payung.claims.models import Claim, ClaimKind
from payung.claims.packet import claim_packet
from payung.claims.progress import checklist, claim_deadlines, claim_queue, document_choices
from payung.claims.selectors import (
    claim_document_get,
    claim_documents,
    claim_get,
    claim_heir_get,
    claim_list,
    claim_person_by_kpj,
    claim_person_by_nik,
    claim_person_get,
    unclaimed_death_get,
    unclaimed_death_list,
)
from payung.claims.services import (
    Report,
    claim_complete,
    claim_hand_over,
    claim_pay,
    claim_reject,
    claim_report,
    claim_return,
    claim_submit,
    document_open,
    document_upload,
)
from payung.claims.unclaimed import unclaimed_death_close
from payung.domain import claims as lifecycle
from payung.domain.benefits import Component
from payung.domain.claims import Action
from payung.domain.errors import DomainError
from payung.domain.money import format_rupiah
from payung.domain.roles import Capability, Role
from payung.edge.confirm import Confirmation, ask, confirmed, has_token, refuse
from payung.edge.forms import accepted
from payung.edge.pages import attachment, chosen_pk, language, page_of, say_refusal
from payung.files.documents import MAX_BYTES, check_size


@login_required
@require_GET
def claim_list_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    page = page_of(request, claim_queue(user=actor, today=timezone.localdate()))
    return render(
        request,
        "claims/claim_list.html",
        {"page": page, "perms_verify": actor.can(Capability.VERIFY)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def claim_report_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    require(actor, Capability.REPORT_CLAIMS)  # the empty form too: only reporters see it
    pk = chosen_pk(request, "person")
    person = claim_person_get(user=actor, pk=pk) if pk is not None else None
    form = ReportForm(request.POST if request.method == "POST" else None)
    error = None
    if request.method == "POST":
        if not form.is_valid():
            error = form.error_text()
        else:
            data = form.cleaned_data
            now = timezone.now()
            try:
                if person is None and data["kpj"] and not data["nik"]:
                    person = claim_person_by_kpj(user=actor, kpj=data["kpj"])
                elif person is None:
                    person = claim_person_by_nik(
                        user=actor, nik=data["nik"], today=timezone.localdate()
                    )
                claim = claim_report(
                    actor=actor,
                    person=person,
                    report=Report(
                        kind=ClaimKind(data["kind"]),
                        event_date=data["event_date"],
                        event_time=data["event_time"],
                        place=data["place"],
                        cause=data["cause"],
                        chronology=data["chronology"],
                        reporter_name=data["reporter_name"],
                        reporter_phone=data["reporter_phone"],
                        on_the_way=data["on_the_way"],
                        traffic_accident=data["traffic_accident"],
                    ),
                    now=now,
                )
            except DomainError as refusal:
                error = refusal.message(language())
            else:
                messages.success(request, _("Claim reported; its coverage was checked."))
                return redirect("claim_detail", pk=claim.pk)
    return render(
        request,
        "claims/claim_report.html",
        {"form": form, "person": person, "error": error, "kinds": ClaimKind.choices},
    )


@login_required
@require_GET
def claim_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    claim = claim_get(user=actor, pk=pk)
    return render(
        request,
        "claims/claim_detail.html",
        {
            "claim": claim,
            "reasons": claim.reasons_in(language()),
            "documents": claim_documents(user=actor, claim=claim),
            "max_mb": MAX_BYTES // (1024 * 1024),
            "can_report": actor.can(Capability.REPORT_CLAIMS),
            **details_context(actor, claim),
            **_lifecycle_context(actor, claim),
        },
    )


@login_required
@require_POST
def claim_document_upload_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    claim = claim_get(user=actor, pk=pk)
    form = ChecklistDocumentForm(request.POST, choices=document_choices(claim, language()))
    upload = request.FILES.get("file")
    try:
        if not form.is_valid():
            messages.error(request, form.error_text())
            return redirect("claim_detail", pk=claim.pk)
        # The size is judged before a byte is read; the type by the bytes (payung.files).
        check_size((upload.size or 0) if upload is not None else 0)
        if upload is not None:
            document_upload(
                actor=actor,
                claim=claim,
                kind=form.cleaned_data["kind"],
                data=upload.read(),
                file_name=upload.name or "",
            )
    except DomainError as refusal:
        messages.error(request, refusal.message(language()))
    else:
        messages.success(request, _("Document uploaded."))
    return redirect("claim_detail", pk=claim.pk)


@login_required
@require_POST
def claim_document_open_view(request: HttpRequest, pk: int, doc: int) -> HttpResponse:
    """The document itself: opened by a POST (each opening is audited), never cached, never run
    by the browser as anything but what its bytes were checked to be."""
    actor = actor_of(request)
    claim = claim_get(user=actor, pk=pk)
    opened = document_open(
        actor=actor, document=claim_document_get(user=actor, claim=claim, pk=doc)
    )
    response = HttpResponse(opened.data, content_type=opened.content_type)
    extension = opened.content_type.rsplit("/", 1)[-1]
    response["Content-Disposition"] = f'inline; filename="dokumen-{doc}.{extension}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    if extension != "pdf":
        # An image is shown sandboxed; a browser's PDF viewer refuses to run in a sandbox, and a
        # PDF with scripts was refused on upload (payung.files.documents).
        response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    return response


@login_required
@require_POST
def claim_packet_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The claim packet as PDF (claims/packet.py): made by a POST (each making is audited, as it
    shows the event's specific personal data), never cached, named by the claim's id only."""
    actor = actor_of(request)
    claim = claim_get(user=actor, pk=pk)
    data = claim_packet(
        actor=actor,
        claim=claim,
        documents=list(claim_documents(user=actor, claim=claim)),
        lang=language(),
        now=timezone.now(),
    )
    response = attachment(f"paket-klaim-{claim.pk}.pdf", "application/pdf", data, no_store=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_POST
def claim_export_view(request: HttpRequest) -> HttpResponse:
    """The claims list the reader sees, as XLSX (NIK and KPJ masked; the download audited)."""
    actor = actor_of(request)
    data = claim_list_export(actor=actor, claims=claim_list(user=actor))
    return attachment(f"klaim-{timezone.localdate():%Y%m%d}.xlsx", XLSX, data, no_store=True)


@login_required
@require_GET
def unclaimed_list_view(request: HttpRequest) -> HttpResponse:
    """The labour office's queue: the open "kemungkinan JKM belum diklaim" cases of its region,
    each with the match's reasons in words."""
    actor = actor_of(request)
    page = page_of(request, unclaimed_death_list(user=actor))
    lang = language()
    cases = [(case, case.reasons_in(lang)) for case in page]
    return render(request, "claims/unclaimed_list.html", {"page": page, "cases": cases})


@login_required
@require_POST
def unclaimed_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a case with a reason: the first POST asks for a confirmation (a decision), the
    second, with its token, closes it."""
    actor = actor_of(request)
    case = unclaimed_death_get(user=actor, pk=pk)
    back = reverse("unclaimed_list")
    kind = f"unclaimed_close:{case.pk}"
    if has_token(request):
        decision = confirmed(request, kind)
        if decision is None:
            refuse(request)
            return redirect(back)
        try:
            unclaimed_death_close(
                actor=actor, case=case, reason=decision["reason"], now=timezone.now()
            )
        except DomainError as error:
            say_refusal(request, error)
        else:
            messages.success(request, _("Case closed."))
        return redirect(back)
    form = CloseForm(request.POST)
    if not accepted(request, form):
        return redirect(back)
    reason = form.cleaned_data["reason"]
    person = case.person
    return ask(
        request,
        Confirmation(
            title=_("Confirm closing the case"),
            summary=_("Close this possible unclaimed death benefit without a claim:"),
            button=_("Yes, close the case"),
            action_url=reverse("unclaimed_close", args=[case.pk]),
            cancel_url=back,
            people=[f"{person.full_name} · NIK {person.nik_masked} · {case.village.name}"],
            details=[
                (_("Date of death"), case.death_date.strftime("%d-%m-%Y")),
                (_("Reason"), reason),
            ],
            consequences=[_("The case leaves the list; the audit trail keeps the reason.")],
        ),
        kind,
        {"reason": reason},
    )


# The lifecycle on the claim page (issue 13 items 3, 4, 5-checklist, 6) ------------------------

ACTION_LABELS: Final = {
    Action.CHECK: _l("Check coverage"),
    Action.COMPLETE: _l("Declare the documents complete"),
    Action.SUBMIT: _l("Record the submission to BPJS"),
    Action.PAY: _l("Record BPJS's payment"),
    Action.REJECT: _l("Record a rejection"),
    Action.RETURN: _l("Record a return for documents"),
    Action.HAND_OVER: _l("Record the hand-over"),
}
# Decisive or final steps: confirmed on a second page first (payung.edge.confirm).
CONFIRMED: Final = frozenset({Action.PAY, Action.REJECT, Action.RETURN})


def _role(actor: Actor) -> Role | None:
    role = getattr(actor, "role", "")
    return Role(role) if role in Role._value2member_map_ else None


def _lifecycle_context(actor: Actor, claim: Claim) -> dict[str, Any]:
    """What the claim page shows of the lifecycle: the entitlement with its reasons, the heirs,
    the checklist, the deadlines and the actions the user's role is offered."""
    lang, today = language(), timezone.localdate()
    documents = list(claim_documents(user=actor, claim=claim))
    found = claim_entitlement(claim, today=today)
    heirs = claim_heirs(claim) if claim.kind != ClaimKind.JKK_ACCIDENT else None
    role = _role(actor)
    state = lifecycle.State(claim.status)
    offered = lifecycle.offered_actions(state, role) if role is not None else ()
    entitlement = found.entitlement
    return {
        "entitlement": entitlement,
        "entitlement_amounts": [
            {
                "component": a.component.value,
                "label": str(COMPONENT_LABELS[a.component]),
                "amount": a.amount,
                "rupiah": format_rupiah(a.amount),
                "reason": a.reason.message(lang),
            }
            for a in (entitlement.amounts if entitlement else ())
        ],
        "entitlement_total": format_rupiah(found.total),
        "paid_amounts": [
            (str(COMPONENT_LABELS[Component(c)]), format_rupiah(v))
            for c, v in claim.paid_amounts.items()
        ],
        "paid_total": format_rupiah(sum(claim.paid_amounts.values())),
        "entitlement_notes": [
            n.message(lang) for n in (*found.notes, *(entitlement.notes if entitlement else ()))
        ],
        "entitlement_education": [
            {
                "child": y.child,
                "year": y.school_year,
                "amount": format_rupiah(y.amount),
                "reason": y.reason.message(lang),
            }
            for y in (entitlement.education if entitlement else ())
        ],
        "entitlement_lapsed": bool(entitlement and entitlement.lapsed),
        "paid_months": found.paid_months,
        "heirs": [
            {
                "pk": h.pk,
                "name": h.name,
                "relation": h.relation,
                "entitled": any(e.key == h.pk for e in heirs.decision.entitled),
            }
            for h in heirs.by_pk.values()
        ]
        if heirs
        else None,
        "heir_reasons": [r.message(lang) for r in heirs.decision.reasons] if heirs else [],
        "checklist": checklist(claim, documents, amount=found.total, lang=lang),
        "document_choices": document_choices(claim, lang),
        "deadlines": [
            {"text": d.text(lang), "overdue": d.overdue}
            for d in claim_deadlines(claim, documents, benefit_due=found.total, today=today)
        ],
        "offered": [(a.value, str(ACTION_LABELS[a])) for a in offered if a in ACTION_LABELS],
        "components": [c.value for c in Component],
        "today": today.isoformat(),
    }


def _perform(actor: Actor, claim: Claim, decision: dict[str, Any]) -> Claim:
    """Call the one service the step names, with what the form (or the token) holds."""
    action = Action(decision["action"])
    on = date.fromisoformat(decision["on"]) if decision.get("on") else None
    today = timezone.localdate()
    heir = claim_heir_get(user=actor, claim=claim, pk=decision.get("claimant"))
    if action is Action.COMPLETE:
        return claim_complete(actor=actor, claim=claim, on=on or today, today=today, claimant=heir)
    if action is Action.SUBMIT:
        return claim_submit(
            actor=actor,
            claim=claim,
            bpjs_number=decision["bpjs_number"],
            on=on,  # None: the domain refuses (claim.detail_required)
            claimant=heir,
        )
    if action is Action.PAY:
        return claim_pay(
            actor=actor,
            claim=claim,
            amounts=decision["amounts"],
            on=on,
            reference=decision["reference"],
        )
    if action is Action.REJECT:
        return claim_reject(actor=actor, claim=claim, reason=decision["reason"])
    if action is Action.RETURN:
        return claim_return(actor=actor, claim=claim, reason=decision["reason"])
    if action is Action.HAND_OVER:
        return claim_hand_over(
            actor=actor,
            claim=claim,
            on=on,
            handed_by=decision["handed_by"],
        )
    raise PermissionDenied(action.value)  # coverage is checked at report time


@login_required
@require_POST
def claim_act_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One lifecycle step on a claim; paid, rejected and returned are confirmed first."""
    actor = actor_of(request)
    claim = claim_get(user=actor, pk=pk)
    back = reverse("claim_detail", args=[claim.pk])
    kind = f"claim:{claim.pk}"
    if has_token(request):
        decision = confirmed(request, kind)
        if decision is None:
            refuse(request)
            return redirect(back)
    else:
        form = StepForm(request.POST)
        if not accepted(request, form):
            return redirect(back)
        data = form.cleaned_data
        decision = {
            "action": data["action"],
            "on": data["on"].isoformat() if data["on"] else "",
            "bpjs_number": data["bpjs_number"],
            "reference": data["reference"],
            "reason": data["reason"],
            "handed_by": data["handed_by"],
            "claimant": data["claimant"],
            "amounts": form.amounts(),
        }
        action = Action(data["action"])
        if action in CONFIRMED:
            details = [(_("Decision"), str(ACTION_LABELS[action]))]
            if decision["on"]:
                details.append((_("Date"), date.fromisoformat(decision["on"]).strftime("%d-%m-%Y")))
            if decision["reason"]:
                details.append((_("Reason"), decision["reason"]))
            for component, amount in decision["amounts"].items():
                details.append((str(COMPONENT_LABELS[Component(component)]), format_rupiah(amount)))
            if len(decision["amounts"]) > 1:
                details.append((_("Total"), format_rupiah(sum(decision["amounts"].values()))))
            if decision["reference"]:
                details.append((_("Reference"), decision["reference"]))
            return ask(
                request,
                Confirmation(
                    title=_("Confirm the decision"),
                    summary=_("Claim %(pk)s of %(name)s.")
                    % {"pk": claim.pk, "name": claim.person.full_name},
                    button=str(ACTION_LABELS[action]),
                    action_url=reverse("claim_act", args=[claim.pk]),
                    cancel_url=back,
                    details=details,
                ),
                kind,
                decision,
            )
    try:
        moved = _perform(actor, claim, decision)
    except DomainError as refusal:
        messages.error(request, refusal.message(language()))
    else:
        messages.success(
            request, _("Claim status: %(status)s.") % {"status": moved.get_status_display()}
        )
    return redirect(back)
