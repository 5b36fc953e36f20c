"""The labour office's review of probable duplicates: the queue, each pair side by side, and
single and bulk decisions. NIKs are shown masked; the pages carry only pair ids in their URLs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from payung.dedupe.models import DuplicatePair, PairStatus
from payung.dedupe.selectors import pair_get, pair_list
from payung.dedupe.services import duplicates_scan, pair_decide, pairs_decide
from payung.domain.errors import DomainError, message_for
from payung.domain.matching import CERTAIN
from payung.domain.roles import Capability
from payung.registry.models import Person
from payung.registry.selectors import participation


def _lang() -> str:
    return get_language() or "id"


@login_required
@require_GET
def pair_list_view(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", PairStatus.OPEN)
    if status not in PairStatus.values:
        status = PairStatus.OPEN
    pairs = pair_list(user=request.user, status=status)
    page = Paginator(pairs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "dedupe/pair_list.html",
        {"page": page, "status": status, "statuses": PairStatus.choices, "certain": CERTAIN},
    )


@login_required
@require_POST
def pair_scan_view(request: HttpRequest) -> HttpResponse:
    region = request.user.region_code
    if region is None:
        messages.error(request, _("Choose a regency account to search for duplicates."))
        return redirect("pair_list")
    scan = duplicates_scan(actor=request.user, region_code=region.code)
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
    pair = pair_get(user=request.user, pk=pk)
    a, b = pair.person_a, pair.person_b
    taking_part = participation(user=request.user, nik_indexes=[a.nik_index, b.nik_index])
    reasons = [
        (reason["weight"], message_for(reason["code"], _lang(), **reason.get("params", {})))
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
            "can_reveal": request.user.can(Capability.VIEW_FULL_NIK),
        },
    )


@login_required
@require_POST
def pair_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    pair = pair_get(user=request.user, pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("same", "different"):
        messages.error(request, _("Choose 'same person' or 'different people'."))
        return redirect("pair_detail", pk=pk)
    try:
        pair_decide(
            actor=request.user,
            pair=pair,
            same=decision == "same",
            reason=request.POST.get("reason", "").strip(),
        )
    except DomainError as error:
        messages.error(request, error.message(_lang()))
        return redirect("pair_detail", pk=pk)
    messages.success(request, _("Decision recorded."))
    return redirect("pair_list")


@login_required
@require_POST
def pairs_decide_view(request: HttpRequest) -> HttpResponse:
    decision = request.POST.get("decision")
    ids = [int(i) for i in request.POST.getlist("pair") if i.isdigit()]
    pairs: list[DuplicatePair] = list(pair_list(user=request.user).filter(pk__in=ids))
    if decision not in ("same", "different") or not pairs:
        messages.error(request, _("Choose pairs and a decision."))
        return redirect("pair_list")
    try:
        decided = pairs_decide(
            actor=request.user,
            pairs=pairs,
            same=decision == "same",
            reason=request.POST.get("reason", "").strip(),
        )
    except DomainError as error:
        messages.error(request, error.message(_lang()))
        return redirect("pair_list")
    messages.success(request, _("%(count)s pairs decided.") % {"count": len(decided)})
    return redirect("pair_list")
