"""The candidacy pages: the village submits, the labour office verifies and approves, the
administrator edits the rules and moves places."""

from __future__ import annotations

import pytest

from payung.audit.models import AuditEvent
from payung.programmes.models import ProgrammeArea
from payung.registry.models import Candidate
from payung.screening.models import RuleSetVersion
from tests.integration.confirming import confirm
from tests.integration.test_screening import OTHER_VILLAGE, VILLAGE, candidacy, person

pytestmark = pytest.mark.django_db


def test_village_submits_then_verifier_verifies_and_approves_in_bulk(client, demo):
    bogor, users = demo["bogor"], demo["users"]
    ids = [candidacy(bogor, person(n)).pk for n in (1, 2, 3)]
    client.force_login(users["operator.desa"])
    page = client.get(f"/candidates/?programme={bogor.pk}")
    assert [a for a, _ in page.context["bulk_actions"]] == ["submit"]
    confirm(
        client,
        "/candidates/act/",
        {"programme": bogor.pk, "candidate": ids, "action": "submit", "reason": "pendataan 2026"},
    )
    assert set(Candidate.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
        "screened"
    }

    client.force_login(users["verifikator"])
    detail = client.get(f"/candidates/{ids[0]}/")
    assert [a for a, _ in detail.context["actions"]] == ["verify", "return", "reject"]
    assert next(f.code for f in detail.context["findings"]) == "eligibility.age_ok"
    assert "Umur 45 tahun pada 2026-01-01 (batas 18–65)." in detail.content.decode()
    # The history is the workflow's steps, dated; a verifier's opening is in the audit trail only.
    assert [e.action for e in detail.context["history"]] == [
        "candidate.submit",
        "candidate.screen",
    ]
    refused = client.post(
        "/candidates/act/",
        {"programme": bogor.pk, "candidate": ids, "action": "verify"},
        follow=True,
    )
    assert "Keputusan massal wajib disertai alasan." in refused.content.decode()
    confirm(
        client,
        "/candidates/act/",
        {"programme": bogor.pk, "candidate": ids, "action": "verify", "reason": "berkas lengkap"},
    )
    ProgrammeArea.objects.filter(programme=bogor, region_id=VILLAGE).update(quota=2)
    done = confirm(
        client,
        "/candidates/act/",
        {"programme": bogor.pk, "candidate": ids, "action": "approve", "reason": "rapat 1 Des"},
        follow=True,
    )
    text = done.content.decode()
    assert "Kuota 32.01.20.2006 penuh (2 dari 2 tempat terisi)" in text
    statuses = sorted(Candidate.objects.filter(pk__in=ids).values_list("status", flat=True))
    assert statuses == ["approved", "approved", "waitlisted"]
    assert AuditEvent.objects.filter(action="candidate.approve", reason="rapat 1 Des").count() == 2


def test_returned_candidacy_shows_the_reason_to_the_village(client, demo):
    bogor, users = demo["bogor"], demo["users"]
    candidate = candidacy(bogor, person(1))
    client.force_login(users["operator.desa"])
    client.post(f"/candidates/{candidate.pk}/act/", {"action": "submit"})
    client.force_login(users["verifikator"])
    missing = client.post(f"/candidates/{candidate.pk}/act/", {"action": "return"}, follow=True)
    assert "Alasan wajib diisi untuk tindakan &#x27;Kembalikan ke desa&#x27;." in (
        missing.content.decode()
    )
    confirm(
        client, f"/candidates/{candidate.pk}/act/", {"action": "return", "reason": "Foto KTP buram"}
    )

    client.force_login(users["operator.desa"])
    page = client.get(f"/candidates/?programme={bogor.pk}&status=returned").content.decode()
    assert "Foto KTP buram" in page
    detail = client.get(f"/candidates/{candidate.pk}/")
    assert [a for a, _ in detail.context["actions"]] == ["submit"]


def test_administrator_saves_a_rule_version_and_others_only_read_it(client, demo):
    bogor, users = demo["bogor"], demo["users"]
    client.force_login(users["admin.bogor"])
    form = {
        "age_min": "18",
        "age_max": "60",
        "max_decile": "4",
        "occupations": ["farm_labourer", "fisher"],
        "flags": ["bpjs_active", "deceased"],
        "required": ["mother_name", "heir"],
        "priority": "decile,submitted",
        "note": "Perbup 48/2025",
    }
    client.post(f"/programmes/{bogor.pk}/rules/", form)
    version = RuleSetVersion.objects.get(programme=bogor)
    assert version.version == 1
    assert version.rules == {
        "age_min": 18,
        "age_max": 60,
        "occupations": ["farm_labourer", "fisher"],
        "domicile": None,
        "max_decile": 4,
        "flags": ["bpjs_active", "deceased"],
        "required": ["mother_name", "heir"],
        "priority": ["decile", "submitted"],
        "bulk_sample": 0,
    }
    bad = client.post(f"/programmes/{bogor.pk}/rules/", {**form, "age_min": "70"})
    assert bad.context["error"] == "Aturan kelayakan tidak sah: age 70 > 60."
    assert RuleSetVersion.objects.filter(programme=bogor).count() == 1

    client.force_login(users["verifikator"])
    page = client.get(f"/programmes/{bogor.pk}/rules/")
    assert page.context["can_edit"] is False
    assert client.post(f"/programmes/{bogor.pk}/rules/", form).status_code == 403


def test_administrator_moves_places_and_sees_them(client, demo):
    bogor = demo["bogor"]
    client.force_login(demo["users"]["admin.bogor"])
    confirm(
        client,
        f"/programmes/{bogor.pk}/places/",
        {"source": OTHER_VILLAGE, "target": VILLAGE, "places": "10", "reason": "sisa kuota"},
    )
    quotas = dict(
        ProgrammeArea.objects.filter(
            programme=bogor, region_id__in=[VILLAGE, OTHER_VILLAGE]
        ).values_list("region_id", "quota")
    )
    assert quotas == {VILLAGE: 260, OTHER_VILLAGE: 240}
    refused = client.post(
        f"/programmes/{bogor.pk}/places/",
        {"source": OTHER_VILLAGE, "target": VILLAGE, "places": "10", "reason": ""},
        follow=True,
    )
    assert "Pemindahan kuota tidak sah: reason." in refused.content.decode()


def test_the_village_corrects_a_returned_record_and_the_screening_follows(client, demo):
    bogor, users = demo["bogor"], demo["users"]
    candidate = candidacy(bogor, person(1, mother_name=""))
    client.force_login(users["operator.desa"])
    client.post(f"/candidates/{candidate.pk}/act/", {"action": "submit"})
    client.force_login(users["verifikator"])
    confirm(
        client,
        f"/candidates/{candidate.pk}/act/",
        {"action": "return", "reason": "Nama ibu kosong"},
    )

    client.force_login(users["operator.desa"])
    page = client.get(f"/registry/{candidate.person_id}/edit/").content.decode()
    assert candidate.person.nik not in page  # the full NIK never reaches the village's browser
    form = {
        "full_name": "Pekerja Satu",
        "occupation": "Buruh tani",
        "mother_name": "Siti Aminah",
        "decile": "2",
        "heir_name": "Asep",
        "heir_relation": "anak",
        "reason": "perbaikan dari Disnaker",
    }
    assert client.post(f"/registry/{candidate.person_id}/edit/", form).status_code == 302

    event = AuditEvent.objects.get(action="person.update")
    assert event.before == {
        "full_name": "Pekerja 1",
        "occupation_text": "",
        "mother_name": "",
        "decile": 3,
    }
    assert event.after == {
        "full_name": "Pekerja Satu",
        "occupation_text": "Buruh tani",
        "mother_name": "Siti Aminah",
        "decile": 2,
        "heirs": ["Asep (anak)"],
    }
    assert event.reason == "perbaikan dari Disnaker"
    candidate.refresh_from_db()
    assert candidate.status == "returned"  # the village still resubmits it itself
    assert candidate.screening.decision == "eligible"
    client.post(f"/candidates/{candidate.pk}/act/", {"action": "submit"})
    candidate.refresh_from_db()
    assert candidate.status == "screened"

    bad = client.post(
        f"/registry/{candidate.person_id}/edit/", {**form, "decile": "", "phone": "12"}
    )
    assert bad.status_code == 200
    assert bad.context["form"].errors["phone"]
