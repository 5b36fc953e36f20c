"""The audit trail: written with every change, in its transaction, and never rewritten."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import DatabaseError, connection, transaction

from payung.audit.models import AuditEvent
from payung.audit.services import AuditOutsideTransaction, audit_record
from payung.domain.errors import DomainError
from payung.domain.programme import PayerModel, QuotaModel
from payung.programmes.models import Programme, ProgrammeStatus
from payung.programmes.services import programme_create, programme_set_status
from tests.builders import COMMAND_LINE

pytestmark = pytest.mark.django_db


def test_programme_creation_is_audited_with_actor_and_values(demo):
    bogor = demo["bogor"]
    event = AuditEvent.objects.get(
        action="programme.create", object_type="programmes.Programme", object_id=str(bogor.pk)
    )
    assert event.actor_id == demo["users"]["admin.bogor"].pk
    assert event.actor_username == "admin.bogor"
    assert event.region_code == "32.01"
    assert event.before is None
    assert event.after["quota_per_village"] == 250
    assert event.after["budget_per_village"] == 50_400_000
    assert event.after["legal_basis"] == "Peraturan Bupati Bogor No. 48 Tahun 2025"


def test_bulk_area_creation_writes_one_row_per_village_in_one_batch(demo):
    events = AuditEvent.objects.filter(
        action="programme_area.create", object_type="programmes.ProgrammeArea"
    ).filter(region_code__startswith="32.01.")
    assert events.count() == 435
    assert events.values("batch").distinct().count() == 1
    assert events.filter(batch=None).count() == 0
    one = events.get(region_code="32.01.20.2006")
    assert one.after["quota"] == 250
    # The village's budget is its payer's budget line (payung.budgets), not a figure of the area.
    assert "budget" not in one.after


def test_status_change_records_before_after_and_reason(demo):
    lebak, admin = demo["lebak"], demo["users"]["admin.lebak"]
    programme_set_status(
        actor=admin, programme=lebak, status=ProgrammeStatus.CLOSED, reason="tahun anggaran selesai"
    )
    event = AuditEvent.objects.filter(action="programme.status", object_id=str(lebak.pk)).first()
    assert event.before == {"status": "active"}
    assert event.after == {"status": "closed"}
    assert event.reason == "tahun anggaran selesai"


def test_an_illegal_transition_changes_nothing_and_writes_no_event(demo):
    lebak, admin = demo["lebak"], demo["users"]["admin.lebak"]
    programme_set_status(actor=admin, programme=lebak, status=ProgrammeStatus.CLOSED)
    before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as error:
        programme_set_status(actor=admin, programme=lebak, status=ProgrammeStatus.ACTIVE)
    assert error.value.code == "programme.status"
    assert Programme.objects.get(pk=lebak.pk).status == ProgrammeStatus.CLOSED
    assert AuditEvent.objects.count() == before


def test_a_failed_service_leaves_neither_record_nor_event(demo):
    before_events, before_programmes = AuditEvent.objects.count(), Programme.objects.count()
    with pytest.raises(DomainError) as error:
        programme_create(
            actor=demo["users"]["admin.lebak"],
            regency_code="36.02",
            name="Terbagi per kecamatan",
            legal_basis="uji",
            year=2027,
            coverage_start=date(2027, 1, 1),
            payer_model=PayerModel.REGENCY_BUDGET,
            quota_model=QuotaModel.TOTAL_BY_DISTRICT,
            quota_total=100,
            district_quotas={"36.02.01": 60, "36.02.02": 30},
            budget_total=1_000_000,
        )
    assert error.value.code == "programme.district_split"
    assert AuditEvent.objects.count() == before_events
    assert Programme.objects.count() == before_programmes


def test_audit_outside_a_transaction_is_a_programming_error():
    # pytest-django wraps each test in a transaction; step out of it to reach autocommit.
    saved, connection.in_atomic_block = connection.in_atomic_block, False
    try:
        with pytest.raises(AuditOutsideTransaction):
            audit_record(actor=COMMAND_LINE, action="x.y", object_type="t", object_id="1")
    finally:
        connection.in_atomic_block = saved


def test_the_trail_refuses_updates(demo):
    event = AuditEvent.objects.first()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(reason="diubah")
    event.reason = "diubah"
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


@pytest.mark.postgres
def test_postgresql_refuses_deletes_and_raw_updates(demo):
    if connection.vendor != "postgresql":
        pytest.skip("the delete guard is PostgreSQL's (ADR 0005)")
    event = AuditEvent.objects.first()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_auditor_filters_by_record_and_by_person(client, demo):
    client.force_login(demo["users"]["auditor"])
    lebak = demo["lebak"]
    by_record = client.get(
        "/audit/", {"object_type": "programmes.Programme", "object_id": str(lebak.pk)}
    )
    assert by_record.status_code == 200
    actions = [e.action for e in by_record.context["page"]]
    assert actions == ["programme.status", "programme.create"]
    by_person = client.get("/audit/", {"actor": "admin.lebak"})
    people = {e.actor_username for e in by_person.context["page"]}
    assert people == {"admin.lebak"}
    event = by_record.context["page"][0]
    detail = client.get(f"/audit/{event.pk}/")
    assert detail.status_code == 200
    assert ("status", "draft", "active") in detail.context["event"].changes


def test_passwords_never_reach_the_trail(demo):
    created = AuditEvent.objects.filter(action="user.create")
    assert created.count() == len(demo["users"])
    for event in created:
        assert "password" not in event.after
