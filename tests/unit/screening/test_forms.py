"""The screening pages' forms (payung.screening.forms): what each makes of good, bad and missing
input is what the page made of it before it had a form. No database needed."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.utils import translation

from payung.domain.eligibility import RuleSet
from payung.domain.errors import DomainError
from payung.domain.flags import ListKind
from payung.domain.workflow import Action
from payung.edge.forms import parsed
from payung.screening.forms import BulkDecisionForm, DecisionForm, MoveForm, QueueForm, RulesForm


def _query(text: str) -> QueryDict:
    return QueryDict(text)


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


def test_the_queues_filters_are_passed_on_as_typed():
    assert parsed(QueueForm(_query(""))) == {
        "status": "",
        "decision": "",
        "district": "",
        "village": "",
        "flag": "",
        "duplicates": False,
    }
    typed = parsed(
        QueueForm(_query("status=nonsense&decision=review&district=+32.01+&flag=any&duplicates=1"))
    )
    assert typed == {
        "status": "nonsense",
        "decision": "review",
        "district": " 32.01 ",  # not trimmed: the selector gets what the page sent
        "village": "",
        "flag": "any",
        "duplicates": True,
    }
    for box in ("yes", "on", "true", "0", ""):
        assert parsed(QueueForm(_query(f"duplicates={box}")))["duplicates"] is False


def test_a_decision_is_an_action_of_the_workflow_or_none():
    assert parsed(DecisionForm(_query("action=reject&reason=+Foto+buram%0A"))) == {
        "action": Action.REJECT,
        "reason": "Foto buram",
    }
    # An action the page offers no words for is still an action: the page answers 403.
    assert parsed(DecisionForm(_query("action=merge")))["action"] is Action.MERGE
    for query in ("", "action=", "action=dance", "action=REJECT"):
        assert parsed(DecisionForm(_query(query))) == {"action": None, "reason": ""}


def test_the_ticked_candidacies_that_are_not_numbers_are_left_out():
    assert parsed(
        BulkDecisionForm(
            _query("candidate=3&candidate=x&candidate=-1&candidate=%C2%B2&candidate=12")
        )
    ) == {"action": None, "reason": "", "candidate": [3, 12]}
    assert parsed(BulkDecisionForm(_query("action=submit&reason=+r+")))["candidate"] == []


def test_the_rules_are_read_as_the_page_read_them():
    form = RulesForm(
        _query(
            "age_min=+21+&age_max=enam&max_decile=4&bulk_sample=-5"
            "&occupations=fisher&occupations=farm_labourer"
            "&flags=deceased&flags=alive&flags=bpjs_active"
            "&required=heir&required=shoe_size&required=mother_name&required=heir"
            "&priority=,risk,,decile&note=+Perbup+1+"
        )
    )
    assert parsed(form) == {
        "age_min": 21,
        "age_max": None,  # not a number: the rule is off
        "max_decile": 4,
        "bulk_sample": 0,  # not a number: no sample
        "occupations": ("fisher", "farm_labourer"),
        "flags": (ListKind.DECEASED, ListKind.BPJS_ACTIVE),
        "required": ("mother_name", "heir"),  # the domain's order, each once
        "priority": ("risk", "decile"),
        "note": "Perbup 1",
    }
    assert form.rules() == RuleSet(
        age_min=21,
        age_max=None,
        occupations=("fisher", "farm_labourer"),
        max_decile=4,
        flags=(ListKind.DECEASED, ListKind.BPJS_ACTIVE),
        required=("mother_name", "heir"),
        priority=("risk", "decile"),
        bulk_sample=0,
    )


def test_an_empty_rules_form_switches_every_rule_off():
    form = RulesForm(_query(""))
    assert parsed(form)["note"] == ""
    assert form.rules() == RuleSet(
        age_min=None,
        age_max=None,
        occupations=None,
        max_decile=None,
        flags=(),
        required=(),
        priority=(),
        bulk_sample=0,
    )


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("age_min=70&age_max=60", "Aturan kelayakan tidak sah: age 70 > 60."),
        ("age_max=130", "Aturan kelayakan tidak sah: age 130."),
        ("bulk_sample=101", "Aturan kelayakan tidak sah: sample 101."),
        ("occupations=astronaut", "Aturan kelayakan tidak sah: occupation astronaut."),
        ("priority=risk,+decile", "Aturan kelayakan tidak sah: priority risk,  decile."),
        ("priority=risk,risk", "Aturan kelayakan tidak sah: priority risk, risk."),
    ],
)
def test_rules_that_are_not_rules_are_refused_by_the_domain_in_its_words(query, said):
    form = RulesForm(_query(query))
    parsed(form)  # the form reads them; the RuleSet judges them
    with pytest.raises(DomainError) as refused:
        form.rules()
    assert refused.value.code == "eligibility.rules_invalid"
    assert refused.value.message("id") == said


def test_a_move_of_places_is_read_as_python_reads_a_number_else_none():
    typed = "source=+32.01.20.2001+&target=32.01.20.2006&places=+3+&reason=+sisa+"
    assert parsed(MoveForm(_query(typed))) == {
        "source": "32.01.20.2001",
        "target": "32.01.20.2006",
        "places": 3,
        "reason": "sisa",
    }
    for places in ("places=lima", "places=", "places=2.5", ""):
        assert parsed(MoveForm(_query(places)))["places"] == 0
    assert parsed(MoveForm(_query("places=-4")))["places"] == -4  # the check refuses it
    assert parsed(MoveForm(_query(""))) == {"source": "", "target": "", "places": 0, "reason": ""}
