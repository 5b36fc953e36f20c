"""Probable duplicates in the registry: the scan, the review decisions and the merge."""

from __future__ import annotations

import base64
import io
import os
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from payung.audit.models import AuditEvent
from payung.dedupe.exchange import exchange_match
from payung.dedupe.models import DuplicatePair, PairStatus
from payung.dedupe.selectors import pair_list
from payung.dedupe.services import (
    common_region,
    duplicates_scan,
    pair_decide,
    pairs_decide,
    pairs_decide_check,
)
from payung.domain import exchange
from payung.domain.errors import DomainError
from payung.domain.matching import CERTAIN
from payung.domain.person import Sex
from payung.registry.models import Candidate, CandidateStatus, Heir, Person, Source
from payung.registry.selectors import participation, person_list
from payung.registry.services import Outcome, persons_register
from payung.registry.values import nik_index
from tests.builders import COMMAND_LINE, worker_data
from tests.integration.confirming import confirm

pytestmark = pytest.mark.django_db
VILLAGE = "32.01.20.2006"
NEIGHBOUR_VILLAGE = "32.01.20.2001"
OTHER_DISTRICT = "32.01.21.2001"


def _person(nik, name, village=VILLAGE, *, sex="F", born=date(1980, 8, 5), **kwargs):
    return Person.objects.create(
        nik=nik,
        nik_index=nik_index(nik),
        full_name=name,
        sex=sex,
        birth_date=born,
        village_id=village,
        source=Source.VILLAGE_ENTRY,
        **kwargs,
    )


@pytest.fixture
def verifier(demo):
    return demo["users"]["verifikator"]


@pytest.fixture
def people(demo):
    """Siti twice (a NIK typo and a title), her neighbour born the same day, Budi twice."""
    return {
        "siti": _person("3201204508800001", "Siti Aminah", mother_name="Halimah"),
        "siti_typo": _person(
            "3201204508800007", "Hj. SITI AMINAH", NEIGHBOUR_VILLAGE, mother_name="Halimah"
        ),
        "neighbour": _person("3201204508800002", "Euis Komariah"),
        "budi": _person("3201210508800001", "Budi Santoso", OTHER_DISTRICT, sex="M"),
        "budi_typo": _person("3201210508800010", "Santoso Budi", OTHER_DISTRICT, sex="M"),
    }


def test_common_region_is_the_smallest_region_holding_both():
    assert common_region("32.01.20.2006", "32.01.20.2001") == "32.01.20"
    assert common_region("32.01.20.2006", "32.01.21.2001") == "32.01"
    assert common_region("32.01.20.2006", "36.02.01.2001") == ""


def test_a_scan_records_each_probable_pair_once_with_its_reasons_and_audit(verifier, people):
    scan = duplicates_scan(actor=verifier, region_code="32.01")

    assert (scan.people, scan.found, scan.new) == (5, 2, 2)
    siti = DuplicatePair.objects.get(person_a=people["siti"])
    assert siti.person_b == people["siti_typo"]
    assert siti.region_code == "32.01.20"
    assert siti.status == PairStatus.OPEN
    codes = [r["code"] for r in siti.reasons]
    assert codes[:2] == ["match.nik_serial_only", "match.name"]
    assert siti.reasons[1]["params"]["agreement"] == "variant"
    assert siti.score == 1.0 + 4.5 + 2.0 + 1.5  # a serial one digit off weighs little
    budi = DuplicatePair.objects.get(person_a=people["budi"])
    assert budi.reasons[0]["code"] == "match.nik_serial_only"
    assert budi.score == 2.5 + 4.5 + 2.0 + 0.5  # two serial digits swapped: a typo
    assert budi.region_code == OTHER_DISTRICT  # both in one village
    assert not DuplicatePair.objects.filter(person_b=people["neighbour"]).exists()
    assert AuditEvent.objects.filter(action="duplicate.found").count() == 2
    event = AuditEvent.objects.get(action="duplicates.scan")
    assert event.after == {"people": 5, "found": 2, "new": 2}

    again = duplicates_scan(actor=verifier, region_code="32.01")
    assert (again.found, again.new) == (2, 0)
    assert DuplicatePair.objects.count() == 2


def test_different_people_are_remembered_and_never_proposed_again(verifier, people):
    duplicates_scan(actor=verifier, region_code="32.01")
    pair = DuplicatePair.objects.get(person_a=people["budi"])

    pair = pair_decide(actor=verifier, pair=pair, same=False, reason="kembar, beda orang")

    assert pair.status == PairStatus.DIFFERENT
    assert pair.decided_by == verifier
    event = AuditEvent.objects.get(action="duplicate.decide", object_id=str(pair.pk))
    assert event.after["status"] == "different"
    assert event.reason == "kembar, beda orang"
    assert duplicates_scan(actor=verifier, region_code="32.01").new == 0
    with pytest.raises(DomainError) as error:
        pair_decide(actor=verifier, pair=pair, same=True)
    assert error.value.code == "dedupe.already_decided"
    assert Person.objects.filter(merged_into__isnull=False).count() == 0


def test_same_person_merges_the_newer_record_into_the_older(verifier, demo, people):
    siti, typo = people["siti"], people["siti_typo"]
    bogor, lebak = demo["bogor"], demo["lebak"]
    Candidate.objects.create(person=siti, programme=bogor, village_id=VILLAGE)
    in_both = Candidate.objects.create(person=typo, programme=bogor, village_id=NEIGHBOUR_VILLAGE)
    moved = Candidate.objects.create(person=typo, programme=lebak, village_id=NEIGHBOUR_VILLAGE)
    Heir.objects.create(person=typo, name="Ujang", relation="suami")
    duplicates_scan(actor=verifier, region_code="32.01")
    pair = DuplicatePair.objects.get(person_a=siti)

    pair_decide(actor=verifier, pair=pair, same=True, reason="NIK salah ketik")

    typo.refresh_from_db()
    assert typo.merged_into == siti
    in_both.refresh_from_db()
    moved.refresh_from_db()
    assert (in_both.person, in_both.status) == (typo, CandidateStatus.MERGED)
    assert (moved.person, moved.status) == (siti, CandidateStatus.DRAFT)
    assert Heir.objects.get(name="Ujang").person == siti
    merge = AuditEvent.objects.get(action="person.merge", object_id=str(typo.pk))
    assert merge.after == {"merged_into": siti.pk, "heirs_moved": 1}
    assert merge.subject_key == f"person:{typo.pk}"
    assert AuditEvent.objects.get(action="person.merge_into").subject_key == f"person:{siti.pk}"
    assert AuditEvent.objects.filter(action="candidate.merge").count() == 2
    # The merged record leaves the lists, but its NIK still finds the person.
    assert siti in person_list(user=verifier)
    assert typo not in person_list(user=verifier)
    assert list(person_list(user=verifier, search="3201204508800007")) == [siti]
    typo_index = nik_index("3201204508800007")
    assert participation(user=verifier, nik_indexes=[typo_index]) == {
        typo_index: [f"{bogor.name} (2026)", f"{lebak.name} (2026)"]
    }


def test_bulk_decisions_need_a_reason_and_obvious_pairs(verifier, people):
    duplicates_scan(actor=verifier, region_code="32.01")
    pairs = list(DuplicatePair.objects.order_by("pk"))
    with pytest.raises(DomainError) as error:
        pairs_decide(actor=verifier, pairs=pairs, same=False, reason=" ")
    assert error.value.code == "dedupe.bulk_reason"
    with pytest.raises(DomainError) as error:
        pairs_decide(actor=verifier, pairs=pairs, same=True, reason="jelas sama")
    assert error.value.code == "dedupe.bulk_not_certain"
    assert DuplicatePair.objects.filter(status=PairStatus.OPEN).count() == 2

    decided = pairs_decide(actor=verifier, pairs=pairs, same=False, reason="diperiksa lapangan")
    assert {p.status for p in decided} == {PairStatus.DIFFERENT}


def test_the_check_before_a_bulk_decision_refuses_what_the_service_refuses(verifier, people):
    """``pairs_decide_check`` (the confirmation page's) is the service's own check."""
    duplicates_scan(actor=verifier, region_code="32.01")
    pairs = list(DuplicatePair.objects.order_by("-pk"))  # the check names them in pk order
    doubtful = sorted(p.pk for p in pairs if p.score < CERTAIN)
    assert doubtful  # the people fixture holds a pair to review one by one
    for same, reason, code, params in [
        (False, " ", "dedupe.bulk_reason", {}),
        (True, " ", "dedupe.bulk_reason", {}),
        (
            True,
            "jelas sama",
            "dedupe.bulk_not_certain",
            {"threshold": CERTAIN, "pairs": ", ".join(map(str, doubtful))},
        ),
    ]:
        refusal = pairs_decide_check(pairs=pairs, same=same, reason=reason)
        with pytest.raises(DomainError) as raised:
            pairs_decide(actor=verifier, pairs=pairs, same=same, reason=reason)
        assert refusal is not None
        assert (refusal.code, dict(refusal.params)) == (code, params)
        assert (raised.value.code, raised.value.params) == (refusal.code, refusal.params)
    assert pairs_decide_check(pairs=pairs, same=False, reason="diperiksa") is None
    assert DuplicatePair.objects.filter(status=PairStatus.OPEN).count() == len(pairs)


def test_pairs_are_read_within_the_region_holding_both_people(demo, verifier, people):
    duplicates_scan(actor=verifier, region_code="32.01")
    assert pair_list(user=verifier).count() == 2
    lebak_admin = demo["users"]["admin.lebak"]
    with pytest.raises(PermissionDenied):
        pair_list(user=lebak_admin)  # no verify capability
    operator = demo["users"]["operator.desa"]
    with pytest.raises(PermissionDenied):
        duplicates_scan(actor=operator, region_code="32.01")


def test_a_scan_sees_only_the_actors_region(demo, people):
    lebak_verifier = demo["users"]["verifikator"]
    lebak_verifier.region_id = "36.02"
    lebak_verifier.save()
    scan = duplicates_scan(actor=lebak_verifier, region_code="32.01")
    assert (scan.people, scan.found) == (0, 0)


def test_the_merged_records_nik_registers_as_the_person_it_was_merged_into(verifier, people):
    duplicates_scan(actor=verifier, region_code="32.01")
    pair_decide(actor=verifier, pair=DuplicatePair.objects.get(person_a=people["siti"]), same=True)
    data = worker_data("3201204508800007", "Siti Aminah", VILLAGE, sex=Sex.FEMALE)
    (registration,) = persons_register(actor=COMMAND_LINE, rows=[data], source=Source.VILLAGE_ENTRY)
    assert registration.outcome == Outcome.LINKED
    assert registration.person == people["siti"]
    assert Person.objects.count() == 5


def test_the_review_pages_show_pairs_side_by_side_masked_and_record_decisions(
    client, verifier, people
):
    client.force_login(verifier)
    scan = client.post("/duplicates/scan/", follow=True)
    assert "5 orang dibandingkan: 2 pasangan kemungkinan ganda, 2 di antaranya baru." in (
        scan.content.decode()
    )
    listing = client.get("/duplicates/")
    assert [p.person_a for p in listing.context["page"]] == [people["budi"], people["siti"]]
    pair = DuplicatePair.objects.get(person_a=people["siti"])
    page = client.get(f"/duplicates/{pair.pk}/").content.decode()
    assert "3201••••••••0001" in page
    assert "3201••••••••0007" in page
    assert "3201204508800007" not in page  # masked, whatever the role may reveal elsewhere
    assert "NIK hanya berbeda pada nomor urut" in page
    assert f'hx-post="/registry/{people["siti_typo"].pk}/nik/"' in page  # reveal, audited
    revealed = client.post(f"/registry/{people['siti_typo'].pk}/nik/").content.decode()
    assert "3201204508800007" in revealed
    assert AuditEvent.objects.filter(action="person.reveal_nik").count() == 1
    assert "Nama: sama setelah gelar dan ejaan lama disamakan." in page

    bad = client.post(f"/duplicates/{pair.pk}/decide/", {"decision": "maybe"}, follow=True)
    assert (
        "Pilih &#x27;orang yang sama&#x27; atau &#x27;orang berbeda&#x27;." in bad.content.decode()
    )
    confirm(client, f"/duplicates/{pair.pk}/decide/", {"decision": "same", "reason": "salah ketik"})
    pair.refresh_from_db()
    assert pair.status == PairStatus.SAME
    assert Person.objects.get(pk=people["siti_typo"].pk).merged_into == people["siti"]

    other = DuplicatePair.objects.get(person_a=people["budi"])
    refused = client.post(
        "/duplicates/decide/", {"pair": [other.pk], "decision": "same", "reason": "x"}, follow=True
    )
    assert "harus diperiksa satu per satu" in refused.content.decode()
    confirm(
        client, "/duplicates/decide/", {"pair": [other.pk], "decision": "different", "reason": "x"}
    )
    other.refresh_from_db()
    assert other.status == PairStatus.DIFFERENT
    assert list(client.get("/duplicates/").context["page"]) == []


def test_two_regencies_find_their_shared_people_exchanging_keyed_hashes_only(
    verifier, people, tmp_path, monkeypatch
):
    key = base64.urlsafe_b64encode(os.urandom(32)).decode()
    # The other party (Lebak's installation) holds Budi and someone Bogor does not know.
    theirs = exchange.tokens_of(
        exchange.parse_key(key), {"x": "3201210508800001", "y": "3602014101900003"}
    )
    lines = [t + "\n" for t in sorted(theirs)]

    found = exchange_match(
        actor=verifier, region_code="32.01", key_text=key, partner="Kab. Lebak", lines=lines
    )

    assert found.people == [people["budi"].pk]
    assert found.received == 2
    event = AuditEvent.objects.get(action="exchange.match")
    assert event.after == {"partner": "Kab. Lebak", "received": 2, "overlap": 1}

    monkeypatch.setenv("PAYUNG_EXCHANGE_KEY", key)
    out = tmp_path / "bogor.tokens"
    call_command(
        "exchange", "export", "--user", "verifikator", "--region", "32.01", "--out", str(out)
    )
    exported = out.read_text().splitlines()
    assert len(exported) == 5
    assert exported == sorted(exported)
    assert not any(p.nik in out.read_text() for p in people.values())
    assert not any(p.nik_index in exported for p in people.values())  # not the blind index
    assert exchange.token(exchange.parse_key(key), "3201210508800001") in exported
    (tmp_path / "lebak.tokens").write_text("".join(lines))
    match = ["exchange", "match", str(tmp_path / "lebak.tokens"), "--user", "verifikator"]
    match += ["--region", "32.01"]
    report = io.StringIO()
    call_command(*match, stdout=report)
    assert report.getvalue().splitlines() == [
        "received: 2",
        "overlap: 1",
        f"person {people['budi'].pk}",
    ]
    flagged = io.StringIO()
    flag = ["--partner", "Kab. Lebak", "--flag", "other_programme", "--date", "2026-11-01"]
    call_command(*match, *flag, stdout=flagged)
    assert flagged.getvalue().splitlines()[-1] == "flags raised 1, kept 0, ended 0"
    assert people["budi"].flags.get().source == "Kab. Lebak"


def test_the_queue_puts_likely_and_costly_pairs_first(demo, verifier, people):
    duplicates_scan(actor=verifier, region_code="32.01")
    by_score = [p.person_a for p in pair_list(user=verifier)]
    assert by_score == [people["budi"], people["siti"]]  # 9.5, then 9.0; neither in a programme
    bogor = demo["bogor"]
    draft = Candidate.objects.create(person=people["siti"], programme=bogor, village_id=VILLAGE)
    assert [p.person_a for p in pair_list(user=verifier)] == by_score  # a draft holds no place
    draft.status = CandidateStatus.SUBMITTED
    draft.save()
    ranked = list(pair_list(user=verifier))
    assert [p.person_a for p in ranked] == [people["siti"], people["budi"]]
    assert [(p.likely, p.at_stake) for p in ranked] == [(1, 1), (1, 0)]
    # a certain pair weighs as much as a likely one that may cost a place: the score decides
    DuplicatePair.objects.filter(person_a=people["budi"]).update(score=CERTAIN)
    assert [p.person_a for p in pair_list(user=verifier)] == [people["budi"], people["siti"]]
    DuplicatePair.objects.filter(person_a=people["budi"]).update(score=CERTAIN - 0.01)
    assert [p.person_a for p in pair_list(user=verifier)] == [people["siti"], people["budi"]]


def test_records_for_a_provinces_matching_are_sealed_under_the_exchange_key(
    verifier, people, tmp_path, monkeypatch
):
    import json

    from payung.registry.crypto import Keys

    key = base64.urlsafe_b64encode(os.urandom(32)).decode()
    monkeypatch.setenv("PAYUNG_EXCHANGE_KEY", key)
    out = tmp_path / "bogor.records"
    call_command(
        "exchange",
        "records",
        user="verifikator",
        region="32.01",
        installation="Kab. Bogor",
        partner="Provinsi Jawa Barat",
        out=str(out),
        stdout=io.StringIO(),
    )
    sealed = out.read_bytes()
    assert b"Siti" not in sealed
    assert b"3201204508800001" not in sealed
    plain = Keys(exchange.parse_key(key)).unseal(sealed, context=exchange.MATCH_EXPORT_CONTEXT)
    rows = [json.loads(line) for line in plain.decode().splitlines()]
    siti = next(row for row in rows if row["nik"] == "3201204508800001")
    assert siti["token"] == exchange.token(exchange.parse_key(key), "3201204508800001")
    assert (siti["installation"], siti["name"], siti["birth_date"]) == (
        "Kab. Bogor",
        "Siti Aminah",
        "1980-08-05",
    )
    event = AuditEvent.objects.get(action="exchange.match_export")
    assert event.after == {
        "partner": "Provinsi Jawa Barat",
        "installation": "Kab. Bogor",
        "people": len(rows),
    }
    assert "3201204508800001" not in json.dumps(event.after)
