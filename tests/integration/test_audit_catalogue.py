"""The audit action catalogue: every action written is declared once, with its words in Indonesian
and English; the writers refuse any other, and the trail is shown in words (ADR 0031)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import translation

from payung.audit.catalogue import UnknownAuditAction, actions, label_of, register
from payung.audit.models import AuditEvent
from payung.audit.services import AuditItem, audit_bulk, audit_bulk_select, audit_record
from payung.domain.workflow import Action
from tests.builders import COMMAND_LINE
from tests.conftest import audit_rows_unregistered
from tests.integration.test_screening import candidacy, person

SRC = Path(__file__).resolve().parents[2] / "src/payung"
WRITERS = frozenset({"audit_record", "audit_bulk", "audit_bulk_select", "audit_region"})
# services.move writes each workflow step as f"candidate.{action.value}" (and the bulk screening
# builds the same codes): these are the codes no literal names.
WORKFLOW_CODES = frozenset(f"candidate.{action.value}" for action in Action)


def _modules() -> list[tuple[Path, ast.Module]]:
    return [
        (path, ast.parse(path.read_text(), filename=str(path)))
        for path in sorted(SRC.rglob("*.py"))
        if path.name != "audit_actions.py" and path != SRC / "audit/catalogue.py"
    ]


def test_eighty_two_actions_are_declared_by_the_apps_that_write_them():
    declared = actions()
    assert (
        len(declared) == 95
    )  # claims (issue 13): 4, packet 1, unclaimed deaths and export 4, lifecycle 6, details 3;
    # reports (issue 14): report.download; kept reports: request, build, download;
    # a province's matching (issue 15): exchange.match_export
    assert declared["candidate.return"].object_type == "registry.Candidate"
    assert declared["regions.load"].object_type == "regions.Region"
    assert declared["duplicates.scan"].object_type == "region"
    assert set(declared) >= WORKFLOW_CODES


def test_every_action_has_an_indonesian_and_an_english_label_and_says_what_it_holds():
    missing = []
    for code, action in actions().items():
        with translation.override("en"):
            english = action.text()
        with translation.override("id"):
            indonesian = action.text()
        if not english or english == code or not indonesian or indonesian in (code, english):
            missing.append((code, english, indonesian))
        for sentence in (action.before, action.after):
            assert sentence.strip(), code
            assert sentence.endswith("."), (code, sentence)
    assert missing == []
    with translation.override("id"):
        assert label_of("candidate.return") == "Kandidat dikembalikan ke desa"
    with translation.override("en"):
        assert label_of("candidate.return") == "Candidacy returned to the village"
    # A row older than its declaration still reads: its code.
    assert label_of("retired.action") == "retired.action"


def test_every_action_a_service_passes_to_a_writer_is_registered():
    """The static half of the check (the writers refuse at run time; tests/conftest.py checks
    every row written in a test): each literal action at a writer's call site is declared."""
    found: dict[str, str] = {}
    for path, module in _modules():
        for node in ast.walk(module):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name not in WRITERS:
                continue
            for keyword in node.keywords:
                if keyword.arg != "action":
                    continue
                value = keyword.value
                options = [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
                for option in options:
                    if isinstance(option, ast.Constant):
                        found[option.value] = f"{path.relative_to(SRC)}:{node.lineno}"
    assert len(found) > 40  # the walk found the call sites
    assert {code: where for code, where in found.items() if code not in actions()} == {}


def test_no_registered_action_is_unused():
    """A declared action appears as a string in the code that writes it (a literal passed to a
    writer, or a key such as ``("flag.raise", raised)``), or is a workflow step."""
    literals = {
        node.value
        for _, module in _modules()
        for node in ast.walk(module)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert 'f"candidate.{action.value}"' in (SRC / "screening/places.py").read_text()
    unused = set(actions()) - literals - WORKFLOW_CODES
    assert unused == set()


def test_registering_an_action_twice_differently_is_refused():
    same = actions()["place.release"]
    register(
        same.code,
        label=same.label,
        object_type=same.object_type,
        before=same.before,
        after=same.after,
    )  # the same declaration again is harmless
    with pytest.raises(ValueError, match="registered twice"):
        register(
            "place.release", label="x", object_type="registry.Candidate", before=".", after="."
        )
    with pytest.raises(ValueError, match=r"record\.verb"):
        register("release", label="x", object_type="region", before=".", after=".")
    assert actions()["place.release"] == same


@pytest.mark.django_db
def test_the_writers_refuse_an_unregistered_action(demo):
    bogor = demo["bogor"]
    before = AuditEvent.objects.count()
    with transaction.atomic():
        with pytest.raises(UnknownAuditAction, match=r"'programme\.renamed' is not registered"):
            audit_record(actor=COMMAND_LINE, action="programme.renamed", target=bogor)
        with pytest.raises(UnknownAuditAction):
            audit_bulk(
                actor=COMMAND_LINE, action="programme.renamed", items=[AuditItem(target=bogor)]
            )
        with pytest.raises(UnknownAuditAction):
            audit_bulk_select(
                actor=COMMAND_LINE,
                action="programme.renamed",
                object_type="programmes.Programme",
                object_id="'1'",
                region_code="'32.01'",
                subject_key="''",
                after="NULL",
                from_where="",
                params=[],
            )
        audit_record(actor=COMMAND_LINE, action="programme.status", target=bogor)  # a declared one
    assert AuditEvent.objects.count() == before + 1


@pytest.mark.django_db
def test_the_suite_check_finds_a_row_written_around_the_writers(demo):
    """What tests/conftest.py runs after every database test; the rows are undone here so this
    test itself passes the check."""
    assert audit_rows_unregistered() == set()
    with transaction.atomic():
        AuditEvent.objects.create(action="nobody.declared", object_type="x.Y", object_id="1")
        AuditEvent.objects.create(
            action="candidate.return", object_type="registry.Person", object_id="1"
        )
        found = audit_rows_unregistered()
        transaction.set_rollback(True)
    assert found == {("nobody.declared", "x.Y"), ("candidate.return", "registry.Person")}
    assert audit_rows_unregistered() == set()


@pytest.mark.django_db
def test_the_trail_is_shown_in_words_with_the_code_kept_as_data(client, demo):
    client.force_login(demo["users"]["auditor"])
    lebak = demo["lebak"]
    query = {"object_type": "programmes.Programme", "object_id": str(lebak.pk)}
    page = client.get("/audit/", query).content.decode()
    assert '<td data-action="programme.create">Program dibuat</td>' in page
    assert "<code>programme.create</code>" not in page
    event = AuditEvent.objects.get(action="programme.create", object_id=str(lebak.pk))
    detail = client.get(f"/audit/{event.pk}/").content.decode()
    assert '<dd data-action="programme.create">Program dibuat</dd>' in detail
    client.post("/i18n/setlang/", {"language": "en", "next": "/audit/"})
    page = client.get("/audit/", query).content.decode()
    assert '<td data-action="programme.create">Programme created</td>' in page


@pytest.mark.django_db
def test_the_candidate_history_is_shown_in_words(client, demo):
    candidate = candidacy(demo["bogor"], person(1))
    client.force_login(demo["users"]["operator.desa"])
    client.post(f"/candidates/{candidate.pk}/act/", {"action": "submit"})
    page = client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert '<td data-action="candidate.submit">Kandidat diajukan ke Disnaker</td>' in page
    assert '<td data-action="candidate.screen">Kandidat disaring</td>' in page
    assert "<code>candidate." not in page
