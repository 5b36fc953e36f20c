"""Screening, the verification workflow, quotas and the waiting list (issue 5)."""

from __future__ import annotations

from datetime import date

import pytest

from payung.audit.models import AuditEvent
from payung.dedupe.lists import external_list_import
from payung.dedupe.models import DuplicatePair
from payung.dedupe.services import pair_decide
from payung.domain.eligibility import RuleSet
from payung.domain.errors import DomainError
from payung.domain.flags import ListKind
from payung.domain.workflow import Action
from payung.programmes.models import ProgrammeArea
from payung.registry.models import Candidate, Person, Source
from payung.registry.values import nik_index
from payung.screening.models import Notice, RuleSetVersion, Screening
from payung.screening.places import (
    candidate_approve,
    candidates_approve,
    places_move,
    places_move_check,
)
from payung.screening.rules import ruleset_save
from payung.screening.services import candidate_act, candidates_act, candidates_act_check

pytestmark = pytest.mark.django_db
VILLAGE = "32.01.20.2006"  # the demo village operator's
OTHER_VILLAGE = "32.01.20.2001"


def person(serial: int, *, village=VILLAGE, born=date(1980, 8, 5), decile=3, **extra):
    nik = f"320120{born:%d%m%y}{serial:04d}"
    return Person.objects.create(
        nik=nik,
        nik_index=nik_index(nik),
        full_name=f"Pekerja {serial}",
        sex="M",
        birth_date=born,
        village_id=village,
        source=Source.VILLAGE_ENTRY,
        mother_name=extra.pop("mother_name", "Ibu"),
        occupation_code=extra.pop("occupation_code", "farm_labourer"),
        decile=decile,
        **extra,
    )


def candidacy(programme, someone):
    return Candidate.objects.create(person=someone, programme=programme, village=someone.village)


def submitted(users, programme, people):
    """Candidacies of ``people`` submitted by the village (and so screened)."""
    candidates = [candidacy(programme, p) for p in people]
    candidates_act(
        actor=users["operator.desa"],
        candidate_ids=[c.pk for c in candidates],
        action=Action.SUBMIT,
    )
    for c in candidates:
        c.refresh_from_db()
    return candidates


def verified(users, programme, people):
    candidates = submitted(users, programme, people)
    moved = candidates_act(
        actor=users["verifikator"],
        candidate_ids=[c.pk for c in candidates],
        action=Action.VERIFY,
        reason="periksa berkas",
        bulk=True,
    )
    assert not moved.refused
    return candidates


def actions(candidate):
    return list(
        AuditEvent.objects.filter(object_type="registry.Candidate", object_id=str(candidate.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


# --- screening --------------------------------------------------------------------------------


def test_submitting_screens_under_the_default_rules_with_every_finding(users, bogor):
    (candidate,) = submitted(users, bogor, [person(1)])

    assert candidate.status == "screened"
    assert candidate.submitted_by == users["operator.desa"]
    screening = Screening.objects.get(candidate=candidate)
    assert screening.decision == "eligible"
    assert screening.rule_set.version == 1
    assert [(f["rule"], f["code"]) for f in screening.findings] == [
        ("age", "eligibility.age_ok"),
        ("domicile", "eligibility.domicile_ok"),
        ("flags", "eligibility.flags_ok"),
        ("required", "eligibility.required_ok"),
    ]
    assert screening.findings[0]["params"]["age"] == 45  # on 1 January 2026, born 5 Aug 1980
    assert actions(candidate) == ["candidate.submit", "candidate.screen"]
    event = AuditEvent.objects.get(action="candidate.screen")
    assert event.after["decision"] == "eligible"
    assert event.after["rule_set"] == 1
    assert event.actor == users["operator.desa"]


def test_each_failed_rule_is_a_reason_and_a_new_version_rescreens_only_when_asked(users, bogor):
    ruleset_save(
        actor=users["admin.bogor"],
        programme=bogor,
        rules=RuleSet(age_min=18, age_max=60, max_decile=4, required=("mother_name", "heir")),
        note="Perbup 48/2025 pasal 5",
    )
    old = person(1, born=date(1960, 3, 2), decile=6, mother_name="")
    (candidate,) = submitted(users, bogor, [old])
    screening = Screening.objects.get(candidate=candidate)

    assert screening.decision == "ineligible"
    assert screening.rule_set.version == 1
    reasons = [(f["code"], f["params"]) for f in screening.findings if f["outcome"] != "pass"]
    assert reasons == [
        ("eligibility.age_out", {"age": 65, "on": "2026-01-01", "low": "18", "high": "60"}),
        ("eligibility.decile_out", {"decile": 6, "limit": 4}),
        ("eligibility.mother_name_missing", {}),
        ("eligibility.heir_missing", {}),
    ]
    assert AuditEvent.objects.get(action="rule_set.create").reason == "Perbup 48/2025 pasal 5"


def test_a_rule_set_change_is_a_new_version_and_old_decisions_keep_theirs(users, bogor):
    (first,) = submitted(users, bogor, [person(1, decile=5)])
    ruleset_save(actor=users["admin.bogor"], programme=bogor, rules=RuleSet(max_decile=4))
    (second,) = submitted(users, bogor, [person(2, decile=5)])

    assert Screening.objects.get(candidate=first).rule_set.version == 1
    assert Screening.objects.get(candidate=first).decision == "eligible"
    later = Screening.objects.get(candidate=second)
    assert (later.rule_set.version, later.decision) == (2, "ineligible")
    assert list(
        RuleSetVersion.objects.filter(programme=bogor).values_list("version", flat=True)
    ) == [
        2,
        1,
    ]
    with pytest.raises(DomainError) as refused:
        RuleSet.from_json({"max_decile": 11})
    assert refused.value.code == "eligibility.rules_invalid"


def test_only_the_regency_administrator_edits_rules(users, bogor):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        ruleset_save(actor=users["verifikator"], programme=bogor, rules=RuleSet())


def test_a_list_flag_rescreens_and_sends_a_verified_candidate_back(users, bogor, tmp_path):
    (candidate,) = verified(users, bogor, [person(7)])
    someone = candidate.person
    path = tmp_path / "meninggal.csv"
    path.write_text(f"NIK;Nama\n{someone.nik};{someone.full_name}\n", encoding="utf-8")

    external_list_import(
        actor=users["verifikator"],
        kind=ListKind.DECEASED,
        source="Disdukcapil Kab. Bogor",
        list_date=date(2026, 11, 1),
        region_code="32.01",
        path=path,
        file_name=path.name,
    )

    candidate.refresh_from_db()
    assert candidate.status == "screened"
    screening = Screening.objects.get(candidate=candidate)
    assert screening.decision == "ineligible"
    assert {
        "rule": "flags",
        "outcome": "fail",
        "code": "flag.deceased",
        "params": {"source": "Disdukcapil Kab. Bogor", "list_date": "2026-11-01"},
    } in screening.findings
    rescreen = AuditEvent.objects.get(action="candidate.rescreen")
    assert rescreen.before == {"status": "verified", "decision": "eligible"}
    assert rescreen.after["status"] == "screened"


def test_an_open_duplicate_asks_for_review_until_decided(users, bogor):
    a, b = person(1), person(2, village=OTHER_VILLAGE)
    DuplicatePair.objects.create(person_a=a, person_b=b, score=9.0, reasons=[])
    (candidate,) = submitted(users, bogor, [a])
    assert Screening.objects.get(candidate=candidate).decision == "review"

    pair_decide(actor=users["verifikator"], pair=DuplicatePair.objects.get(), same=False)

    assert Screening.objects.get(candidate=candidate).decision == "eligible"


# --- workflow ---------------------------------------------------------------------------------


def test_return_and_reject_need_a_reason_and_illegal_steps_are_refused(users, bogor):
    (candidate,) = submitted(users, bogor, [person(1)])
    verifier = users["verifikator"]

    with pytest.raises(DomainError) as no_reason:
        candidate_act(actor=verifier, candidate=candidate, action=Action.RETURN)
    assert no_reason.value.code == "workflow.reason_required"
    with pytest.raises(DomainError) as illegal:
        candidate_approve(actor=verifier, candidate=candidate)
    assert illegal.value.code == "workflow.illegal"
    assert illegal.value.params == {"action": "approve", "state": "screened"}
    assert ProgrammeArea.objects.get(programme=bogor, region_id=VILLAGE).taken == 0

    candidate_act(actor=verifier, candidate=candidate, action=Action.REJECT, reason="ASN")
    candidate.refresh_from_db()
    assert (candidate.status, candidate.status_reason) == ("rejected", "ASN")
    with pytest.raises(DomainError) as final:
        candidate_act(actor=verifier, candidate=candidate, action=Action.VERIFY)
    assert final.value.code == "workflow.illegal"


def test_the_submitter_cannot_verify_or_approve(users, bogor):
    admin = users["sysadmin"]  # may both collect data and verify
    candidate = candidacy(bogor, person(1))
    candidate_act(actor=admin, candidate=candidate, action=Action.SUBMIT)

    with pytest.raises(DomainError) as refused:
        candidate_act(actor=admin, candidate=candidate, action=Action.VERIFY)
    assert refused.value.code == "workflow.maker_checker"
    assert candidate_act(actor=users["verifikator"], candidate=candidate, action=Action.VERIFY) == (
        "verified"
    )


def test_the_village_sees_why_it_was_returned_fixes_it_and_resubmits(users, bogor):
    (candidate,) = submitted(users, bogor, [person(1, mother_name="")])
    assert Screening.objects.get(candidate=candidate).decision == "ineligible"
    candidate_act(
        actor=users["verifikator"],
        candidate=candidate,
        action=Action.RETURN,
        reason="Nama ibu kandung kosong",
    )
    candidate.refresh_from_db()
    assert (candidate.status, candidate.status_reason) == ("returned", "Nama ibu kandung kosong")

    Person.objects.filter(pk=candidate.person_id).update(mother_name="Aminah")
    candidate_act(actor=users["operator.desa"], candidate=candidate, action=Action.SUBMIT)

    candidate.refresh_from_db()
    assert candidate.status == "screened"
    assert Screening.objects.get(candidate=candidate).decision == "eligible"
    assert actions(candidate)[-3:] == ["candidate.return", "candidate.submit", "candidate.screen"]


def test_verifying_an_ineligible_candidate_needs_a_reason(users, bogor):
    (candidate,) = submitted(users, bogor, [person(1, mother_name="")])
    with pytest.raises(DomainError) as refused:
        candidate_act(actor=users["verifikator"], candidate=candidate, action=Action.VERIFY)
    assert refused.value.code == "screening.override_reason"


def test_a_bulk_decision_needs_a_reason_and_reports_each_refusal(users, bogor):
    candidates = submitted(users, bogor, [person(1), person(2)])
    ids = [c.pk for c in candidates]
    with pytest.raises(DomainError) as refused:
        candidates_act(
            actor=users["verifikator"], candidate_ids=ids, action=Action.VERIFY, bulk=True
        )
    assert refused.value.code == "screening.bulk_reason"

    candidate_act(actor=users["verifikator"], candidate=candidates[0], action=Action.VERIFY)
    moved = candidates_act(
        actor=users["verifikator"],
        candidate_ids=ids,
        action=Action.VERIFY,
        reason="berkas lengkap",
        bulk=True,
    )
    assert moved.done == {"verified": 1}
    assert moved.refused[ids[0]].code == "workflow.illegal"


def test_the_check_before_a_decision_refuses_what_the_service_refuses(users, bogor):
    """``candidates_act_check`` (the confirmation page's) runs the service's own checks."""
    candidates = submitted(users, bogor, [person(1), person(2)])
    verifier = users["verifikator"]
    candidate_act(actor=verifier, candidate=candidates[0], action=Action.VERIFY)
    chosen = [Candidate.objects.get(pk=c.pk) for c in candidates]
    ids = [c.pk for c in chosen]

    bulk = candidates_act_check(candidates=chosen, action=Action.APPROVE, reason=" ", bulk=True)
    with pytest.raises(DomainError) as raised:
        candidates_act(
            actor=verifier, candidate_ids=ids, action=Action.APPROVE, reason=" ", bulk=True
        )
    assert bulk.refusal is not None
    assert (bulk.refusal.code, raised.value.code) == ("screening.bulk_reason",) * 2

    one = candidates_act_check(candidates=chosen[1:], action=Action.RETURN, reason="", bulk=False)
    moved = candidates_act(actor=verifier, candidate_ids=ids[1:], action=Action.RETURN)
    assert one.refusal is not None
    assert (one.refusal.code, dict(one.refusal.params)) == (
        "workflow.reason_required",
        {"action": "return"},
    )
    assert moved.refused[ids[1]].params == one.refusal.params

    verify = candidates_act_check(candidates=chosen, action=Action.VERIFY, reason="x", bulk=True)
    assert verify.refusal is None
    assert ([c.pk for c in verify.applies], [c.pk for c in verify.skipped]) == ([ids[1]], [ids[0]])
    moved = candidates_act(
        actor=verifier, candidate_ids=ids, action=Action.VERIFY, reason="x", bulk=True
    )
    assert (moved.done, set(moved.refused)) == ({"verified": 1}, {ids[0]})


# --- quotas and the waiting list --------------------------------------------------------------


def _quota(programme, village, places):
    ProgrammeArea.objects.filter(programme=programme, region_id=village).update(quota=places)


def test_approval_stops_at_the_quota_and_the_rest_wait_in_priority_order(users, bogor):
    _quota(bogor, VILLAGE, 2)
    people = [person(1, decile=4), person(2, decile=1), person(3, decile=2), person(4, decile=3)]
    candidates = verified(users, bogor, people)

    moved = candidates_approve(
        actor=users["verifikator"],
        candidate_ids=[c.pk for c in candidates],
        reason="rapat",
        bulk=True,
    )

    assert moved.done == {"approved": 2, "waitlisted": 2}
    statuses = {c.person.decile: Candidate.objects.get(pk=c.pk).status for c in candidates}
    assert statuses == {4: "approved", 1: "approved", 2: "waitlisted", 3: "waitlisted"}
    assert ProgrammeArea.objects.get(programme=bogor, region_id=VILLAGE).taken == 2
    note = moved.notes[candidates[3].pk]
    assert note.code == "quota.full"
    # decile 2 waits ahead of decile 3: the waiting list is ranked, not first come.
    assert note.params == {"area": VILLAGE, "taken": 2, "quota": 2, "position": 2}
    assert "daftar tunggu nomor 2" in note.message("id")


def test_a_freed_place_goes_to_the_first_on_the_waiting_list_and_the_village_is_told(users, bogor):
    _quota(bogor, VILLAGE, 1)
    first, later, earlier = verified(
        users, bogor, [person(1, decile=2), person(2, decile=4), person(3, decile=1)]
    )
    for c in (first, later, earlier):
        candidate_approve(actor=users["verifikator"], candidate=c)

    candidate_act(
        actor=users["verifikator"], candidate=first, action=Action.END, reason="meninggal dunia"
    )

    statuses = {c.pk: Candidate.objects.get(pk=c.pk).status for c in (first, later, earlier)}
    assert statuses == {first.pk: "ended", later.pk: "waitlisted", earlier.pk: "approved"}
    assert ProgrammeArea.objects.get(programme=bogor, region_id=VILLAGE).taken == 1
    notice = Notice.objects.get()
    assert (notice.region_id, notice.candidate_id, notice.code) == (
        VILLAGE,
        earlier.pk,
        "notice.place_offered",
    )
    assert actions(earlier)[-1] == "candidate.promote"
    assert actions(first)[-2:] == ["candidate.end", "place.release"]


def test_moving_unused_places_between_villages_is_audited_and_fills_the_waiting_list(users, bogor):
    _quota(bogor, VILLAGE, 1)
    candidates = verified(users, bogor, [person(1), person(2)])
    candidates_approve(
        actor=users["verifikator"], candidate_ids=[c.pk for c in candidates], reason="x", bulk=True
    )
    admin = users["admin.bogor"]

    with pytest.raises(DomainError) as too_many:
        places_move(
            actor=admin,
            programme=bogor,
            source=OTHER_VILLAGE,
            target=VILLAGE,
            places=251,
            reason="x",
        )
    assert too_many.value.code == "quota.move_not_free"
    giving, receiving = places_move(
        actor=admin,
        programme=bogor,
        source=OTHER_VILLAGE,
        target=VILLAGE,
        places=5,
        reason="Desa Cibeber tidak memakai semua kuota",
    )

    assert (giving.quota, receiving.quota, receiving.taken) == (245, 6, 2)
    assert {Candidate.objects.get(pk=c.pk).status for c in candidates} == {"approved"}
    moves = AuditEvent.objects.filter(action="programme_area.move_places").order_by("pk")
    assert [(e.before["quota"], e.after["quota"]) for e in moves] == [(250, 245), (1, 6)]


@pytest.mark.parametrize(
    ("source", "target", "places", "reason", "code", "params"),
    [
        (OTHER_VILLAGE, VILLAGE, 1, " ", "quota.move_invalid", {"detail": "reason"}),
        (
            VILLAGE,
            VILLAGE,
            1,
            "x",
            "quota.move_invalid",
            {"detail": f"1 from {VILLAGE} to {VILLAGE}"},
        ),
        (
            OTHER_VILLAGE,
            VILLAGE,
            0,
            "x",
            "quota.move_invalid",
            {"detail": f"0 from {OTHER_VILLAGE} to {VILLAGE}"},
        ),
        ("32.01.99.9999", VILLAGE, 1, "x", "quota.no_area", {"area": "32.01.99.9999"}),
        (OTHER_VILLAGE, "32.01.99.9999", 1, "x", "quota.no_area", {"area": "32.01.99.9999"}),
        (
            OTHER_VILLAGE,
            VILLAGE,
            251,
            "x",
            "quota.move_not_free",
            {"area": OTHER_VILLAGE, "free": 250, "places": 251},
        ),
    ],
)
def test_the_check_before_a_move_of_places_refuses_what_the_move_refuses(
    users, bogor, source, target, places, reason, code, params
):
    admin = users["admin.bogor"]
    areas = {a.region_id: a for a in ProgrammeArea.objects.filter(programme=bogor)}
    move = {"source": source, "target": target, "places": places, "reason": reason}

    refusal = places_move_check(actor=admin, programme=bogor, areas=areas, **move)
    with pytest.raises(DomainError) as raised:
        places_move(actor=admin, programme=bogor, **move)

    assert refusal is not None
    assert (refusal.code, dict(refusal.params)) == (code, params)
    assert (raised.value.code, raised.value.params) == (refusal.code, refusal.params)
    assert (
        places_move_check(
            actor=admin,
            programme=bogor,
            areas=areas,
            **{**move, "source": OTHER_VILLAGE, "target": VILLAGE, "places": 5, "reason": "sisa"},
        )
        is None
    )


def test_a_plain_total_quota_counts_the_whole_regency(users, demo):
    lebak = demo["lebak"]
    area = ProgrammeArea.objects.get(programme=lebak, region_id="36.02")
    assert (area.quota, area.taken) == (3450, 0)


def _bogor_programme(users, **overrides):
    from payung.domain.programme import PayerModel, QuotaModel
    from payung.programmes.services import programme_create

    kwargs = {
        "actor": users["admin.bogor"],
        "regency_code": "32.01",
        "name": "Program Kecamatan",
        "legal_basis": "Perbup uji",
        "year": 2026,
        "coverage_start": date(2026, 7, 1),
        "payer_model": PayerModel.REGENCY_BUDGET,
        "quota_model": QuotaModel.TOTAL_BY_DISTRICT,
        "quota_total": 3,
        "district_quotas": {"32.01.20": 1, "32.01.01": 2},
        "budget_total": 0,
    }
    kwargs.update(overrides)
    return programme_create(**kwargs)


def test_a_person_holding_a_place_in_another_programme_is_not_eligible_for_the_same_months(
    users, bogor
):
    other = _bogor_programme(users)
    someone = person(1)
    (elsewhere,) = verified(users, other, [someone])
    candidate_approve(actor=users["verifikator"], candidate=elsewhere)

    (here,) = submitted(users, bogor, [someone])

    screening = Screening.objects.get(candidate=here)
    assert screening.decision == "ineligible"
    assert {
        "rule": "other_place",
        "outcome": "fail",
        "code": "eligibility.other_place",
        "params": {"programmes": "Program Kecamatan (2026)"},
    } in screening.findings
    # A programme after that one's months (July 2026 – June 2027) may take the person again.
    later = _bogor_programme(users, name="Program 2027", year=2027, coverage_start=date(2027, 7, 1))
    (next_year,) = submitted(users, later, [someone])
    assert Screening.objects.get(candidate=next_year).decision == "eligible"


def test_a_split_total_counts_places_per_district(users):
    programme = _bogor_programme(users)
    first, second = verified(users, programme, [person(1), person(2, village=OTHER_VILLAGE)])
    third = verified(users, programme, [person(3, village="32.01.01.1001")])[0]

    moved = candidates_approve(
        actor=users["verifikator"],
        candidate_ids=[first.pk, second.pk, third.pk],
        reason="rapat",
        bulk=True,
    )

    # Both Parungpanjang villages share the district's one place; Cibinong has its own two.
    assert moved.done == {"approved": 2, "waitlisted": 1}
    assert Candidate.objects.get(pk=third.pk).status == "approved"
    taken = dict(
        ProgrammeArea.objects.filter(programme=programme).values_list("region_id", "taken")
    )
    assert taken == {"32.01.20": 1, "32.01.01": 1}


def test_rejecting_an_approved_candidate_frees_the_place_for_the_waiting_list(users, bogor):
    _quota(bogor, VILLAGE, 1)
    approved, waiting = verified(users, bogor, [person(1), person(2)])
    candidates_approve(
        actor=users["verifikator"], candidate_ids=[approved.pk, waiting.pk], reason="x", bulk=True
    )
    candidate_act(
        actor=users["verifikator"],
        candidate=approved,
        action=Action.REJECT,
        reason="Ternyata ASN (SK pengangkatan 2025)",
    )
    assert Candidate.objects.get(pk=approved.pk).status == "rejected"
    assert Candidate.objects.get(pk=waiting.pk).status == "approved"
    assert ProgrammeArea.objects.get(programme=bogor, region_id=VILLAGE).taken == 1


def test_a_bulk_approval_waits_until_the_random_sample_was_opened(users, bogor, client):
    ruleset_save(actor=users["admin.bogor"], programme=bogor, rules=RuleSet(bulk_sample=2))
    candidates = verified(users, bogor, [person(n) for n in range(1, 6)])
    ids = [c.pk for c in candidates]
    verifier = users["verifikator"]

    with pytest.raises(DomainError) as refused:
        candidates_approve(actor=verifier, candidate_ids=ids, reason="rapat", bulk=True)
    assert refused.value.code == "workflow.sample_unopened"
    assert (refused.value.params["total"], refused.value.params["count"]) == (5, 2)
    sample = [int(c) for c in refused.value.params["candidates"].replace("#", "").split(", ")]
    assert set(sample) <= set(ids)
    assert Candidate.objects.filter(pk__in=ids, status="approved").count() == 0

    client.force_login(verifier)
    client.get(f"/candidates/{sample[0]}/")
    with pytest.raises(DomainError) as still:
        candidates_approve(actor=verifier, candidate_ids=ids, reason="rapat", bulk=True)
    assert still.value.params["candidates"] == f"#{sample[1]}"
    client.get(f"/candidates/{sample[1]}/")

    moved = candidates_approve(actor=verifier, candidate_ids=ids, reason="rapat", bulk=True)
    assert moved.done == {"approved": 5}
    assert AuditEvent.objects.filter(action="candidate.open", actor=verifier).count() == 2
