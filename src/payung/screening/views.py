"""The candidacy queue (the village's submissions, the labour office's verification), one
candidacy with its screening, findings and history, the programme's rules and its places.

Personal data stays out of URLs: pages carry ids and region codes, never a NIK or a name.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from payung.dedupe.selectors import person_flags
from payung.dedupe.views import LIST_KINDS
from payung.domain.eligibility import PRIORITY_KEYS, REQUIRED_FIELDS, RuleSet
from payung.domain.errors import DomainError
from payung.domain.flags import ListKind
from payung.domain.occupations import OCCUPATIONS
from payung.domain.roles import Capability
from payung.domain.workflow import Action, Actor, State, allowed_actions
from payung.programmes.models import Programme
from payung.programmes.selectors import programme_get, programme_list
from payung.registry.models import CandidateStatus
from payung.screening.places import places_move, waitlist_position
from payung.screening.selectors import (
    CandidateFilter,
    candidate_get,
    candidate_history,
    candidate_list,
    candidate_pairs,
    findings_said,
    notice_list,
    places_list,
    ruleset_list,
    status_counts,
)
from payung.screening.services import Moved, candidate_open, candidates_act, ruleset_save

ACTION_LABELS = {
    Action.SUBMIT: _lazy("Submit to the labour office"),
    Action.VERIFY: _lazy("Verify"),
    Action.APPROVE: _lazy("Approve (within the quota)"),
    Action.RETURN: _lazy("Return to the village"),
    Action.REJECT: _lazy("Reject"),
    Action.END: _lazy("End participation"),
}
DECISIONS = [
    ("eligible", _lazy("Eligible")),
    ("review", _lazy("To be checked")),
    ("ineligible", _lazy("Not eligible")),
]
FLAG_CHOICES = [("any", _lazy("Any list")), *((k.value, label) for k, label in LIST_KINDS)]


def _lang() -> str:
    return get_language() or "id"


def _actions_for(user: Any, state: State) -> list[tuple[str, Any]]:
    offered: list[Action] = []
    if user.can(Capability.COLLECT_DATA):
        offered += allowed_actions(state, Actor.VILLAGE)
    if user.can(Capability.VERIFY):
        offered += [a for a in allowed_actions(state, Actor.VERIFIER) if a is not Action.WAITLIST]
    return [(a.value, ACTION_LABELS[a]) for a in offered if a in ACTION_LABELS]


def _bulk_actions(user: Any) -> list[tuple[str, Any]]:
    offered = []
    if user.can(Capability.COLLECT_DATA):
        offered.append(Action.SUBMIT)
    if user.can(Capability.VERIFY):
        offered += [Action.VERIFY, Action.APPROVE, Action.RETURN, Action.REJECT]
    return [(a.value, ACTION_LABELS[a]) for a in offered]


def _programme(request: HttpRequest) -> Programme | None:
    pk = request.GET.get("programme") or request.POST.get("programme")
    if pk and pk.isdigit():
        return programme_get(user=request.user, pk=int(pk))
    return programme_list(user=request.user).first()


def _report(request: HttpRequest, moved: Moved) -> None:
    """Say what a decision did: counts per new state, and each refusal in words."""
    lang = _lang()
    labels = dict(CandidateStatus.choices)
    if moved.done:
        done = ", ".join(f"{labels.get(s, s)}: {n}" for s, n in sorted(moved.done.items()))
        messages.success(request, _("Done — %(done)s.") % {"done": done})
    for note in list(moved.notes.values())[:5]:
        messages.info(request, note.message(lang))
    for pk, error in list(moved.refused.items())[:10]:
        messages.error(request, f"#{pk}: {error.message(lang)}")


def _act(request: HttpRequest, ids: list[int], bulk: bool) -> Moved | None:
    try:
        action = Action(request.POST.get("action", ""))
    except ValueError:
        messages.error(request, _("Choose an action."))
        return None
    if action not in ACTION_LABELS:
        raise PermissionDenied(action.value)
    reason = request.POST.get("reason", "").strip()
    try:
        return candidates_act(
            actor=request.user, candidate_ids=ids, action=action, reason=reason, bulk=bulk
        )
    except DomainError as error:
        messages.error(request, error.message(_lang()))
        return None


@login_required
@require_GET
def candidate_list_view(request: HttpRequest) -> HttpResponse:
    programme = _programme(request)
    where = CandidateFilter(
        status=request.GET.get("status", ""),
        decision=request.GET.get("decision", ""),
        district=request.GET.get("district", ""),
        village=request.GET.get("village", ""),
        flag=request.GET.get("flag", ""),
        duplicates=request.GET.get("duplicates") == "1",
    )
    candidates = (
        candidate_list(user=request.user, programme=programme, where=where) if programme else None
    )
    page = Paginator(candidates, 50).get_page(request.GET.get("page")) if candidates else None
    counts = status_counts(user=request.user, programme=programme) if programme else {}
    return render(
        request,
        "screening/candidate_list.html",
        {
            "programme": programme,
            "programmes": programme_list(user=request.user),
            "page": page,
            "where": where,
            "statuses": [
                (value, label, counts.get(value, 0)) for value, label in CandidateStatus.choices
            ],
            "decisions": DECISIONS,
            "flags": FLAG_CHOICES,
            "bulk_actions": _bulk_actions(request.user),
            "notices": notice_list(user=request.user).filter(read_at=None)[:10],
            "lang": _lang(),
        },
    )


@login_required
@require_POST
def candidates_act_view(request: HttpRequest) -> HttpResponse:
    programme = _programme(request)
    ids = [int(i) for i in request.POST.getlist("candidate") if i.isdigit()]
    if programme is None or not ids:
        messages.error(request, _("Choose candidates and an action."))
    else:
        # Only candidacies the user may see: anything else in the form is ignored.
        visible = list(
            candidate_list(user=request.user, programme=programme)
            .filter(pk__in=ids)
            .values_list("pk", flat=True)
        )
        moved = _act(request, visible, bulk=len(visible) > 1)
        if moved is not None:
            _report(request, moved)
    target = redirect("candidate_list")
    if programme is not None:
        target["Location"] += f"?programme={programme.pk}"
    return target


@login_required
@require_GET
def candidate_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = candidate_get(user=request.user, pk=pk)
    if request.user.can(Capability.VERIFY):
        candidate_open(actor=request.user, candidate=candidate)
    screening = getattr(candidate, "screening", None)
    lang = _lang()
    state = State(candidate.status)
    return render(
        request,
        "screening/candidate_detail.html",
        {
            "candidate": candidate,
            "person": candidate.person,
            "screening": screening,
            "findings": findings_said(screening.findings, lang) if screening else [],
            "flags": person_flags(user=request.user, person=candidate.person, lang=lang),
            "pairs": candidate_pairs(user=request.user, candidate=candidate),
            "history": candidate_history(user=request.user, candidate=candidate),
            "actions": _actions_for(request.user, state),
            "position": waitlist_position(candidate) if state is State.WAITLISTED else None,
        },
    )


@login_required
@require_POST
def candidate_act_view(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = candidate_get(user=request.user, pk=pk)
    moved = _act(request, [candidate.pk], bulk=False)
    if moved is not None:
        _report(request, moved)
    return redirect("candidate_detail", pk=candidate.pk)


def _rules_from(post: Any) -> RuleSet:
    def number(name: str) -> int | None:
        value = post.get(name, "").strip()
        return int(value) if value.isdigit() else None

    occupations = post.getlist("occupations")
    return RuleSet(
        age_min=number("age_min"),
        age_max=number("age_max"),
        occupations=tuple(occupations) if occupations else None,
        max_decile=number("max_decile"),
        flags=tuple(ListKind(k) for k in post.getlist("flags") if k in set(ListKind)),
        required=tuple(f for f in REQUIRED_FIELDS if f in post.getlist("required")),
        priority=tuple(p for p in post.get("priority", "").split(",") if p),
        bulk_sample=number("bulk_sample") or 0,
    )


@login_required
@require_http_methods(["GET", "POST"])
def ruleset_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get(user=request.user, pk=pk)
    error = None
    if request.method == "POST":
        try:
            version = ruleset_save(
                actor=request.user,
                programme=programme,
                rules=_rules_from(request.POST),
                note=request.POST.get("note", "").strip(),
            )
        except DomainError as refusal:
            error = refusal.message(_lang())
        else:
            messages.success(
                request, _("Rules saved as version %(version)s.") % {"version": version.version}
            )
            return redirect("ruleset", pk=programme.pk)
    versions = ruleset_list(user=request.user, programme=programme)
    current = versions.first()
    rules = RuleSet.from_json(current.rules) if current else RuleSet()
    return render(
        request,
        "screening/ruleset.html",
        {
            "programme": programme,
            "versions": versions,
            "current": current,
            "rules": rules,
            "occupations": OCCUPATIONS,
            "flag_kinds": LIST_KINDS,
            "required_fields": REQUIRED_FIELDS,
            "priority_keys": PRIORITY_KEYS,
            "can_edit": request.user.can(Capability.MANAGE_PROGRAMMES),
            "error": error,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def places_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            places = int(request.POST.get("places", "0"))
        except ValueError:
            places = 0
        try:
            places_move(
                actor=request.user,
                programme=programme,
                source=request.POST.get("source", "").strip(),
                target=request.POST.get("target", "").strip(),
                places=places,
                reason=request.POST.get("reason", "").strip(),
            )
        except DomainError as error:
            messages.error(request, error.message(_lang()))
        else:
            messages.success(request, _("Places moved."))
        return redirect("places", pk=programme.pk)
    areas = places_list(user=request.user, programme=programme)
    page = Paginator(areas, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "screening/places.html",
        {
            "programme": programme,
            "page": page,
            "can_move": request.user.can(Capability.MANAGE_PROGRAMMES),
            "rule_set": ruleset_list(user=request.user, programme=programme).first(),
        },
    )
