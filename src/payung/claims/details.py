"""The claim page's benefit details: a surviving worker's JKK facts (days unable to work, a total
permanent disability or the partial-disability rows, the transport) and the children recorded for
the education benefit; what the page shows of them and the two posts that record them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from payung.access.actor import UserActor, actor_of
from payung.claims.forms import ChildForm, DetailsForm
from payung.claims.models import Claim, ClaimKind, ClaimStatus, SchoolLevelChoice
from payung.claims.selectors import claim_child_get, claim_children, claim_get
from payung.claims.services import (
    AccidentDetails,
    ChildInput,
    claim_child_add,
    claim_child_remove,
    claim_details_record,
)
from payung.domain.benefits import BENEFIT_TABLES, Transport
from payung.domain.errors import DomainError
from payung.domain.money import format_rupiah
from payung.domain.period import day_text
from payung.domain.roles import Capability
from payung.edge.confirm import Confirmation, ask, confirmed, has_token, refuse
from payung.edge.forms import accepted
from payung.edge.pages import language

TRANSPORT_LABELS = {
    Transport.LAND: _l("Land"),
    Transport.SEA: _l("Sea"),
    Transport.AIR: _l("Air"),
}
_CLOSED = frozenset({ClaimStatus.PAID, ClaimStatus.REJECTED, ClaimStatus.HANDED_OVER})


def disability_choices(lang: str) -> list[tuple[str, str]]:
    """The partial-disability rows of the benefit table, in the reader's language, with their
    percentage; a row not yet checked against the gazetted text is marked ``*`` (the form's
    legend says what the mark means)."""
    choices = []
    for code, row in BENEFIT_TABLES.disability.items():
        label = row.label_en if lang.startswith("en") else row.label_id
        choices.append((code, f"{label} ({row.percent}%){'' if row.confirmed else ' *'}"))
    return choices


def disabilities_unconfirmed() -> bool:
    return any(not row.confirmed for row in BENEFIT_TABLES.disability.values())


def transport_choices() -> list[tuple[str, str]]:
    return [(mode.value, str(label)) for mode, label in TRANSPORT_LABELS.items()]


def details_context(actor: UserActor, claim: Claim) -> dict[str, Any]:
    """What the claim page shows and offers of the benefit details."""
    editable = actor.can(Capability.REPORT_CLAIMS) and claim.status not in _CLOSED
    accident = claim.kind == ClaimKind.JKK_ACCIDENT
    schools = not accident or claim.total_disability
    children = list(claim_children(user=actor, claim=claim))
    choices = disability_choices(language())
    names = dict(choices)
    mode = Transport(claim.transport_mode) if claim.transport_mode else None
    return {
        "details_editable": editable,
        "details_accident": accident,
        "details": {
            "days_off_work": claim.days_off_work,
            "total_disability": claim.total_disability,
            "disabilities": [names.get(code, code) for code in claim.disability_codes],
            "disability_codes": list(claim.disability_codes),
            "transport_mode": claim.transport_mode,
            "transport_label": str(TRANSPORT_LABELS[mode]) if mode else "",
            "transport_claimed": format_rupiah(claim.transport_claimed),
            "transport_value": claim.transport_claimed or "",
        },
        "disability_choices": choices,
        "disabilities_unconfirmed": disabilities_unconfirmed(),
        "transport_choices": transport_choices(),
        # Shown where it counts: still open to record, or with children recorded.
        "children_apply": schools and (editable or bool(children)),
        "children": [
            {
                "pk": child.pk,
                "name": child.name,
                "birth_date": day_text(child.birth_date),
                "level": SchoolLevelChoice(child.level).label,
                "grade": child.grade,
                "ends_on": day_text(child.ends_on) if child.ends_on else "",
            }
            for child in children
        ],
        "level_choices": SchoolLevelChoice.choices,
    }


@login_required
@require_POST
def claim_details_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    claim = claim_get(user=actor, pk=pk)
    form = DetailsForm(
        request.POST,
        disabilities=disability_choices(language()),
        transports=transport_choices(),
    )
    if accepted(request, form):
        data = form.cleaned_data
        details = AccidentDetails(
            days_off_work=data["days_off_work"] or 0,
            total_disability=data["total_disability"],
            disabilities=tuple(data["disabilities"]),
            transport_mode=data["transport_mode"] or "",
            transport_claimed=data["transport_claimed"] or 0,
        )
        try:
            claim_details_record(actor=actor, claim=claim, details=details)
        except DomainError as refusal:
            messages.error(request, refusal.message(language()))
        else:
            messages.success(request, _("The benefit details are recorded."))
    return redirect(reverse("claim_detail", args=[claim.pk]) + "#details")


@login_required
@require_POST
def claim_child_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    claim = claim_get(user=actor, pk=pk)
    form = ChildForm(request.POST)
    if accepted(request, form):
        data = form.cleaned_data
        child = ChildInput(
            name=data["name"],
            birth_date=data["birth_date"],
            level=data["level"],
            grade=data["grade"],
            ends_on=data["ends_on"],
        )
        try:
            claim_child_add(actor=actor, claim=claim, child=child, today=timezone.localdate())
        except DomainError as refusal:
            messages.error(request, refusal.message(language()))
        else:
            messages.success(request, _("The child is recorded."))
    return redirect(reverse("claim_detail", args=[claim.pk]) + "#children")


@login_required
@require_POST
def claim_child_remove_view(request: HttpRequest, pk: int, child: int) -> HttpResponse:
    """Removing a child is confirmed on a second page first (payung.edge.confirm)."""
    actor = actor_of(request)
    claim = claim_get(user=actor, pk=pk)
    row = claim_child_get(user=actor, claim=claim, pk=child)
    back = reverse("claim_detail", args=[claim.pk]) + "#children"
    kind = f"claim_child:{row.pk}"
    if not has_token(request):
        return ask(
            request,
            Confirmation(
                title=_("Remove the child?"),
                summary=_(
                    "%(name)s will no longer count for the education benefit of claim %(pk)s."
                )
                % {"name": row.name, "pk": claim.pk},
                button=_("Remove the child"),
                action_url=reverse("claim_child_remove", args=[claim.pk, row.pk]),
                cancel_url=back,
                details=[],
            ),
            kind,
            {"child": row.pk},
        )
    if confirmed(request, kind) is None:
        refuse(request)
        return redirect(back)
    try:
        claim_child_remove(actor=actor, child=row)
    except DomainError as refusal:
        messages.error(request, refusal.message(language()))
    else:
        messages.success(request, _("The child is removed."))
    return redirect(back)
