"""The helpers every page view shares (payung.edge.pages): no database needed."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.utils import translation

from payung.domain.errors import DomainError
from payung.domain.period import Month
from payung.domain.workflow import WORKFLOW_MAKER_CHECKER
from payung.edge.pages import (
    CSV,
    attachment,
    chosen_pk,
    language,
    month_or_none,
    page_of,
    run_and_say,
    say_refusal,
)

MAKER_CHECKER_ID = (
    "Anda yang mengajukan kandidat ini, jadi tidak boleh juga memverifikasi atau menyetujuinya. "
    "Minta verifikator lain."
)


def _request(path: str = "/", data: dict[str, str] | None = None):
    request = RequestFactory().post(path, data or {}) if data else RequestFactory().get(path)
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _said(request) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(request)]


def test_the_language_is_indonesian_unless_the_reader_chose_english():
    with translation.override(None):
        assert language() == "id"
    with translation.override("en"):
        assert language() == "en"


def test_a_refusal_is_said_in_the_readers_words_never_its_code():
    request = _request()
    with translation.override("id"):
        say_refusal(request, DomainError(WORKFLOW_MAKER_CHECKER))
    assert _said(request) == [("error", MAKER_CHECKER_ID)]


def test_run_and_say_reports_the_result_or_the_refusal():
    request = _request()

    def refused() -> int:
        raise DomainError(WORKFLOW_MAKER_CHECKER)

    with translation.override("en"):
        assert run_and_say(request, lambda: 3, lambda n: f"{n} done") == 3
        assert run_and_say(request, refused, lambda n: f"{n} done") is None
    assert _said(request) == [
        ("success", "3 done"),
        (
            "error",
            "You submitted this candidate, so you may not also verify or approve it. Ask "
            "another verifier.",
        ),
    ]


def test_the_page_asked_for_and_the_last_when_beyond():
    assert list(page_of(_request("/?page=2"), list(range(120)))) == list(range(50, 100))
    assert list(page_of(_request("/?page=9"), list(range(120)))) == list(range(100, 120))
    assert list(page_of(_request("/?page=x"), list(range(7)), 3)) == [0, 1, 2]


def test_a_chosen_id_is_a_number_from_the_query_or_the_form():
    assert chosen_pk(_request("/?programme=12"), "programme") == 12
    assert chosen_pk(_request("/", {"programme": "7"}), "programme") == 7
    assert chosen_pk(_request("/?programme=12;drop"), "programme") is None
    assert chosen_pk(_request("/"), "programme") is None


def test_a_month_is_parsed_or_none():
    assert month_or_none("2026-01") == Month(2026, 1)
    assert month_or_none("  ") is None
    assert month_or_none("2026-13") is None


def test_a_download_names_its_file_and_is_not_stored_when_asked():
    kept = attachment("a.csv", CSV, "x,y\n")
    secret = attachment("b.xlsx", "application/octet-stream", b"PK", no_store=True)
    assert kept["Content-Disposition"] == 'attachment; filename="a.csv"'
    assert kept["Content-Type"] == "text/csv; charset=utf-8"
    assert "Cache-Control" not in kept
    assert secret["Cache-Control"] == "no-store"
    assert secret.content == b"PK"
