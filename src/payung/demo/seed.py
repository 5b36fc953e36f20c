"""The demo: Kabupaten Bogor's and Kabupaten Lebak's real 2026 programmes and one user per role.

Seeding is idempotent: what exists is left alone, so ``make demo`` can run again and again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from payung.accounts.models import User
from payung.accounts.services import user_create
from payung.domain.programme import PayerModel, QuotaModel
from payung.domain.roles import Role
from payung.programmes.models import Programme, ProgrammeStatus
from payung.programmes.services import programme_create, programme_set_status

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


@transaction.atomic
def seed_demo() -> list[DemoUser]:
    system = User.objects.filter(username="sysadmin").first()
    for demo in DEMO_USERS:
        if not User.objects.filter(username=demo.username).exists():
            created = user_create(
                actor=system,
                username=demo.username,
                password=DEMO_PASSWORD,
                role=demo.role,
                region_code=demo.region,
                display_name=demo.display_name,
                check_password=False,
            )
            if demo.role is Role.SYSTEM_ADMIN:
                system = created
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
