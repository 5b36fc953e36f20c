"""The labour office's review of probable duplicates (the queue, each pair side by side, single
and bulk decisions) and its external lists (upload, history). NIKs are shown masked; the pages
carry only ids in their URLs. "Same person" on one pair, and any decision on several, is
confirmed on a second page before anything changes (ADR 0027)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from payung.access.actor import actor_of
from payung.dedupe.forms import (
    ExternalListForm,
    PairDecisionForm,
    PairsDecisionForm,
    PairStatusForm,
)
from payung.dedupe.labels import LIST_KINDS
from payung.dedupe.lists import external_list_import
from payung.dedupe.models import DuplicatePair, PairStatus
from payung.dedupe.selectors import external_list_list, pair_get, pair_list, pairs_chosen
from payung.dedupe.services import duplicates_scan, pair_decide, pairs_decide, pairs_decide_check
from payung.domain.errors import DomainError, message_for
from payung.domain.matching import CERTAIN
from payung.domain.roles import Capability
from payung.edge.confirm import Confirmation, ask, confirmed, has_token, refuse
from payung.edge.forms import accepted, parsed
from payung.edge.pages import language, page_of, say_refusal
from payung.files.uploads import upload_path, upload_too_large
from payung.registry.models import Person
from payung.registry.selectors import participation


@login_required
@require_GET
def pair_list_view(request: HttpRequest) -> HttpResponse:
    status = parsed(PairStatusForm(request.GET))["status"]
    pairs = pair_list(user=actor_of(request), status=status)
    page = page_of(request, pairs)
    return render(
        request,
        "dedupe/pair_list.html",
        {"page": page, "status": status, "statuses": PairStatus.choices, "certain": CERTAIN},
    )


@login_required
@require_POST
def pair_scan_view(request: HttpRequest) -> HttpResponse:
    region = actor_of(request).region_code
    if region is None:
        messages.error(request, _("Choose a regency account to search for duplicates."))
        return redirect("pair_list")
    scan = duplicates_scan(actor=actor_of(request), region_code=region.code)
    messages.success(
        request,
        _("%(people)s people compared: %(found)s probable pairs, %(new)s of them new.")
        % {"people": scan.people, "found": scan.found, "new": scan.new},
    )
    return redirect("pair_list")


def _side(person: Person, programmes: list[str]) -> dict[str, Any]:
    return {"person": person, "programmes": programmes}


@login_required
@require_GET
def pair_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    pair = pair_get(user=actor_of(request), pk=pk)
    a, b = pair.person_a, pair.person_b
    taking_part = participation(user=actor_of(request), nik_indexes=[a.nik_index, b.nik_index])
    reasons = [
        (reason["weight"], message_for(reason["code"], language(), **reason.get("params", {})))
        for reason in pair.reasons
    ]
    return render(
        request,
        "dedupe/pair_detail.html",
        {
            "pair": pair,
            "sides": [
                _side(a, taking_part.get(a.nik_index, [])),
                _side(b, taking_part.get(b.nik_index, [])),
            ],
            "reasons": reasons,
            # The full number only on a click, audited (person.reveal_nik), for roles allowed it.
            "can_reveal": actor_of(request).can(Capability.VIEW_FULL_NIK),
        },
    )


def _record(person: Person) -> str:
    return (
        f"{person.full_name} · NIK {person.nik_masked} · {person.village.name} "
        f"({person.village_id})"
    )


def _pair_line(pair: DuplicatePair) -> str:
    return f"{_record(pair.person_a)}  ~  {_record(pair.person_b)} · {pair.score}"


@login_required
@require_POST
def pair_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    pair = pair_get(user=actor_of(request), pk=pk)
    back = reverse("pair_detail", args=[pk])
    kind = f"pair:{pair.pk}"
    if has_token(request):
        confirmed_decision = confirmed(request, kind)
        if confirmed_decision is None:
            refuse(request)
            return redirect(back)
        decision, reason = confirmed_decision["decision"], confirmed_decision["reason"]
    else:
        form = PairDecisionForm(request.POST)
        if not accepted(request, form):
            return redirect(back)
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
        if decision == "same":  # a merge: said and confirmed first
            details = [(_("Decision"), _("Same person"))]
            if reason:
                details.append((_("Reason"), reason))
            return ask(
                request,
                Confirmation(
                    title=_("Confirm the merge"),
                    summary=_("Merge record B into record A:"),
                    button=_("Yes, merge into one person"),
                    action_url=reverse("pair_decide", args=[pair.pk]),
                    cancel_url=back,
                    people=[
                        _("Keep record A: %(record)s") % {"record": _record(pair.person_a)},
                        _("Merge record B: %(record)s") % {"record": _record(pair.person_b)},
                    ],
                    details=details,
                    consequences=[
                        _(
                            "Record A keeps the candidacies and heirs of both; record B is no "
                            "longer listed as a worker of its own. A merge is not undone from "
                            "this page."
                        )
                    ],
                ),
                kind,
                {"decision": decision, "reason": reason},
            )
    try:
        pair_decide(actor=actor_of(request), pair=pair, same=decision == "same", reason=reason)
    except DomainError as error:
        say_refusal(request, error)
        return redirect(back)
    messages.success(request, _("Decision recorded."))
    return redirect("pair_list")


@login_required
@require_POST
def pairs_decide_view(request: HttpRequest) -> HttpResponse:
    """A decision on the pairs ticked in the queue: always confirmed first."""
    kind = "pairs"
    if has_token(request):
        confirmed_decision = confirmed(request, kind)
        if confirmed_decision is None:
            refuse(request)
            return redirect("pair_list")
        decision, reason = confirmed_decision["decision"], confirmed_decision["reason"]
        ids = confirmed_decision["ids"]
    else:
        posted = parsed(PairsDecisionForm(request.POST))
        decision, reason, ids = posted["decision"], posted["reason"], posted["pair"]
    # Scope is checked again on the confirmed POST: only pairs the user may still see.
    pairs = pairs_chosen(user=actor_of(request), ids=ids)
    if decision not in ("same", "different") or not pairs:
        messages.error(request, _("Choose pairs and a decision."))
        return redirect("pair_list")
    if not has_token(request):
        same = decision == "same"
        # The service's own refusal, said before the confirmation.
        refusal = pairs_decide_check(pairs=pairs, same=same, reason=reason)
        if refusal is not None:
            say_refusal(request, refusal)
            return redirect("pair_list")
        return ask(
            request,
            Confirmation(
                title=_("Confirm the decision"),
                summary=(
                    ngettext(
                        "Decide %(count)s pair as the same person (record B merged into A):",
                        "Decide %(count)s pairs as the same person (record B merged into A):",
                        len(pairs),
                    )
                    if same
                    else ngettext(
                        "Decide %(count)s pair as different people:",
                        "Decide %(count)s pairs as different people:",
                        len(pairs),
                    )
                )
                % {"count": len(pairs)},
                button=_("Yes, merge each pair") if same else _("Yes, different people"),
                action_url=reverse("pairs_decide"),
                cancel_url=reverse("pair_list"),
                people=[_pair_line(p) for p in pairs],
                details=[
                    (_("Decision"), _("Same person") if same else _("Different people")),
                    (_("Reason"), reason),
                ],
                consequences=[
                    _(
                        "Record A of each pair keeps the candidacies and heirs of both; record B "
                        "is no longer listed as a worker of its own."
                    )
                    if same
                    else _("The pairs are no longer proposed as possible duplicates.")
                ],
                destructive=same,
            ),
            kind,
            {"decision": decision, "reason": reason, "ids": [p.pk for p in pairs]},
        )
    try:
        decided = pairs_decide(
            actor=actor_of(request), pairs=pairs, same=decision == "same", reason=reason
        )
    except DomainError as error:
        say_refusal(request, error)
        return redirect("pair_list")
    messages.success(request, _("%(count)s pairs decided.") % {"count": len(decided)})
    return redirect("pair_list")


@login_required
@require_http_methods(["GET", "POST"])
def external_list_view(request: HttpRequest) -> HttpResponse:
    """External lists received for the user's region, and the form that adds one."""
    lists = external_list_list(user=actor_of(request))
    error = None
    if request.method == "POST":
        form = ExternalListForm(request.POST)
        upload = request.FILES.get("file")
        region = actor_of(request).region_code
        if not form.is_valid() or upload is None or region is None:
            error = form.error_text()
        elif too_large := upload_too_large(upload, language()):
            error = too_large
        else:
            with upload_path(upload) as path:
                try:
                    result = external_list_import(
                        actor=actor_of(request),
                        kind=form.cleaned_data["kind"],
                        source=form.cleaned_data["source"],
                        list_date=form.cleaned_data["list_date"],
                        region_code=region.code,
                        path=path,
                        file_name=upload.name or "",
                    )
                except DomainError as refusal:
                    error = refusal.message(language())
                else:
                    listed = result.external_list
                    messages.success(
                        request,
                        _(
                            "%(rows)s rows read; %(exact)s people found by NIK and %(probable)s "
                            "probable; flags raised %(raised)s, kept %(kept)s, ended %(ended)s."
                        )
                        % {
                            "rows": listed.rows_total,
                            "exact": listed.matched_exact,
                            "probable": listed.matched_probable,
                            "raised": result.raised,
                            "kept": result.kept,
                            "ended": result.ended,
                        },
                    )
                    return redirect("external_lists")
    page = page_of(request, lists)
    return render(
        request,
        "dedupe/external_lists.html",
        {"page": page, "kinds": LIST_KINDS, "error": error},
    )
