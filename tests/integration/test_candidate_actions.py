"""The decisions the candidacy pages offer are the workflow table's, for every state and role.

The page is rendered for a candidacy put in each state, for each demo user who can see it; its
buttons (and the queue's bulk menu) must be exactly the transitions ``TRANSITIONS`` allows from
that state to what the user's role may act as, with the same words as before.
"""

from __future__ import annotations

import re

import pytest

from payung.domain.roles import Role
from payung.domain.workflow import ACTOR_CAPABILITY, TRANSITIONS, Action, State
from payung.registry.models import Candidate
from tests.integration.test_screening import candidacy, person, submitted

pytestmark = pytest.mark.django_db

# Everyone who sees a candidacy of the demo village (admin.lebak sees another regency).
VIEWERS = [
    "operator.desa",
    "pengawas.kecamatan",
    "verifikator",
    "keuangan",
    "bpjs",
    "admin.bogor",
    "auditor",
    "sysadmin",
]
LABELS_ID = {
    "submit": "Ajukan ke Disnaker",
    "verify": "Verifikasi",
    "approve": "Setujui (dalam kuota)",
    "return": "Kembalikan ke desa",
    "reject": "Tolak",
    "end": "Akhiri kepesertaan",
}
BUTTON = re.compile(r'<button type="submit" name="action" value="([a-z]+)">([^<]*)</button>')


def _allowed(state: State, role: Role) -> list[str]:
    """What the table lets ``role`` choose from ``state``, in table order, read straight from
    the table: a transition of an actor the role has the capability of, chosen by a person."""
    return [
        action.value
        for action, rule in TRANSITIONS.items()
        if state in rule.sources
        and rule.chosen
        and rule.actor in ACTOR_CAPABILITY
        and role.can(ACTOR_CAPABILITY[rule.actor])
    ]


def _buttons(response) -> list[tuple[str, str]]:
    form = re.search(r'<form[^>]*data-testid="actions".*?</form>', response.content.decode(), re.S)
    return BUTTON.findall(form[0]) if form else []


def test_the_candidate_page_offers_exactly_what_the_table_allows(client, demo):
    users = demo["users"]
    # Screened, so that every state's page has what it shows (a waiting list's position).
    [candidate] = submitted(users, demo["bogor"], [person(1)])
    offered_somewhere = set()
    for state in State:
        Candidate.objects.filter(pk=candidate.pk).update(status=state.value)
        for username in VIEWERS:
            user = users[username]
            client.force_login(user)
            response = client.get(f"/candidates/{candidate.pk}/")
            assert response.status_code == 200, (state, username)
            buttons = _buttons(response)
            assert [value for value, _ in buttons] == _allowed(state, Role(user.role)), (
                state,
                username,
            )
            assert all(label == LABELS_ID[value] for value, label in buttons), buttons
            offered_somewhere.update(value for value, _ in buttons)
    # Every decision a person takes is offered somewhere; the system's and waitlisting never.
    assert offered_somewhere == set(LABELS_ID)


def test_the_table_gives_the_buttons_a_verifier_and_the_village_saw_before(client, demo):
    users = demo["users"]
    [candidate] = submitted(users, demo["bogor"], [person(2)])
    expected = {
        (State.DRAFT, "operator.desa"): ["submit"],
        (State.RETURNED, "operator.desa"): ["submit"],
        (State.SCREENED, "operator.desa"): [],
        (State.SCREENED, "verifikator"): ["verify", "return", "reject"],
        (State.VERIFIED, "verifikator"): ["return", "reject", "approve"],
        (State.WAITLISTED, "verifikator"): ["return", "reject"],
        (State.APPROVED, "verifikator"): ["reject", "end"],
        (State.ENROLLED, "verifikator"): ["end"],
        (State.RETURNED, "sysadmin"): ["submit", "reject"],
        (State.VERIFIED, "auditor"): [],
        (State.ENDED, "sysadmin"): [],
    }
    for (state, username), buttons in expected.items():
        Candidate.objects.filter(pk=candidate.pk).update(status=state.value)
        client.force_login(users[username])
        response = client.get(f"/candidates/{candidate.pk}/")
        assert [value for value, _ in _buttons(response)] == buttons, (state, username)


def test_the_queue_menu_is_the_table_s_bulk_decisions_in_the_same_order(client, demo):
    users, bogor = demo["users"], demo["bogor"]
    menus = {}
    for username in ("operator.desa", "verifikator", "admin.bogor", "auditor", "sysadmin"):
        client.force_login(users[username])
        page = client.get(f"/candidates/?programme={bogor.pk}")
        menus[username] = [value for value, _ in page.context["bulk_actions"]]
    assert menus == {
        "operator.desa": ["submit"],
        "verifikator": ["verify", "approve", "return", "reject"],
        "admin.bogor": ["submit"],
        "auditor": [],
        "sysadmin": ["submit", "verify", "approve", "return", "reject"],
    }


def test_ending_participation_in_bulk_is_refused_before_any_confirmation(client, demo):
    users, bogor = demo["users"], demo["bogor"]
    ids = [candidacy(bogor, person(n)).pk for n in (3, 4)]
    Candidate.objects.filter(pk__in=ids).update(status=State.ENROLLED.value)
    client.force_login(users["verifikator"])

    response = client.post(
        "/candidates/act/",
        {"programme": bogor.pk, "candidate": ids, "action": Action.END.value, "reason": "x"},
    )

    assert response.status_code == 403
    assert set(Candidate.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
        "enrolled"
    }
