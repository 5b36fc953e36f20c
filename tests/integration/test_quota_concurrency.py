"""Fifty verifiers approve at the same moment: the quota holds (PostgreSQL, real connections)."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date

import pytest
from django.db import connection, connections

from payung.accounts.models import User
from payung.audit.models import AuditEvent
from payung.demo.seed import seed_demo
from payung.domain.roles import Role
from payung.domain.workflow import Action
from payung.programmes.models import Programme, ProgrammeArea
from payung.regions.services import regions_load
from payung.registry.models import Candidate, Person, Source
from payung.registry.values import nik_index
from payung.screening.places import candidate_approve, waitlist_position
from payung.screening.services import candidates_act
from tests.builders import COMMAND_LINE

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent approvals need PostgreSQL"
    ),
]
VILLAGE = "32.01.20.2006"


def test_fifty_concurrent_approvals_with_ten_places_left_approve_exactly_ten():
    regions_load(
        actor=COMMAND_LINE
    )  # a transactional test before this one may have emptied the table
    seed_demo()
    bogor = Programme.objects.get(regency_id="32.01")
    operator = User.objects.get(username="operator.desa")
    verifiers = [
        User.objects.create_user(
            username=f"verifikator{n}", password="x", role=Role.VERIFIER, region_id="32.01"
        )
        for n in range(10)
    ]
    people = [
        Person.objects.create(
            nik=f"32012005088{n:05d}",
            nik_index=nik_index(f"32012005088{n:05d}"),
            full_name=f"Pekerja {n}",
            sex="M",
            birth_date=date(1988, 8, 5),
            village_id=VILLAGE,
            source=Source.VILLAGE_ENTRY,
            mother_name="Ibu",
        )
        for n in range(1, 51)
    ]
    ids = [
        Candidate.objects.create(person=p, programme=bogor, village_id=VILLAGE).pk for p in people
    ]
    candidates_act(actor=operator, candidate_ids=ids, action=Action.SUBMIT)
    candidates_act(
        actor=verifiers[0], candidate_ids=ids, action=Action.VERIFY, reason="lengkap", bulk=True
    )
    ProgrammeArea.objects.filter(programme=bogor, region_id=VILLAGE).update(taken=240)
    start = threading.Barrier(len(ids))
    errors: list[BaseException] = []

    def approve(candidate_id: int, verifier: User) -> None:
        try:
            start.wait()
            candidate_approve(actor=verifier, candidate=Candidate(pk=candidate_id))
        except BaseException as error:  # reported below: a thread must not swallow a failure
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=approve, args=(cid, verifiers[n % len(verifiers)]))
        for n, cid in enumerate(ids)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    statuses = Counter(Candidate.objects.filter(pk__in=ids).values_list("status", flat=True))
    assert statuses == {"approved": 10, "waitlisted": 40}
    area = ProgrammeArea.objects.get(programme=bogor, region_id=VILLAGE)
    assert (area.quota, area.taken) == (250, 250)
    # The audit trail agrees: one approval or one waiting-list entry per candidacy, each
    # waiting one with the message that says why.
    trail = Counter(
        AuditEvent.objects.filter(
            action__in=["candidate.approve", "candidate.waitlist"], object_id__in=map(str, ids)
        ).values_list("action", flat=True)
    )
    assert trail == {"candidate.approve": 10, "candidate.waitlist": 40}
    reasons = AuditEvent.objects.filter(action="candidate.waitlist_reason")
    assert reasons.count() == 40
    assert {(r.after["code"], r.after["taken"], r.after["quota"]) for r in reasons} == {
        ("quota.full", 250, 250)
    }
    waiting = Candidate.objects.filter(pk__in=ids, status="waitlisted").select_related(
        "programme", "screening"
    )
    assert sorted(waitlist_position(c) for c in waiting) == list(range(1, 41))
