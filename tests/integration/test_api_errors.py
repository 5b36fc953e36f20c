"""Every failure under /api/ answers JSON with a stable code and its message in both languages.

Issue 11, item 3: deeply nested JSON used to end in RecursionError (500), an oversize body in
Django's HTML 400 page, and 404 / 405 / CSRF refusals in HTML too.
"""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client

from payung.audit.models import AuditEvent
from payung.registry.models import Person
from tests.integration.test_worker_api import WORKER

pytestmark = pytest.mark.django_db
WORKERS = "/api/v1/workers/"


@pytest.fixture
def api(demo):
    """A logged-in operator whose requests never raise: we read the answer, as a client would."""
    client = Client(raise_request_exception=False)
    client.force_login(demo["users"]["operator.desa"])
    return client


def refusal(response, status, code, **filled):
    """The answer is JSON in the API's one shape; returns its two messages."""
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["error"] == code
    messages = body["messages"]
    assert set(messages) == {"id", "en"}
    assert body["message"] == messages["id"]  # Indonesian by default
    for text in messages.values():
        assert text
        assert "{" not in text
        for value in filled.values():
            assert str(value) in text
    return messages


def nothing_written():
    assert Person.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="person.").exists()


def test_deeply_nested_json_is_refused_before_parsing(api):
    response = api.post(WORKERS, "[" * 100_000, content_type="application/json")
    messages = refusal(response, 400, "request.too_deep", limit=32)
    assert messages == {
        "id": "JSON dalam isi permintaan bersarang lebih dari 32 tingkat.",
        "en": "The body's JSON is nested more than 32 levels deep.",
    }
    nested = {**WORKER, "address": json.loads("[" * 40 + "]" * 40)}
    refusal(api.post(WORKERS, nested, content_type="application/json"), 400, "request.too_deep")
    nothing_written()


def test_malformed_json_and_a_wrong_content_type_are_refused(api):
    malformed = api.post(WORKERS, '{"nik": ', content_type="application/json")
    assert refusal(malformed, 400, "request.json") == {
        "id": "Isi permintaan harus berupa objek JSON.",
        "en": "The body must be a JSON object.",
    }
    not_utf8 = api.post(WORKERS, b'{"full_name": "\xff"}', content_type="application/json")
    refusal(not_utf8, 400, "request.json")
    form = api.post(WORKERS, {"nik": WORKER["nik"]})  # the test client's form encoding
    messages = refusal(form, 415, "request.content_type", received="multipart/form-data")
    assert messages["en"] == ("The body must be sent as application/json, not multipart/form-data.")
    nothing_written()


def test_a_body_above_the_upload_limit_answers_413_in_json(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({**WORKER, "address": "x" * 2000})
    messages = refusal(
        api.post(WORKERS, body, content_type="application/json"),
        413,
        "request.too_large",
        limit=1000,
    )
    assert messages["id"] == "Isi permintaan lebih besar dari batas 1000 byte."
    nothing_written()


def test_an_oversize_form_body_read_by_the_csrf_check_still_answers_json(demo, settings):
    # The CSRF middleware reads a form body before any view: Django raises RequestDataTooBig
    # there and used to answer its HTML 400 page.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get("/login/")  # the CSRF cookie
    response = client.post(
        WORKERS, "nik=" + "1" * 2000, content_type="application/x-www-form-urlencoded"
    )
    refusal(response, 413, "request.too_large", limit=1000)


def test_a_refused_csrf_token_answers_json_under_the_api_only(demo):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(demo["users"]["operator.desa"])
    response = client.post(WORKERS, WORKER, content_type="application/json")
    assert refusal(response, 403, "request.csrf")["en"] == (
        "Refused: the security token (CSRF) is missing or wrong. Reload and try again."
    )
    page = client.post("/logout/")
    assert page.status_code == 403
    assert page["Content-Type"].startswith("text/html")
    nothing_written()


def test_unknown_addresses_and_wrong_methods_answer_json(api):
    refusal(api.get("/api/v1/nothing/"), 404, "request.not_found")
    refusal(api.get("/api/v2/workers/"), 404, "request.not_found")
    wrong = api.get(WORKERS)
    messages = refusal(wrong, 405, "request.method", method="GET", allowed="POST")
    assert messages["en"] == "This address does not accept GET requests; use POST."
    assert wrong["Allow"] == "POST"
    deleted = api.delete("/api/v1/programmes/")
    refusal(deleted, 405, "request.method", method="DELETE", allowed="GET")
    assert deleted["Allow"] == "GET"
    # Outside the API the pages stay HTML.
    page = api.get("/nothing/")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")


def test_login_and_role_refusals_carry_both_languages(client, demo):
    anonymous = client.post(WORKERS, WORKER, content_type="application/json")
    assert refusal(anonymous, 401, "auth.required") == {
        "id": "Silakan masuk.",
        "en": "Please log in.",
    }
    refusal(client.get("/api/v1/programmes/"), 401, "auth.required")
    client.force_login(demo["users"]["verifikator"])
    forbidden = client.post(WORKERS, WORKER, content_type="application/json")
    assert refusal(forbidden, 403, "auth.forbidden")["en"] == "Your role may not do this."


def test_an_english_client_reads_the_message_in_english(api):
    response = api.post(WORKERS, "[", content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    body = response.json()
    assert body["error"] == "request.json"
    assert body["message"] == "The body must be a JSON object."


def test_validation_problems_carry_both_languages(api):
    response = api.post(WORKERS, {**WORKER, "nik": "123"}, content_type="application/json")
    refusal(response, 400, "request.validation")
    [problem] = [p for p in response.json()["problems"] if p["field"] == "nik"]
    assert problem["code"] == "nik.length"
    assert set(problem["messages"]) == {"id", "en"}
    assert problem["message"] == problem["messages"]["id"]


def test_an_unexpected_exception_answers_json_500_and_is_logged(api, monkeypatch, caplog):
    def broken(**kwargs):
        raise RuntimeError("selector broke")

    monkeypatch.setattr("payung.web.views.programme_list_selector", broken)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = api.get("/api/v1/programmes/")
    assert refusal(response, 500, "server.error") == {
        "id": "Terjadi kesalahan di server dan sudah dicatat. Coba lagi nanti.",
        "en": "Something went wrong on the server; it has been logged. Try again later.",
    }
    assert "selector broke" not in response.content.decode()
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info is not None
    assert "selector broke" in str(record.exc_info[1])
    page = api.get("/programmes/")
    assert page.status_code == 500
    assert page["Content-Type"].startswith("text/html")
