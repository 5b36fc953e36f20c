"""The claims list as XLSX, through the shared safe writer (``payung.files.writers``): the list
the reader sees (their region), columns in Indonesian, kinds and statuses in words, the NIK and
the KPJ masked; every text cell written as data, never as a formula."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation

from payung.access.actor import Actor, actor_region
from payung.access.scope import require
from payung.audit.services import audit_record
from payung.claims.models import Claim, ClaimKind, ClaimStatus
from payung.domain.roles import Capability
from payung.files.writers import xlsx_table

HEADERS: Final = (
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
)
WIDTHS: Final = (10, 28, 20, 24, 34, 16, 22, 18, 30, 16, 16)


def _covered(value: bool | None) -> str:
    return {True: "Terlindungi", False: "Tidak terlindungi", None: "Belum diperiksa"}[value]


def _rows(claims: QuerySet[Claim]) -> Iterator[list[object]]:
    with translation.override("id"):
        for claim in claims.iterator(chunk_size=2_000):
            yield [
                claim.pk,
                claim.person.full_name,
                claim.person.nik_masked,
                claim.village.name,
                str(ClaimKind(claim.kind).label),
                claim.event_date,
                str(ClaimStatus(claim.status).label),
                _covered(claim.covered),
                str(claim.programme) if claim.programme is not None else "",
                claim.enrolment.kpj_masked if claim.enrolment is not None else "",
                timezone.localtime(claim.reported_at).date(),
            ]


@transaction.atomic
def claim_list_export(*, actor: Actor, claims: QuerySet[Claim]) -> bytes:
    """``claims`` (the reader's list, from ``claims.selectors.claim_list``) as one XLSX sheet;
    the download is audited (``claim.export``, the number of claims)."""
    require(actor, Capability.REPORT_CLAIMS)
    region = actor_region(actor)
    audit_record(
        actor=actor,
        action="claim.export",
        object_type="region",
        object_id=region.code if region is not None else "",
        region_code=region.code if region is not None else "",
        after={"claims": claims.count()},
    )
    return xlsx_table(title="Klaim", headers=HEADERS, rows=_rows(claims), widths=WIDTHS)
