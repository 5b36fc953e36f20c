"""The acting user, or the command line / system by name: one rule everywhere (ADR 0035).

An operator (``CommandLine``, ``System``) may do every capability over every region, reads every
record, and is recorded in the audit trail by name; a user is held to their role and region.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import RequestFactory

from payung.access.actor import CommandLine, System, actor_label, actor_of, actor_pk
from payung.access.scope import require, require_region, scoped
from payung.audit.models import AuditEvent
from payung.audit.services import AuditItem, audit_bulk, audit_record
from payung.domain.roles import Capability
from payung.imports.services import batch_upload, batch_validate
from payung.jobs.models import Job
from payung.jobs.services import job_actor
from payung.programmes.models import ProgrammeArea
from payung.regions.services import regions_load

pytestmark = pytest.mark.django_db

CLI = CommandLine(name="payung import")


def test_an_operator_has_every_capability_in_every_region():
    for capability in Capability:
        require(CLI, capability)
        require(System(name="job import.commit"), capability)
    require_region(CLI, "36.02.01.2001")  # Lebak: outside every Bogor user's region


def test_a_user_is_still_held_to_role_and_region(demo):
    operator = demo["users"]["operator.desa"]
    with pytest.raises(PermissionDenied, match="verify"):
        require(operator, Capability.VERIFY)
    with pytest.raises(PermissionDenied, match="outside_scope"):
        require_region(operator, "36.02.01.2001")


def test_an_operator_reads_every_record_a_village_operator_reads_its_own(demo):
    every = ProgrammeArea.objects.count()
    assert scoped(ProgrammeArea.objects.all(), CLI).count() == every
    own = scoped(ProgrammeArea.objects.all(), demo["users"]["operator.desa"]).count()
    assert 0 < own < every


def test_the_trail_records_the_command_line_and_the_system_by_name(demo):
    with transaction.atomic():
        event = audit_record(
            actor=CLI, action="regions.load", object_type="regions.Region", object_id="*"
        )
        batch = audit_bulk(
            actor=System(name="job finance.arrears"),
            action="programme.status",
            items=[AuditItem(ref=("programmes.Programme", "2", "32.01"))],
        )
    event.refresh_from_db()
    assert (event.actor_id, event.actor_username) == (None, "cli:payung import")
    bulk = AuditEvent.objects.get(batch=batch)
    assert (bulk.actor_id, bulk.actor_username) == (None, "system:job finance.arrears")


def test_a_user_is_recorded_by_id_and_username(demo):
    admin = demo["users"]["admin.bogor"]
    assert (actor_pk(admin), actor_label(admin)) == (admin.pk, "admin.bogor")


def test_an_operator_without_a_name_is_refused():
    with pytest.raises(ValueError, match="needs a name"):
        CommandLine(name=" ")


def test_a_job_acts_as_whoever_queued_it_or_the_system_by_its_kind(demo):
    finance = demo["users"]["keuangan"]
    queued = Job(kind="finance.arrears", params={}, region_id="32.01", created_by=finance)
    assert job_actor(queued) == finance
    unattended = Job(kind="finance.arrears", params={}, region_id="32.01")
    assert job_actor(unattended) == System(name="job finance.arrears")


def test_a_request_gives_its_signed_in_user_and_refuses_an_anonymous_one(demo):
    request = RequestFactory().get("/")
    request.user = demo["users"]["verifikator"]
    assert actor_of(request) == demo["users"]["verifikator"]
    request.user = AnonymousUser()
    with pytest.raises(PermissionDenied, match="login_required"):
        actor_of(request)


def test_only_the_operator_or_the_system_administrator_loads_the_region_list(demo):
    with pytest.raises(PermissionDenied, match="admin_site"):
        regions_load(actor=demo["users"]["admin.bogor"])


def test_validating_an_import_needs_collect_data_like_upload_and_commit(demo, tmp_path):
    path = tmp_path / "desa.csv"
    path.write_text("NIK;Nama\n", encoding="utf-8")
    upload = batch_upload(
        actor=demo["users"]["operator.desa"],
        programme=demo["bogor"],
        path=path,
        file_name=path.name,
    )
    with pytest.raises(PermissionDenied, match="collect_data"):
        batch_validate(actor=demo["users"]["verifikator"], batch=upload.batch)
