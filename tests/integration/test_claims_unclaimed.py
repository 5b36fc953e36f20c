"""Issue 13 item 7 and the XLSX of item 8: deaths nobody claimed, found from a deaths list or a
coverage ended for death, matched against the coverage on the death date (arrears included); the
labour office's page; the claims list as XLSX through the safe writer."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import openpyxl
import pytest
from django.core.management import call_command

from payung.access.actor import CommandLine
from payung.accounts.services import user_create
from payung.audit.models import AuditEvent
from payung.claims.export import HEADERS
from payung.claims.models import ClaimKind, UnclaimedDeath, UnclaimedStatus
from payung.claims.services import claim_report
from payung.claims.unclaimed import unclaimed_deaths_find
from payung.dedupe.lists import external_list_import
from payung.domain._digits import mask
from payung.domain.coverage import EndReason
from payung.domain.flags import ListKind
from payung.domain.roles import Role
from payung.enrolment.services import coverage_end
from payung.finance.billing import bills_issue
from payung.finance.models import BillMonth
from payung.finance.services import payment_record
from payung.registry.models import Person
from tests.integration.test_claims import MONTHS, NOW, accident
from tests.integration.test_enrolment import enrol, kpj
from tests.integration.test_safe_exports import FORMULA_STARTS
from tests.integration.test_screening import OTHER_VILLAGE, person

pytestmark = pytest.mark.django_db
SOURCE = "Disdukcapil Kab. Bogor"
LIST_DATE = date(2026, 5, 25)


def _csv(path, people):
    lines = ["DAFTAR", "NIK;Nama", *(f"{p.nik};{p.full_name}" for p in people)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def deaths_list(users, tmp_path, people, *, list_date=LIST_DATE, name="meninggal.csv"):
    path = _csv(tmp_path / name, people)
    return external_list_import(
        actor=users["verifikator"],
        kind=ListKind.DECEASED,
        source=SOURCE,
        list_date=list_date,
        region_code="32.01",
        path=path,
        file_name=path.name,
    )


def billed(users, programme, months, paid):
    """Bills of ``months`` issued, every payer's bill of ``paid`` paid in full."""
    for month in months:
        bills_issue(actor=users["keuangan"], programme=programme, month=month)
    for month in paid:
        for bill in BillMonth.objects.filter(programme=programme, month=month.first_day):
            payment_record(
                actor=users["keuangan"],
                bill=bill,
                amount=bill.total,
                paid_on=month.first_day,
                reference=f"SP2D {month} {bill.payer_id}",
            )


def find(users):
    return unclaimed_deaths_find(actor=users["verifikator"], now=NOW)


def test_a_covered_worker_on_a_deaths_list_opens_one_case_with_its_reasons(
    users, bogor, tmp_path, django_capture_on_commit_callbacks
):
    (enrolment,) = enrol(users, bogor, [person(1)], tmp_path)
    billed(users, bogor, MONTHS, paid=MONTHS)
    dead = enrolment.person

    with django_capture_on_commit_callbacks(execute=True):  # the reaction runs after commit
        deaths_list(users, tmp_path, [dead])

    case = UnclaimedDeath.objects.get()
    assert (case.person_id, case.village_id, case.status) == (dead.pk, dead.village_id, "open")
    assert (case.death_date, case.date_exact) == (LIST_DATE, False)
    assert (case.programme_id, case.enrolment_id) == (bogor.pk, enrolment.pk)
    masked = mask(kpj(dead.pk))
    assert [r["text"] for r in case.reasons_in("id")] == [
        f"Tercantum di daftar kematian {SOURCE} tanggal 25-05-2026; cocok dengan NIK yang sama.",
        "Daftar tidak memuat tanggal kematian: dianggap paling lambat 25-05-2026 (tanggal daftar).",
        f"Terlindungi pada 25-05-2026 oleh program {bogor}, KPJ {masked}.",
        "Belum ada klaim kematian (JKM atau JKK) yang dilaporkan untuk pekerja ini.",
    ]
    assert case.reasons_in("en")[0]["text"] == (
        f"On the deaths list of {SOURCE} dated 25-05-2026; matched on the same NIK."
    )
    opened = AuditEvent.objects.get(action="unclaimed_death.open")
    assert opened.actor_username == "verifikator"
    assert opened.subject_key == f"person:{dead.pk}"
    assert opened.after["reasons"] == [
        "unclaimed.listed_nik",
        "unclaimed.date_at_latest",
        "claim_coverage.covered",
        "unclaimed.no_claim",
    ]

    # Re-running (the command, or the same list again) opens nothing new.
    assert find(users).opened == []
    call_command("claims", "unclaimed", "--programme", str(bogor.pk), stdout=io.StringIO())
    assert UnclaimedDeath.objects.count() == 1
    assert AuditEvent.objects.filter(action="unclaimed_death.open").count() == 1


def test_a_coverage_ended_for_death_gives_the_exact_date(users, bogor, tmp_path):
    (enrolment,) = enrol(users, bogor, [person(1)], tmp_path)
    billed(users, bogor, MONTHS, paid=MONTHS)
    coverage_end(
        actor=users["verifikator"], enrolment=enrolment, on=date(2026, 4, 9), reason=EndReason.DIED
    )

    out = io.StringIO()
    call_command("claims", "unclaimed", stdout=out)

    case = UnclaimedDeath.objects.get()
    assert (case.death_date, case.date_exact) == (date(2026, 4, 9), True)
    assert case.reasons_in("id")[0]["text"] == (
        f"Kepesertaan {bogor} diakhiri karena meninggal dunia pada 09-04-2026."
    )
    assert "1 cases opened" in out.getvalue()
    assert AuditEvent.objects.get(action="unclaimed_death.open").actor_username == (
        "cli:payung claims unclaimed"
    )


def test_an_uncovered_worker_opens_nothing(users, bogor, tmp_path):
    inactive, not_enrolled = person(1), person(2)
    enrol(users, bogor, [inactive], tmp_path)
    billed(users, bogor, MONTHS, paid=MONTHS[:2])  # March–May unpaid: inactive on 25 May
    deaths_list(users, tmp_path, [inactive, not_enrolled])

    found = find(users)

    assert (found.deaths, found.opened, found.not_covered) == (1, [], 1)  # never enrolled: unread
    assert not UnclaimedDeath.objects.exists()


def test_a_death_claim_already_reported_suppresses_the_case_and_a_report_claims_it(
    users, bogor, tmp_path
):
    reported, later = enrol(users, bogor, [person(1), person(2)], tmp_path)
    billed(users, bogor, MONTHS, paid=MONTHS)
    claim_report(
        actor=users["verifikator"],
        person=reported.person,
        report=accident(kind=ClaimKind.JKM_DEATH, on_the_way=False, cause="Sakit"),
        now=NOW,
    )
    deaths_list(users, tmp_path, [reported.person, later.person])

    (case,) = find(users).opened
    assert case.person_id == later.person_id

    claim = claim_report(
        actor=users["verifikator"],
        person=later.person,
        report=accident(kind=ClaimKind.JKM_DEATH, on_the_way=False, cause="Sakit"),
        now=NOW,
    )
    case.refresh_from_db()
    assert (case.status, case.claim_id) == (UnclaimedStatus.CLAIMED, claim.pk)
    claimed = AuditEvent.objects.get(action="unclaimed_death.claim")
    assert claimed.after == {"status": "claimed", "claim": claim.pk, "kind": "jkm_death"}


def test_the_labour_office_sees_its_cases_and_closes_one_with_a_reason_in_two_steps(
    users, bogor, tmp_path, client
):
    own, foreign = enrol(users, bogor, [person(1), person(2, village=OTHER_VILLAGE)], tmp_path)
    billed(users, bogor, MONTHS, paid=MONTHS)
    deaths_list(users, tmp_path, [own.person, foreign.person])
    find(users)
    assert UnclaimedDeath.objects.count() == 2
    own_case = UnclaimedDeath.objects.get(person=own.person)

    # Another regency's verifier sees nothing and reaches nothing.
    lebak = user_create(
        actor=CommandLine(name="test"),
        username="verifikator.lebak",
        password="p",
        role=Role.VERIFIER,
        region_code="36.02",
        check_password=False,
    )
    client.force_login(lebak)
    assert list(client.get("/claims/unclaimed/").context["cases"]) == []
    url = f"/claims/unclaimed/{own_case.pk}/close/"
    assert client.post(url, {"reason": "x"}).status_code == 404
    # A village operator is not the labour office.
    client.force_login(users["operator.desa"])
    assert client.get("/claims/unclaimed/").status_code == 403

    client.force_login(users["verifikator"])
    page = client.get("/claims/unclaimed/")
    assert [c.pk for c, _ in page.context["cases"]] == sorted(
        UnclaimedDeath.objects.values_list("pk", flat=True)
    )
    html = page.content.decode()
    assert "cocok dengan NIK yang sama" in html
    assert f"/claims/new/?person={own.person_id}" in html
    assert own.person.nik not in html

    assert "wajib" in client.post(url, {"reason": " "}, follow=True).content.decode().lower()
    first = client.post(url, {"reason": "Ahli waris sudah klaim langsung di BPJS"})
    assert first.status_code == 200
    assert UnclaimedDeath.objects.get(pk=own_case.pk).status == "open"  # nothing yet
    token = first.context["token"]
    client.post(url, {"confirm": token})
    own_case.refresh_from_db()
    assert (own_case.status, own_case.close_reason) == (
        "closed",
        "Ahli waris sudah klaim langsung di BPJS",
    )
    closed = AuditEvent.objects.get(action="unclaimed_death.close")
    assert closed.reason == "Ahli waris sudah klaim langsung di BPJS"
    assert closed.actor_username == "verifikator"
    assert [c.pk for c, _ in client.get("/claims/unclaimed/").context["cases"]] == [
        UnclaimedDeath.objects.get(person=foreign.person).pk
    ]
    assert client.post(url, {"confirm": token}).status_code == 404  # closed: not in the queue


def test_the_claims_list_downloads_as_xlsx_masked_and_as_data(users, bogor, tmp_path, client):
    (enrolment,) = enrol(users, bogor, [person(1)], tmp_path)
    foreign = person(2, village=OTHER_VILLAGE)
    hostile = '=HYPERLINK("http://x.test","klik")'
    Person.objects.filter(pk=enrolment.person_id).update(full_name=hostile)
    billed(users, bogor, MONTHS, paid=MONTHS)
    claim = claim_report(
        actor=users["verifikator"], person=enrolment.person, report=accident(), now=NOW
    )
    claim_report(actor=users["verifikator"], person=foreign, report=accident(), now=NOW)

    client.force_login(users["operator.desa"])
    assert client.get("/claims/export.xlsx").status_code == 405
    response = client.post("/claims/export.xlsx")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith('attachment; filename="klaim-')
    content = response.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "No. Klaim",
        "Nama Pekerja",
        "NIK",
        "Desa/Kelurahan",
        "Jenis Klaim",
        "Tanggal Kejadian",
        "Status",
        "Perlindungan",
        "Program",
        "KPJ",
        "Tanggal Lapor",
    ]
    assert tuple(rows[0]) == HEADERS
    assert len(rows) == 2  # the operator's village only
    line = dict(zip(HEADERS, rows[1], strict=True))
    nik = enrolment.person.nik
    assert line["No. Klaim"] == claim.pk
    assert line["NIK"] == mask(nik)
    assert nik not in {str(value) for row in rows for value in row}
    assert line["Nama Pekerja"] == hostile
    assert line["Jenis Klaim"] == "Meninggal karena kecelakaan kerja (JKK)"
    assert line["Status"] == "Kepesertaan diperiksa"
    assert line["Perlindungan"] == "Terlindungi"
    assert line["KPJ"] == mask(kpj(enrolment.person_id))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.lstrip().startswith(FORMULA_STARTS):
                assert (cell.data_type, cell.quotePrefix) == ("s", True), cell.coordinate
    xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert not re.search(r"<f[ >]", xml)
    export = AuditEvent.objects.get(action="claim.export")
    assert (export.actor_username, export.after) == ("operator.desa", {"claims": 1})


def test_a_list_and_a_coverage_ended_for_death_make_one_case_on_the_exact_date(
    users, bogor, tmp_path, django_capture_on_commit_callbacks
):
    (enrolment,) = enrol(users, bogor, [person(1)], tmp_path)
    billed(users, bogor, MONTHS, paid=MONTHS)
    with django_capture_on_commit_callbacks(execute=True):  # another kind of list: no death
        external_list_import(
            actor=users["verifikator"],
            kind=ListKind.BPJS_ACTIVE,
            source="BPJS Ketenagakerjaan Cabang Cibinong",
            list_date=LIST_DATE,
            region_code="32.01",
            path=_csv(tmp_path / "aktif.csv", [enrolment.person]),
            file_name="aktif.csv",
        )
    assert not UnclaimedDeath.objects.exists()
    coverage_end(
        actor=users["verifikator"], enrolment=enrolment, on=date(2026, 4, 9), reason=EndReason.DIED
    )

    with django_capture_on_commit_callbacks(execute=True):
        deaths_list(users, tmp_path, [enrolment.person])

    case = UnclaimedDeath.objects.get()
    assert (case.death_date, case.date_exact) == (date(2026, 4, 9), True)
    assert [r["code"] for r in case.reasons] == [
        "unclaimed.listed_nik",
        "unclaimed.coverage_ended_died",
        "claim_coverage.covered",
        "unclaimed.no_claim",
    ]
