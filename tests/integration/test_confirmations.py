"""No destructive decision on one POST (issue 11 item 4, ADR 0027).

Returning, rejecting, ending coverage, merging, moving places and every bulk decision answer the
first POST with a confirmation naming whom it touches and how many, and change nothing; only the
confirmation's token performs the decision, with its audit row.
"""

from __future__ import annotations

from datetime import date

import pytest

from payung.audit.models import AuditEvent
from payung.dedupe.models import DuplicatePair, PairStatus
from payung.dedupe.services import duplicates_scan
from payung.enrolment.models import Coverage
from payung.programmes.models import ProgrammeArea
from payung.registry.models import Candidate, Person
from tests.integration.confirming import asked, confirm
from tests.integration.test_dedupe import people  # noqa: F401 (a fixture)
from tests.integration.test_enrolment import enrol
from tests.integration.test_screening import OTHER_VILLAGE, VILLAGE, person, submitted

pytestmark = pytest.mark.django_db


def _page(response) -> str:
    return response.content.decode()


def _statuses(candidates) -> list[str]:
    return [Candidate.objects.get(pk=c.pk).status for c in candidates]


def test_returning_one_candidate_is_confirmed_first_and_says_whom(client, users, bogor):
    (candidate,) = submitted(users, bogor, [person(1)])
    client.force_login(users["verifikator"])
    url = f"/candidates/{candidate.pk}/act/"

    page = asked(client, url, {"action": "return", "reason": "Foto KTP buram"})

    text = _page(page)
    assert "Kembalikan 1 calon ke desa:" in text
    assert "Pekerja 1 · NIK 3201••••••••0001 · " in text
    assert f"({VILLAGE}) · Sudah disaring" in text
    assert "Foto KTP buram" in text
    assert "Ya, kembalikan ke desa" in text
    assert candidate.person.nik not in text  # masked, as the candidate page shows it
    assert _statuses([candidate]) == ["screened"]
    assert not AuditEvent.objects.filter(action="candidate.return").exists()

    client.post(page.context["confirmation"].action_url, {"confirm": page.context["token"]})

    assert _statuses([candidate]) == ["returned"]
    event = AuditEvent.objects.get(action="candidate.return")
    assert (event.actor, event.reason) == (users["verifikator"], "Foto KTP buram")
    assert (event.before["status"], event.after["status"]) == ("screened", "returned")


@pytest.mark.parametrize("action", ["return", "reject"])
def test_a_destructive_post_without_its_confirmation_changes_nothing(client, users, bogor, action):
    """What an Enter key (or a stale form) sends: the action and the reason, no token."""
    (candidate,) = submitted(users, bogor, [person(1)])
    client.force_login(users["verifikator"])
    # Opening the candidate page again (the redirects) is recorded; no decision is.
    decisions = AuditEvent.objects.exclude(action="candidate.open")
    before = decisions.count()

    client.post(f"/candidates/{candidate.pk}/act/", {"action": action, "reason": "x"})
    missing = client.post(f"/candidates/{candidate.pk}/act/", {"reason": "x"}, follow=True)
    forged = client.post(
        f"/candidates/{candidate.pk}/act/",
        {"action": action, "reason": "x", "confirm": "forged-token"},
        follow=True,
    )

    assert "Pilih tindakan." in _page(missing)
    assert (
        "Konfirmasi tidak sah atau sudah kedaluwarsa; tidak ada yang diubah. Pilih lagi."
        in _page(forged)
    )
    assert _statuses([candidate]) == ["screened"]
    assert decisions.count() == before


def test_a_token_is_good_for_its_own_decision_and_user_only(client, users, bogor):
    first, second = submitted(users, bogor, [person(1), person(2)])
    client.force_login(users["verifikator"])
    page = asked(client, f"/candidates/{first.pk}/act/", {"action": "reject", "reason": "ganda"})
    token = page.context["token"]

    other_candidate = client.post(f"/candidates/{second.pk}/act/", {"confirm": token}, follow=True)
    bulk = client.post("/candidates/act/", {"programme": bogor.pk, "confirm": token}, follow=True)
    client.force_login(users["sysadmin"])
    client.post(f"/candidates/{first.pk}/act/", {"confirm": token})

    assert "Konfirmasi tidak sah" in _page(other_candidate)
    assert "Konfirmasi tidak sah" in _page(bulk)
    assert _statuses([first, second]) == ["screened", "screened"]
    assert not AuditEvent.objects.filter(action="candidate.reject").exists()


def test_a_bulk_decision_needs_a_chosen_action_and_a_confirmation_with_the_count(
    client, users, bogor
):
    candidates = submitted(users, bogor, [person(1), person(2), person(3)])
    ids = [c.pk for c in candidates]
    client.force_login(users["verifikator"])
    form = {"programme": bogor.pk, "candidate": ids, "reason": "data desa belum lengkap"}

    unchosen = client.post("/candidates/act/", {**form, "action": ""}, follow=True)
    no_reason = client.post(
        "/candidates/act/", {**form, "action": "return", "reason": ""}, follow=True
    )
    page = asked(client, "/candidates/act/", {**form, "action": "return"})

    assert "Pilih tindakan." in _page(unchosen)
    assert "Keputusan massal wajib disertai alasan." in _page(no_reason)
    text = _page(page)
    assert "Kembalikan 3 calon ke desa:" in text
    for c in candidates:
        assert f"{c.person.full_name} · NIK {c.person.nik_masked}" in text
    assert _statuses(candidates) == ["screened"] * 3
    assert not AuditEvent.objects.filter(action="candidate.return").exists()

    done = client.post(
        page.context["confirmation"].action_url, {"confirm": page.context["token"]}, follow=True
    )

    again = client.post(
        page.context["confirmation"].action_url, {"confirm": page.context["token"]}, follow=True
    )

    assert "Selesai — Dikembalikan ke desa: 3." in _page(done)
    assert "Selesai" not in _page(again)  # a double click decides nothing twice
    assert _statuses(candidates) == ["returned"] * 3
    events = AuditEvent.objects.filter(action="candidate.return")
    assert sorted(int(e.object_id) for e in events) == sorted(ids)
    assert {e.reason for e in events} == {"data desa belum lengkap"}


def test_a_bulk_confirmation_names_apart_those_the_decision_does_not_apply_to(client, users, bogor):
    screened, returned = submitted(users, bogor, [person(1), person(2)])
    client.force_login(users["verifikator"])
    confirm(client, f"/candidates/{returned.pk}/act/", {"action": "return", "reason": "KTP"})

    page = asked(
        client,
        "/candidates/act/",
        {
            "programme": bogor.pk,
            "candidate": [screened.pk, returned.pk],
            "action": "verify",
            "reason": "berkas lengkap",
        },
    )

    confirmation = page.context["confirmation"]
    assert confirmation.summary == "Verifikasi 1 calon:"
    assert confirmation.people == [
        f"Pekerja 1 · NIK {screened.person.nik_masked} · {screened.village.name} ({VILLAGE}) · "
        "Sudah disaring"
    ]
    assert confirmation.not_applicable_title == (
        "1 calon terpilih dibiarkan apa adanya (statusnya tidak memungkinkan tindakan ini):"
    )
    assert len(confirmation.not_applicable) == 1
    assert "Pekerja 2" in confirmation.not_applicable[0]


def test_ending_a_coverage_is_confirmed_with_the_worker_and_the_date(
    client, users, bogor, tmp_path
):
    (enrolment,) = enrol(users, bogor, [person(1)], tmp_path)
    client.force_login(users["verifikator"])
    url = f"/enrolment/workers/{enrolment.pk}/end/"
    form = {"on": "2026-04-15", "reason": "died", "note": "akta kematian 12/2026"}

    unchosen = client.post(url, {**form, "reason": ""}, follow=True)
    page = asked(client, url, form)

    assert "Isi tanggal dan alasan berakhirnya." in _page(unchosen)
    text = _page(page)
    assert "Akhiri perlindungan 1 pekerja lebih awal:" in text
    assert f"Pekerja 1 · NIK {enrolment.person.nik_masked} · KPJ {enrolment.kpj_masked}" in text
    assert "15-04-2026" in text
    assert "Meninggal dunia" in text
    assert "akta kematian 12/2026" in text
    coverage = Coverage.objects.get(enrolment=enrolment)
    assert coverage.ended_on is None
    assert not AuditEvent.objects.filter(action="coverage.end").exists()

    client.post(url, {"confirm": page.context["token"]})

    coverage.refresh_from_db()
    assert coverage.ended_on == date(2026, 4, 15)
    event = AuditEvent.objects.get(action="coverage.end")
    assert (event.actor, event.reason) == (users["verifikator"], "akta kematian 12/2026")
    assert Candidate.objects.get(pk=enrolment.candidate_id).status == "ended"


def test_a_merge_is_confirmed_with_both_records_and_changes_nothing_before(
    client,
    demo,
    people,  # noqa: F811
):
    verifier = demo["users"]["verifikator"]
    duplicates_scan(actor=verifier, region_code="32.01")
    pair = DuplicatePair.objects.get(person_a=people["siti"])
    client.force_login(verifier)
    url = f"/duplicates/{pair.pk}/decide/"

    page = asked(client, url, {"decision": "same", "reason": "salah ketik"})

    text = _page(page)
    assert "Gabungkan data B ke data A:" in text
    assert "Pertahankan data A: Siti Aminah · NIK 3201••••••••0001" in text
    assert "Gabungkan data B: Hj. SITI AMINAH · NIK 3201••••••••0007" in text
    assert "3201204508800007" not in text
    pair.refresh_from_db()
    assert pair.status == PairStatus.OPEN
    assert Person.objects.get(pk=people["siti_typo"].pk).merged_into is None
    assert not AuditEvent.objects.filter(action__in=["duplicate.decide", "person.merge"]).exists()

    client.post(url, {"confirm": page.context["token"]})

    pair.refresh_from_db()
    assert pair.status == PairStatus.SAME
    assert Person.objects.get(pk=people["siti_typo"].pk).merged_into == people["siti"]
    decided = AuditEvent.objects.get(action="duplicate.decide")
    assert (decided.actor, decided.reason) == (verifier, "salah ketik")
    assert AuditEvent.objects.filter(action="person.merge").count() == 1


def test_bulk_pair_decisions_are_confirmed_with_the_pairs(
    client,
    demo,
    people,  # noqa: F811
):
    verifier = demo["users"]["verifikator"]
    duplicates_scan(actor=verifier, region_code="32.01")
    pairs = list(DuplicatePair.objects.order_by("pk"))
    client.force_login(verifier)
    form = {"pair": [p.pk for p in pairs], "decision": "different", "reason": "beda ibu"}

    page = asked(client, "/duplicates/decide/", form)

    assert page.context["confirmation"].summary == ("Putuskan 2 pasangan sebagai orang berbeda:")
    assert set(DuplicatePair.objects.values_list("status", flat=True)) == {PairStatus.OPEN}
    assert not AuditEvent.objects.filter(action="duplicate.decide").exists()

    client.post("/duplicates/decide/", {"confirm": page.context["token"]})

    assert set(DuplicatePair.objects.values_list("status", flat=True)) == {PairStatus.DIFFERENT}
    assert AuditEvent.objects.filter(action="duplicate.decide", reason="beda ibu").count() == 2


def test_moving_places_is_confirmed_with_both_areas(client, demo):
    bogor = demo["bogor"]
    client.force_login(demo["users"]["admin.bogor"])
    url = f"/programmes/{bogor.pk}/places/"
    form = {"source": OTHER_VILLAGE, "target": VILLAGE, "places": "10", "reason": "sisa kuota"}

    page = asked(client, url, form)

    summary = page.context["confirmation"].summary
    assert summary.startswith("Pindahkan 10 tempat dari ")
    assert (
        page.context["confirmation"]
        .people[0]
        .endswith(f"({OTHER_VILLAGE}): 250 tempat, 0 terisi, 0 menunggu")
    )
    quotas = ProgrammeArea.objects.filter(programme=bogor, region_id__in=[VILLAGE, OTHER_VILLAGE])
    assert set(quotas.values_list("quota", flat=True)) == {250}
    assert not AuditEvent.objects.filter(action="programme_area.move_places").exists()

    client.post(url, {"confirm": page.context["token"]})
    twice = client.post(url, {"confirm": page.context["token"]}, follow=True)  # a double click

    assert "Konfirmasi tidak sah" in _page(twice)
    assert dict(quotas.values_list("region_id", "quota")) == {VILLAGE: 260, OTHER_VILLAGE: 240}
    assert (
        AuditEvent.objects.filter(action="programme_area.move_places", reason="sisa kuota").count()
        == 2
    )
