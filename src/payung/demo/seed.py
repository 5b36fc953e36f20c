"""The demo: Kabupaten Bogor's and Kabupaten Lebak's real 2026 programmes and one user per role,
and (``seed_enrolment_demo``) a few enrolled workers with a bill month, Lebak's rate and budgets.

Seeding is idempotent: what exists is left alone, so ``make demo`` can run again and again.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction

from payung.access.actor import CommandLine
from payung.accounts.models import User
from payung.accounts.services import user_create
from payung.budgets.models import Budget, RateVersion
from payung.budgets.rates import rate_version_add
from payung.budgets.services import budget_set, budgets_from_programme
from payung.claims.entitlement import claim_entitlement, document_facts
from payung.claims.models import Claim, ClaimKind
from payung.claims.services import (
    AccidentDetails,
    Report,
    claim_complete,
    claim_details_record,
    claim_hand_over,
    claim_pay,
    claim_reject,
    claim_report,
    claim_return,
    claim_submit,
    document_upload,
)
from payung.complaints.models import Complaint, ComplaintCategory
from payung.complaints.services import (
    PUBLIC_FORM,
    Filing,
    Step,
    complaint_file,
    complaint_move,
    complaint_tell,
)
from payung.demo.workers import demo_worker
from payung.domain.claims import required_documents
from payung.domain.period import Month
from payung.domain.programme import PayerModel, QuotaModel
from payung.domain.roles import Role
from payung.domain.workflow import Action
from payung.enrolment.models import Enrolment
from payung.enrolment.services import registration_answer_import, registration_batch_create
from payung.finance.billing import bills_issue
from payung.finance.models import BillMonth
from payung.finance.services import payment_record
from payung.programmes.models import Programme, ProgrammeStatus
from payung.programmes.services import programme_create, programme_set_status
from payung.registry.models import Person, Source
from payung.registry.services import persons_register
from payung.registry.values import nik_index
from payung.screening.places import candidates_approve
from payung.screening.services import candidates_act

# The demo's shared password is printed by `make demo`; it is not a secret.
DEMO_PASSWORD = "payung-demo-2026"  # noqa: S105
BOGOR, LEBAK = "32.01", "36.02"
# Desa Parungpanjang (Kec. Parungpanjang, Kab. Bogor) is where the demo village operator works.
DEMO_VILLAGE = "32.01.20.2006"
DEMO_DISTRICT = "32.01.20"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    region: str | None
    display_name: str


DEMO_USERS = (
    DemoUser("operator.desa", Role.VILLAGE_OPERATOR, DEMO_VILLAGE, "Siti Operator Desa"),
    DemoUser("pengawas.kecamatan", Role.DISTRICT_SUPERVISOR, DEMO_DISTRICT, "Budi Pengawas"),
    DemoUser("verifikator", Role.VERIFIER, BOGOR, "Rina Verifikator Disnaker"),
    DemoUser("keuangan", Role.FINANCE_OFFICER, BOGOR, "Agus Keuangan"),
    DemoUser("bpjs", Role.BPJS_LIAISON, BOGOR, "Dewi Penghubung BPJS"),
    DemoUser("admin.bogor", Role.REGENCY_ADMIN, BOGOR, "Admin Kabupaten Bogor"),
    DemoUser("admin.lebak", Role.REGENCY_ADMIN, LEBAK, "Admin Kabupaten Lebak"),
    DemoUser("auditor", Role.AUDITOR, None, "Auditor Inspektorat"),
    DemoUser("sysadmin", Role.SYSTEM_ADMIN, None, "Administrator Sistem"),
)


# Who creates the demo's users: the command itself, recorded by name in the audit trail.
DEMO_SEED = CommandLine(name="payung demo seed")


@transaction.atomic
def seed_demo() -> list[DemoUser]:
    for demo in DEMO_USERS:
        if not User.objects.filter(username=demo.username).exists():
            user_create(
                actor=DEMO_SEED,
                username=demo.username,
                password=DEMO_PASSWORD,
                role=demo.role,
                region_code=demo.region,
                display_name=demo.display_name,
                check_password=False,
            )
    bogor_admin = User.objects.get(username="admin.bogor")
    lebak_admin = User.objects.get(username="admin.lebak")
    if not Programme.objects.filter(regency_id=BOGOR, year=2026).exists():
        bogor = programme_create(
            actor=bogor_admin,
            regency_code=BOGOR,
            name="Jaminan Perlindungan Pekerja Rentan Desa",
            legal_basis="Peraturan Bupati Bogor No. 48 Tahun 2025",
            year=2026,
            coverage_start=date(2026, 1, 1),
            coverage_months=12,
            payer_model=PayerModel.VILLAGE_AID,
            quota_model=QuotaModel.PER_VILLAGE,
            quota_per_village=250,
            budget_per_village=50_400_000,
            target_workers=1_400,
            target_note="pekerja terlindungi pada 2026 (target BPJS Cabang Bogor Cileungsi)",
        )
        programme_set_status(actor=bogor_admin, programme=bogor, status=ProgrammeStatus.ACTIVE)
    if not Programme.objects.filter(regency_id=LEBAK, year=2026).exists():
        lebak = programme_create(
            actor=lebak_admin,
            regency_code=LEBAK,
            name="Perlindungan Jaminan Sosial Pekerja Rentan",
            legal_basis="Nota Kesepahaman Pemkab Lebak – BPJS Ketenagakerjaan",
            year=2026,
            coverage_start=date(2026, 1, 1),
            coverage_months=12,
            payer_model=PayerModel.REGENCY_BUDGET,
            quota_model=QuotaModel.TOTAL,
            quota_total=3_450,
            budget_total=670_680_000,
        )
        programme_set_status(actor=lebak_admin, programme=lebak, status=ProgrammeStatus.ACTIVE)
    return list(DEMO_USERS)


# Five workers of the demo village, enrolled in Bogor's programme and billed for January 2026.
DEMO_WORKERS = (
    ("3201200508800001", "Asep Suryana", "motorcycle_taxi"),
    ("3201204512850002", "Siti Rahayu", "street_vendor"),
    ("3201201703900003", "Dede Hidayat", "farm_labourer"),
    ("3201205106780004", "Euis Komariah", "farm_labourer"),
    ("3201200911820005", "Ujang Permana", "porter"),
)


def seed_enrolment_demo() -> None:
    """Lebak's Rp16,200 rate, budget lines, and five enrolled Bogor workers billed for January
    2026 (paid), each step through the services as the demo's users would do it. Idempotent."""
    users = {u.username: u for u in User.objects.all()}
    bogor = Programme.objects.get(regency_id=BOGOR, year=2026)
    lebak = Programme.objects.get(regency_id=LEBAK, year=2026)
    finance = users["sysadmin"]
    if not RateVersion.objects.filter(programme=lebak).exists():
        rate_version_add(
            actor=finance,
            programme=lebak,
            scheme="lebak-2026",
            effective_from=Month(2026, 1),
            flat_monthly=16_200,
            basis="Nota Kesepahaman Pemkab Lebak – BPJS Ketenagakerjaan",
        )
    if not Budget.objects.filter(payer__programme=lebak).exists():
        budgets_from_programme(actor=finance, programme=lebak)
    if not Budget.objects.filter(payer__programme=bogor).exists():
        budget_set(
            actor=users["keuangan"],
            programme=bogor,
            region=DEMO_VILLAGE,
            year=2026,
            amount=bogor.budget_per_village or 0,
        )
    if Enrolment.objects.filter(programme=bogor).exists():
        return
    rows = [
        demo_worker(nik, name, occupation, decile=2, mother="Ibu Kandung")
        for nik, name, occupation in DEMO_WORKERS
    ]
    registered = persons_register(
        actor=users["operator.desa"], rows=rows, source=Source.VILLAGE_ENTRY, programme=bogor
    )
    ids = list(
        bogor.candidates.filter(person__in=[r.person for r in registered]).values_list(
            "pk", flat=True
        )
    )
    candidates_act(actor=users["operator.desa"], candidate_ids=ids, action=Action.SUBMIT)
    verifier = users["verifikator"]
    candidates_act(
        actor=verifier, candidate_ids=ids, action=Action.VERIFY, reason="demo", bulk=True
    )
    candidates_approve(actor=verifier, candidate_ids=ids, reason="demo", bulk=True)
    batch = registration_batch_create(actor=users["bpjs"], programme=bogor)
    with tempfile.TemporaryDirectory() as folder:
        answer = Path(folder) / "jawaban-bpjs.csv"
        answer.write_text(
            "NIK;KPJ\n"
            + "".join(f"{nik};2600{n:07d}\n" for n, (nik, _, _) in enumerate(DEMO_WORKERS, 1)),
            encoding="utf-8",
        )
        registration_answer_import(
            actor=users["bpjs"], batch=batch, path=answer, file_name=answer.name
        )
    bills_issue(actor=users["keuangan"], programme=bogor, month=Month(2026, 1))
    bill = BillMonth.objects.get(programme=bogor, month=date(2026, 1, 1))
    payment_record(
        actor=users["keuangan"],
        bill=bill,
        amount=bill.total,
        paid_on=date(2026, 1, 28),
        reference="DEMO-SP2D-2026-01",
    )


def seed_claims_demo() -> None:
    """Two claims reported by the demo village: a work accident in January 2026, when Asep was
    covered and January was paid; and a death in April 2026 of Siti, who was enrolled but whose
    February to April were never paid, so not covered, saying so. Idempotent."""
    if Claim.objects.exists() or not Enrolment.objects.filter(person__village=DEMO_VILLAGE):
        return
    operator = User.objects.get(username="operator.desa")
    asep, siti = (Person.objects.get(nik_index=nik_index(n)) for n, _, _ in DEMO_WORKERS[:2])
    jakarta = ZoneInfo("Asia/Jakarta")
    claim_report(
        actor=operator,
        person=asep,
        report=Report(
            kind=ClaimKind.JKK_ACCIDENT,
            event_date=date(2026, 1, 19),
            event_time=time(6, 40),
            place="Jl. Raya Parungpanjang, dekat pasar",
            cause="Tertabrak motor saat berangkat mengojek",
            chronology="Pukul 06.40 berangkat dari rumah.\nDi dekat pasar tertabrak motor dari "
            "arah berlawanan; dibawa ke Puskesmas Parungpanjang.",
            reporter_name="Siti Operator Desa",
            reporter_phone="081234560001",
            on_the_way=True,
        ),
        now=datetime(2026, 1, 20, 8, 15, tzinfo=jakarta),
    )
    claim_report(
        actor=operator,
        person=siti,
        report=Report(
            kind=ClaimKind.JKM_DEATH,
            event_date=date(2026, 4, 12),
            event_time=time(21, 5),
            place="Rumah, Kp. Cibunar RT 02/RW 03",
            cause="Sakit",
            chronology="Sakit sejak awal April, meninggal di rumah pukul 21.05.",
            reporter_name="Ahmad (suami)",
            reporter_phone="081234560002",
        ),
        now=datetime(2026, 4, 13, 9, 0, tzinfo=jakarta),
    )
    seed_claim_steps_demo()


# A one-page PDF, enough for the demo's checklist uploads; a one-pixel PNG for the hand-over photo.
DEMO_PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
DEMO_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x00IEND\xaeB`\x82"
)


def seed_claim_steps_demo() -> None:
    """A claim in every state of the lifecycle, each reached through its services as the demo's
    users would: Asep's January accident documented, submitted, paid and handed over; Siti's
    death rejected (not covered); January accidents of the other workers left documents
    complete, submitted, returned for a document and paid; Asep's second accident just reported
    (coverage checked)."""
    users = {u.username: u for u in User.objects.all()}
    operator, verifier, liaison = users["operator.desa"], users["verifikator"], users["bpjs"]
    jakarta = ZoneInfo("Asia/Jakarta")
    asep_claim, siti_claim = Claim.objects.order_by("pk")[:2]
    today = date(2026, 3, 2)

    def documented(claim: Claim) -> Claim:
        facts = document_facts(claim, amount=claim_entitlement(claim, today=today).total)
        for document in required_documents(facts):
            document_upload(
                actor=operator,
                claim=claim,
                kind=document.code,
                data=DEMO_PDF,
                file_name=f"{document.code}.pdf",
            )
        return claim_complete(actor=verifier, claim=claim, on=date(2026, 2, 2), today=today)

    done = documented(asep_claim)
    done = claim_submit(actor=liaison, claim=done, bpjs_number="KLM-DEMO-0001", on=date(2026, 2, 3))
    done = claim_pay(
        actor=liaison,
        claim=done,
        amounts={"medical": 2_350_000},
        on=date(2026, 2, 10),
        reference="DEMO-TRF-0001",
    )
    handed = claim_hand_over(
        actor=operator, claim=done, on=date(2026, 2, 12), handed_by="Kepala Desa"
    )
    document_upload(
        actor=operator,
        claim=handed,
        kind="handover_photo",
        data=DEMO_PNG,
        file_name="penyerahan.png",
    )
    claim_reject(
        actor=verifier,
        claim=siti_claim,
        reason="Tidak terlindungi pada tanggal kejadian: iuran Februari–April 2026 belum dibayar.",
    )
    others = [Person.objects.get(nik_index=nik_index(n)) for n, _, _ in DEMO_WORKERS[2:5]]
    reported = [
        claim_report(
            actor=operator,
            person=worker,
            report=Report(
                kind=ClaimKind.JKK_ACCIDENT,
                event_date=date(2026, 1, day),
                event_time=time(9, 30),
                place=place,
                cause=cause,
                chronology=f"{cause} saat bekerja; dibawa ke Puskesmas Parungpanjang.",
                reporter_name="Siti Operator Desa",
                reporter_phone="081234560001",
            ),
            now=datetime(2026, 1, day + 1, 8, 0, tzinfo=jakarta),
        )
        for worker, day, place, cause in zip(
            others,
            (22, 26, 29),
            ("Sawah Kp. Cibunar", "Sawah Kp. Babakan", "Pasar Parungpanjang"),
            ("Tergores arit", "Terkilir di pematang", "Tertimpa karung beras"),
            strict=True,
        )
    ]
    # The first stays documents complete, with what its benefit is computed on: three weeks
    # unable to work and the ride to the hospital by land.
    claim_details_record(
        actor=operator,
        claim=reported[0],
        details=AccidentDetails(days_off_work=21, transport_mode="land", transport_claimed=300_000),
    )
    complete, submitted, returned = (documented(claim) for claim in reported)
    del complete
    claim_submit(actor=liaison, claim=submitted, bpjs_number="KLM-DEMO-0002", on=date(2026, 2, 3))
    back = claim_submit(
        actor=liaison, claim=returned, bpjs_number="KLM-DEMO-0003", on=date(2026, 2, 3)
    )
    claim_return(actor=liaison, claim=back, reason="Kuitansi asli biaya pengobatan belum ada.")
    # Two more: Dede's second accident paid by BPJS (not yet handed over), and Asep's second
    # one, just reported, its coverage checked.
    dede, asep = others[0], asep_claim.person
    later = [
        claim_report(
            actor=operator,
            person=worker,
            report=Report(
                kind=ClaimKind.JKK_ACCIDENT,
                event_date=date(2026, 1, 30),
                event_time=time(14, 0),
                place=place,
                cause=cause,
                chronology=f"{cause}; dirawat di Puskesmas Parungpanjang.",
                reporter_name="Siti Operator Desa",
                reporter_phone="081234560001",
            ),
            now=datetime(2026, 1, 31, 8, 0, tzinfo=jakarta),
        )
        for worker, place, cause in (
            (dede, "Sawah Kp. Cibunar", "Jatuh dari pematang"),
            (asep, "Pangkalan ojek Parungpanjang", "Terjatuh dari motor"),
        )
    ]
    paid = claim_submit(
        actor=liaison, claim=documented(later[0]), bpjs_number="KLM-DEMO-0004", on=date(2026, 2, 3)
    )
    claim_pay(
        actor=liaison,
        claim=paid,
        amounts={"medical": 1_150_000},
        on=date(2026, 2, 11),
        reference="DEMO-TRF-0004",
    )


def seed_complaints_demo() -> None:
    """Four complaints about the demo village, one in each state, each through its services:
    one filed on the public page in February and never taken up (past its limit), one the
    village filed for a resident and the labour office took up, one answered and told, one
    answered and closed. Idempotent."""
    if Complaint.objects.exists():
        return
    users = {u.username: u for u in User.objects.all()}
    operator, officer = users["operator.desa"], users["verifikator"]
    jakarta = ZoneInfo("Asia/Jakarta")

    def at(month: int, day: int, hour: int = 9) -> datetime:
        return datetime(2026, month, day, hour, 0, tzinfo=jakarta)

    complaint_file(
        actor=PUBLIC_FORM,
        filing=Filing(DEMO_VILLAGE, ComplaintCategory.WORKER_LEFT_OUT,
                      "Suami saya buruh tani harian di desa ini tetapi tidak masuk daftar "
                      "peserta, padahal tetangga yang sama pekerjaannya terdaftar.",
                      "Ibu Nining", "0812 3456 7001"),
        now=at(2, 9),
    )  # fmt: skip
    taken, _pin = complaint_file(
        actor=operator,
        filing=Filing(DEMO_VILLAGE, ComplaintCategory.WRONG_DATA,
                      "Tanggal lahir saya di kartu peserta salah: tertulis 1980, seharusnya 1982.",
                      "Pak Karna", "RT 03/RW 01"),
        now=at(2, 16),
    )  # fmt: skip
    complaint_move(actor=officer, complaint=taken, step=Step.ACKNOWLEDGE, now=at(2, 18))
    told, _pin = complaint_file(
        actor=PUBLIC_FORM,
        filing=Filing(DEMO_VILLAGE, ComplaintCategory.LATE_CLAIM,
                      "Klaim kecelakaan ayah saya belum ada kabar sejak Januari.",
                      "Rina", ""),
        now=at(2, 2),
    )  # fmt: skip
    complaint_move(actor=officer, complaint=told, step=Step.ACKNOWLEDGE, now=at(2, 3))
    complaint_move(
        actor=officer,
        complaint=told,
        step=Step.ANSWER,
        now=at(2, 10),
        answer="Klaim sudah diajukan ke BPJS Ketenagakerjaan pada 3 Februari dan sudah dibayar; "
        "santunan diserahkan oleh Kepala Desa pada 12 Februari.",
    )
    complaint_tell(actor=operator, complaint=told, now=at(2, 12))
    closed, _pin = complaint_file(
        actor=PUBLIC_FORM,
        filing=Filing(DEMO_VILLAGE, ComplaintCategory.OTHER,
                      "Bagaimana cara mendaftar untuk pedagang keliling?", "Dedi",
                      "0813 1111 2222"),
        now=at(1, 12),
    )  # fmt: skip
    complaint_move(actor=officer, complaint=closed, step=Step.ACKNOWLEDGE, now=at(1, 13))
    complaint_move(
        actor=officer,
        complaint=closed,
        step=Step.ANSWER,
        now=at(1, 14),
        answer="Datang ke kantor desa membawa KTP; operator desa mencatat Anda sebagai calon "
        "peserta.",
    )
    complaint_move(actor=officer, complaint=closed, step=Step.CLOSE, now=at(1, 20))
