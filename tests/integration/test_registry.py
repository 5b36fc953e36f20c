"""The worker registry: NIKs encrypted at rest, found by blind index, one person per NIK."""

from __future__ import annotations

import base64
from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from payung.audit.models import AuditEvent
from payung.domain.errors import DomainError
from payung.domain.headers import Field
from payung.domain.worker_row import validate_worker_row
from payung.registry import crypto
from payung.registry.models import Candidate, Person, Source
from payung.registry.selectors import nik_status, person_list
from payung.registry.services import Outcome, person_register
from tests.builders import COMMAND_LINE

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 21)
OWN_VILLAGE = "32.01.20.2006"


def worker(nik="3201014508800004", name="SITI AMINAH", sex="P", born="05-08-1980", **extra):
    values = {
        Field.NIK: nik,
        Field.FULL_NAME: name,
        Field.SEX: sex,
        Field.BIRTH_DATE: born,
        Field.OCCUPATION: "buruh tani",
        Field.MOTHER_NAME: "Halimah",
        Field.PHONE: "0812-3456-7890",
        **extra,
    }
    result = validate_worker_row(
        values,
        reference_date=TODAY,
        resolve_village=lambda village, district: str(village),
        default_village=OWN_VILLAGE,
    )
    assert result.data is not None, result.issues
    return result.data


def test_nik_is_encrypted_at_rest_and_read_back_in_clear(demo):
    result = person_register(
        actor=demo["users"]["operator.desa"], data=worker(), source=Source.VILLAGE_ENTRY
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nik, nik_index FROM registry_person WHERE id = %s", [result.person.pk]
        )
        stored_nik, stored_index = cursor.fetchone()
    assert stored_nik.startswith("v1:")
    assert "3201014508800004" not in stored_nik
    assert len(stored_index) == 64
    person = Person.objects.get(pk=result.person.pk)
    assert person.nik == "3201014508800004"
    assert person.nik_masked == "3201••••••••0004"
    assert person.full_name == "Siti Aminah"
    assert person.phone == "+6281234567890"


def test_a_wrong_data_key_fails_closed(demo, settings):
    person_register(
        actor=demo["users"]["operator.desa"], data=worker(), source=Source.VILLAGE_ENTRY
    )
    settings.PAYUNG_DATA_KEY = base64.urlsafe_b64encode(b"\x01" * 32).decode()
    crypto.reset_key_cache()
    try:
        with pytest.raises(crypto.DataKeyError):
            list(Person.objects.all())
    finally:
        settings.PAYUNG_DATA_KEY = ""
        crypto.reset_key_cache()
    assert Person.objects.get().nik == "3201014508800004"


def test_registration_is_audited_with_the_nik_masked(demo):
    operator = demo["users"]["operator.desa"]
    result = person_register(
        actor=operator, data=worker(), source=Source.VILLAGE_ENTRY, programme=demo["bogor"]
    )
    assert result.outcome is Outcome.CREATED
    assert result.candidate_created
    event = AuditEvent.objects.get(action="person.create")
    assert event.after["nik"] == "3201••••••••0004"
    assert "3201014508800004" not in str(event.after)
    assert event.subject_key == f"person:{result.person.pk}"
    assert event.region_code == OWN_VILLAGE
    candidate = Candidate.objects.get(person=result.person)
    assert candidate.programme == demo["bogor"]
    assert AuditEvent.objects.filter(
        action="candidate.create", subject_key=event.subject_key
    ).exists()


def test_the_same_nik_twice_links_to_one_person(demo):
    operator = demo["users"]["operator.desa"]
    first = person_register(actor=operator, data=worker(), source=Source.VILLAGE_ENTRY)
    again = person_register(
        actor=operator, data=worker(name="Siti Aminah Binti Udin"), source=Source.FILE_IMPORT
    )
    assert again.outcome is Outcome.LINKED
    assert again.person.pk == first.person.pk
    assert Person.objects.count() == 1
    assert Person.objects.get().full_name == "Siti Aminah"  # the first record is not overwritten


def test_the_database_itself_refuses_a_second_record_for_a_nik(demo):
    person_register(
        actor=demo["users"]["operator.desa"], data=worker(), source=Source.VILLAGE_ENTRY
    )
    duplicate = Person.objects.get()
    duplicate.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_another_village_only_learns_that_the_nik_is_registered_elsewhere(demo):
    from payung.accounts.services import user_create
    from payung.domain.roles import Role

    person_register(
        actor=demo["users"]["operator.desa"], data=worker(), source=Source.VILLAGE_ENTRY
    )
    other = user_create(
        actor=COMMAND_LINE,
        username="op.cibinong",
        password="p",
        role=Role.VILLAGE_OPERATOR,
        region_code="32.01.01.1001",
        check_password=False,
    )
    data = worker()
    with pytest.raises(DomainError) as error:
        person_register(actor=other, data=data, source=Source.VILLAGE_ENTRY)
    assert error.value.code == "registry.registered_elsewhere"
    assert "Siti" not in error.value.message("id")
    assert nik_status(user=other, nik="3201014508800004", today=TODAY) == "elsewhere"
    assert (
        nik_status(user=demo["users"]["operator.desa"], nik="3201014508800004", today=TODAY)
        == "here"
    )
    assert nik_status(user=other, nik="3201010508800004", today=TODAY) == "new"
    assert person_list(user=other, search="3201014508800004").count() == 0


def test_search_by_full_nik_and_by_name_within_scope(demo):
    operator = demo["users"]["operator.desa"]
    person_register(actor=operator, data=worker(), source=Source.VILLAGE_ENTRY)
    person_register(
        actor=operator,
        data=worker(nik="3201010508800004", name="Budi Santoso", sex="L"),
        source=Source.VILLAGE_ENTRY,
    )
    assert [p.full_name for p in person_list(user=operator, search="3201014508800004")] == [
        "Siti Aminah"
    ]
    assert [p.full_name for p in person_list(user=operator, search="budi")] == ["Budi Santoso"]
    assert person_list(user=demo["users"]["admin.lebak"]).count() == 0


def test_a_village_outside_the_operator_scope_is_refused(demo):
    data = worker(**{Field.VILLAGE_CODE: "32.01.01.1001"})
    with pytest.raises(DomainError) as error:
        person_register(
            actor=demo["users"]["operator.desa"], data=data, source=Source.VILLAGE_ENTRY
        )
    assert error.value.code == "registry.village_outside_scope"
    assert Person.objects.count() == 0
