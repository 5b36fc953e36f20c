"""Each source state of each transition, one by one (ADR 0032).

mutmut does not mutate module-level data, so the transition table is pinned here as the full
matrix of (state, action) → target or refusal: removing or adding one source state of return,
reject, end or merge (or any other action) fails this test.
"""

from __future__ import annotations

import pytest

from payung.domain.errors import DomainError
from payung.domain.workflow import Action, State, bulk_sample, transition

S = State
SOURCES = {
    Action.SUBMIT: {S.DRAFT, S.RETURNED},
    Action.SCREEN: {S.SUBMITTED},
    Action.RESCREEN: {S.SCREENED, S.VERIFIED, S.WAITLISTED},
    Action.VERIFY: {S.SCREENED},
    Action.RETURN: {S.SUBMITTED, S.SCREENED, S.VERIFIED, S.WAITLISTED},
    Action.REJECT: {S.SCREENED, S.VERIFIED, S.WAITLISTED, S.RETURNED, S.APPROVED},
    Action.APPROVE: {S.VERIFIED},
    Action.WAITLIST: {S.VERIFIED},
    Action.PROMOTE: {S.WAITLISTED},
    Action.ENROL: {S.APPROVED},
    Action.END: {S.APPROVED, S.ENROLLED},
    Action.MERGE: {
        S.DRAFT,
        S.SUBMITTED,
        S.SCREENED,
        S.RETURNED,
        S.VERIFIED,
        S.APPROVED,
        S.WAITLISTED,
    },
}
TARGET = {
    Action.SUBMIT: S.SUBMITTED,
    Action.SCREEN: S.SCREENED,
    Action.RESCREEN: S.SCREENED,
    Action.VERIFY: S.VERIFIED,
    Action.RETURN: S.RETURNED,
    Action.REJECT: S.REJECTED,
    Action.APPROVE: S.APPROVED,
    Action.WAITLIST: S.WAITLISTED,
    Action.PROMOTE: S.APPROVED,
    Action.ENROL: S.ENROLLED,
    Action.END: S.ENDED,
    Action.MERGE: S.MERGED,
}


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("state", list(State))
def test_each_state_and_action(state, action):
    if state in SOURCES[action]:
        assert transition(state, action, reason="Data tidak lengkap") is TARGET[action]
    else:
        with pytest.raises(DomainError) as error:
            transition(state, action, reason="Data tidak lengkap")
        assert (error.value.code, error.value.params) == (
            "workflow.illegal",
            {"action": action.value, "state": state.value},
        )


@pytest.mark.parametrize("action", [Action.RETURN, Action.REJECT, Action.END])
def test_no_reason_given_is_no_reason(action):
    (source, *_) = sorted(SOURCES[action])
    with pytest.raises(DomainError) as error:
        transition(source, action)
    assert (error.value.code, error.value.params) == (
        "workflow.reason_required",
        {"action": action.value},
    )


def test_a_sample_of_one_is_drawn():
    sample = bulk_sample([5, 3, 9], 1, seed="verifier-7")
    assert len(sample) == 1
    assert sample[0] in {3, 5, 9}
    assert bulk_sample([5, 3, 9], 0, seed="verifier-7") == ()
    assert bulk_sample([5, 3, 9, 3], 3, seed="verifier-7") == ()
