"""One matcher everywhere (issue 15 item 5): the data-entry form, the import and list checks weigh
a common name as the region's last whole scan did, from counts the scan kept as hashes."""

from __future__ import annotations

import json
from datetime import date

import pytest

from payung.dedupe import frequencies as kept
from payung.dedupe import services
from payung.dedupe.frequencies import frequencies_for, frequencies_keep, key_version
from payung.dedupe.keys import person_keys_fill
from payung.dedupe.models import MatchFrequencies
from payung.dedupe.services import duplicates_scan, person_record
from payung.domain.matching import Frequencies, MatchRecord, compare, name_key
from payung.domain.regions import RegionCode
from payung.imports.probable import probable_for
from payung.registry.crypto import current_keys
from payung.registry.models import Person, Source
from payung.registry.values import nik_index

pytestmark = pytest.mark.django_db
VILLAGE = "32.01.20.2006"


def _person(nik: str, name: str, born: date) -> Person:
    return Person.objects.create(
        nik=nik,
        nik_index=nik_index(nik),
        full_name=name,
        sex="F",
        birth_date=born,
        village_id=VILLAGE,
        source=Source.VILLAGE_ENTRY,
    )


@pytest.fixture
def few_enough(monkeypatch):
    """Counts from three records on (the real floor is 1,000: a test registry is smaller)."""
    monkeypatch.setattr(services, "TF_FEWEST_RECORDS", 3)
    monkeypatch.setattr(kept, "TF_FEWEST_RECORDS", 3)


@pytest.fixture
def sitis(demo):
    """Six women named Siti Aminah in one village, each born on another day, among twenty
    other women each of her own name."""
    others = ["Euis", "Neng", "Cicih", "Enok", "Imas", "Yayah", "Titin", "Oom", "Iis", "Eha"]
    for n, given in enumerate(others * 2):  # born 1 to 20 July 1975
        _person(f"320120{41 + n}07750001", f"{given} {n}", date(1975, 7, 1 + n))
    return [
        _person(f"320120{40 + day:02d}08800001", "Siti Aminah", date(1980, 8, day))
        for day in range(1, 7)
    ]


def test_a_whole_scan_keeps_its_counts_as_hashes(demo, sitis, few_enough):
    scan = duplicates_scan(actor=demo["users"]["verifikator"], region_code="32.01")

    row = MatchFrequencies.objects.get(region="32.01")
    assert row.records == scan.people
    assert row.key_version == key_version(current_keys())
    stored = json.dumps(row.names) + json.dumps(row.dates)
    assert "siti" not in stored.lower()
    assert "aminah" not in stored.lower()
    counted = frequencies_for(VILLAGE)
    assert counted is not None
    assert counted.names.get(name_key("Siti Aminah"), 0) == 6
    assert counted.names.get(name_key("SITI AMINAH"), 0) == 6  # looked up by its matching key
    assert counted.dates[date(1980, 8, 1)] >= 1
    # a second scan replaces the counts, it does not add a row
    duplicates_scan(actor=demo["users"]["verifikator"], region_code="32.01")
    assert MatchFrequencies.objects.filter(region="32.01").count() == 1


def test_the_form_weighs_a_common_name_as_the_scan_does(demo, sitis, few_enough):
    person_keys_fill()
    typed = MatchRecord(
        key="r0", nik="3201204108800901", name="Siti Aminah", birth_date=date(1980, 8, 1), sex="F"
    )
    registered = person_record(sitis[0], f"p{sitis[0].pk}")
    operator = demo["users"]["operator.desa"]
    before = probable_for(typed, actor=operator)
    assert before is not None
    assert before.params["score"] == f"{compare(typed, registered).score:g}"  # no scan yet

    duplicates_scan(actor=demo["users"]["verifikator"], region_code="32.01")
    counted = frequencies_for(VILLAGE)
    weighed = compare(typed, registered, counted).score
    assert weighed < compare(typed, registered).score  # six of one name: a common name
    after = probable_for(typed, actor=operator)
    assert after is not None
    assert after.params["score"] == f"{weighed:g}"
    assert "umum" in after.params["reasons_id"]  # "Nama ini umum: 6 catatan bernama sama."


def test_no_counts_from_a_small_scan_or_under_another_data_key(demo, sitis):
    duplicates_scan(actor=demo["users"]["verifikator"], region_code="32.01")
    assert not MatchFrequencies.objects.exists()  # fewer than 1,000 people: nothing kept
    assert frequencies_for(VILLAGE) is None

    records = [MatchRecord(str(n), "", f"Nama {n % 7}", date(1970, 1, 1)) for n in range(1_000)]
    frequencies_keep(Frequencies.of(records), region=RegionCode.parse("32.01"), records=1_000)
    assert frequencies_for(VILLAGE) is not None
    assert frequencies_for("32.02") is None  # counts of another regency weigh nothing here
    MatchFrequencies.objects.update(key_version="another-key")
    assert frequencies_for(VILLAGE) is None
