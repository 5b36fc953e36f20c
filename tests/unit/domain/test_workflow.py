"""The candidacy workflow's transition table."""

from __future__ import annotations

import pytest

from payung.domain.errors import DomainError
from payung.domain.roles import Role
from payung.domain.workflow import (
    FINAL,
    TRANSITIONS,
    Action,
    Actor,
    State,
    allowed_actions,
    bulk_actions,
    frees_place,
    offered_actions,
    reason_refusal,
    transition,
)


def test_the_happy_path_from_draft_to_enrolled():
    state = State.DRAFT
    for action in (Action.SUBMIT, Action.SCREEN, Action.VERIFY, Action.APPROVE, Action.ENROL):
        state = transition(state, action, actor_id=2, submitted_by=1)
    assert state is State.ENROLLED


def test_an_illegal_step_is_refused_with_the_state_and_action():
    with pytest.raises(DomainError) as refused:
        transition(State.DRAFT, Action.APPROVE)
    assert refused.value.code == "workflow.illegal"
    assert refused.value.message("en") == (
        "Action 'approve' does not apply to a candidate whose status is 'draft'."
    )


@pytest.mark.parametrize("action", [Action.RETURN, Action.REJECT])
def test_returning_and_rejecting_need_a_reason(action):
    with pytest.raises(DomainError) as refused:
        transition(State.SCREENED, action, reason="  ")
    assert refused.value.code == "workflow.reason_required"
    assert transition(State.SCREENED, action, reason="KTP buram") in (
        State.RETURNED,
        State.REJECTED,
    )


def test_the_reason_a_step_needs_is_asked_before_any_state_is_known():
    """What a confirmation page asks (``reason_refusal``) is the refusal ``transition`` raises."""
    asked = [a for a in Action if reason_refusal(a, " ") is not None]
    assert asked == [Action.RETURN, Action.REJECT, Action.END]
    refusal = reason_refusal(Action.END, "\t")
    assert refusal is not None
    assert (refusal.code, dict(refusal.params)) == ("workflow.reason_required", {"action": "end"})
    with pytest.raises(DomainError) as raised:
        transition(State.APPROVED, Action.END, reason="\t")
    assert (raised.value.code, raised.value.params) == (refusal.code, refusal.params)
    assert reason_refusal(Action.END, "meninggal") is None


@pytest.mark.parametrize("action", [Action.VERIFY, Action.APPROVE, Action.WAITLIST])
def test_the_submitter_may_not_check_their_own_submission(action):
    state = State.SCREENED if action is Action.VERIFY else State.VERIFIED
    with pytest.raises(DomainError) as refused:
        transition(state, action, actor_id=7, submitted_by=7)
    assert refused.value.code == "workflow.maker_checker"


def test_final_states_allow_nothing_and_every_state_is_reachable():
    for state in FINAL:
        assert allowed_actions(state, Actor.VERIFIER) == ()
        assert allowed_actions(state, Actor.VILLAGE) == ()
        assert allowed_actions(state, Actor.SYSTEM) == ()
    reachable = {State.DRAFT} | {t.target for t in TRANSITIONS.values()}
    assert reachable == set(State)


def test_only_leaving_approved_or_enrolled_frees_a_place():
    assert frees_place(State.APPROVED, State.ENDED)
    assert frees_place(State.ENROLLED, State.MERGED)
    assert not frees_place(State.APPROVED, State.ENROLLED)
    assert not frees_place(State.WAITLISTED, State.REJECTED)


def test_what_each_side_may_do():
    assert allowed_actions(State.RETURNED, Actor.VILLAGE) == (Action.SUBMIT,)
    assert allowed_actions(State.SCREENED, Actor.VERIFIER) == (
        Action.VERIFY,
        Action.RETURN,
        Action.REJECT,
    )


def test_the_bulk_sample_is_random_repeatable_and_only_for_larger_selections():
    from payung.domain.workflow import bulk_sample

    ids = range(1, 101)
    first = bulk_sample(ids, 5, seed="7:a")
    assert len(first) == 5
    assert set(first) <= set(ids)
    assert bulk_sample(reversed(ids), 5, seed="7:a") == first
    assert bulk_sample(ids, 5, seed="8:a") != first
    assert bulk_sample(range(1, 6), 5, seed="7:a") == ()
    assert bulk_sample(ids, 0, seed="7:a") == ()


def test_the_buttons_a_role_is_offered_are_read_from_the_table():
    # The village submits; the labour office decides; waitlisting is never a choice.
    assert offered_actions(State.RETURNED, Role.VILLAGE_OPERATOR) == (Action.SUBMIT,)
    assert offered_actions(State.VERIFIED, Role.VERIFIER) == (
        Action.RETURN,
        Action.REJECT,
        Action.APPROVE,
    )
    assert offered_actions(State.ENROLLED, Role.VERIFIER) == (Action.END,)
    assert offered_actions(State.RETURNED, Role.SYSTEM_ADMIN) == (Action.SUBMIT, Action.REJECT)
    assert offered_actions(State.SCREENED, Role.VILLAGE_OPERATOR) == ()
    for role in (Role.AUDITOR, Role.DISTRICT_SUPERVISOR, Role.FINANCE_OFFICER, Role.BPJS_LIAISON):
        assert all(offered_actions(state, role) == () for state in State), role
    for state in FINAL:
        assert offered_actions(state, Role.SYSTEM_ADMIN) == ()


def test_a_bulk_decision_never_ends_participation_or_waitlists():
    assert bulk_actions(Role.VILLAGE_OPERATOR) == (Action.SUBMIT,)
    assert bulk_actions(Role.REGENCY_ADMIN) == (Action.SUBMIT,)
    assert bulk_actions(Role.VERIFIER) == (
        Action.VERIFY,
        Action.RETURN,
        Action.REJECT,
        Action.APPROVE,
    )
    assert bulk_actions(Role.AUDITOR) == ()
