"""The budget page shows, beside the contributions paid per month, what BPJS paid on the
programme's claims ("Dibayarkan BPJS", issue 13 item 9, ADR 0041): exact rupiah per month and for
the year, per component, in words; only paid (or handed-over) claims of this programme and year,
within the reader's region."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from payung.claims.entitlement import claim_entitlement, document_facts
from payung.claims.models import Claim, ClaimKind
from payung.claims.selectors import benefits_paid_by_month
from payung.claims.services import (
    Report,
    claim_complete,
    claim_hand_over,
    claim_pay,
    claim_reject,
    claim_report,
    claim_submit,
    document_upload,
)
from payung.domain.benefits import Component
from payung.domain.claims import required_documents
from payung.domain.period import Month
from payung.finance.billing import bills_issue
from payung.finance.models import BillMonth
from payung.finance.selectors import budget_overview, contributions_paid_by_month
from payung.finance.services import payment_record
from tests.builders import village_operator
from tests.integration.test_claims import PDF
from tests.integration.test_enrolment import enrol
from tests.integration.test_screening import VILLAGE, person

pytestmark = pytest.mark.django_db
OTHER = "32.01.20.2001"  # another village of the same district
JAKARTA = ZoneInfo("Asia/Jakarta")
REPORTED = datetime(2026, 3, 1, 9, 0, tzinfo=JAKARTA)
JKM = {"jkm_lump_sum": 20_000_000, "jkm_periodic": 12_000_000, "funeral": 10_000_000}


def _report(reporter, enrolment, kind, day):
    return claim_report(
        actor=reporter,
        person=enrolment.person,
        report=Report(
            kind=kind,
            event_date=day,
            event_time=time(7, 0),
            place="Sawah Kp. Cibunar",
            cause="Sakit" if kind == ClaimKind.JKM_DEATH else "Tergores arit",
            chronology="Dibawa ke Puskesmas Parungpanjang.",
            reporter_name="Operator Desa",
            reporter_phone="081234560001",
        ),
        now=REPORTED,
    )


def _paid(users, reporter, enrolment, kind, day, *, amounts, on):
    """A claim reported by ``reporter``, documented, submitted and paid through the services."""
    claim = _report(reporter, enrolment, kind, day)
    facts = document_facts(claim, amount=claim_entitlement(claim, today=REPORTED.date()).total)
    for document in required_documents(facts):
        document_upload(
            actor=reporter, claim=claim, kind=document.code, data=PDF, file_name="d.pdf"
        )
    claim = claim_complete(
        actor=users["verifikator"], claim=claim, on=REPORTED.date(), today=REPORTED.date()
    )
    claim = claim_submit(
        actor=users["bpjs"], claim=claim, bpjs_number=f"KLM-{claim.pk}", on=REPORTED.date()
    )
    return claim_pay(actor=users["bpjs"], claim=claim, amounts=amounts, on=on, reference="TRF")


def _pay(users, programme, region, month, amount):
    bill = BillMonth.objects.get(programme=programme, payer__region_id=region, month=month)
    payment_record(
        actor=users["keuangan"], bill=bill, amount=amount, paid_on=month, reference=f"SP2D {month}"
    )


@pytest.fixture
def lebak(demo):
    return demo["lebak"]


@pytest.fixture
def seeded(users, bogor, tmp_path):
    """Three workers of Bogor's programme (two in the demo village, one in its neighbour), billed
    for January to March and paid for January (both villages) and February (the demo village);
    three claims paid in 2026: a JKM death (handed over) and an accident of the demo village in
    March, an accident of the neighbour in April."""
    first, second, third = enrol(
        users, bogor, [person(1), person(2), person(3, village=OTHER)], tmp_path
    )
    for month in (Month(2026, 1), Month(2026, 2), Month(2026, 3)):
        bills_issue(actor=users["keuangan"], programme=bogor, month=month)
    _pay(users, bogor, VILLAGE, date(2026, 1, 1), 33_600)
    _pay(users, bogor, OTHER, date(2026, 1, 1), 16_800)
    _pay(users, bogor, VILLAGE, date(2026, 2, 1), 33_600)
    operator, neighbour = users["operator.desa"], village_operator(OTHER)
    death = _paid(
        users, operator, first, ClaimKind.JKM_DEATH, date(2026, 2, 20),
        amounts=JKM, on=date(2026, 3, 10),
    )  # fmt: skip
    claim_hand_over(actor=operator, claim=death, on=date(2026, 3, 12), handed_by="Kepala Desa")
    _paid(
        users, operator, second, ClaimKind.JKK_ACCIDENT, date(2026, 2, 5),
        amounts={"medical": 2_350_000}, on=date(2026, 3, 25),
    )  # fmt: skip
    _paid(
        users, neighbour, third, ClaimKind.JKK_ACCIDENT, date(2026, 2, 6),
        amounts={"medical": 1_000_000, "transport": 150_000}, on=date(2026, 4, 2),
    )  # fmt: skip
    return {"enrolments": (first, second, third), "neighbour": neighbour}


def _rows(page: str) -> dict[str, list[str]]:
    """The months table: per ``data-month`` the cells' text."""
    table = page[page.index('data-testid="returns-months"') :]
    table = table[: table.index("</table>")]
    return {
        month: [cell.strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)]
        for month, row in re.findall(r'<tr data-month="([^"]+)">(.*?)</tr>', table)
    }


def _components(page: str) -> list[list[str]]:
    table = page[page.index('data-testid="components"') :]
    table = table[table.index("<tbody>") : table.index("</tbody>")]
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", table)]


def _line(page: str) -> str:
    return re.search(r'data-testid="returns-line">(.*?)</p>', page).group(1)


def test_the_regency_sees_what_its_contributions_returned_month_by_month(
    seeded, users, bogor, client
):
    client.force_login(users["keuangan"])
    page = client.get(f"/finance/{bogor.pk}/budget/").content.decode()

    rows = _rows(page)
    assert rows["2026-01"] == ["Januari", "Rp50.400", "0", "Rp0"]
    assert rows["2026-02"] == ["Februari", "Rp33.600", "0", "Rp0"]
    assert rows["2026-03"] == ["Maret", "Rp0", "2", "Rp44.350.000"]  # billed, not yet paid
    assert rows["2026-04"] == ["April", "Rp0", "1", "Rp1.150.000"]
    assert rows["2026-12"] == ["Desember", "Rp0", "0", "Rp0"]
    assert len(rows) == 13
    assert rows["total"] == ["Total 2026", "Rp84.000", "3", "Rp45.500.000"]
    assert _line(page) == (
        "Manfaat yang dibayarkan BPJS pada 2026: Rp45.500.000 dari 3 klaim; iuran dibayar: "
        "Rp84.000. Manfaat itu setara 54.167 persen dari iuran yang dibayar."
    )
    assert _components(page) == [
        ["Santunan sekaligus JKM", "1", "Rp20.000.000"],
        ["Santunan berkala JKM, dibayar sekaligus", "1", "Rp12.000.000"],
        ["Biaya pemakaman", "1", "Rp10.000.000"],
        ["Biaya transportasi", "1", "Rp150.000"],
        ["Perawatan dan pengobatan", "2", "Rp3.350.000"],
    ]
    # The year's contributions paid are what the page's total already said.
    assert "Dibayar Rp84.000" in page
    # The district is named, not coded.
    districts = page[page.index('data-testid="districts"') :]
    assert re.findall(r"<tr><td>([^<]*)</td>", districts)[0] == "Parungpanjang"


def test_a_village_sees_its_own_claims_and_its_own_contributions(seeded, users, bogor, client):
    client.force_login(users["operator.desa"])
    page = client.get(f"/finance/{bogor.pk}/budget/").content.decode()
    rows = _rows(page)
    assert rows["2026-01"] == ["Januari", "Rp33.600", "0", "Rp0"]
    assert rows["2026-03"] == ["Maret", "Rp0", "2", "Rp44.350.000"]
    assert rows["2026-04"] == ["April", "Rp0", "0", "Rp0"]  # the neighbour's accident
    assert rows["total"] == ["Total 2026", "Rp67.200", "2", "Rp44.350.000"]

    client.force_login(seeded["neighbour"])
    rows = _rows(client.get(f"/finance/{bogor.pk}/budget/").content.decode())
    assert rows["total"] == ["Total 2026", "Rp16.800", "1", "Rp1.150.000"]


def test_rejected_claims_other_years_and_other_programmes_count_nothing(
    seeded, users, bogor, lebak
):
    first, second, _ = seeded["enrolments"]
    operator = users["operator.desa"]
    before = benefits_paid_by_month(user=users["keuangan"], programme=bogor, year=2026)
    assert (before.claims, before.amount) == (3, 45_500_000)

    rejected = _report(operator, second, ClaimKind.JKK_ACCIDENT, date(2026, 2, 27))
    claim_reject(actor=users["verifikator"], claim=rejected, reason="Bukan kecelakaan kerja.")
    # Even with amounts on it (as a hand-made record might carry), a rejected claim paid nothing.
    Claim.objects.filter(pk=rejected.pk).update(
        paid_amounts={"medical": 9_000_000}, paid_on=date(2026, 3, 3)
    )
    _paid(
        users, operator, second, ClaimKind.JKK_ACCIDENT, date(2026, 2, 28),
        amounts={"medical": 700_000}, on=date(2027, 1, 4),
    )  # fmt: skip
    elsewhere = _paid(
        users, operator, first, ClaimKind.JKK_ACCIDENT, date(2026, 2, 10),
        amounts={"medical": 500_000}, on=date(2026, 3, 20),
    )  # fmt: skip
    # Covered by another programme on the event date (as a worker of Lebak's would be).
    Claim.objects.filter(pk=elsewhere.pk).update(programme=lebak)

    after = benefits_paid_by_month(user=users["keuangan"], programme=bogor, year=2026)
    assert (after.claims, after.amount) == (3, 45_500_000)
    assert after.by_month == {Month(2026, 3): (2, 44_350_000), Month(2026, 4): (1, 1_150_000)}
    later = benefits_paid_by_month(user=users["keuangan"], programme=bogor, year=2027)
    assert later.by_month == {Month(2027, 1): (1, 700_000)}
    theirs = benefits_paid_by_month(user=users["sysadmin"], programme=lebak, year=2026)
    assert theirs.by_month == {Month(2026, 3): (1, 500_000)}
    assert theirs.components[0].component is Component.MEDICAL


def test_contributions_paid_per_month_add_up_to_the_overview(seeded, users, bogor):
    paid = contributions_paid_by_month(user=users["keuangan"], programme=bogor, year=2026)
    assert paid == {Month(2026, 1): 50_400, Month(2026, 2): 33_600}
    assert sum(paid.values()) == budget_overview(user=users["keuangan"], programme=bogor).total.paid
    assert contributions_paid_by_month(user=users["keuangan"], programme=bogor, year=2027) == {}
    mine = contributions_paid_by_month(user=users["operator.desa"], programme=bogor, year=2026)
    assert mine == {Month(2026, 1): 33_600, Month(2026, 2): 33_600}


def test_in_english_and_with_no_claim_paid(users, bogor, client):
    client.force_login(users["keuangan"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/programmes/"})
    page = client.get(f"/finance/{bogor.pk}/budget/").content.decode()
    assert _line(page) == (
        "BPJS has paid no benefit on this programme's claims in 2026 yet; contributions paid: Rp0."
    )
    assert _rows(page)["2026-01"] == ["January", "Rp0", "0", "Rp0"]
    assert 'data-testid="components"' not in page


def test_the_english_line_with_claims(seeded, users, bogor, client):
    client.force_login(users["keuangan"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/programmes/"})
    page = client.get(f"/finance/{bogor.pk}/budget/").content.decode()
    assert _line(page) == (
        "Benefits paid by BPJS in 2026: Rp45.500.000 on 3 claims; contributions paid: Rp84.000. "
        "The benefits are 54,167 percent of the contributions paid."
    )
    assert _components(page)[0] == ["JKM lump sum", "1", "Rp20.000.000"]


def test_setting_a_budget_line_still_works_on_the_composed_page(users, bogor, client):
    client.force_login(users["keuangan"])
    saved = client.post(
        f"/finance/{bogor.pk}/budget/", {"region": VILLAGE, "amount": "50.400.000"}, follow=True
    )
    assert [str(m) for m in saved.context["messages"]] == ["Anggaran disimpan."]
    assert saved.context["overview"].total.budget == 50_400_000
