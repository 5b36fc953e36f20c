"""The budgets app below screening: a set budget line is announced as an event (never a call up
into screening), and an area's budget is derived from its payer's line (ADR 0033)."""

from __future__ import annotations

import pytest

from payung import events, reactions
from payung.budgets.selectors import area_budgets, budget_visible
from payung.budgets.services import budget_set
from payung.events import Reaction, When
from payung.programmes.selectors import programme_figures
from payung.screening import reactions as screening_reactions

pytestmark = pytest.mark.django_db
VILLAGE, OTHER = "32.01.20.2006", "32.01.20.2001"


class _Seen(list):
    def append_kw(self, **payload):
        self.append(payload)


@pytest.fixture
def seen():
    found = _Seen()
    events.wire({**reactions.REACTIONS, "budgets.budget_changed": (Reaction(found.append_kw),)})
    yield found
    events.wire(reactions.REACTIONS)


def test_setting_a_budget_line_announces_budget_changed_with_before_and_after(users, bogor, seen):
    finance = users["keuangan"]
    budget_set(actor=finance, programme=bogor, region=OTHER, year=2026, amount=10_000_000)
    budget_set(actor=finance, programme=bogor, region=OTHER, year=2026, amount=12_500_000)
    budget_set(actor=finance, programme=bogor, region=OTHER, year=2027, amount=1)
    assert seen == [
        {
            "actor": finance,
            "programme": bogor,
            "region": OTHER,
            "year": 2026,
            "before": None,
            "after": 10_000_000,
        },
        {
            "actor": finance,
            "programme": bogor,
            "region": OTHER,
            "year": 2026,
            "before": 10_000_000,
            "after": 12_500_000,
        },
        {
            "actor": finance,
            "programme": bogor,
            "region": OTHER,
            "year": 2027,
            "before": None,
            "after": 1,
        },
    ]


def test_screening_offers_the_places_in_the_budget_transaction():
    assert reactions.REACTIONS["budgets.budget_changed"] == (
        Reaction(screening_reactions.budget_changed_offer_places, When.IN_TRANSACTION),
    )


def test_an_area_shows_its_payer_budget_line_once_set_else_the_stated_figure(users, demo):
    bogor, lebak = demo["bogor"], demo["lebak"]
    assert area_budgets(programme=bogor, regions=[VILLAGE, OTHER]) == {
        VILLAGE: 50_400_000,
        OTHER: 50_400_000,
    }
    budget_set(
        actor=users["keuangan"], programme=bogor, region=VILLAGE, year=2026, amount=60_000_000
    )
    budget_set(actor=users["keuangan"], programme=bogor, region=OTHER, year=2027, amount=7)
    assert area_budgets(programme=bogor, regions=[VILLAGE, OTHER]) == {
        VILLAGE: 60_000_000,  # the line of the programme's year
        OTHER: 50_400_000,  # a line of another year is not this programme's budget
    }
    operator = users["operator.desa"]
    figures = programme_figures(user=operator, programme=bogor)
    assert budget_visible(user=operator, programme=bogor, figures=figures) == 60_000_000
    admin = users["admin.bogor"]
    whole = programme_figures(user=admin, programme=bogor)
    assert budget_visible(user=admin, programme=bogor, figures=whole) == 21_924_000_000
    # A total-quota programme states its budget in total: its one area has none of its own.
    assert area_budgets(programme=lebak, regions=["36.02"]) == {"36.02": None}
