"""The set-based commit (imports/commit.py): what it writes must be what the form's path writes.

Every test validates a real file, then commits it, and checks the registry rows, the staged rows
and the audit trail the database built — against the Python ``snapshot`` the rest of Payung uses.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from payung.audit.models import AuditEvent
from payung.audit.services import snapshot
from payung.domain.errors import DomainError
from payung.imports.models import BatchStatus, CommitMode, ImportRow, RowOutcome
from payung.imports.services import batch_commit, batch_upload, batch_validate
from payung.registry import crypto
from payung.registry.models import Candidate, Heir, Person, Source
from payung.registry.services import person_register
from payung.registry.values import nik_index
from tests.builders import worker_data, xlsx

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 21)
VILLAGE = "32.01.20.2006"  # Parungpanjang, the demo operator's village
OTHER_VILLAGE = "32.01.20.2001"  # another village of Kec. Parungpanjang

HEADERS = [
    "NIK",
    "No KK",
    "Nama Lengkap",
    "Jenis Kelamin",
    "Tanggal Lahir",
    "Kode Desa",
    "No HP",
    "Pekerjaan",
    "Nama Ibu Kandung",
    "Nama Ahli Waris",
    "Hubungan Ahli Waris",
    "NIK Ahli Waris",
]


NEIGHBOURS = (
    "Asep Suryana",
    "Budi Hidayat",
    "Cecep Permana",
    "Dadang Saepudin",
    "Eman Rohmat",
    "Herman Kurniawan",
    "Iwan Setiawan",
    "Jajang Sumarna",
    "Maman Gunawan",
)


def _row(n: int, *, village: str = VILLAGE, heir: bool = False, kk: bool = False) -> list[object]:
    return [
        f"32010105088000{n:02d}",
        f"32010112345600{n:02d}" if kk else None,
        f"Pekerja {chr(64 + n)}",
        "L",
        "05-08-1980",
        village.replace(".", ""),
        f"0812345678{n:02d}",
        "Buruh tani",
        "Ibu Kandung",
        "Siti Ahli" if heir else None,
        "istri" if heir else None,
        f"32010145088000{n:02d}" if heir else None,
    ]


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    return xlsx(path, HEADERS, rows)


def _validated(actor, programme, path):
    upload = batch_upload(actor=actor, programme=programme, path=path, file_name=path.name)
    return batch_validate(actor=actor, batch=upload.batch, today=TODAY)


def _as_json(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


@pytest.fixture
def operator(demo):
    return demo["users"]["operator.desa"]


def test_people_heirs_candidacies_and_their_audit_rows_match_the_orm_path(operator, demo, tmp_path):
    # Given a file of three workers, one with a family card number and an heir
    path = _xlsx(tmp_path / "desa.xlsx", [_row(1, heir=True, kk=True), _row(2), _row(3)])
    batch = _validated(operator, demo["bogor"], path)
    assert batch.summary["outcomes"] == {"valid": 3}

    # When it is committed
    batch = batch_commit(actor=operator, batch=batch, mode=CommitMode.ALL_VALID)

    # Then the people are stored as the form would store them, numbers encrypted and indexed
    person = Person.objects.get(nik_index=nik_index("3201010508800001"))
    assert person.nik == "3201010508800001"
    assert person.family_card == "3201011234560001"
    assert person.full_name == "Pekerja A"
    assert person.phone == "+6281234567801"
    assert person.occupation_code == "farm_labourer"
    assert person.source == Source.FILE_IMPORT
    assert person.source_batch_id == batch.pk
    assert person.entered_by == operator
    heir = Heir.objects.get(person=person)
    assert (heir.name, heir.relation, heir.nik) == ("Siti Ahli", "istri", "3201014508800001")
    assert heir.nik_index == nik_index("3201014508800001")
    assert Person.objects.get(nik_index=nik_index("3201010508800002")).family_card is None

    # And each new person and candidacy has one audit row whose `after` is exactly the snapshot
    for created in Person.objects.filter(source_batch=batch):
        event = AuditEvent.objects.get(action="person.create", object_id=str(created.pk))
        assert event.after == _as_json(snapshot(created))
        assert event.after["nik"] == created.nik_masked
        assert (event.actor_id, event.actor_username) == (operator.pk, "operator.desa")
        assert event.region_code == VILLAGE
        assert event.subject_key == f"person:{created.pk}"
        assert event.reason == f"import {batch.pk}"
        assert event.object_type == "registry.Person"
    assert "3201011234560001" not in json.dumps(
        list(AuditEvent.objects.values_list("after", flat=True))
    )
    for candidate in Candidate.objects.filter(source_batch=batch):
        event = AuditEvent.objects.get(action="candidate.create", object_id=str(candidate.pk))
        assert event.after == _as_json(snapshot(candidate))
        assert event.subject_key == f"person:{candidate.person_id}"
    assert Candidate.objects.filter(source_batch=batch, programme=demo["bogor"]).count() == 3
    assert list(
        batch.rows.order_by("row_number").values_list("committed", "person__full_name")
    ) == [(True, "Pekerja A"), (True, "Pekerja B"), (True, "Pekerja C")]


def test_a_nik_registered_between_check_and_save_is_linked_not_duplicated(operator, demo, tmp_path):
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "a.xlsx", [_row(1), _row(2)]))
    assert batch.summary["outcomes"] == {"valid": 2}
    # Meanwhile the operator registers worker 2 through the form.
    data = worker_data("3201010508800002", "Pekerja Formulir", VILLAGE)
    existing = person_register(actor=operator, data=data, source=Source.VILLAGE_ENTRY).person

    batch = batch_commit(actor=operator, batch=batch, mode=CommitMode.ALL_VALID)

    assert Person.objects.count() == 2
    assert batch.rows.get(row_number=3).person_id == existing.pk
    assert Person.objects.get(pk=existing.pk).full_name == "Pekerja Formulir"  # kept as it was
    created = AuditEvent.objects.filter(action="person.create", reason=f"import {batch.pk}")
    assert created.count() == 1
    assert Candidate.objects.filter(person=existing, source_batch=batch).exists()


def test_a_nik_of_another_village_is_refused_at_validation_without_saying_whose(
    operator, demo, tmp_path
):
    admin = demo["users"]["admin.bogor"]
    first = _validated(
        admin, demo["bogor"], _xlsx(tmp_path / "a.xlsx", [_row(1, village=OTHER_VILLAGE)])
    )
    batch_commit(actor=admin, batch=first, mode=CommitMode.ALL_VALID)

    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "b.xlsx", [_row(1), _row(2)]))

    assert batch.summary["outcomes"] == {"invalid": 1, "valid": 1}
    row = batch.rows.get(row_number=2)
    assert row.outcome == RowOutcome.INVALID
    assert row.issues[-1]["code"] == "registry.registered_elsewhere"
    assert row.nik_sealed is None  # nothing of a refused row is staged for the registry
    batch = batch_commit(actor=operator, batch=batch, mode=CommitMode.VALID_ONLY)
    assert batch.rows_committed == 1
    assert Person.objects.count() == 2


def test_rows_a_committer_may_not_register_are_refused_at_commit_and_reported(demo, tmp_path):
    # Validated by the regency administrator, committed by a village operator of another
    # village: the row is outside the committer's region.
    admin = demo["users"]["admin.bogor"]
    operator = demo["users"]["operator.desa"]
    rows = [_row(n) for n in range(1, 8)] + [_row(8, village=OTHER_VILLAGE)]
    batch = _validated(admin, demo["bogor"], _xlsx(tmp_path / "a.xlsx", rows))
    assert batch.summary["outcomes"] == {"valid": 8}

    batch = batch_commit(actor=operator, batch=batch, mode=CommitMode.VALID_ONLY)

    assert batch.status == BatchStatus.COMMITTED
    assert batch.rows_committed == 7
    refused = batch.rows.get(row_number=9)
    assert refused.outcome == RowOutcome.INVALID
    assert refused.committed is False
    assert refused.issues[-1]["code"] == "registry.village_outside_scope"
    assert not Person.objects.filter(village_id=OTHER_VILLAGE).exists()
    event = AuditEvent.objects.get(action="import.commit", object_id=str(batch.pk))
    assert event.after == {"mode": "valid_only", "committed": 7, "left_out": 1}


def test_raw_cells_are_kept_only_for_rows_someone_looks_at_again(operator, demo, tmp_path):
    rows = [_row(n) for n in range(1, 10)]
    for row, name in zip(rows, NEIGHBOURS, strict=True):
        row[2] = name  # neighbours born the same day, NIKs one digit apart: different people
    rows[6][4] = "31-02-1980"  # one invalid row
    rows[8][2] = rows[0][2]  # row 10: Asep's NIK, one digit off (a probable duplicate)
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "a.xlsx", rows))
    kept = dict(batch.rows.values_list("row_number", "payload"))
    with_cells = sorted(n for n, payload in kept.items() if payload)
    # the first five valid rows (the preview), the invalid row (the error workbook) and the
    # probable duplicate (its warning, in both)
    assert with_cells == [2, 3, 4, 5, 6, 8, 10]
    assert batch.summary["probable_duplicates"] == 1
    assert json.loads(kept[8])[4] == "31-02-1980"
    sealed = batch.rows.get(row_number=9).nik_sealed
    assert sealed.startswith("v1:")
    assert crypto.decrypt(sealed, context="nik") == "3201010508800008"


def test_rows_staged_by_an_earlier_version_must_be_checked_again(operator, demo, tmp_path):
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "a.xlsx", [_row(1)]))
    ImportRow.objects.filter(batch=batch).update(nik_sealed=None)
    with pytest.raises(DomainError) as error:
        batch_commit(actor=operator, batch=batch, mode=CommitMode.ALL_VALID)
    assert error.value.code == "import.revalidate"
    assert Person.objects.count() == 0
    batch.refresh_from_db()
    assert batch.status == BatchStatus.VALIDATED


def test_the_preview_says_where_a_known_worker_already_takes_part(operator, demo, tmp_path):
    first = _validated(operator, demo["bogor"], _xlsx(tmp_path / "a.xlsx", [_row(1)]))
    batch_commit(actor=operator, batch=first, mode=CommitMode.ALL_VALID)

    again = _validated(operator, demo["bogor"], _xlsx(tmp_path / "b.xlsx", [_row(1), _row(2)]))

    row = again.rows.get(row_number=2)
    assert row.outcome == RowOutcome.ALREADY_REGISTERED
    assert row.issues[-1] == {
        "code": "row.takes_part",
        "params": {"programmes": f"{demo['bogor'].name} (2026)"},
        "severity": "warning",
    }
    assert again.summary["codes"]["row.takes_part"] == 1
    assert "row.takes_part" not in [i["code"] for i in again.rows.get(row_number=3).issues]


def test_two_rows_reaching_one_person_through_a_merge_make_one_candidacy(operator, demo, tmp_path):
    # Worker 1 was registered twice (a NIK typo), and the two records were merged.
    kept, typo = (
        person_register(
            actor=operator, data=worker_data(nik, "Pekerja A", VILLAGE), source=Source.VILLAGE_ENTRY
        ).person
        for nik in ("3201010508800001", "3201010508800002")
    )
    typo.merged_into = kept
    typo.save()

    # A file lists both numbers; each row is committed in its own chunk.
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "b.xlsx", [_row(1), _row(2)]))
    batch = batch_commit(actor=operator, batch=batch, mode=CommitMode.VALID_ONLY, chunk_size=1)

    linked = batch.rows.order_by("row_number").values_list("person", flat=True)
    assert list(linked) == [kept.pk, kept.pk]
    assert Candidate.objects.filter(programme=demo["bogor"]).count() == 1
    made = AuditEvent.objects.filter(action="candidate.create", reason=f"import {batch.pk}")
    assert made.count() == 1
