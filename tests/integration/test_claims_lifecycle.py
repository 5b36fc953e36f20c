"""The claim lifecycle in the app (issue 13 items 3, 4, 5-checklist, 6): each step one audited
service the domain's transition table decides; the document checklist; the entitlement and the
heirs on the claim page; the pages' actions; region scope."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied

from payung.audit.models import AuditEvent
from payung.claims.entitlement import claim_entitlement, claim_heirs
from payung.claims.models import Claim, ClaimKind, ClaimStatus
from payung.claims.progress import claim_queue
from payung.claims.services import (
    claim_complete,
    claim_hand_over,
    claim_pay,
    claim_reject,
    claim_report,
    claim_return,
    claim_submit,
    document_upload,
)
from payung.domain.errors import DomainError
from payung.domain.period import Month
from payung.programmes.models import Programme
from payung.registry.models import Heir
from tests.builders import village_operator
from tests.integration.test_claims import MONTHS, NOW, PDF, accident, billed
from tests.integration.test_enrolment import enrol
from tests.integration.test_screening import person

pytestmark = pytest.mark.django_db
TODAY = NOW.date()
JKK_DEATH_DOCS = (
    "kpj_card", "ktp_deceased", "ktp_heir", "family_card", "death_certificate", "heir_statement",
    "accident_report", "closeout_report", "doctor_statement", "chronology", "police_report",
    "medical_receipts", "bank_book", "npwp",
)  # fmt: skip


def _covered(users, bogor, tmp_path, *, months=MONTHS, **extra):
    (enrolment,) = enrol(users, bogor, [person(1, monthly_income=1_000_000, **extra)], tmp_path)
    billed(users, bogor, months, paid=months)
    return enrolment


def _report(users, enrolment, **changes):
    report = accident(**{"traffic_accident": True, **changes})
    return claim_report(
        actor=users["operator.desa"], person=enrolment.person, report=report, now=NOW
    )


def _upload(users, claim, *codes):
    for code in codes:
        document_upload(
            actor=users["operator.desa"], claim=claim, kind=code, data=PDF, file_name=f"{code}.pdf"
        )


def _steps(claim):
    return list(
        AuditEvent.objects.filter(object_type="claims.Claim", object_id=str(claim.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_the_whole_path_from_report_to_hand_over(users, bogor, tmp_path):
    enrolment = _covered(users, bogor, tmp_path)
    widow = Heir.objects.create(person=enrolment.person, name="Siti", relation="istri")
    claim = _report(users, enrolment)
    verifier, liaison = users["verifikator"], users["bpjs"]

    entitlement = claim_entitlement(claim, today=TODAY)
    assert [(a.component.value, a.amount) for a in entitlement.entitlement.amounts] == [
        ("jkk_death", 48_000_000),
        ("funeral", 10_000_000),
        ("jkk_periodic", 12_000_000),
    ]
    assert entitlement.total == 70_000_000
    assert entitlement.notes[0].code == "claim_entitlement.income_billed"
    assert [h.name for h in claim_heirs(claim).decision.entitled] == ["Siti"]

    _upload(users, claim, *[c for c in JKK_DEATH_DOCS if c != "police_report"])
    with pytest.raises(DomainError) as missing:
        claim_complete(actor=verifier, claim=claim, on=TODAY, today=TODAY, claimant=widow)
    assert missing.value.code == "claim_documents.missing"
    assert missing.value.params["codes"] == "marriage_book,police_report"
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.COVERAGE_CHECKED

    _upload(users, claim, "police_report", "marriage_book")
    # Maker-checker: whoever reported may not declare the documents complete.
    with pytest.raises(DomainError) as own:
        claim_complete(actor=users["operator.desa"], claim=claim, on=TODAY, today=TODAY)
    assert own.value.code == "claim.actor"  # a village operator is not an office anyway
    claim_complete(actor=verifier, claim=claim, on=TODAY, today=TODAY, claimant=widow)

    submitted = claim_submit(
        actor=liaison, claim=claim, bpjs_number=" KLM-2026-0001 ", on=date(2026, 6, 3)
    )
    assert (submitted.status, submitted.bpjs_claim_number, submitted.submitted_on) == (
        "submitted", "KLM-2026-0001", date(2026, 6, 3)
    )  # fmt: skip
    assert submitted.claimant_id == widow.pk

    paid = claim_pay(
        actor=liaison,
        claim=claim,
        amounts={"jkk_death": 48_000_000, "funeral": 10_000_000, "jkk_periodic": 12_000_000},
        on=date(2026, 6, 10),
        reference="TRF 778",
    )
    assert paid.paid_amounts == {
        "jkk_death": 48_000_000, "funeral": 10_000_000, "jkk_periodic": 12_000_000
    }  # fmt: skip
    handed = claim_hand_over(
        actor=users["operator.desa"], claim=claim, on=date(2026, 6, 12), handed_by="Kepala Desa"
    )
    assert (handed.status, handed.handed_over_on, handed.handed_over_by) == (
        "handed_over", date(2026, 6, 12), "Kepala Desa"
    )  # fmt: skip
    assert _steps(claim) == [
        "claim.report", "claim.coverage_check", "claim.complete", "claim.submit", "claim.pay",
        "claim.hand_over",
    ]  # fmt: skip
    pay = AuditEvent.objects.get(action="claim.pay")
    assert pay.before == {"status": "submitted"}
    assert pay.after["total"] == 70_000_000
    assert pay.after["reference"] == "TRF 778"


def test_the_reporter_may_not_submit_what_they_reported(users, bogor, tmp_path):
    enrolment = _covered(users, bogor, tmp_path)
    Heir.objects.create(person=enrolment.person, name="Siti", relation="istri")
    claim = claim_report(actor=users["bpjs"], person=enrolment.person, report=accident(), now=NOW)
    with pytest.raises(DomainError) as refused:
        claim_complete(actor=users["bpjs"], claim=claim, on=TODAY, today=TODAY)
    assert refused.value.code == "claim.maker_checker"
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.COVERAGE_CHECKED
    assert "claim.complete" not in _steps(claim)

    # Another officer declares them complete; the reporter still may not submit.
    _upload(users, claim, *[c for c in JKK_DEATH_DOCS if c != "police_report"])
    claim_complete(actor=users["verifikator"], claim=claim, on=TODAY, today=TODAY)
    with pytest.raises(DomainError) as submit:
        claim_submit(actor=users["bpjs"], claim=claim, bpjs_number="KLM-9", on=TODAY)
    assert submit.value.code == "claim.maker_checker"
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.DOCUMENTS_COMPLETE
    assert _steps(claim)[-1] == "claim.complete"


def test_a_jkm_death_after_fourteen_paid_months_is_worth_42_million_without_education(
    users, bogor, tmp_path, client
):
    # A programme that began in April 2025: April 2025 – May 2026 is fourteen paid months.
    Programme.objects.filter(pk=bogor.pk).update(
        coverage_start=date(2025, 4, 1), coverage_months=21
    )
    bogor.refresh_from_db()
    fourteen = [Month(2025, 4).plus(n) for n in range(14)]
    enrolment = _covered(users, bogor, tmp_path, months=fourteen)
    claim = _report(users, enrolment, kind=ClaimKind.JKM_DEATH, on_the_way=False)

    found = claim_entitlement(claim, today=TODAY)

    assert found.paid_months == 14
    assert [(a.component.value, a.amount) for a in found.entitlement.amounts] == [
        ("jkm_lump_sum", 20_000_000),
        ("jkm_periodic", 12_000_000),
        ("funeral", 10_000_000),
    ]
    assert found.total == 42_000_000
    assert found.entitlement.education == ()
    (reason,) = found.entitlement.notes
    assert reason.code == "benefit.education_too_few_months"
    assert dict(reason.params) == {"paid": 14, "needed": 36}
    client.force_login(users["verifikator"])
    page = client.get(f"/claims/{claim.pk}/")
    assert page.context["entitlement_total"] == "Rp42.000.000"
    assert [a["label"] for a in page.context["entitlement_amounts"]] == [
        "Santunan sekaligus JKM",
        "Santunan berkala JKM, dibayar sekaligus",
        "Biaya pemakaman",
    ]
    assert page.context["entitlement_education"] == []
    assert reason.message("id") in page.context["entitlement_notes"]


def test_reject_and_return_keep_their_reasons(users, bogor, tmp_path):
    enrolment = _covered(users, bogor, tmp_path)
    first = _report(users, enrolment)
    with pytest.raises(DomainError) as empty:
        claim_reject(actor=users["verifikator"], claim=first, reason="  ")
    assert empty.value.code == "claim.detail_required"
    rejected = claim_reject(
        actor=users["verifikator"], claim=first, reason="Bukan kecelakaan kerja."
    )
    assert (rejected.status, rejected.rejection_reason) == ("rejected", "Bukan kecelakaan kerja.")
    assert AuditEvent.objects.get(action="claim.reject").after == {
        "status": "rejected", "reason": "Bukan kecelakaan kerja."
    }  # fmt: skip

    second = _report(users, enrolment, kind=ClaimKind.JKK_ACCIDENT, on_the_way=False)
    Claim.objects.filter(pk=second.pk).update(status=ClaimStatus.SUBMITTED)
    returned = claim_return(actor=users["bpjs"], claim=second, reason="Kuitansi asli")
    assert (returned.status, returned.return_reason) == ("returned", "Kuitansi asli")
    assert AuditEvent.objects.get(action="claim.return").after["missing"] == "Kuitansi asli"
    with pytest.raises(DomainError) as illegal:
        claim_hand_over(actor=users["operator.desa"], claim=second, on=TODAY, handed_by="x")
    assert illegal.value.code == "claim.illegal"


def test_another_village_cannot_move_a_claim(users, bogor, tmp_path, client):
    enrolment = _covered(users, bogor, tmp_path)
    claim = _report(users, enrolment)
    other = village_operator("32.01.20.2001")
    with pytest.raises(PermissionDenied):
        claim_reject(actor=other, claim=claim, reason="x")
    client.force_login(other)
    assert client.get(f"/claims/{claim.pk}/").status_code == 404


def _token(response):
    html = response.content.decode()
    start = html.index('name="confirm" value="') + len('name="confirm" value="')
    return html[start : html.index('"', start)]


def test_the_pages_show_the_entitlement_and_offer_the_tables_actions(
    users, bogor, tmp_path, client, settings
):
    enrolment = _covered(users, bogor, tmp_path)
    widow = Heir.objects.create(person=enrolment.person, name="Siti", relation="istri")
    Heir.objects.create(person=enrolment.person, name="Ayah", relation="ayah")
    claim = _report(users, enrolment)
    client.force_login(users["verifikator"])

    page = client.get(f"/claims/{claim.pk}/")
    html = page.content.decode()
    for amount in ("Rp48.000.000", "Rp10.000.000", "Rp12.000.000", "Rp70.000.000"):
        assert amount in html
    assert "penghasilan yang dilaporkan pada tagihan iuran bulan Mei 2026" in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "the declared income the contribution for May 2026 was billed on" in english
    assert "JKK death benefit" in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    assert [code for code, _ in page.context["offered"]] == ["complete", "reject"]
    assert page.context["deadlines"] == [
        {
            "text": "Laporan kecelakaan tahap I (Formulir 3 / KK1) paling lambat 22-05-2026 "
            "(2 × 24 jam sejak kejadian).",
            "overdue": True,
        },
        {
            "text": "Hak klaim JKK kedaluwarsa sesudah 20-05-2031 (5 tahun sejak kecelakaan).",
            "overdue": False,
        },
    ]
    assert [h["name"] for h in page.context["heirs"] if h["entitled"]] == ["Siti"]
    missing = [row.code for row in page.context["checklist"] if not row.received]
    assert missing[:2] == ["kpj_card", "ktp_deceased"]
    assert "police_report" in missing  # a traffic accident

    refused = client.post(
        f"/claims/{claim.pk}/act/",
        {"action": "complete", "on": "2026-06-02", "claimant": widow.pk},
        follow=True,
    )
    assert next(str(m) for m in refused.context["messages"]).startswith(
        "Dokumen belum lengkap; masih kurang: Kartu peserta BPJS Ketenagakerjaan (KPJ); "
    )
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.COVERAGE_CHECKED

    _upload(users, claim, *JKK_DEATH_DOCS, "marriage_book")
    done = client.post(
        f"/claims/{claim.pk}/act/",
        {"action": "complete", "on": "2026-06-02", "claimant": widow.pk},
        follow=True,
    )
    assert [str(m) for m in done.context["messages"]] == ["Status klaim: Dokumen lengkap."]
    client.force_login(users["bpjs"])
    undated = client.post(
        f"/claims/{claim.pk}/act/",
        {"action": "submit", "bpjs_number": "KLM-1", "claimant": widow.pk},
        follow=True,
    )
    assert [str(m) for m in undated.context["messages"]] == ["Tindakan 'submit' memerlukan: date."]
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.DOCUMENTS_COMPLETE
    client.post(
        f"/claims/{claim.pk}/act/",
        {"action": "submit", "on": "2026-06-03", "bpjs_number": "KLM-1", "claimant": widow.pk},
    )
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.SUBMITTED

    asked = client.post(
        f"/claims/{claim.pk}/act/",
        {
            "action": "pay",
            "on": "2026-06-10",
            "reference": "TRF 778",
            "amount_jkk_death": "48.000.000",
            "amount_funeral": "10.000.000",
            "amount_jkk_periodic": "12.000.000",
        },
    )
    assert asked.status_code == 200  # the confirmation page: nothing changed yet
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.SUBMITTED
    client.post(f"/claims/{claim.pk}/act/", {"confirm": _token(asked)})
    paid = Claim.objects.get(pk=claim.pk)
    assert (paid.status, paid.paid_amounts) == (
        "paid", {"jkk_death": 48_000_000, "funeral": 10_000_000, "jkk_periodic": 12_000_000}
    )  # fmt: skip

    client.force_login(village_operator("32.01.20.2001"))
    assert client.post(f"/claims/{claim.pk}/act/", {"action": "reject"}).status_code == 404


def test_the_list_puts_overdue_claims_first(users, bogor, tmp_path, client):
    enrolment = _covered(users, bogor, tmp_path)
    jkm = _report(users, enrolment, kind=ClaimKind.JKM_DEATH, on_the_way=False)
    jkk = _report(users, enrolment)  # its stage I report was due two days after the event
    client.force_login(users["operator.desa"])
    listing = client.get("/claims/")
    assert [q.claim.pk for q in listing.context["page"]] == [jkk.pk, jkm.pk]
    assert listing.context["page"][0].overdue is True


def test_a_claim_made_five_years_and_a_day_after_the_accident_has_lapsed(
    users, bogor, tmp_path, client
):
    enrolment = _covered(users, bogor, tmp_path)
    claim = _report(users, enrolment)
    Claim.objects.filter(pk=claim.pk).update(reported_at=datetime(2031, 5, 21, 9, tzinfo=UTC))
    claim.refresh_from_db()

    found = claim_entitlement(claim, today=date(2031, 5, 21))

    assert found.entitlement.lapsed is True
    assert found.total == 0
    assert [n.code for n in found.entitlement.notes] == ["benefit.lapsed"]
    client.force_login(users["verifikator"])
    page = client.get(f"/claims/{claim.pk}/")
    assert page.context["entitlement_lapsed"] is True
    assert "Hak klaim sudah kedaluwarsa." in page.content.decode()


def test_an_unknown_income_is_the_lowest_level_the_month_was_billed_on(users, bogor, tmp_path):
    # A Bogor worker with no declared income: BPU's JKK was billed on Rp1,000,000, so a death on
    # the way to work is 48 x Rp1,000,000 + the funeral + the periodic benefit.
    (enrolment,) = enrol(users, bogor, [person(1, monthly_income=None)], tmp_path)
    billed(users, bogor, MONTHS, paid=MONTHS)
    entitlement = claim_entitlement(_report(users, enrolment), today=TODAY)
    assert entitlement.total == 70_000_000
    assert entitlement.notes[0].code == "claim_entitlement.income_floor"
    assert entitlement.notes[0].params["income"] == "Rp1.000.000"


def test_the_claims_list_orders_by_deadline_reading_only_its_page_in_full(users, bogor, tmp_path):
    """The queue (ADR 0042): overdue first, then the earliest due, then the newest report; a
    final claim has no deadline; a page reads only its own claims; holidays are counted."""
    enrolment = _covered(users, bogor, tmp_path)
    late = _report(users, enrolment)  # no stage I report: due 22-05-2026, overdue on 2 June
    paying = _report(users, enrolment)
    rejected = _report(users, enrolment)
    quiet = _report(
        users, enrolment, kind=ClaimKind.JKM_DEATH, traffic_accident=False, on_the_way=False
    )
    _upload(users, paying, "accident_report")
    # Documents complete Wednesday 5 August 2026: the 7th working day is Friday 14 August (the
    # Monday after is Independence Day, not reached).
    Claim.objects.filter(pk=paying.pk).update(
        status=ClaimStatus.SUBMITTED, documents_complete_on=date(2026, 8, 5)
    )
    Claim.objects.filter(pk=rejected.pk).update(status=ClaimStatus.REJECTED)

    queue = claim_queue(user=users["verifikator"], today=TODAY)
    assert len(queue) == 4
    assert [q.claim.pk for q in queue[:4]] == [late.pk, paying.pk, quiet.pk, rejected.pk]
    first = queue[0]
    assert first.overdue is True
    assert first.deadlines[0].text() == (
        "Laporan kecelakaan tahap I (Formulir 3 / KK1) paling lambat 22-05-2026 (2 × 24 jam "
        "sejak kejadian)."
    )
    assert [(d.code, d.due) for d in queue[1].deadlines] == [
        ("claim.deadline_payment", date(2026, 8, 14))
    ]
    assert queue[1].overdue is False
    assert queue[2].deadlines == ()  # JKM: none yet
    assert queue[3].deadlines == ()  # rejected: final
    assert queue[-1].claim.pk == rejected.pk
    assert queue[3].pk == rejected.pk  # a queued claim reads as its claim
    with pytest.raises(IndexError):
        queue[4]
    outside = claim_queue(user=village_operator("32.01.20.2001"), today=TODAY)
    assert len(outside) == 0
