"""The district, reconciliation and claims report builders (issue 14 item 2): exact counts and
rupiah from the demo and a few more records, the reader's scope (a village its row, another
regency nothing), the year's boundary of a payment, the median of an even count, and no claim's
place, cause or chronology in any cell."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import Http404
from django.utils import translation

from payung.accounts.services import user_create
from payung.claims.models import Claim
from payung.demo.seed import DEMO_VILLAGE, DEMO_WORKERS, seed_claims_demo, seed_enrolment_demo
from payung.domain.period import Month
from payung.domain.roles import Role
from payung.domain.workflow import Action
from payung.enrolment.services import registration_answer_import, registration_batch_create
from payung.finance.services import invoice_import
from payung.programmes.models import ProgrammeArea
from payung.regions.models import Region
from payung.reports.claims_report import claims_report, median_days
from payung.reports.district_report import district_report
from payung.reports.reconciliation_report import reconciliation_report
from payung.reports.report import Report, Table
from payung.screening.places import candidates_approve
from payung.screening.services import candidates_act
from tests.builders import COMMAND_LINE
from tests.integration.test_enrolment import answer_file, approved
from tests.integration.test_screening import person, submitted

pytestmark = pytest.mark.django_db
JAN = Month(2026, 1)
DISTRICT = "32.01.20"  # Kec. Parungpanjang
OTHER_VILLAGE = "32.01.20.2001"


@pytest.fixture
def seeded(demo):
    seed_enrolment_demo()
    seed_claims_demo()
    return demo


def _table(report: Report, title_start: str) -> Table:
    (table,) = [t for t in report.tables if t.title.startswith(title_start)]
    return table


def _row(table: Table, first: object, at: int = 0) -> tuple:
    (row,) = [r for r in table.rows if r[at] == first]
    return row


def _cells(report: Report) -> list[str]:
    out = [report.title, report.region_name, report.period, *report.notes]
    for table in report.tables:
        out += [table.title, table.note, *(c.label for c in table.columns)]
        for row in (*table.rows, *((table.total,) if table.total else ())):
            out += [str(cell) for cell in row if cell is not None]
    s = report.signature
    out += [s.made_by_title, s.made_by_name, s.acknowledged_by_title, s.place]
    return out


def _user(username: str, role: Role, region: str):
    return user_create(
        actor=COMMAND_LINE,
        username=username,
        password="p",
        role=role,
        region_code=region,
        display_name=username.title(),
        check_password=False,
    )


# ---------------------------------------------------------------------------------------------
# District report


@pytest.fixture
def queue(seeded):
    """Beside the demo's five enrolled workers: one candidacy returned to the demo village, and
    in another village of the district with one place, one approved and one waitlisted."""
    users, bogor = seeded["users"], seeded["bogor"]
    (back,) = submitted(users, bogor, [person(11)])
    candidates_act(
        actor=users["verifikator"],
        candidate_ids=[back.pk],
        action=Action.RETURN,
        reason="Nama ibu kandung kosong",
    )
    ProgrammeArea.objects.filter(programme=bogor, region_id=OTHER_VILLAGE).update(quota=1)
    others = submitted(
        users, bogor, [person(12, village=OTHER_VILLAGE), person(13, village=OTHER_VILLAGE)]
    )
    ids = [c.pk for c in others]
    candidates_act(
        actor=users["verifikator"], candidate_ids=ids, action=Action.VERIFY, reason="ok", bulk=True
    )
    candidates_approve(actor=users["verifikator"], candidate_ids=ids, reason="ok", bulk=True)
    return seeded


def test_the_district_report_counts_places_filled_waiting_returned_and_covered_per_district(queue):
    users, bogor = queue["users"], queue["bogor"]
    report = district_report(actor=users["verifikator"], programme=bogor, month=JAN)

    table = report.tables[0]
    districts = Region.objects.filter(code__startswith="32.01.", level=3, active=True).count()
    assert districts == 40
    assert len(table.rows) == 40
    villages = ProgrammeArea.objects.filter(
        programme=bogor, region__code__startswith=DISTRICT + "."
    ).aggregate(q=Sum("quota"))["q"]
    _code, name, places, filled, waiting, returned, covered, share = _row(table, DISTRICT)
    assert name == "Parungpanjang"
    assert places == villages  # 250 per village, one of them cut to 1 place
    assert (filled, waiting, returned, covered) == (6, 1, 1, 5)
    assert share is not None
    assert share == (Decimal(500) / villages).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert _row(table, "32.01.01")[2:7] == (
        ProgrammeArea.objects.filter(
            programme=bogor, region__code__startswith="32.01.01."
        ).aggregate(q=Sum("quota"))["q"],
        0,
        0,
        0,
        0,
    )
    total = table.total
    assert total[1] == "Total"
    assert total[2] == ProgrammeArea.objects.filter(programme=bogor).aggregate(q=Sum("quota"))["q"]
    assert total[3:7] == (6, 1, 1, 5)
    assert report.period == "Januari 2026"
    assert [c.label for c in table.columns][6] == "Terlindungi Januari 2026"
    assert report.region_name == "Kabupaten Bogor"
    assert report.signature.made_by_title == (
        "Verifikator Disnaker, Dinas Tenaga Kerja Kabupaten Bogor"
    )
    assert report.signature.made_by_name == "Rina Verifikator Disnaker"
    assert report.signature.acknowledged_by_title == "Kepala Dinas Tenaga Kerja Kabupaten Bogor"
    assert report.signature.place == "Bogor"
    assert any(n.startswith("Daftar tunggu:") for n in report.notes)


def test_a_village_operator_gets_their_village_row_and_a_district_supervisor_their_villages(queue):
    users, bogor = queue["users"], queue["bogor"]
    mine = district_report(actor=users["operator.desa"], programme=bogor, month=JAN)
    table = mine.tables[0]
    assert [r[0] for r in table.rows] == [DEMO_VILLAGE]
    assert table.rows[0][2:7] == (250, 5, 0, 1, 5)
    assert table.total[2:7] == (250, 5, 0, 1, 5)
    assert str(table.rows[0][7]) == "2.0"
    assert mine.region_name == "Desa Parungpanjang, Kecamatan Parungpanjang, Kabupaten Bogor"
    assert mine.signature.made_by_title == "Operator desa, Desa Parungpanjang"
    assert mine.signature.acknowledged_by_title == "Kepala Desa Parungpanjang"

    district = district_report(actor=users["pengawas.kecamatan"], programme=bogor, month=JAN)
    rows = district.tables[0].rows
    assert {r[0][:8] for r in rows} == {DISTRICT}
    assert len(rows) == Region.objects.filter(parent_id=DISTRICT, active=True).count()
    assert _row(district.tables[0], OTHER_VILLAGE)[2:7] == (1, 1, 1, 0, 0)
    assert district.tables[0].total[3:7] == (6, 1, 1, 5)
    assert district.signature.acknowledged_by_title == "Camat Parungpanjang"


def test_another_regency_reads_nothing_of_this_programme(queue):
    users, bogor = queue["users"], queue["bogor"]
    with pytest.raises(Http404):
        district_report(actor=users["admin.lebak"], programme=bogor, month=JAN)
    with pytest.raises(Http404):
        claims_report(actor=users["admin.lebak"], programme=bogor, year=2026)
    lebak_finance = _user("keuangan.lebak", Role.FINANCE_OFFICER, "36.02")
    with pytest.raises(Http404):
        reconciliation_report(actor=lebak_finance, programme=bogor)
    # Lebak's own programme: its places are the regency's, counted in the total line only.
    own = district_report(actor=users["admin.lebak"], programme=queue["lebak"], month=JAN)
    assert own.tables[0].total[2] == 3_450
    assert {r[2] for r in own.tables[0].rows} == {0}
    assert own.tables[0].note
    assert "32.01" not in " ".join(str(r[0]) for r in own.tables[0].rows)


# ---------------------------------------------------------------------------------------------
# Reconciliation report


def _kpj(n: int) -> str:
    return f"2600{n:07d}"


def test_the_reconciliation_report_lists_each_difference_and_sums_them_per_kind(seeded, tmp_path):
    users, bogor = seeded["users"], seeded["bogor"]
    # One more worker approved and sent, refused by BPJS.
    (refused,) = approved(users, bogor, [person(21)])
    batch = registration_batch_create(actor=users["bpjs"], programme=bogor)
    path = answer_file(tmp_path, [(refused.person.nik, "", "NIK tidak ditemukan di Dukcapil")])
    assert (
        registration_answer_import(
            actor=users["bpjs"], batch=batch, path=path, file_name=path.name
        ).refused
        == 1
    )
    # BPJS's January invoice: workers 1, 4 and 5 as billed, 2 at Rp18,000, 3 missing, and one
    # worker Payung never billed.
    invoice = tmp_path / "tagihan-2026-01.csv"
    invoice.write_text(
        "KPJ;NIK;Bulan;Iuran\n"
        f"{_kpj(1)};;2026-01;16800\n{_kpj(2)};;2026-01;18000\n"
        f"{_kpj(4)};;2026-01;16800\n{_kpj(5)};;2026-01;16800\n"
        "26009999999;;2026-01;16800\n",
        encoding="utf-8",
    )
    invoice_import(actor=users["keuangan"], programme=bogor, path=invoice, file_name=invoice.name)

    report = reconciliation_report(actor=users["keuangan"], programme=bogor)

    detail, summary, months = report.tables
    assert len(detail.rows) == 4
    by_kind = {r[7]: r for r in detail.rows}
    siti = by_kind["Jumlah tagihan Payung dan BPJS berbeda"]
    assert siti[1] == "Januari 2026"
    assert siti[2] == "Siti Rahayu (3201••••••••0002)"
    assert siti[4] == "Parungpanjang"
    assert (siti[5], siti[6], siti[8]) == ("Ditagih Rp16.800", "Ditagihkan Rp18.000", 1_200)
    dede = by_kind["Ditagih Payung, tidak ditagihkan BPJS"]
    assert dede[2].startswith("Dede Hidayat (3201")
    assert dede[8] == -16_800
    assert dede[6] == "Tidak ditagihkan"
    stranger = by_kind["Ditagihkan BPJS, tidak ditagih Payung"]
    assert stranger[2] == "2600•••9999"
    assert stranger[4] == ""
    assert stranger[8] == 16_800
    refusal = by_kind["Pendaftaran ditolak BPJS"]
    assert refusal[2] == f"Pekerja 21 ({refused.person.nik_masked})"
    assert refusal[5] == f"Disetujui, dikirim ke BPJS dalam batch {batch.number}"
    assert refusal[6] == "Ditolak: NIK tidak ditemukan di Dukcapil"
    assert refusal[8] is None
    assert detail.total[8] == 1_200
    assert "3201200508800001" not in " ".join(_cells(report))  # no full NIK

    assert [(r[1], r[2]) for r in summary.rows] == [
        (1, -16_800),
        (1, 16_800),
        (1, 1_200),
        (1, None),
    ]
    assert summary.total == ("Total", 4, 1_200)
    assert months.rows == (("Januari 2026", 84_000, 85_200, 1_200, 3, 3),)
    assert months.total == ("Total", 84_000, 85_200, 1_200, 3, 3)
    assert report.signature.made_by_title == "Petugas keuangan, Dinas Tenaga Kerja Kabupaten Bogor"

    # One month asked for: the same invoice differences; a month without an invoice says so.
    february = reconciliation_report(actor=users["keuangan"], programme=bogor, month=Month(2026, 2))
    assert any("Februari 2026" in n for n in february.notes)
    assert february.tables[2].rows[0][1:3] == (0, 0)


def test_the_reconciliation_report_needs_the_finance_capability(seeded):
    with pytest.raises(PermissionDenied):
        reconciliation_report(actor=seeded["users"]["verifikator"], programme=seeded["bogor"])


# ---------------------------------------------------------------------------------------------
# Claims report


def test_the_claims_report_counts_cases_rupiah_components_and_days(seeded):
    users, bogor = seeded["users"], seeded["bogor"]
    report = claims_report(actor=users["verifikator"], programme=bogor, year=2026)

    cases, kinds, components, days, detail = report.tables
    accident = _row(cases, "Kecelakaan kerja (JKK)")
    statuses = [c.label for c in cases.columns[1:-1]]
    assert dict(zip(statuses, accident[1:-1], strict=True)) == {
        "Dilaporkan": 0,
        "Kepesertaan diperiksa": 1,
        "Dokumen lengkap": 1,
        "Diajukan ke BPJS": 1,
        "Dibayar": 1,
        "Ditolak": 0,
        "Dikembalikan untuk kelengkapan dokumen": 1,
        "Diserahkan": 1,
    }
    assert accident[-1] == 6
    assert _row(cases, "Meninggal bukan karena kecelakaan kerja (JKM)")[-1] == 1
    assert cases.total[-1] == 7 == Claim.objects.filter(programme=bogor).count()

    assert _row(kinds, "Kecelakaan kerja (JKK)")[1:] == (2, 3_500_000)
    assert kinds.total == ("Total", 2, 3_500_000)
    assert components.rows == (("Perawatan dan pengobatan", 2, 3_500_000),)
    assert components.total[2] == 3_500_000

    # Asep reported 20-01 and paid 10-02: 21 days; Dede's second reported 31-01, paid 11-02: 11.
    assert _row(days, "Kecelakaan kerja (JKK)")[1:] == (2, 16, 21)
    assert days.total[1:] == (2, 16, 21)
    assert [(r[3], r[4], r[5], r[6]) for r in detail.rows] == [
        (date(2026, 1, 20), date(2026, 2, 10), 21, 2_350_000),
        (date(2026, 1, 31), date(2026, 2, 11), 11, 1_150_000),
    ]
    assert {r[1] for r in detail.rows} == {"Parungpanjang"}
    assert detail.total[6] == 3_500_000
    assert report.period == "Januari–Desember 2026"


def test_a_payment_counts_in_the_year_of_its_date_and_an_even_median_rounds_half_up(seeded):
    users, bogor = seeded["users"], seeded["bogor"]
    asep, dede = Claim.objects.filter(programme=bogor, status__in=["paid", "handed_over"]).order_by(
        "pk"
    )
    Claim.objects.filter(pk=dede.pk).update(paid_on=date(2026, 2, 12))  # 12 days
    report = claims_report(actor=users["verifikator"], programme=bogor, year=2026)
    assert report.tables[3].total[1:] == (2, 17, 21)  # (12 + 21) / 2 = 16.5 → 17

    Claim.objects.filter(pk=dede.pk).update(paid_on=date(2026, 12, 31))
    Claim.objects.filter(pk=asep.pk).update(paid_on=date(2027, 1, 1))
    year = claims_report(actor=users["verifikator"], programme=bogor, year=2026)
    assert [r[0] for r in year.tables[4].rows] == [str(dede.pk)]
    assert year.tables[1].total == ("Total", 1, 1_150_000)
    assert year.tables[3].total[1:] == (1, 334, 334)
    following = claims_report(actor=users["verifikator"], programme=bogor, year=2027)
    assert [r[0] for r in following.tables[4].rows] == [str(asep.pk)]
    assert following.tables[1].total == ("Total", 1, 2_350_000)
    assert following.tables[0].total[-1] == 0  # reported in 2026, paid in 2027


def test_median_days():
    assert median_days([]) is None
    assert median_days([5]) == 5
    assert median_days([21, 11]) == 16
    assert median_days([21, 12]) == 17
    assert median_days([1, 2, 100]) == 2


def test_no_claim_text_and_no_name_is_in_any_cell_and_figures_only_for_who_does_not_handle_claims(
    seeded,
):
    users, bogor = seeded["users"], seeded["bogor"]
    secrets = set()
    for claim in Claim.objects.all():
        secrets |= {claim.place, claim.cause, claim.chronology}
        secrets |= {claim.person.full_name, claim.person.nik, claim.person.nik_masked}
    secrets |= {name for _, name, _ in DEMO_WORKERS}
    for actor in (users["verifikator"], users["admin.bogor"], users["operator.desa"]):
        text = " | ".join(_cells(claims_report(actor=actor, programme=bogor, year=2026)))
        for secret in secrets:
            for part in secret.splitlines():
                assert part not in text, (actor.username, part)
    admin = claims_report(actor=users["admin.bogor"], programme=bogor, year=2026)
    assert len(admin.tables) == 4  # no case list for a reader who does not handle claims
    assert any("hanya ditampilkan" in n for n in admin.notes)
    assert admin.tables[1].total == ("Total", 2, 3_500_000)
    other = claims_report(
        actor=_user("operator.lain", Role.VILLAGE_OPERATOR, OTHER_VILLAGE),
        programme=bogor,
        year=2026,
    )
    assert other.tables[0].total[-1] == 0
    assert other.tables[1].total == ("Total", 0, 0)
    assert other.tables[4].rows == ()


def test_the_reports_read_in_english_and_an_operator_signs_as_the_labour_office(seeded):
    bogor = seeded["bogor"]
    with translation.override("en"):
        district = district_report(actor=COMMAND_LINE, programme=bogor, month=JAN)
        claims = claims_report(actor=seeded["users"]["verifikator"], programme=bogor, year=2026)
        money = reconciliation_report(actor=COMMAND_LINE, programme=bogor)
    assert district.period == "January 2026"
    assert district.tables[0].columns[6].label == "Covered in January 2026"
    assert district.tables[0].total[3:7] == (5, 0, 0, 5)
    assert district.signature.made_by_title == "Labour Office of Kabupaten Bogor"
    assert district.signature.made_by_name == ""
    assert claims.signature.made_by_title == (
        "Labour-office verifier, Labour Office of Kabupaten Bogor"
    )
    assert claims.period == "January–December 2026"
    assert money.tables[0].rows == ()
    assert any("no invoice from BPJS imported yet: January 2026" in n for n in money.notes)
    for report in (district, claims, money):
        text = " ".join(_cells(report))
        assert "%(" not in text
        assert "_" not in text.replace("__", "")
