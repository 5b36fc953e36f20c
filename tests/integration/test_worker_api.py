"""Registering a worker through the API: the same rules and answers as the form and the import."""

from __future__ import annotations

import json

import pytest

from payung.audit.models import AuditEvent
from payung.registry.models import Candidate, Person
from tests.builders import village_operator

pytestmark = pytest.mark.django_db
VILLAGE = "32.01.20.2006"
WORKER = {
    "nik": "3201014508800004",
    "full_name": "Siti Aminah",
    "sex": "P",
    "birth_date": "05-08-1980",
    "village": VILLAGE,
    "occupation": "Buruh tani",
    "mother_name": "Halimah",
}


def post(client, body):
    return client.post("/api/v1/workers/", json.dumps(body), content_type="application/json")


def test_a_new_worker_is_created_and_a_known_nik_links_and_says_where_it_takes_part(client, demo):
    client.force_login(demo["users"]["operator.desa"])
    bogor = demo["bogor"]

    created = post(client, {**WORKER, "programme": bogor.pk})
    assert created.status_code == 201
    body = created.json()
    assert body["outcome"] == "created"
    assert body["nik"] == "3201••••••••0004"
    assert body["candidacy_created"] is True
    person = Person.objects.get(pk=body["person"])
    assert person.source == "agency_list"
    assert AuditEvent.objects.filter(action="person.create", object_id=str(person.pk)).exists()

    again = post(client, {**WORKER, "full_name": "SITI AMINAH"})
    assert again.status_code == 200
    assert again.json() == {
        "outcome": "linked",
        "person": person.pk,
        "nik": "3201••••••••0004",
        "candidacy_created": False,
        "warnings": [],
        "takes_part": [f"{bogor.name} (2026)"],
    }
    assert Person.objects.count() == 1
    assert Candidate.objects.count() == 1


def test_bad_data_gets_each_problem_with_its_code_and_nothing_is_written(client, demo):
    client.force_login(demo["users"]["operator.desa"])
    bad = post(client, {**WORKER, "nik": "3.20101E+15", "birth_date": "31-02-1980"})
    assert bad.status_code == 400
    body = bad.json()
    assert body["error"] == "request.validation"
    codes = {p["code"] for p in body["problems"]}
    assert "nik.excel_damaged" in codes
    assert Person.objects.count() == 0
    assert post(client, ["not", "an", "object"]).json()["error"] == "request.json"


def test_outside_the_region_only_says_registered_elsewhere(client, demo):
    client.force_login(demo["users"]["operator.desa"])
    post(client, WORKER)
    other = village_operator("32.01.20.2001")
    client.force_login(other)
    refused = post(client, {**WORKER, "village": "32.01.20.2001"})
    assert refused.status_code == 409
    assert refused.json()["error"] == "registry.registered_elsewhere"
    assert "Siti" not in refused.content.decode()


def test_without_a_session_or_the_capability_the_api_refuses(client, demo):
    assert post(client, WORKER).status_code == 401
    client.force_login(demo["users"]["verifikator"])
    assert post(client, WORKER).status_code == 403
    client.force_login(demo["users"]["operator.desa"])
    lebak = demo["lebak"]
    assert post(client, {**WORKER, "programme": lebak.pk}).status_code == 404
    assert Person.objects.count() == 0
