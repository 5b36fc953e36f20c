"""Rates, monthly bills, adjustments, payments, arrears, BPJS's invoice and budgets (issue 6)."""

from __future__ import annotations

from datetime import date

import pytest

from payung.audit.models import AuditEvent
from payung.budgets.models import RateVersion, Relief
from payung.budgets.rates import rate_version_add
from payung.budgets.services import budget_set
from payung.domain.coverage import EndReason
from payung.domain.errors import DomainError
from payung.domain.period import Month
from payung.domain.workflow import Action
from payung.enrolment.services import coverage_end
from payung.finance.billing import bill_adjust, bills_issue
from payung.finance.models import AdjustmentLine, BillLine, BillMonth, Price
from payung.finance.selectors import budget_overview, reconciliation
from payung.finance.services import (
    arrears_update,
    invoice_import,
    payment_record,
    protection_of,
)
from payung.programmes.models import ProgrammeArea
from payung.registry.models import Person
from payung.screening.places import candidates_approve, places_move
from payung.screening.services import candidates_act
from tests.integration.test_enrolment import approved, enrol, kpj
from tests.integration.test_screening import VILLAGE, candidacy, person

pytestmark = pytest.mark.django_db
OTHER = "32.01.20.2001"  # another village of the same district
JAN, FEB, MAR, APR, MAY = (Month(2026, m) for m in range(1, 6))


def test_reference_rates_are_loaded_and_a_programme_price_is_effective_dated_data(users, demo):
    bpu = RateVersion.objects.get(programme=None, scheme="bpu")
    assert (bpu.kind, bpu.jkk_percent, bpu.lowest_income, bpu.jkm_monthly) == (
        "bpu",
        1,
        1_000_000,
        6_800,
    )
    relief = Relief.objects.get(programme=None)
    assert relief.name == "PP 50/2025"
    assert relief.excluded_payers == ["regency_budget", "village_aid"]

    lebak = demo["lebak"]
    add = {"scheme": "lebak", "flat_monthly": 16_200, "basis": "MoU"}
    rate_version_add(actor=users["sysadmin"], programme=lebak, effective_from=JAN, **add)
    with pytest.raises(DomainError) as overlap:
        rate_version_add(actor=users["sysadmin"], programme=lebak, effective_from=MAR, **add)
    assert overlap.value.code == "contribution.rate_overlap"
    assert RateVersion.objects.filter(programme=lebak).count() == 1
    event = AuditEvent.objects.get(action="rate_version.create")
    assert (event.after["scheme"], event.after["flat_monthly"]) == ("lebak", 16_200)
    assert AuditEvent.objects.get(action="finance_terms.update").after["scheme"] == "lebak"
    # Only the finance officer (or the system administrator) sets rates.
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        rate_version_add(
            actor=users["admin.lebak"],
            programme=lebak,
            scheme="x",
            effective_from=JAN,
            flat_monthly=1,
            basis="",
        )


def test_a_month_is_billed_per_village_once_and_the_price_says_why(users, bogor, tmp_path):
    ours = enrol(users, bogor, [person(1), person(2, monthly_income=2_000_000)], tmp_path)
    theirs = enrol(users, bogor, [person(3, village=OTHER)], tmp_path)

    issued = bills_issue(actor=users["keuangan"], programme=bogor, month=JAN)

    assert (issued.bills, issued.lines, issued.total) == (2, 3, 16_800 + 26_800 + 16_800)
    bill = BillMonth.objects.get(payer__region_id=VILLAGE)
    assert (bill.month, bill.line_count, bill.total) == (date(2026, 1, 1), 2, 43_600)
    amounts = dict(BillLine.objects.filter(bill=bill).values_list("enrolment_id", "amount"))
    assert amounts == {ours[0].pk: 16_800, ours[1].pk: 26_800}
    price = BillLine.objects.get(enrolment=ours[0]).price
    assert price.charges == [
        {"component": "jkk", "full": 10_000, "amount": 10_000, "income": 1_000_000},
        {"component": "jkm", "full": 6_800, "amount": 6_800, "income": None},
    ]
    assert price.notes == [
        {"code": "contribution.income_unknown", "params": {"floor": "Rp1.000.000"}},
        {
            "code": "contribution.relief_payer_excluded",
            "params": {"relief": "PP 50/2025", "month": "2026-01", "payer": "village_aid"},
        },
    ]
    assert BillMonth.objects.get(payer__region_id=OTHER).total == 16_800
    events = AuditEvent.objects.filter(action="bill.issue")
    assert sorted((e.region_code, e.after["total"]) for e in events) == [
        (OTHER, 16_800),
        (VILLAGE, 43_600),
    ]

    again = bills_issue(actor=users["keuangan"], programme=bogor, month=JAN)
    assert (again.bills, again.lines, again.total) == (0, 0, 0)
    assert BillLine.objects.count() == 3
    assert AuditEvent.objects.filter(action="bill.issue").count() == 2
    assert theirs


def test_pp_50_2025_halves_a_village_budget_and_not_village_aid(users, demo, tmp_path):
    from payung.programmes.services import programme_create

    apbdes = programme_create(
        actor=users["admin.bogor"],
        regency_code="32.01",
        name="Perlindungan dari APBDes",
        legal_basis="Perdes",
        year=2026,
        coverage_start=date(2026, 1, 1),
        payer_model=demo["bogor"].payer.__class__("village_budget"),
        quota_model=demo["bogor"].quotas,
        quota_per_village=10,
        budget_per_village=2_016_000,
    )
    enrol(users, apbdes, [person(1), person(2, occupation_code="motorcycle_taxi")], tmp_path)
    for month in (JAN, APR):
        bills_issue(actor=users["keuangan"], programme=apbdes, month=month)
    totals = dict(BillMonth.objects.filter(programme=apbdes).values_list("month", "total"))
    # January: only transport is halved (8,400); April: every sector (8,400 + 8,400).
    assert totals == {date(2026, 1, 1): 16_800 + 8_400, date(2026, 4, 1): 8_400 + 8_400}
    jan_transport = Price.objects.get(programme=apbdes, month=date(2026, 1, 1), sector="transport")
    assert jan_transport.full_amount == 16_800
    assert jan_transport.notes[-1]["code"] == "contribution.relief_applied"


def test_an_issued_month_is_frozen_and_corrections_are_adjustment_lines(users, bogor, tmp_path):
    first, second = enrol(users, bogor, [person(1), person(2)], tmp_path)
    for month in (JAN, FEB, MAR):
        bills_issue(actor=users["keuangan"], programme=bogor, month=month)
    # The worker's income is corrected after the issue; BPJS reports a death in February late.
    Person.objects.filter(pk=second.person_id).update(monthly_income=3_000_000)
    coverage_end(
        actor=users["verifikator"], enrolment=first, on=date(2026, 2, 10), reason=EndReason.DIED
    )
    assert BillLine.objects.get(enrolment=second, bill__month=date(2026, 3, 1)).amount == 16_800

    with pytest.raises(DomainError) as unissued:
        bill_adjust(actor=users["keuangan"], programme=bogor, month=APR, reason="x")
    assert unissued.value.code == "billing.not_issued"
    made = bill_adjust(actor=users["keuangan"], programme=bogor, month=MAR, reason="koreksi Maret")

    assert sorted((a.enrolment_id, a.billed, a.due, a.amount) for a in made) == [
        (first.pk, 16_800, 0, -16_800),
        (second.pk, 16_800, 36_800, 20_000),
    ]
    lines = dict(
        BillLine.objects.filter(bill__month=date(2026, 3, 1)).values_list("enrolment", "amount")
    )
    assert lines == {first.pk: 16_800, second.pk: 16_800}  # the issued lines never change
    credit = AdjustmentLine.objects.get(enrolment=first)
    assert credit.charges == []
    assert AdjustmentLine.objects.get(enrolment=second).charges[0]["income"] == 3_000_000
    events = AuditEvent.objects.filter(action="bill.adjust").order_by("pk")
    assert [(e.subject_key, e.after["amount"]) for e in events] == [
        (f"person:{first.person_id}", -16_800),
        (f"person:{second.person_id}", 20_000),
    ]
    assert {e.reason for e in events} == {"koreksi Maret"}
    assert bill_adjust(actor=users["keuangan"], programme=bogor, month=MAR, reason="lagi") == []
    assert AdjustmentLine.objects.count() == 2
    # February is still due in full for the worker who died on 10 February (whole months).
    assert bill_adjust(actor=users["keuangan"], programme=bogor, month=FEB, reason="x")[
        0
    ].amount == (20_000)


def test_three_unpaid_months_make_a_worker_inactive_until_paid_again(users, bogor, tmp_path):
    (enrolment,) = enrol(users, bogor, [person(1)], tmp_path)
    bills = {}
    for month in (JAN, FEB, MAR, APR, MAY):
        bills_issue(actor=users["keuangan"], programme=bogor, month=month)
        bills[month] = BillMonth.objects.get(month=month.first_day)
    payment_record(
        actor=users["keuangan"],
        bill=bills[JAN],
        amount=16_800,
        paid_on=date(2026, 1, 20),
        reference="SP2D 001",
    )
    with pytest.raises(DomainError) as no_reference:
        payment_record(
            actor=users["keuangan"],
            bill=bills[FEB],
            amount=1,
            paid_on=date(2026, 2, 1),
            reference=" ",
        )
    assert no_reference.value.code == "payment.reference"

    flagged = arrears_update(actor=users["keuangan"], programme=bogor, as_of=MAR)
    assert flagged.inactive == 0  # two unpaid months: grace
    result = arrears_update(actor=users["keuangan"], programme=bogor, as_of=APR)

    assert (result.inactive, result.flagged) == (1, [enrolment.pk])
    enrolment.refresh_from_db()
    assert enrolment.inactive_from == date(2026, 4, 1)
    event = AuditEvent.objects.get(action="enrolment.inactive")
    assert event.after == {
        "inactive_from": "2026-04-01",
        "as_of": "2026-04",
        "gap": ["2026-04"],
    }
    assert event.subject_key == f"person:{enrolment.person_id}"
    state = protection_of(enrolment, as_of=APR)
    assert [str(m) for m in state.gap] == ["2026-04"]
    assert [i.code for i in state.issues()] == ["coverage.inactive"]
    from payung.enrolment.selectors import coverage_on

    answer = coverage_on(user=users["verifikator"], nik=enrolment.person.nik, day=date(2026, 4, 9))
    assert answer.covered
    assert answer.inactive
    assert arrears_update(actor=users["keuangan"], programme=bogor, as_of=APR).inactive == 0

    payment_record(
        actor=users["keuangan"],
        bill=bills[MAY],
        amount=16_800,
        paid_on=date(2026, 5, 5),
        reference="SP2D 005",
    )
    resumed = arrears_update(actor=users["keuangan"], programme=bogor, as_of=MAY)
    assert resumed.resumed == 1
    enrolment.refresh_from_db()
    assert enrolment.inactive_from is None
    assert [str(m) for m in protection_of(enrolment, as_of=MAY).gap] == ["2026-04"]


def test_the_invoice_is_reconciled_worker_by_worker(users, bogor, tmp_path):
    a, b, c = enrol(users, bogor, [person(1), person(2), person(3)], tmp_path)
    bills_issue(actor=users["keuangan"], programme=bogor, month=JAN)
    path = tmp_path / "tagihan-bpjs-2026-01.csv"
    rows = [
        "KPJ;NIK;Bulan;Iuran",
        f"{kpj(a.person_id)};;2026-01;16800",  # matches
        f"{kpj(b.person_id)};;2026-01;18000",  # amount differs
        f";{Person.objects.get(pk=c.person_id).nik};2026-02;16800",  # another month
        "26009999999;;2026-01;16800",  # a worker we did not bill
        ";;2026-01;16800",  # no key
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")

    imported = invoice_import(
        actor=users["keuangan"], programme=bogor, path=path, file_name=path.name
    )
    assert imported.invoice.line_count == 4
    assert [(n, e.code) for n, e in imported.problems] == [(6, "invoice.no_key")]
    assert invoice_import(
        actor=users["keuangan"], programme=bogor, path=path, file_name=path.name
    ).already

    result, rows_shown = reconciliation(user=users["keuangan"], programme=bogor, month=JAN)

    assert result.matched == 1
    kinds = sorted((d.kind.value, d.billed, d.invoiced) for d in result.differences)
    assert kinds == [
        ("billing.amount_differs", 16_800, 18_000),
        ("billing.billed_not_invoiced", 16_800, 0),
        ("billing.invoiced_not_billed", 0, 16_800),
    ]
    assert (result.billed_total, result.invoiced_total) == (50_400, 51_600)
    shown = {r.difference.kind.value: r.worker for r in rows_shown}
    assert shown["billing.billed_not_invoiced"].startswith("Pekerja 3 (3201")
    assert shown["billing.invoiced_not_billed"] == "2600•••9999"


def test_approval_warns_near_the_budget_and_refuses_beyond_it(users, bogor):
    ProgrammeArea.objects.filter(programme=bogor, region_id=VILLAGE).update(quota=3)
    budget_set(
        actor=users["keuangan"], programme=bogor, region=VILLAGE, year=2026, amount=2 * 201_600
    )
    assert AuditEvent.objects.get(action="budget.set").after == {
        "payer": VILLAGE,
        "year": 2026,
        "amount": 403_200,
    }
    people = [candidacy(bogor, person(n)) for n in (1, 2, 3)]
    ids = [c.pk for c in people]
    candidates_act(actor=users["operator.desa"], candidate_ids=ids, action=Action.SUBMIT)
    candidates_act(
        actor=users["verifikator"], candidate_ids=ids, action=Action.VERIFY, reason="ok", bulk=True
    )

    moved = candidates_approve(
        actor=users["verifikator"], candidate_ids=ids, reason="ok", bulk=True
    )

    assert dict(moved.done) == {"approved": 2}
    (note,) = moved.notes.values()
    assert note.code == "budget.near_limit"  # the second place commits the whole budget
    (refusal,) = moved.refused.values()
    assert refusal.code == "budget.exceeded"
    assert refusal.params["shortfall"] == "Rp201.600"
    area = ProgrammeArea.objects.get(programme=bogor, region_id=VILLAGE)
    assert area.taken == 2  # the refused approval took no place


def test_a_quota_the_budget_cannot_pay_is_refused(users, bogor):
    budget_set(actor=users["keuangan"], programme=bogor, region=OTHER, year=2026, amount=50_400_000)
    with pytest.raises(DomainError) as refused:
        places_move(
            actor=users["admin.bogor"],
            programme=bogor,
            source=VILLAGE,
            target=OTHER,
            places=1,
            reason="desa tetangga",
        )
    assert refused.value.code == "budget.exceeded"
    assert ProgrammeArea.objects.get(programme=bogor, region_id=OTHER).quota == 250


def test_the_budget_view_adds_up_per_payer_and_district(users, bogor, tmp_path, client):
    budget_set(
        actor=users["keuangan"], programme=bogor, region=VILLAGE, year=2026, amount=50_400_000
    )
    budget_set(actor=users["keuangan"], programme=bogor, region=OTHER, year=2026, amount=40_000_000)
    enrol(users, bogor, [person(1), person(2, village=OTHER)], tmp_path)
    bills_issue(actor=users["keuangan"], programme=bogor, month=JAN)
    bill = BillMonth.objects.get(payer__region_id=VILLAGE)
    payment_record(
        actor=users["keuangan"], bill=bill, amount=16_800, paid_on=date(2026, 1, 25), reference="1"
    )

    overview = budget_overview(user=users["keuangan"], programme=bogor)

    rows = {r.region: r for r in overview.payers}
    own = rows[VILLAGE]
    assert (own.budget, own.committed, own.billed, own.paid, own.remaining) == (
        50_400_000,
        50_400_000,
        16_800,
        16_800,
        0,
    )
    assert [i.code for i in own.check.issues] == ["budget.near_limit"]
    other = rows[OTHER]
    assert (other.remaining, [i.code for i in other.check.issues]) == (
        -10_400_000,
        ["budget.exceeded"],
    )
    (district,) = overview.districts
    assert (district.region, district.budget, district.billed, district.paid) == (
        "32.01.20",
        90_400_000,
        33_600,
        16_800,
    )
    assert overview.standard_shortfall == 10_400_000

    client.force_login(users["keuangan"])
    page = client.get(f"/finance/{bogor.pk}/budget/")
    assert page.status_code == 200
    assert "Rp50.400.000" in page.content.decode()
    client.force_login(users["operator.desa"])
    mine = client.get(f"/finance/{bogor.pk}/budget/").context["overview"]
    assert [r.region for r in mine.payers] == [VILLAGE]
    assert approved  # imported for the helpers above


def _ended(users, candidate):
    from payung.screening.services import candidate_act

    candidate_act(actor=users["verifikator"], candidate=candidate, action=Action.END, reason="x")


def _two_places_one_waiting(users, bogor):
    """Two approved in VILLAGE (quota 2) and a third on its waiting list."""
    from tests.integration.test_screening import verified

    ProgrammeArea.objects.filter(programme=bogor, region_id=VILLAGE).update(quota=2)
    first, second, waiting = verified(users, bogor, [person(n, decile=n) for n in (1, 2, 3)])
    candidates_approve(
        actor=users["verifikator"],
        candidate_ids=[first.pk, second.pk, waiting.pk],
        bulk=True,
        reason="rapat",
    )
    return first, second, waiting


def test_a_promotion_the_budget_cannot_pay_is_held_until_the_budget_is_raised(users, bogor):
    from payung.registry.models import Candidate
    from payung.screening.models import Notice

    first, second, waiting = _two_places_one_waiting(users, bogor)
    assert Candidate.objects.get(pk=waiting.pk).status == "waitlisted"
    # The village's budget is cut to one place's year (12 × Rp16,800).
    budget_set(actor=users["keuangan"], programme=bogor, region=VILLAGE, year=2026, amount=201_600)

    _ended(users, first)  # frees a place: promoting would commit two places

    assert Candidate.objects.get(pk=waiting.pk).status == "waitlisted"
    assert ProgrammeArea.objects.get(programme=bogor, region_id=VILLAGE).taken == 1
    held = AuditEvent.objects.get(action="candidate.promotion_held")
    assert held.object_id == str(waiting.pk)
    assert held.after == {
        "area": VILLAGE,
        "code": "budget.exceeded",
        "committed": "Rp403.200",
        "budget": "Rp201.600",
        "shortfall": "Rp201.600",
    }
    assert held.subject_key == f"person:{waiting.person_id}"
    assert not AuditEvent.objects.filter(action="candidate.promote").exists()
    notice = Notice.objects.get(code="notice.promotion_held")
    assert (notice.region_id, notice.candidate_id) == (VILLAGE, waiting.pk)
    assert notice.params["shortfall"] == "Rp201.600"

    # Another freed place tries again: audited again, the village is not told twice.
    _ended(users, second)
    assert Candidate.objects.get(pk=waiting.pk).status == "approved"  # one place: within budget
    assert AuditEvent.objects.filter(action="candidate.promotion_held").count() == 1
    assert Notice.objects.filter(code="notice.place_offered", candidate=waiting).count() == 1


def test_raising_the_budget_gives_the_held_promotion_its_place(users, bogor):
    from payung.registry.models import Candidate
    from payung.screening.models import Notice

    first, _, waiting = _two_places_one_waiting(users, bogor)
    budget_set(actor=users["keuangan"], programme=bogor, region=VILLAGE, year=2026, amount=201_600)
    _ended(users, first)
    assert Candidate.objects.get(pk=waiting.pk).status == "waitlisted"

    # Not enough yet (one rupiah short): still held.
    budget_set(actor=users["keuangan"], programme=bogor, region=VILLAGE, year=2026, amount=403_199)
    assert Candidate.objects.get(pk=waiting.pk).status == "waitlisted"
    assert AuditEvent.objects.filter(action="candidate.promotion_held").count() == 2
    assert (
        AuditEvent.objects.filter(action="candidate.promotion_held")
        .order_by("pk")
        .last()
        .after["shortfall"]
        == "Rp1"
    )

    budget_set(actor=users["keuangan"], programme=bogor, region=VILLAGE, year=2026, amount=403_200)

    assert Candidate.objects.get(pk=waiting.pk).status == "approved"
    assert ProgrammeArea.objects.get(programme=bogor, region_id=VILLAGE).taken == 2
    promote = AuditEvent.objects.get(action="candidate.promote")
    assert (promote.object_id, promote.actor_id) == (str(waiting.pk), users["keuangan"].pk)
    assert Notice.objects.filter(code="notice.place_offered", candidate=waiting).count() == 1


def test_a_shared_quota_passes_a_village_without_budget_to_the_next_that_has_it(users, demo):
    from payung.domain.programme import PayerModel, QuotaModel
    from payung.programmes.services import programme_create
    from payung.registry.models import Candidate
    from tests.integration.test_screening import verified

    shared = programme_create(
        actor=users["admin.bogor"],
        regency_code="32.01",
        name="Kuota bersama",
        legal_basis="Perbup",
        year=2026,
        coverage_start=date(2026, 1, 1),
        payer_model=PayerModel.VILLAGE_AID,
        quota_model=QuotaModel.TOTAL,
        quota_total=1,
    )
    # One regency-wide place, held by a worker of VILLAGE; waiting: two more of VILLAGE, whose
    # budget (Rp1) pays for nobody, then one of OTHER, whose budget pays for one place.
    holder, poor_1, poor_2, rich = verified(
        users,
        shared,
        [person(1, decile=1), person(2, decile=2), person(3, decile=3), person(4, village=OTHER)],
    )
    candidates_approve(
        actor=users["verifikator"],
        candidate_ids=[holder.pk, poor_1.pk, poor_2.pk, rich.pk],
        bulk=True,
        reason="rapat",
    )
    assert Candidate.objects.get(pk=holder.pk).status == "approved"
    budget_set(actor=users["keuangan"], programme=shared, region=VILLAGE, year=2026, amount=1)
    budget_set(actor=users["keuangan"], programme=shared, region=OTHER, year=2026, amount=201_600)

    _ended(users, holder)

    statuses = {c.pk: Candidate.objects.get(pk=c.pk).status for c in (poor_1, poor_2, rich)}
    assert statuses == {poor_1.pk: "waitlisted", poor_2.pk: "waitlisted", rich.pk: "approved"}
    # One held row for the village's first in line; its second candidacy is passed over with it.
    held = AuditEvent.objects.get(action="candidate.promotion_held")
    assert (held.object_id, held.after["code"]) == (str(poor_1.pk), "budget.exceeded")


def _unpaid_since_february(users, bogor, tmp_path):
    """One worker billed January to April, only January paid."""
    (enrolment,) = enrol(users, bogor, [person(1)], tmp_path)
    for month in (JAN, FEB, MAR, APR):
        bills_issue(actor=users["keuangan"], programme=bogor, month=month)
    payment_record(
        actor=users["keuangan"],
        bill=BillMonth.objects.get(month=JAN.first_day),
        amount=16_800,
        paid_on=date(2026, 1, 20),
        reference="SP2D 001",
    )
    return enrolment


def test_the_arrears_update_runs_as_a_background_job_once_per_month(
    users, bogor, tmp_path, settings
):
    from payung.finance.services import arrears_job_enqueue
    from payung.jobs.services import job_run_pending

    settings.PAYUNG_JOBS = "worker"
    enrolment = _unpaid_since_february(users, bogor, tmp_path)

    job = arrears_job_enqueue(actor=users["keuangan"], programme=bogor, as_of=APR)
    again = arrears_job_enqueue(actor=users["keuangan"], programme=bogor, as_of=APR)
    assert again.pk == job.pk  # the same update is not queued twice
    assert (job.kind, job.params, job.region_id) == (
        "finance.arrears",
        {"programme": bogor.pk, "as_of": "2026-04"},
        "32.01",
    )
    enrolment.refresh_from_db()
    assert enrolment.inactive_from is None  # queued, not run

    assert job_run_pending() == 1

    job.refresh_from_db()
    assert (job.status, job.progress_done, job.progress_total) == ("done", 1, 1)
    enrolment.refresh_from_db()
    assert enrolment.inactive_from == date(2026, 4, 1)
    flagged = AuditEvent.objects.get(action="enrolment.inactive")
    assert flagged.actor_id == users["keuangan"].pk
    run = AuditEvent.objects.get(action="arrears.update")
    assert run.after == {"as_of": "2026-04", "checked": 1, "inactive": 1, "resumed": 0}
    # Once done, next month's run (or a re-run) is a new job.
    assert arrears_job_enqueue(actor=users["keuangan"], programme=bogor, as_of=APR).pk != job.pk
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        arrears_job_enqueue(actor=users["verifikator"], programme=bogor, as_of=APR)


def test_the_arrears_form_queues_the_job_and_the_page_lists_its_runs(
    users, bogor, tmp_path, client, settings, django_capture_on_commit_callbacks
):
    settings.PAYUNG_JOBS = "inline"
    enrolment = _unpaid_since_february(users, bogor, tmp_path)
    client.force_login(users["keuangan"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/finance/{bogor.pk}/arrears/", {"month": "2026-04"})

    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.inactive_from == date(2026, 4, 1)
    page = client.get(f"/finance/?programme={bogor.pk}")
    (run,) = page.context["arrears_runs"]
    assert (run.params["as_of"], run.status, run.progress_done) == ("2026-04", "done", 1)


def test_the_arrears_command_runs_now_or_queues_a_job(users, bogor, tmp_path, settings):
    import io

    from django.core.management import CommandError, call_command

    from payung.jobs.models import Job

    settings.PAYUNG_JOBS = "worker"
    enrolment = _unpaid_since_february(users, bogor, tmp_path)
    arguments = ["finance", "arrears", "--programme", str(bogor.pk), "--user", "keuangan"]

    out = io.StringIO()
    call_command(*arguments, "--as-of", "2026-03", stdout=out)
    assert out.getvalue() == (
        f"arrears {bogor.pk} as of 2026-03: 1 workers checked, 0 became inactive, "
        "0 protected again\n"
    )
    call_command(*arguments, "--as-of", "2026-04", stdout=out)
    assert out.getvalue().endswith("1 became inactive, 0 protected again\n")
    enrolment.refresh_from_db()
    assert enrolment.inactive_from == date(2026, 4, 1)

    queued = io.StringIO()
    call_command(*arguments, "--as-of", "2026-05", "--queue", stdout=queued)
    job = Job.objects.get()
    assert (job.status, job.params["as_of"]) == ("queued", "2026-05")
    assert queued.getvalue() == f"arrears {bogor.pk} as of 2026-05: job {job.pk} queued\n"

    with pytest.raises(CommandError, match="may not do this"):
        call_command("finance", "arrears", "--programme", str(bogor.pk), "--user", "verifikator")
    with pytest.raises(CommandError, match="no user"):
        call_command("finance", "arrears", "--programme", str(bogor.pk), "--user", "nobody")


def test_the_budget_view_reads_every_payer_in_a_fixed_number_of_queries(users, bogor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from payung.budgets.commitment import payer_places, payers_places
    from payung.regions.models import Region

    villages = list(
        Region.objects.filter(code__startswith="32.01.20.", level=4)
        .order_by("code")
        .values_list("code", flat=True)
    )
    counted = []
    for count in (2, len(villages)):
        for code in villages[:count]:
            budget_set(
                actor=users["keuangan"], programme=bogor, region=code, year=2026, amount=1_000_000
            )
        budget_overview(user=users["keuangan"], programme=bogor)  # what the first read creates
        with CaptureQueriesContext(connection) as queries:
            overview = budget_overview(user=users["keuangan"], programme=bogor)
        counted.append((len(overview.payers), len(queries)))
    (few, few_queries), (many, many_queries) = counted
    assert many > few + 5
    assert many_queries == few_queries  # no query per payer (it was two per payer)
    regions = [r.region for r in overview.payers] + [bogor.regency_id, "32.01.20.9999"]
    assert payers_places(bogor, regions) == {r: payer_places(bogor, r) for r in regions}
    assert {r.region: r.committed for r in overview.payers}[VILLAGE] == 250 * 16_800 * 12
