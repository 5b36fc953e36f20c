"""Reactions through one table (ADR 0034): what follows a correction and a duplicate decision,
and that a failing reaction in the transaction undoes the change that announced it."""

from __future__ import annotations

import dataclasses

import pytest

from payung import events, reactions
from payung.audit.models import AuditEvent
from payung.dedupe.blocking import key_hashes
from payung.dedupe.models import DuplicatePair, PairStatus, PersonKey
from payung.dedupe.services import pair_decide
from payung.domain.matching import MatchRecord
from payung.events import Reaction
from payung.registry.crypto import current_keys
from payung.registry.models import Candidate, Person, Source
from payung.registry.services import person_register, person_update
from payung.screening.models import Screening
from tests.builders import worker_data
from tests.integration.test_screening import OTHER_VILLAGE, VILLAGE, person, submitted

pytestmark = pytest.mark.django_db
NIK = "3201200508800001"


class Boom(Exception):
    pass


def _boom(**payload):
    raise Boom(payload)


@pytest.fixture
def failing_after():
    """Wire a reaction that fails after the table's own reactions of one event."""

    def wire(name):
        events.wire({**reactions.REACTIONS, name: (*reactions.REACTIONS[name], Reaction(_boom))})

    yield wire
    events.wire(reactions.REACTIONS)


def _keys(pk, name, born):
    # What worker_data registers: a man of VILLAGE, born on the NIK's date, no family card
    record = MatchRecord(key="", nik=NIK, name=name, birth_date=born, sex="M", village=VILLAGE)
    return {(pk, key) for key in key_hashes(record, current_keys())}


def _filed(pk):
    return set(PersonKey.objects.filter(person=pk).values_list("person", "key"))


def _registered(users, bogor):
    data = dataclasses.replace(worker_data(NIK, "Asep Suryana", VILLAGE), mother_name="")
    someone = person_register(
        actor=users["operator.desa"], data=data, source=Source.VILLAGE_ENTRY
    ).person
    (candidate,) = submitted(users, bogor, [someone])
    return data, someone, candidate


def test_a_registered_person_has_their_blocking_keys(users, bogor):
    _, someone, _ = _registered(users, bogor)
    assert _filed(someone.pk) == _keys(someone.pk, "Asep Suryana", someone.birth_date)


def test_a_correction_refiles_the_keys_and_screens_again(users, bogor):
    data, someone, candidate = _registered(users, bogor)
    old = _keys(someone.pk, "Asep Suryana", someone.birth_date)
    # No mother's name: ineligible (BPJS asks for it).
    assert Screening.objects.get(candidate=candidate).decision == "ineligible"

    person_update(
        actor=users["operator.desa"],
        person=someone,
        data=dataclasses.replace(data, full_name="Asep Suryana Putra", mother_name="Siti"),
        reason="perbaikan",
    )

    new = _keys(someone.pk, "Asep Suryana Putra", someone.birth_date)
    assert new != old
    assert _filed(someone.pk) == old | new  # the old spelling still finds them
    assert Screening.objects.get(candidate=candidate).decision == "eligible"
    assert AuditEvent.objects.filter(action="candidate.rescreen").count() == 1


def test_a_failing_reaction_undoes_the_correction(users, bogor, failing_after):
    data, someone, candidate = _registered(users, bogor)
    failing_after("registry.person_corrected")

    with pytest.raises(Boom):
        person_update(
            actor=users["operator.desa"],
            person=someone,
            data=dataclasses.replace(data, full_name="Asep Suryana Putra", mother_name="Siti"),
        )

    assert Person.objects.get(pk=someone.pk).full_name == "Asep Suryana"
    assert not AuditEvent.objects.filter(action__in=["person.update", "candidate.rescreen"])
    assert _filed(someone.pk) == _keys(someone.pk, "Asep Suryana", someone.birth_date)
    assert Screening.objects.get(candidate=candidate).decision == "ineligible"


def _open_pair(users, bogor):
    a, b = person(1), person(2, village=OTHER_VILLAGE)
    pair = DuplicatePair.objects.create(person_a=a, person_b=b, score=9.0, reasons=[])
    candidates = submitted(users, bogor, [a, b])
    assert [Screening.objects.get(candidate=c).decision for c in candidates] == ["review"] * 2
    return pair, candidates


def test_a_decision_that_they_differ_screens_both_again(users, bogor):
    pair, candidates = _open_pair(users, bogor)

    pair_decide(actor=users["verifikator"], pair=pair, same=False, reason="beda orang")

    assert [Screening.objects.get(candidate=c).decision for c in candidates] == ["eligible"] * 2


def test_a_merge_sets_aside_the_second_candidacy_in_one_programme(users, bogor):
    pair, (kept, merged) = _open_pair(users, bogor)

    pair_decide(actor=users["verifikator"], pair=pair, same=True, reason="orang yang sama")

    assert Person.objects.get(pk=pair.person_b_id).merged_into_id == pair.person_a_id
    assert Candidate.objects.get(pk=merged.pk).status == "merged"
    assert Candidate.objects.get(pk=kept.pk).status == "screened"
    assert Screening.objects.get(candidate=kept).decision == "eligible"


@pytest.mark.parametrize("same", [False, True])
def test_a_failing_reaction_undoes_the_decision(users, bogor, failing_after, same):
    pair, candidates = _open_pair(users, bogor)
    failing_after("dedupe.pair_decided")

    with pytest.raises(Boom):
        pair_decide(actor=users["verifikator"], pair=pair, same=same, reason="x")

    assert DuplicatePair.objects.get(pk=pair.pk).status == PairStatus.OPEN
    assert not Person.objects.filter(merged_into__isnull=False).exists()
    assert [Candidate.objects.get(pk=c.pk).status for c in candidates] == ["screened"] * 2
    assert [Screening.objects.get(candidate=c).decision for c in candidates] == ["review"] * 2
    assert not AuditEvent.objects.filter(
        action__in=["duplicate.decide", "person.merge", "candidate.merge", "candidate.rescreen"]
    )
