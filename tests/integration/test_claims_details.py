"""What a claim's benefits are computed on beyond the report (issue 13 item 3): a surviving
worker's days unable to work, disabilities and transport; the children of the education benefit;
and the hand-over photo, offered but never required."""

from __future__ import annotations

from datetime import date

import pytest

from payung.audit.models import AuditEvent
from payung.claims.entitlement import claim_entitlement
from payung.claims.models import Claim, ClaimChild, ClaimKind, ClaimStatus
from payung.claims.progress import checklist, document_choices
from payung.claims.services import (
    AccidentDetails,
    ChildInput,
    claim_child_add,
    claim_details_record,
    document_upload,
)
from payung.domain.errors import DomainError
from tests.integration.test_claims import PNG
from tests.integration.test_claims_lifecycle import TODAY, _covered, _report, _token


def _accident(users, bogor, tmp_path, **changes):
    enrolment = _covered(users, bogor, tmp_path)
    return _report(users, enrolment, kind=ClaimKind.JKK_ACCIDENT, **changes)


def _amounts(claim):
    found = claim_entitlement(Claim.objects.get(pk=claim.pk), today=TODAY)
    return [(a.component.value, a.amount) for a in found.entitlement.amounts], found.total


def test_days_off_a_partial_disability_and_transport_make_the_accidents_amounts(
    users, bogor, tmp_path
):
    claim = _accident(users, bogor, tmp_path)
    assert _amounts(claim) == ([("medical", 0)], 0)

    details = AccidentDetails(
        days_off_work=45,
        disabilities=("hand_right_wrist", "hand_right_wrist"),
        transport_mode="land",
        transport_claimed=6_000_000,
    )
    claim_details_record(actor=users["operator.desa"], claim=claim, details=details)

    # Income Rp1,000,000 (the bill of May 2026): 45 days at 100% of a 30th; the right hand 32% ×
    # 80 × income, once however often it is ticked; transport by land capped at Rp5,000,000.
    assert _amounts(claim) == (
        [
            ("medical", 0),
            ("transport", 5_000_000),
            ("stmb", 1_500_000),
            ("partial_disability", 25_600_000),
        ],
        32_100_000,
    )
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.disability_codes == ("hand_right_wrist",)
    row = AuditEvent.objects.get(action="claim.details")
    assert row.object_id == str(claim.pk)
    assert row.before == {
        "days_off_work": 0,
        "total_disability": False,
        "disabilities": 0,
        "transport_mode": "",
        "transport_claimed": 0,
    }
    assert row.after == {
        "days_off_work": 45,
        "total_disability": False,
        "disabilities": 1,
        "transport_mode": "land",
        "transport_claimed": 6_000_000,
    }
    assert "hand" not in str(row.after)  # the injury itself never reaches the audit trail


def test_a_total_permanent_disability_is_56_incomes_and_the_periodic_benefit(
    users, bogor, tmp_path
):
    claim = _accident(users, bogor, tmp_path)
    claim_details_record(
        actor=users["operator.desa"], claim=claim, details=AccidentDetails(total_disability=True)
    )
    assert _amounts(claim) == (
        [("medical", 0), ("total_disability", 56_000_000), ("jkk_periodic", 12_000_000)],
        68_000_000,
    )


@pytest.mark.parametrize(
    ("details", "code"),
    [
        (AccidentDetails(total_disability=True, disabilities=("leg_one_hip",)), "disability_both"),
        (AccidentDetails(transport_claimed=1), "transport_mode_required"),
        (AccidentDetails(disabilities=("a_third_arm",)), "disability_unknown"),
        (AccidentDetails(days_off_work=-1), "amount_negative"),
    ],
)
def test_details_that_cannot_be_true_are_refused_and_nothing_is_written(
    users, bogor, tmp_path, details, code
):
    claim = _accident(users, bogor, tmp_path)
    with pytest.raises(DomainError) as refused:
        claim_details_record(actor=users["operator.desa"], claim=claim, details=details)
    assert refused.value.code.endswith(code)
    assert refused.value.message("id")  # said in words, every placeholder filled
    assert "{" not in refused.value.message("id")
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.days_off_work, stored.total_disability, stored.disabilities) == (0, False, None)
    assert not AuditEvent.objects.filter(action="claim.details").exists()


def test_a_death_has_no_accident_details_and_a_paid_claim_none_any_more(users, bogor, tmp_path):
    death = _report(
        users, _covered(users, bogor, tmp_path), kind=ClaimKind.JKM_DEATH, on_the_way=False
    )
    with pytest.raises(DomainError) as refused:
        claim_details_record(
            actor=users["operator.desa"], claim=death, details=AccidentDetails(days_off_work=3)
        )
    assert refused.value.code == "claim.details_jkk_accident"

    Claim.objects.filter(pk=death.pk).update(status=ClaimStatus.PAID)
    with pytest.raises(DomainError) as closed:
        claim_child_add(
            actor=users["operator.desa"],
            claim=death,
            child=ChildInput("Ani", date(2018, 3, 1), "sd", 2),
            today=TODAY,
        )
    assert closed.value.code == "claim.details_closed"
    assert closed.value.message("id") == (
        "Klaim sudah dibayar; rinciannya tidak dapat diubah lagi."
    )
    assert closed.value.message("en") == (
        "The claim is already paid; its details can no longer be changed."
    )


def test_the_children_of_a_work_accident_death_make_the_education_schedule(users, bogor, tmp_path):
    claim = _report(users, _covered(users, bogor, tmp_path))  # a JKK death on the way to work
    operator = users["operator.desa"]
    claim_child_add(
        actor=operator,
        claim=claim,
        child=ChildInput(" Budi ", date(2013, 2, 1), "smp", 1),
        today=TODAY,
    )
    claim_child_add(
        actor=operator, claim=claim, child=ChildInput("Ani", date(2017, 8, 9), "sd", 3), today=TODAY
    )

    found = claim_entitlement(Claim.objects.get(pk=claim.pk), today=TODAY)
    schedule = [
        (y.child, y.school_year, y.level.value, y.amount) for y in found.entitlement.education
    ]
    # The event (20-05-2026) falls in the school year 2025/2026; Budi, the eldest, first.
    assert schedule[:4] == [
        ("Budi", 2025, "smp", 2_000_000),
        ("Ani", 2025, "sd", 1_500_000),
        ("Budi", 2026, "smp", 2_000_000),
        ("Ani", 2026, "sd", 1_500_000),
    ]
    assert sum(y.amount for y in found.entitlement.education) == 168_000_000  # under the cap
    assert [c.name for c in ClaimChild.objects.filter(claim=claim)] == ["Budi", "Ani"]
    add = AuditEvent.objects.filter(action="claim_child.add").order_by("pk").first()
    assert add.after == {
        "claim": claim.pk,
        "birth_year": 2013,
        "level": "smp",
        "grade": 1,
        "ends_on": None,
    }
    assert "Budi" not in str(add.after)


@pytest.mark.parametrize(
    ("child", "code", "message"),
    [
        (
            ChildInput("Ani", date(2018, 3, 1), "sd", 7),
            "claim.child_grade",
            "Kelas 7 tidak ada pada jenjang SD (1 sampai 6).",
        ),
        (
            ChildInput("Ani", date(2026, 6, 3), "tk", 1),
            "claim.child_birth_future",
            "Tanggal lahir 03-06-2026 belum terjadi; periksa tanggalnya.",
        ),
        (ChildInput("  ", date(2018, 3, 1), "sd", 1), "claim.required", "Nama anak wajib diisi."),
    ],
)
def test_a_child_that_cannot_be_is_refused(users, bogor, tmp_path, child, code, message):
    claim = _report(
        users, _covered(users, bogor, tmp_path), kind=ClaimKind.JKM_DEATH, on_the_way=False
    )
    with pytest.raises(DomainError) as refused:
        claim_child_add(actor=users["operator.desa"], claim=claim, child=child, today=TODAY)
    assert (refused.value.code, refused.value.message("id")) == (code, message)
    assert not ClaimChild.objects.exists()


def test_a_survivors_claim_takes_children_only_with_a_total_disability(users, bogor, tmp_path):
    claim = _accident(users, bogor, tmp_path)
    ani = ChildInput("Ani", date(2018, 3, 1), "sd", 2)
    with pytest.raises(DomainError) as refused:
        claim_child_add(actor=users["operator.desa"], claim=claim, child=ani, today=TODAY)
    assert refused.value.code == "claim.child_not_applicable"

    claim_details_record(
        actor=users["operator.desa"], claim=claim, details=AccidentDetails(total_disability=True)
    )
    claim_child_add(actor=users["operator.desa"], claim=claim, child=ani, today=TODAY)
    found = claim_entitlement(Claim.objects.get(pk=claim.pk), today=TODAY)
    assert found.entitlement.education[0].child == "Ani"


def test_the_pages_record_details_and_remove_a_child_only_after_confirming(
    users, bogor, tmp_path, client
):
    death = _report(
        users, _covered(users, bogor, tmp_path), kind=ClaimKind.JKM_DEATH, on_the_way=False
    )
    client.force_login(users["operator.desa"])
    page = client.get(f"/claims/{death.pk}/")
    assert page.context["details_accident"] is False
    assert page.context["children_apply"] is True

    client.post(
        f"/claims/{death.pk}/children/",
        {"name": "Ani", "birth_date": "2018-03-01", "level": "sd", "grade": "2"},
    )
    child = ClaimChild.objects.get(claim=death)
    page = client.get(f"/claims/{death.pk}/")
    assert page.context["children"][0]["birth_date"] == "01-03-2018"
    assert page.context["children"][0]["level"] == "Sekolah dasar (SD)"

    asked = client.post(f"/claims/{death.pk}/children/{child.pk}/remove/")
    assert asked.status_code == 200  # the confirmation page: nothing removed yet
    assert ClaimChild.objects.filter(pk=child.pk).exists()
    client.post(f"/claims/{death.pk}/children/{child.pk}/remove/", {"confirm": _token(asked)})
    assert not ClaimChild.objects.filter(pk=child.pk).exists()
    removed = AuditEvent.objects.get(action="claim_child.remove")
    assert removed.before == {"claim": death.pk, "level": "sd", "grade": 2}

    accident = _report(users, death.enrolment, kind=ClaimKind.JKK_ACCIDENT)
    client.post(
        f"/claims/{accident.pk}/details/",
        {
            "days_off_work": "10",
            "disabilities": ["hand_left_wrist"],
            "transport_mode": "sea",
            "transport_claimed": "2.500.000",
        },
    )
    page = client.get(f"/claims/{accident.pk}/")
    details = page.context["details"]
    assert (details["days_off_work"], details["transport_claimed"]) == (10, "Rp2.500.000")
    assert details["transport_label"] == "Laut"
    assert details["disabilities"][0].startswith("Tangan kiri dari atau dari atas pergelangan")
    transport = next(
        a for a in page.context["entitlement_amounts"] if a["component"] == "transport"
    )
    assert transport["rupiah"] == "Rp2.000.000"  # by sea, at most Rp2,000,000


def test_the_hand_over_photo_is_offered_never_required_and_kept_after_the_hand_over(
    users, bogor, tmp_path
):
    claim = _accident(users, bogor, tmp_path)
    choices = dict(document_choices(claim, "id"))
    assert choices["handover_photo"] == "Foto penyerahan manfaat (opsional)"
    listed = [row.code for row in checklist(claim, [], amount=0, lang="id")]
    assert "kpj_card" in listed  # the required ones are listed, the optional photo is not
    assert "handover_photo" not in listed

    Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.HANDED_OVER)
    document_upload(
        actor=users["operator.desa"],
        claim=Claim.objects.get(pk=claim.pk),
        kind="handover_photo",
        data=PNG,
        file_name="penyerahan.png",
    )
    upload = AuditEvent.objects.get(action="claim_document.upload")
    assert upload.after["kind"] == "handover_photo"
    assert upload.after["file_type"] == "png"
