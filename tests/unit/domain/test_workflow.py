"""The candidacy workflow's transition table."""

from __future__ import annotations

import pytest

from payung.domain.errors import DomainError
from payung.domain.workflow import (
    FINAL,
    TRANSITIONS,
    Action,
    Actor,
    State,
    allowed_actions,
    frees_place,
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
