"""Issue 6's acceptance figures, end to end through the services.

Bogor: a village's 250 enrolled workers billed 12 months = Rp50,400,000 to that village.
Lebak: 3,450 workers × 12 × Rp16,200 = Rp670,680,000 billed to the regency, and the budget view
shows that the standard BPU minimum would need Rp695,520,000, Rp24,840,000 more.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.db.models import Sum

from payung.accounts.services import user_create
from payung.budgets.rates import rate_version_add
from payung.budgets.services import budget_set, budgets_from_programme
from payung.domain.period import Month
from payung.domain.roles import Role
from payung.domain.workflow import State
from payung.enrolment.models import Enrolment
from payung.enrolment.services import (
    registration_answer_import,
    registration_batch_create,
    registration_export,
)
from payung.finance.billing import bills_issue
from payung.finance.models import BillLine, BillMonth
from payung.finance.selectors import budget_overview
from payung.programmes.models import ProgrammeArea
from payung.regions.models import Region
from payung.registry.models import Candidate, Person, Source
from payung.registry.values import nik_index
from tests.builders import COMMAND_LINE
from tests.integration.test_enrolment import approved
from tests.integration.test_screening import VILLAGE, person

pytestmark = pytest.mark.django_db
YEAR = [Month(2026, m) for m in range(1, 13)]


def register_everyone(liaison, programme, tmp_path):
    """Batch every approved worker, export it, and answer each with a KPJ (as BPJS would)."""
    batch = registration_batch_create(actor=liaison, programme=programme)
    exported = registration_export(actor=liaison, batch=batch, kind="csv")
    rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig")), delimiter=";"))[1:]
    answer = tmp_path / "jawaban-bpjs.csv"
    answer.write_text(
        "NIK;KPJ\n" + "".join(f"{row[0]};26{n:09d}\n" for n, row in enumerate(rows, start=1)),
        encoding="utf-8",
    )
    result = registration_answer_import(
        actor=liaison, batch=batch, path=answer, file_name=answer.name
    )
    assert not result.problems
    return result


def test_bogor_a_village_of_250_workers_costs_its_village_rp50_400_000(demo, tmp_path):
    users, bogor = demo["users"], demo["bogor"]
    budget_set(
        actor=users["keuangan"], programme=bogor, region=VILLAGE, year=2026, amount=50_400_000
    )
    approved(users, bogor, [person(n) for n in range(1, 251)])
    assert register_everyone(users["bpjs"], bogor, tmp_path).registered == 250

    for month in YEAR:
        bills_issue(actor=users["keuangan"], programme=bogor, month=month)

    bills = BillMonth.objects.filter(programme=bogor)
    assert set(bills.values_list("payer__region_id", flat=True)) == {VILLAGE}
    assert bills.count() == 12
    assert set(bills.values_list("line_count", "total")) == {(250, 250 * 16_800)}
    assert bills.aggregate(s=Sum("total"))["s"] == 50_400_000
    overview = budget_overview(user=users["keuangan"], programme=bogor)
    (row,) = overview.payers
    assert (row.region, row.budget, row.committed, row.billed, row.remaining) == (
        VILLAGE,
        50_400_000,
        50_400_000,
        50_400_000,
        0,
    )
    assert overview.standard_shortfall == 0  # Bogor's Rp16,800 is the standard minimum


def test_lebak_3450_workers_cost_the_regency_rp670_680_000_and_the_standard_needs_more(
    demo, tmp_path
):
    users, lebak = demo["users"], demo["lebak"]
    finance = users["sysadmin"]
    rate_version_add(
        actor=finance,
        programme=lebak,
        scheme="lebak-2026",
        effective_from=Month(2026, 1),
        flat_monthly=16_200,
        basis="Nota Kesepahaman Pemkab Lebak – BPJS Ketenagakerjaan",
    )
    budgets_from_programme(actor=finance, programme=lebak)
    # 3,450 approved workers (the workflow up to approval is issue 5's and tested there).
    villages = list(
        Region.objects.filter(code__startswith="36.02.", level=4).values_list("code", flat=True)[:3]
    )
    people = [
        Person(
            nik=f"360201{date(1980 + n % 30, 1 + n % 12, 1 + n % 28):%d%m%y}{n:04d}",
            nik_index=nik_index(
                f"360201{date(1980 + n % 30, 1 + n % 12, 1 + n % 28):%d%m%y}{n:04d}"
            ),
            full_name=f"Pekerja Lebak {n}",
            sex="M",
            birth_date=date(1980 + n % 30, 1 + n % 12, 1 + n % 28),
            village_id=villages[n % 3],
            source=Source.AGENCY_LIST,
        )
        for n in range(1, 3451)
    ]
    Person.objects.bulk_create(people, batch_size=1000)
    Candidate.objects.bulk_create(
        [
            Candidate(person=p, programme=lebak, village_id=p.village_id, status=State.APPROVED)
            for p in Person.objects.filter(village__code__startswith="36.02.")
        ],
        batch_size=1000,
    )
    ProgrammeArea.objects.filter(programme=lebak).update(taken=3_450)

    liaison = user_create(
        actor=COMMAND_LINE,
        username="bpjs.lebak",
        password="x",
        role=Role.BPJS_LIAISON,
        region_code="36.02",
        check_password=False,
    )
    assert register_everyone(liaison, lebak, tmp_path).registered == 3_450
    assert Enrolment.objects.filter(programme=lebak).count() == 3_450
    for month in YEAR:
        bills_issue(actor=finance, programme=lebak, month=month)

    bills = BillMonth.objects.filter(programme=lebak)
    assert set(bills.values_list("payer__region_id", flat=True)) == {"36.02"}
    assert bills.aggregate(s=Sum("total"))["s"] == 670_680_000
    assert BillLine.objects.filter(bill__programme=lebak).count() == 3_450 * 12
    overview = budget_overview(user=finance, programme=lebak)
    assert (overview.total.budget, overview.total.committed, overview.total.billed) == (
        670_680_000,
        670_680_000,
        670_680_000,
    )
    assert overview.standard_need == 695_520_000
    assert overview.standard_shortfall == 24_840_000
