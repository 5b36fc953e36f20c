"""Probable duplicates at import time: shown in the preview, saved anyway, reviewed after commit.

Given a registered worker, Siti Aminah of Desa 32.01.20.2001, and her neighbour born the same day,
a file with Siti under a NIK one digit off (and a title), a third neighbour born that day, and
Budi twice (the second time with a NIK typo).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from payung.audit.models import AuditEvent
from payung.dedupe.models import DuplicatePair, ImportMatch, PairStatus, PersonKey
from payung.dedupe.selectors import pair_list
from payung.dedupe.services import duplicates_scan
from payung.domain._digits import mask
from payung.domain.person import Sex
from payung.imports.models import BatchStatus, CommitMode, RowOutcome
from payung.imports.services import batch_commit, batch_upload, batch_validate
from payung.regions.models import Region
from payung.registry.models import Person, Source
from payung.registry.services import person_register
from payung.registry.values import nik_index
from tests.builders import COMMAND_LINE, worker_data, xlsx

pytestmark = pytest.mark.django_db
SERIAL_ID = (
    "NIK hanya berbeda pada nomor urut: begitu pula NIK dua orang yang lahir pada hari yang sama "
    "di kecamatan yang sama."
)
SERIAL_EN = (
    "The NIKs differ in the serial only, as do those of two people born the same day in one "
    "district."
)
TODAY = date(2026, 11, 21)
OWN_VILLAGE = "32.01.20.2006"  # the demo operator's
SITI_VILLAGE = "32.01.20.2001"  # another village of the same district
SITI_NIK = "3201204508800001"
HEADERS = ["NIK", "Nama Lengkap", "Jenis Kelamin", "Tanggal Lahir", "Kode Desa", "Nama Ibu Kandung"]
ROWS = [
    # sheet row 2: Siti, NIK one digit off (position 16), with a title and in capitals
    ["3201204508800007", "Hj. SITI AMINAH", "P", "05-08-1980", "3201202006", "Halimah"],
    # 3: a neighbour born the same day: NIK one digit from Siti's, another name
    ["3201204508800004", "Neneng Rahayu", "P", "05-08-1980", "3201202006", "Onah"],
    # 4 and 5: Budi twice in the same file, the second NIK one digit off
    ["3201200508800011", "Budi Santoso", "L", "05-08-1980", "3201202006", "Aisyah"],
    ["3201200508800017", "BUDI SANTOSO", "L", "05-08-1980", "3201202006", "Aisyah"],
]
PROBABLE_CODES = {
    "import.probable_duplicate",
    "import.probable_duplicate_elsewhere",
    "import.probable_duplicate_in_file",
}


def _xlsx(path: Path, rows=ROWS) -> Path:
    return xlsx(path, HEADERS, rows)


def _registered(nik, name, village, *, mother=""):
    data = worker_data(nik, name, village, sex=Sex.FEMALE)
    data = dataclasses.replace(data, mother_name=mother)
    return person_register(actor=COMMAND_LINE, data=data, source=Source.VILLAGE_ENTRY).person


@pytest.fixture
def registered(demo):
    return {
        "siti": _registered(SITI_NIK, "Siti Aminah", SITI_VILLAGE, mother="Halimah"),
        "neighbour": _registered("3201204508800003", "Euis Komariah", SITI_VILLAGE),
    }


def _validated(actor, programme, path):
    upload = batch_upload(actor=actor, programme=programme, path=path, file_name=path.name)
    return batch_validate(actor=actor, batch=upload.batch, today=TODAY)


def _probable(batch):
    """Row number → its probable-duplicate warnings."""
    return {
        row.row_number: [i for i in row.issues if i["code"] in PROBABLE_CODES]
        for row in batch.rows.order_by("row_number")
    }


def test_the_form_files_a_new_persons_blocking_keys(registered):
    # the NIK's three, the name's with the birth date, the village's with the birth date
    assert PersonKey.objects.filter(person=registered["siti"]).count() == 5


def test_the_preview_names_a_probable_duplicate_the_uploader_may_see(demo, registered, tmp_path):
    admin = demo["users"]["admin.bogor"]  # the regency: Siti's village is in their region
    batch = _validated(admin, demo["bogor"], _xlsx(tmp_path / "desa.xlsx"))

    assert batch.summary["outcomes"] == {"valid": 4}  # warnings only: every row will be saved
    assert batch.summary["probable_duplicates"] == 2
    assert batch.summary["codes"] == {
        "import.probable_duplicate": 1,
        "import.probable_duplicate_in_file": 1,
    }
    found = _probable(batch)
    assert found[3] == []  # the neighbour born the same day
    assert found[4] == []  # Budi's first row
    (siti,) = found[2]
    assert siti["severity"] == "warning"
    assert siti["params"] == {
        "name": "Siti Aminah",
        "nik": mask(SITI_NIK),
        "village": Region.objects.get(code=SITI_VILLAGE).name,
        "score": "9",  # NIK serial one digit 1 + name variant 4.5 + birth date 2 + mother 1.5
        "reasons_id": f"{SERIAL_ID} Nama: sama setelah gelar dan ejaan lama disamakan. Tanggal "
        "lahir sama. Nama ibu kandung sama.",
        "reasons_en": f"{SERIAL_EN} Name: the same once titles and old spellings are set aside. "
        "Same birth date. Same mother's maiden name.",
    }
    (budi,) = found[5]
    assert budi["params"]["first_row"] == 4
    # NIK serial one digit 1 + same name 5 + birth date 2 + same village 0.5 + same mother 1.5
    assert budi["params"]["score"] == "10"
    staged = ImportMatch.objects.filter(batch=batch).order_by("row_number")
    assert [(m.row_number, m.person_id, m.other_row_number, m.score) for m in staged] == [
        (2, registered["siti"].pk, None, 9.0),
        (5, None, 4, 10.0),
    ]
    assert Person.objects.count() == 2  # validation writes nothing to the registry


def test_the_preview_page_shows_the_count_and_each_rows_warning(client, demo, registered, tmp_path):
    admin = demo["users"]["admin.bogor"]
    batch = _validated(admin, demo["bogor"], _xlsx(tmp_path / "desa.xlsx"))
    client.force_login(admin)

    page = client.get(f"/imports/{batch.pk}/").content.decode()

    assert 'data-testid="probable-count"' in page
    assert "<dd>2</dd></div></dl>" in page
    siti = '<p data-code="import.probable_duplicate">Kemungkinan orang yang sama dengan Siti Aminah'
    budi = '<p data-code="import.probable_duplicate_in_file">Kemungkinan orang yang sama dengan'
    assert siti in page
    assert f"skor 9. {SERIAL_ID}" in page
    assert f"{budi} baris 4 berkas ini, skor 10." in page


def test_a_match_outside_the_uploaders_region_reveals_nobody(client, demo, registered, tmp_path):
    operator = demo["users"]["operator.desa"]  # one village; Siti lives in another
    batch = _validated(operator, demo["bogor"], _xlsx(tmp_path / "desa.xlsx"))

    (siti,) = _probable(batch)[2]
    assert siti["code"] == "import.probable_duplicate_elsewhere"
    assert siti["params"] == {
        "score": "9",
        # no position: with the row's own NIK it would give away all but one digit of hers
        "reasons_id": f"{SERIAL_ID} Nama: sama setelah gelar dan ejaan lama disamakan. Tanggal "
        "lahir sama. Nama ibu kandung sama.",
        "reasons_en": f"{SERIAL_EN} Name: the same once titles and old spellings are set aside. "
        "Same birth date. Same mother's maiden name.",
    }
    client.force_login(operator)
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    errors = client.get(f"/imports/{batch.pk}/errors.xlsx").content
    assert f"sudah terdaftar di wilayah lain, skor 9. {SERIAL_ID} Nama" in page
    for secret in ("Siti Aminah", mask(SITI_NIK), SITI_NIK):
        assert secret not in page
    assert b"Siti Aminah" not in errors


def test_probable_rows_are_saved_and_their_pairs_reach_the_review_queue(demo, registered, tmp_path):
    admin, verifier = demo["users"]["admin.bogor"], demo["users"]["verifikator"]
    batch = _validated(admin, demo["bogor"], _xlsx(tmp_path / "desa.xlsx"))

    batch = batch_commit(actor=admin, batch=batch, mode=CommitMode.ALL_VALID)

    assert batch.status == BatchStatus.COMMITTED
    assert batch.rows_committed == 4
    people = dict(batch.rows.values_list("row_number", "person_id"))
    assert batch.rows.filter(outcome=RowOutcome.VALID, committed=True).count() == 4
    pairs = {(p.person_a_id, p.person_b_id): p for p in pair_list(user=verifier)}
    assert set(pairs) == {(registered["siti"].pk, people[2]), (people[4], people[5])}
    siti = pairs[registered["siti"].pk, people[2]]
    assert (siti.status, siti.score, siti.region_code) == (PairStatus.OPEN, 9.0, "32.01.20")
    assert [r["code"] for r in siti.reasons] == [
        "match.nik_serial_only",
        "match.name",
        "match.birth_date_same",
        "match.mother_same",
    ]
    assert pairs[people[4], people[5]].region_code == OWN_VILLAGE
    found = AuditEvent.objects.filter(action="duplicate.found", reason=f"import {batch.pk}")
    assert sorted((e.after["person_a"], e.after["person_b"]) for e in found) == sorted(pairs)
    # New people's keys are filed, so the next import finds them too.
    assert PersonKey.objects.filter(person_id__in=people.values()).count() == 4 * 5
    # The scan finds the same pairs, already recorded.
    assert duplicates_scan(actor=verifier, region_code="32.01").new == 0


def test_the_next_import_finds_people_the_last_one_saved(demo, tmp_path):
    admin = demo["users"]["admin.bogor"]
    first = _validated(admin, demo["bogor"], _xlsx(tmp_path / "a.xlsx", ROWS[2:3]))
    batch_commit(actor=admin, batch=first, mode=CommitMode.ALL_VALID)

    second = _validated(admin, demo["bogor"], _xlsx(tmp_path / "b.xlsx", ROWS[3:4]))

    ((warning,),) = [w for w in _probable(second).values() if w]
    assert warning["code"] == "import.probable_duplicate"
    assert warning["params"]["name"] == "Budi Santoso"


def test_people_without_keys_are_found_once_matchkeys_fills_them(demo, tmp_path):
    admin = demo["users"]["admin.bogor"]
    Person.objects.create(  # a bulk load that wrote no keys
        nik=SITI_NIK,
        nik_index=nik_index(SITI_NIK),
        full_name="Siti Aminah",
        sex="F",
        birth_date=date(1980, 8, 5),
        village_id=SITI_VILLAGE,
        mother_name="Halimah",
        source=Source.FILE_IMPORT,
    )
    before = _validated(admin, demo["bogor"], _xlsx(tmp_path / "a.xlsx", ROWS[:1]))
    assert before.summary["probable_duplicates"] == 0

    call_command("matchkeys")

    assert PersonKey.objects.count() == 5
    after = _validated(admin, demo["bogor"], _xlsx(tmp_path / "b.xlsx", ROWS[:1]))
    assert after.summary["probable_duplicates"] == 1
    call_command("matchkeys", "--rebuild")
    assert PersonKey.objects.count() == 5


def test_a_merged_record_answers_for_the_person_it_was_merged_into(demo, registered, tmp_path):
    from payung.registry.services import persons_merge

    admin = demo["users"]["admin.bogor"]
    kept = _registered("3201204508800009", "Siti Aminah", SITI_VILLAGE, mother="Halimah")
    persons_merge(actor=COMMAND_LINE, keep=kept, duplicate=registered["siti"], reason="sama")

    batch = _validated(admin, demo["bogor"], _xlsx(tmp_path / "a.xlsx", ROWS[:1]))

    assert ImportMatch.objects.get(batch=batch).person_id == kept.pk
    assert DuplicatePair.objects.count() == 0
