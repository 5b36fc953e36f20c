"""The event mechanism: declared events only, payload checked, order kept, after-commit deferred."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from payung import events, reactions
from payung.events import Reaction, When
from payung.events.catalogue import EVENTS, Event


@pytest.fixture
def declared(monkeypatch):
    monkeypatch.setitem(
        EVENTS, "test.happened", Event("test.happened", "a test", frozenset({"actor", "ids"}))
    )
    yield
    monkeypatch.undo()
    events.wire(reactions.REACTIONS)


def test_the_installed_table_has_a_row_for_every_declared_event():
    assert set(reactions.REACTIONS) == set(EVENTS)


def test_reactions_run_in_the_table_order_with_the_payload(declared):
    seen = []
    events.wire(
        {
            **reactions.REACTIONS,
            "test.happened": (
                Reaction(lambda **kw: seen.append(("first", kw))),
                Reaction(lambda **kw: seen.append(("second", kw))),
            ),
        }
    )
    events.announce("test.happened", actor=None, ids=[1])
    assert seen == [("first", {"actor": None, "ids": [1]}), ("second", {"actor": None, "ids": [1]})]


def test_an_undeclared_event_or_a_wrong_payload_raises(declared):
    events.wire({**reactions.REACTIONS, "test.happened": ()})
    with pytest.raises(LookupError):
        events.announce("test.never_declared", actor=None)
    with pytest.raises(TypeError):
        events.announce("test.happened", actor=None)


def test_a_table_missing_a_declared_event_is_refused(declared):
    with pytest.raises(ImproperlyConfigured):
        events.wire(reactions.REACTIONS)


@pytest.mark.django_db(transaction=True)
def test_after_commit_reactions_wait_for_the_commit_and_vanish_on_rollback(declared):
    seen = []
    events.wire(
        {
            **reactions.REACTIONS,
            "test.happened": (Reaction(lambda **kw: seen.append(kw["ids"]), When.AFTER_COMMIT),),
        }
    )
    with transaction.atomic():
        events.announce("test.happened", actor=None, ids=[1])
        assert seen == []
    assert seen == [[1]]
    with pytest.raises(RuntimeError):
        _announce_then_fail()
    assert seen == [[1]]


def _announce_then_fail():
    with transaction.atomic():
        events.announce("test.happened", actor=None, ids=[2])
        raise RuntimeError
