"""The candidacy queue (the village's submissions, the labour office's verification), one
candidacy with its screening, findings and history, the programme's rules and its places.

Personal data stays out of URLs: pages carry ids and region codes, never a NIK or a name.

Returning, rejecting, ending and every bulk decision take two POSTs (ADR 0027): the first checks
the choice and answers with a confirmation naming whom it touches; only the second, carrying the
confirmation's signed token, calls the service, with what the token holds.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from payung.access.actor import actor_of
from payung.dedupe.labels import LIST_KINDS
from payung.dedupe.selectors import person_flags
from payung.domain.eligibility import PRIORITY_KEYS, REQUIRED_FIELDS, RuleSet
from payung.domain.errors import DomainError
from payung.domain.occupations import OCCUPATIONS
from payung.domain.roles import Capability, Role
from payung.domain.workflow import Action, State, bulk_actions, offered_actions
from payung.edge.confirm import Confirmation, ask, confirmed, has_token, refuse
from payung.edge.forms import parsed
from payung.edge.pages import chosen_pk, language, page_of, say_refusal
from payung.programmes.models import Programme
from payung.programmes.selectors import programme_chosen, programme_get, programme_list
from payung.registry.models import CandidateStatus
from payung.screening.candidacies import Moved
from payung.screening.forms import BulkDecisionForm, DecisionForm, MoveForm, QueueForm, RulesForm
from payung.screening.places import places_move, places_move_check, waitlist_position
from payung.screening.rules import ruleset_save
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
from payung.screening.services import candidate_open, candidates_act, candidates_act_check

# The words of each decision a person takes; which of them a page offers is the workflow
# table's answer (offered_actions, bulk_actions), not a list kept here.
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
# Decisions on one candidacy that take a confirmation; on several, every decision does.
DESTRUCTIVE = frozenset({Action.RETURN, Action.REJECT, Action.END})
CONFIRM_BUTTONS = {
    Action.SUBMIT: _lazy("Yes, submit"),
    Action.VERIFY: _lazy("Yes, verify"),
    Action.APPROVE: _lazy("Yes, approve"),
    Action.RETURN: _lazy("Yes, return to the village"),
    Action.REJECT: _lazy("Yes, reject"),
    Action.END: _lazy("Yes, end participation"),
}
CONSEQUENCES = {
    Action.SUBMIT: _lazy(
        "They are screened under the programme's current rules and go to the labour office."
    ),
    Action.VERIFY: _lazy("They go on to approval."),
    Action.APPROVE: _lazy(
        "Each takes a place within the quota; when the quota is full, the rest go on the "
        "waiting list in order."
    ),
    Action.RETURN: _lazy(
        "The village sees the reason, corrects the record and can submit it again."
    ),
    Action.REJECT: _lazy(
        "A rejection is final: the candidacy cannot be submitted again in this programme. A "
        "place it held goes to the first on the waiting list."
    ),
    Action.END: _lazy(
        "Participation ends for good; the place is freed and goes to the first on the waiting list."
    ),
}
FLAG_CHOICES = [("any", _lazy("Any list")), *((k.value, label) for k, label in LIST_KINDS)]


def _actions_for(role: Role, state: State) -> list[tuple[str, Any]]:
    """The candidate page's buttons: what the workflow table lets ``role`` do from ``state``."""
    return [(a.value, ACTION_LABELS[a]) for a in offered_actions(state, role)]


def _bulk_actions(role: Role) -> list[tuple[str, Any]]:
    """The queue's menu: the decisions ``role`` may take on several at once, in the labels'
    order."""
    offered = bulk_actions(role)
    return [(a.value, label) for a, label in ACTION_LABELS.items() if a in offered]


def _programme(request: HttpRequest) -> Programme | None:
    return programme_chosen(user=actor_of(request), pk=chosen_pk(request, "programme"))


def _report(request: HttpRequest, moved: Moved) -> None:
    """Say what a decision did: counts per new state, and each refusal in words."""
    lang = language()
    labels = dict(CandidateStatus.choices)
    if moved.done:
        done = ", ".join(f"{labels.get(s, s)}: {n}" for s, n in sorted(moved.done.items()))
        messages.success(request, _("Done — %(done)s.") % {"done": done})
    for note in list(moved.notes.values())[:5]:
        messages.info(request, note.message(lang))
    for pk, error in list(moved.refused.items())[:10]:
        messages.error(request, f"#{pk}: {error.message(lang)}")


def _action(request: HttpRequest, action: Action | None) -> Action | None:
    """The posted action if the page has words for it (403 if not); ``None``, said, if none is
    chosen."""
    if action is None:
        messages.error(request, _("Choose an action."))
        return None
    if action not in ACTION_LABELS:
        raise PermissionDenied(action.value)
    return action


def _act(request: HttpRequest, ids: list[int], action: Action, reason: str) -> Moved | None:
    try:
        return candidates_act(
            actor=actor_of(request),
            candidate_ids=ids,
            action=action,
            reason=reason,
            bulk=len(ids) > 1,
        )
    except DomainError as error:
        say_refusal(request, error)
        return None


def _summary(action: Action, count: int) -> str:
    """What will happen, with how many, in a sentence."""
    texts = {
        Action.SUBMIT: ngettext(
            "Submit %(count)s candidate to the labour office:",
            "Submit %(count)s candidates to the labour office:",
            count,
        ),
        Action.VERIFY: ngettext(
            "Verify %(count)s candidate:", "Verify %(count)s candidates:", count
        ),
        Action.APPROVE: ngettext(
            "Approve %(count)s candidate within the quota:",
            "Approve %(count)s candidates within the quota:",
            count,
        ),
        Action.RETURN: ngettext(
            "Return %(count)s candidate to the village:",
            "Return %(count)s candidates to the village:",
            count,
        ),
        Action.REJECT: ngettext(
            "Reject %(count)s candidate:", "Reject %(count)s candidates:", count
        ),
        Action.END: ngettext(
            "End the participation of %(count)s candidate:",
            "End the participation of %(count)s candidates:",
            count,
        ),
    }
    return texts[action] % {"count": count}


def _who(candidate: Any) -> str:
    """One line naming a candidacy as the queue shows it: name, masked NIK, village, status."""
    return (
        f"{candidate.person.full_name} · NIK {candidate.person.nik_masked} · "
        f"{candidate.village.name} ({candidate.village_id}) · {candidate.get_status_display()}"
    )


def _in_words(refusal: DomainError, action: Action) -> DomainError:
    """The refusal naming the decision by its words on the page, not its code."""
    if "action" not in refusal.params:
        return refusal
    return DomainError(refusal.code, **{**refusal.params, "action": str(ACTION_LABELS[action])})


def _ask(
    request: HttpRequest,
    *,
    candidates: list[Any],
    action: Action,
    reason: str,
    kind: str,
    decision: dict[str, Any],
    action_url: str,
    cancel_url: str,
) -> HttpResponse:
    """Check the choice as the service will, then say what it will do to whom; nothing changes
    yet."""
    check = candidates_act_check(
        candidates=candidates, action=action, reason=reason, bulk=len(candidates) > 1
    )
    applies, skipped = check.applies, check.skipped
    if check.refusal is None and not applies:
        messages.error(
            request,
            _("None of the chosen candidates can be given this decision in their current status."),
        )
        return redirect(cancel_url)
    if check.refusal is not None:
        say_refusal(request, _in_words(check.refusal, action))
        return redirect(cancel_url)
    details = [(_("Decision"), str(ACTION_LABELS[action]))]
    if reason:
        details.append((_("Reason"), reason))
    return ask(
        request,
        Confirmation(
            title=_("Confirm the decision"),
            summary=_summary(action, len(applies)),
            button=str(CONFIRM_BUTTONS[action]),
            action_url=action_url,
            cancel_url=cancel_url,
            people=[_who(c) for c in applies],
            details=details,
            consequences=[str(CONSEQUENCES[action])],
            not_applicable=[_who(c) for c in skipped],
            not_applicable_title=ngettext(
                "%(count)s chosen candidate is left as it is (its status does not allow this):",
                "%(count)s chosen candidates are left as they are (their status does not allow "
                "this):",
                len(skipped),
            )
            % {"count": len(skipped)},
            destructive=action in DESTRUCTIVE,
        ),
        kind,
        {**decision, "action": action.value, "reason": reason},
    )


@login_required
@require_GET
def candidate_list_view(request: HttpRequest) -> HttpResponse:
    programme = _programme(request)
    where = CandidateFilter(**parsed(QueueForm(request.GET)))
    candidates = (
        candidate_list(user=actor_of(request), programme=programme, where=where)
        if programme
        else None
    )
    page = page_of(request, candidates) if candidates else None
    counts = status_counts(user=actor_of(request), programme=programme) if programme else {}
    return render(
        request,
        "screening/candidate_list.html",
        {
            "programme": programme,
            "programmes": programme_list(user=actor_of(request)),
            "page": page,
            "where": where,
            "statuses": [
                (value, label, counts.get(value, 0)) for value, label in CandidateStatus.choices
            ],
            "decisions": DECISIONS,
            "flags": FLAG_CHOICES,
            "bulk_actions": _bulk_actions(actor_of(request).role_enum),
            "notices": notice_list(user=actor_of(request), unread=True)[:10],
            "lang": language(),
        },
    )


@login_required
@require_POST
def candidates_act_view(request: HttpRequest) -> HttpResponse:
    """A decision on the candidacies ticked in the queue: always confirmed first."""
    programme = _programme(request)
    back = reverse("candidate_list")
    if programme is not None:
        back += f"?programme={programme.pk}"
    if programme is None:
        messages.error(request, _("Choose candidates and an action."))
        return redirect(back)
    if has_token(request):
        decision = confirmed(request, f"candidates:{programme.pk}")
        if decision is None:
            refuse(request)
            return redirect(back)
        # Scope is checked again: only candidacies the user may still see are decided.
        visible = list(
            candidate_list(
                user=actor_of(request), programme=programme, ids=decision["ids"]
            ).values_list("pk", flat=True)
        )
        moved = _act(request, visible, Action(decision["action"]), decision["reason"])
        if moved is not None:
            _report(request, moved)
        return redirect(back)
    posted = parsed(BulkDecisionForm(request.POST))
    # Only candidacies the user may see: anything else in the form is ignored.
    chosen = list(
        candidate_list(user=actor_of(request), programme=programme, ids=posted["candidate"])
    )
    if not chosen:
        messages.error(request, _("Choose candidates and an action."))
        return redirect(back)
    action = _action(request, posted["action"])
    if action is None:
        return redirect(back)
    if action not in bulk_actions(actor_of(request).role_enum):
        raise PermissionDenied(action.value)
    return _ask(
        request,
        candidates=chosen,
        action=action,
        reason=posted["reason"],
        kind=f"candidates:{programme.pk}",
        decision={"ids": [c.pk for c in chosen]},
        action_url=reverse("candidates_act") + f"?programme={programme.pk}",
        cancel_url=back,
    )


@login_required
@require_GET
def candidate_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = candidate_get(user=actor_of(request), pk=pk)
    if actor_of(request).can(Capability.VERIFY):
        candidate_open(actor=actor_of(request), candidate=candidate)
    screening = getattr(candidate, "screening", None)
    lang = language()
    state = State(candidate.status)
    return render(
        request,
        "screening/candidate_detail.html",
        {
            "candidate": candidate,
            "person": candidate.person,
            "screening": screening,
            "findings": findings_said(screening.findings, lang) if screening else [],
            "flags": person_flags(user=actor_of(request), person=candidate.person, lang=lang),
            "pairs": candidate_pairs(user=actor_of(request), candidate=candidate),
            "history": candidate_history(user=actor_of(request), candidate=candidate),
            "actions": _actions_for(actor_of(request).role_enum, state),
            "position": waitlist_position(candidate) if state is State.WAITLISTED else None,
        },
    )


@login_required
@require_POST
def candidate_act_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A decision on one candidacy; returning, rejecting and ending are confirmed first."""
    candidate = candidate_get(user=actor_of(request), pk=pk)
    back = reverse("candidate_detail", args=[candidate.pk])
    if has_token(request):
        decision = confirmed(request, f"candidate:{candidate.pk}")
        if decision is None:
            refuse(request)
            return redirect(back)
        action, reason = Action(decision["action"]), decision["reason"]
    else:
        posted = parsed(DecisionForm(request.POST))
        chosen = _action(request, posted["action"])
        if chosen is None:
            return redirect(back)
        action, reason = chosen, posted["reason"]
        if action in DESTRUCTIVE:
            return _ask(
                request,
                candidates=[candidate],
                action=action,
                reason=reason,
                kind=f"candidate:{candidate.pk}",
                decision={},
                action_url=reverse("candidate_act", args=[candidate.pk]),
                cancel_url=back,
            )
    moved = _act(request, [candidate.pk], action, reason)
    if moved is not None:
        _report(request, moved)
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def ruleset_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get(user=actor_of(request), pk=pk)
    error = None
    if request.method == "POST":
        form = RulesForm(request.POST)
        posted = parsed(form)
        try:
            version = ruleset_save(
                actor=actor_of(request),
                programme=programme,
                # The domain refuses what is not a rule (eligibility.rules_invalid).
                rules=form.rules(),
                note=posted["note"],
            )
        except DomainError as refusal:
            error = refusal.message(language())
        else:
            messages.success(
                request, _("Rules saved as version %(version)s.") % {"version": version.version}
            )
            return redirect("ruleset", pk=programme.pk)
    versions = ruleset_list(user=actor_of(request), programme=programme)
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
            "can_edit": actor_of(request).can(Capability.MANAGE_PROGRAMMES),
            "error": error,
        },
    )


def _move_asked(request: HttpRequest, programme: Programme) -> HttpResponse:
    """Check a quota move against the areas the user sees, then say what it will do."""
    posted = parsed(MoveForm(request.POST))
    source, target = posted["source"], posted["target"]
    places, reason = posted["places"], posted["reason"]
    back = reverse("places", args=[programme.pk])
    areas = {
        row.area.region_id: row for row in places_list(user=actor_of(request), programme=programme)
    }
    refusal = places_move_check(
        actor=actor_of(request),
        programme=programme,
        source=source,
        target=target,
        places=places,
        reason=reason,
        areas={code: row.area for code, row in areas.items()},
    )
    if refusal is not None:
        say_refusal(request, refusal)
        return redirect(back)
    giving, receiving = areas[source], areas[target]

    def said(row: Any) -> str:
        area = row.area
        return _("%(name)s (%(code)s): %(quota)s places, %(taken)s taken, %(waiting)s waiting") % {
            "name": area.region.name,
            "code": area.region_id,
            "quota": area.quota,
            "taken": area.taken,
            "waiting": row.waiting,
        }

    return ask(
        request,
        Confirmation(
            title=_("Confirm the move of places"),
            summary=ngettext(
                "Move %(count)s place from %(source)s to %(target)s:",
                "Move %(count)s places from %(source)s to %(target)s:",
                places,
            )
            % {
                "count": places,
                "source": giving.area.region.name,
                "target": receiving.area.region.name,
            },
            button=_("Yes, move the places"),
            action_url=back,
            cancel_url=back,
            people=[
                _("From %(area)s") % {"area": said(giving)},
                _("To %(area)s") % {"area": said(receiving)},
            ],
            details=[(_("Reason"), reason)],
            consequences=[
                _(
                    "The receiving area's waiting list is served at once: up to %(count)s "
                    "waiting candidates are approved in their order."
                )
                % {"count": places}
            ],
        ),
        f"places:{programme.pk}",
        {
            "source": source,
            "target": target,
            "places": places,
            "reason": reason,
            # The quotas as shown: a second POST of this token (a double click) finds them
            # changed and moves nothing more.
            "quotas": [giving.area.quota, receiving.area.quota],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def places_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_get(user=actor_of(request), pk=pk)
    if request.method == "POST":
        if not actor_of(request).can(Capability.MANAGE_PROGRAMMES):
            raise PermissionDenied
        if not has_token(request):
            return _move_asked(request, programme)
        decision = confirmed(request, f"places:{programme.pk}")
        areas = {
            row.area.region_id: row.area.quota
            for row in places_list(user=actor_of(request), programme=programme)
        }
        if (
            decision is None
            or [
                areas.get(decision["source"]),
                areas.get(decision["target"]),
            ]
            != decision["quotas"]
        ):
            refuse(request)
            return redirect("places", pk=programme.pk)
        try:
            places_move(
                actor=actor_of(request),
                programme=programme,
                source=decision["source"],
                target=decision["target"],
                places=decision["places"],
                reason=decision["reason"],
            )
        except DomainError as error:
            say_refusal(request, error)
        else:
            messages.success(request, _("Places moved."))
        return redirect("places", pk=programme.pk)
    page = page_of(request, places_list(user=actor_of(request), programme=programme))
    return render(
        request,
        "screening/places.html",
        {
            "programme": programme,
            "page": page,
            "can_move": actor_of(request).can(Capability.MANAGE_PROGRAMMES),
            "rule_set": ruleset_list(user=actor_of(request), programme=programme).first(),
        },
    )
