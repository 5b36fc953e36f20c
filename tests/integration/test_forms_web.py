"""The pages answer bad or missing input as they did before their forms parsed it (issue 12
item 6): the same message, status code, redirect or fallback."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from payung.domain.period import Month
from payung.registry.models import Candidate
from payung.screening.models import RuleSetVersion
from payung.screening.selectors import CandidateFilter
from tests.integration.test_screening import OTHER_VILLAGE, VILLAGE, candidacy, person

pytestmark = pytest.mark.django_db


def _said(response) -> list[str]:
    return [m.message for m in get_messages(response.wsgi_request)]


def test_a_month_that_is_not_one_is_refused_with_the_same_sentence(client, users, bogor):
    client.force_login(users["keuangan"])
    response = client.post(f"/finance/{bogor.pk}/issue/", {"month": "januari"})
    assert response.status_code == 302
    assert response["Location"] == f"/finance/?programme={bogor.pk}"
    assert _said(response) == ["Isi bulan dengan bentuk 2026-01."]


def test_the_reconciliation_falls_back_to_this_month(client, users, bogor):
    client.force_login(users["keuangan"])
    response = client.get(f"/finance/{bogor.pk}/reconciliation/", {"month": "bulan-lalu"})
    assert response.status_code == 200
    assert response.context["month"] == Month.of(timezone.localdate())
    response = client.get(f"/finance/{bogor.pk}/reconciliation/", {"month": "2026-02"})
    assert response.context["month"] == Month(2026, 2)


def test_an_upload_without_a_programme_is_refused_or_404_as_before(client, users, bogor):
    client.force_login(users["operator.desa"])
    upload = SimpleUploadedFile("a.csv", b"nik\n", content_type="text/csv")
    response = client.post("/imports/new/", {"programme": "lima", "file": upload})
    assert response.status_code == 200
    assert response.context["error"] == "Pilih program dan berkas."
    response = client.post("/imports/new/", {"programme": bogor.pk})  # no file
    assert response.context["error"] == "Pilih program dan berkas."
    upload = SimpleUploadedFile("a.csv", b"nik\n", content_type="text/csv")
    assert client.post("/imports/new/", {"file": upload}).status_code == 404


def test_the_queue_shows_open_pairs_for_an_unknown_status(client, users):
    client.force_login(users["verifikator"])
    response = client.get("/duplicates/", {"status": "merged"})
    assert response.status_code == 200
    assert response.context["status"] == "open"


def test_the_coverage_check_says_a_bad_day_and_a_bad_nik(client, users):
    client.force_login(users["verifikator"])
    response = client.post("/coverage/", {"nik": "3201", "day": "01-03-2026"})
    assert response.context["error"] == "Invalid isoformat string: '01-03-2026'"
    assert response.context["day"] == timezone.localdate()
    response = client.post("/coverage/", {"nik": "3201", "day": "2026-03-01"})
    assert response.context["error"].startswith("NIK ")
    assert str(response.context["day"]) == "2026-03-01"


def test_the_search_is_shown_again_as_typed(client, users):
    client.force_login(users["operator.desa"])
    response = client.post("/registry/", {"q": " Siti "})
    assert response.status_code == 200
    assert response.context["q"] == " Siti "


def test_the_correction_page_asks_for_its_reason_once(client, users):
    worker = person(1)
    client.force_login(users["operator.desa"])
    page = client.get(f"/registry/{worker.pk}/edit/").content.decode()
    assert page.count('name="reason"') == 1
    assert "Alasan perbaikan" in page


# --- the screening pages -----------------------------------------------------------------------


def _said_once(client, response) -> list[str]:
    """What a redirect says; the page it leads to is shown, so the next answer says its own."""
    said = _said(response)
    client.get(response["Location"])
    return said


def test_the_queue_passes_its_filters_on_as_typed(client, users, bogor):
    client.force_login(users["verifikator"])
    response = client.get(
        "/candidates/",
        {"programme": bogor.pk, "status": "nonsense", "district": " 32.01 ", "duplicates": "yes"},
    )
    assert response.status_code == 200
    assert response.context["where"] == CandidateFilter(status="nonsense", district=" 32.01 ")
    response = client.get("/candidates/", {"programme": bogor.pk, "flag": "x", "duplicates": "1"})
    assert response.context["where"] == CandidateFilter(flag="x", duplicates=True)


def test_a_bulk_decision_without_candidates_or_an_action_is_refused_as_before(client, users, bogor):
    ids = [candidacy(bogor, person(n)).pk for n in (1, 2)]
    client.force_login(users["operator.desa"])
    back = f"/candidates/?programme={bogor.pk}"
    for posted in (
        {"candidate": ["x", "-1", ""], "action": "submit", "reason": "r"},
        {"action": "submit", "reason": "r"},
    ):
        response = client.post("/candidates/act/", {"programme": bogor.pk, **posted})
        assert (response.status_code, response["Location"]) == (302, back)
        assert _said_once(client, response) == ["Pilih calon peserta dan tindakan."]
    for action in ("", "dance"):
        response = client.post(
            "/candidates/act/", {"programme": bogor.pk, "candidate": ids, "action": action}
        )
        assert (response.status_code, response["Location"]) == (302, back)
        assert _said_once(client, response) == ["Pilih tindakan."]
    # An action of the workflow the page has no words for, or one the role may not take on
    # several at once: 403.
    for action in ("merge", "verify"):
        response = client.post(
            "/candidates/act/", {"programme": bogor.pk, "candidate": ids, "action": action}
        )
        assert response.status_code == 403
    assert set(Candidate.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"draft"}


def test_the_ticked_candidates_and_the_reason_are_read_as_before(client, users, bogor):
    ids = [candidacy(bogor, person(n)).pk for n in (1, 2)]
    client.force_login(users["operator.desa"])
    page = client.post(
        "/candidates/act/",
        {
            "programme": bogor.pk,
            "candidate": [str(ids[0]), "abc", str(ids[1]), "999999"],
            "action": "submit",
            "reason": "  pendataan 2026 \n",
        },
    )
    assert page.status_code == 200
    assert page.context["confirmation"].details[-1] == ("Alasan", "pendataan 2026")
    assert len(page.context["confirmation"].people) == 2


def test_a_decision_on_one_candidacy_needs_a_known_action(client, users, bogor):
    candidate = candidacy(bogor, person(1))
    client.force_login(users["operator.desa"])
    back = f"/candidates/{candidate.pk}/"
    for posted in ({}, {"action": "dance"}, {"action": ""}):
        response = client.post(f"/candidates/{candidate.pk}/act/", posted)
        assert (response.status_code, response["Location"]) == (302, back)
        assert _said_once(client, response) == ["Pilih tindakan."]
    assert client.post(f"/candidates/{candidate.pk}/act/", {"action": "screen"}).status_code == 403
    client.post(f"/candidates/{candidate.pk}/act/", {"action": "submit"})
    client.force_login(users["verifikator"])
    page = client.post(
        f"/candidates/{candidate.pk}/act/", {"action": "reject", "reason": " ganda \t"}
    )
    assert page.context["confirmation"].details == [
        ("Keputusan", "Tolak"),
        ("Alasan", "ganda"),
    ]
    candidate.refresh_from_db()
    assert candidate.status == "screened"


def test_the_rules_form_reads_what_it_can_and_leaves_the_rest_off(client, users, bogor):
    client.force_login(users["admin.bogor"])
    response = client.post(
        f"/programmes/{bogor.pk}/rules/",
        {
            "age_min": " 21 ",
            "age_max": "enam puluh",
            "max_decile": "",
            "bulk_sample": "-5",
            "flags": ["deceased", "alive", "deceased"],
            "required": ["heir", "mother_name", "heir", "shoe_size"],
            "priority": ",risk,,decile",
            "note": "  Perbup 1 ",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/programmes/{bogor.pk}/rules/"
    assert _said_once(client, response) == ["Aturan disimpan sebagai versi 1."]
    version = RuleSetVersion.objects.get(programme=bogor)
    assert version.note == "Perbup 1"
    assert version.rules == {
        "age_min": 21,
        "age_max": None,
        "occupations": None,
        "domicile": None,
        "max_decile": None,
        "flags": ["deceased", "deceased"],
        "required": ["mother_name", "heir"],
        "priority": ["risk", "decile"],
        "bulk_sample": 0,
    }
    refused = client.post(f"/programmes/{bogor.pk}/rules/", {"occupations": ["astronaut"]})
    assert refused.status_code == 200
    assert refused.context["error"] == "Aturan kelayakan tidak sah: occupation astronaut."
    refused = client.post(f"/programmes/{bogor.pk}/rules/", {"priority": "risk, decile"})
    assert refused.context["error"] == "Aturan kelayakan tidak sah: priority risk,  decile."
    assert RuleSetVersion.objects.filter(programme=bogor).count() == 1


def test_a_move_of_places_that_is_not_a_number_is_of_none(client, users, bogor):
    client.force_login(users["admin.bogor"])
    back = f"/programmes/{bogor.pk}/places/"
    for places in ("lima", "", None):
        posted = {"source": f" {OTHER_VILLAGE} ", "target": VILLAGE, "reason": " sisa "}
        if places is not None:
            posted["places"] = places
        response = client.post(back, posted)
        assert (response.status_code, response["Location"]) == (302, back)
        assert _said_once(client, response) == [
            f"Pemindahan kuota tidak sah: 0 from {OTHER_VILLAGE} to {VILLAGE}."
        ]
    response = client.post(back, {"source": OTHER_VILLAGE, "target": VILLAGE, "places": " 3 "})
    assert _said_once(client, response) == ["Pemindahan kuota tidak sah: reason."]
    page = client.post(
        back, {"source": OTHER_VILLAGE, "target": VILLAGE, "places": " 3 ", "reason": " sisa "}
    )
    assert page.status_code == 200
    assert page.context["confirmation"].details == [("Alasan", "sisa")]
    assert page.context["confirmation"].summary.startswith("Pindahkan 3 tempat dari ")
