"""Setting up and changing programmes. Every function is one audited transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction

from payung.access.actor import Actor, actor_region
from payung.access.scope import require
from payung.audit.services import AuditItem, audit_bulk, audit_record, snapshot
from payung.domain.errors import DomainError, register
from payung.domain.period import Month, MonthSpan
from payung.domain.programme import PayerModel, ProgrammeTerms, QuotaModel
from payung.domain.regions import Level, RegionCode
from payung.domain.roles import Capability
from payung.programmes.models import Programme, ProgrammeArea, ProgrammeStatus
from payung.regions.models import Region
from payung.regions.selectors import region_descendants

PROGRAMME_STATUS = register(
    "programme.status",
    id="Status program tidak dapat diubah dari {current} menjadi {target}.",
    en="A programme's status cannot change from {current} to {target}.",
)
PROGRAMME_DISTRICT = register(
    "programme.district",
    id="{district} bukan kecamatan di {regency}.",
    en="{district} is not a district of {regency}.",
)

# draft → active → closed; a draft may also be closed (abandoned) directly.
_TRANSITIONS = {
    ProgrammeStatus.DRAFT: {ProgrammeStatus.ACTIVE, ProgrammeStatus.CLOSED},
    ProgrammeStatus.ACTIVE: {ProgrammeStatus.CLOSED},
    ProgrammeStatus.CLOSED: set(),
}


def _check_actor(actor: Actor, regency: RegionCode) -> None:
    require(actor, Capability.MANAGE_PROGRAMMES)
    scope = actor_region(actor)
    if scope is not None and not scope.contains(regency):
        raise PermissionDenied("programme.outside_scope")


@transaction.atomic
def programme_create(
    *,
    actor: Actor,
    regency_code: str,
    name: str,
    legal_basis: str,
    year: int,
    coverage_start: date,
    coverage_months: int = 12,
    payer_model: PayerModel,
    quota_model: QuotaModel,
    quota_per_village: int | None = None,
    quota_total: int | None = None,
    district_quotas: Mapping[str, int] | None = None,
    budget_per_village: int | None = None,
    budget_total: int | None = None,
    target_workers: int | None = None,
    target_note: str = "",
) -> Programme:
    """Create a programme and its places: every village of the regency for a per-village quota,
    each named district for a split total, the regency for a plain total. The terms are checked
    by the domain first."""
    regency = RegionCode.parse(regency_code).require(Level.REGENCY)
    _check_actor(actor, regency)
    villages = list(
        region_descendants(regency.code, level=Level.VILLAGE).values_list("code", flat=True)
    )
    district_quotas = {str(RegionCode.parse(k)): v for k, v in (district_quotas or {}).items()}
    for code in district_quotas:
        if RegionCode.parse(code).level is not Level.DISTRICT or not regency.contains(
            RegionCode.parse(code)
        ):
            raise DomainError(PROGRAMME_DISTRICT, district=code, regency=regency.code)
    per_village = quota_model is QuotaModel.PER_VILLAGE
    ProgrammeTerms(  # validation of the stated figures, before anything is written
        quota_model=quota_model,
        period=MonthSpan(Month.of(coverage_start), coverage_months),
        budget_total=(budget_per_village or 0) * len(villages)
        if per_village
        else (budget_total or 0),
        quota_per_village=quota_per_village,
        quota_total=quota_total,
        district_quotas=district_quotas or None,
        village_count=len(villages),
    )
    programme = Programme.objects.create(
        regency=Region.objects.get(code=regency.code),
        name=name,
        legal_basis=legal_basis,
        year=year,
        coverage_start=coverage_start.replace(day=1),
        coverage_months=coverage_months,
        payer_model=payer_model.value,
        quota_model=quota_model.value,
        quota_per_village=quota_per_village,
        quota_total=quota_total,
        budget_per_village=budget_per_village if per_village else None,
        budget_total_stated=None if per_village else budget_total,
        target_workers=target_workers,
        target_note=target_note,
    )
    audit_record(
        actor=actor, action="programme.create", target=programme, after=snapshot(programme)
    )
    if per_village:
        areas = [
            ProgrammeArea(
                programme=programme,
                region_id=code,
                quota=quota_per_village or 0,
            )
            for code in villages
        ]
    elif district_quotas:
        areas = [
            ProgrammeArea(programme=programme, region_id=code, quota=quota)
            for code, quota in sorted(district_quotas.items())
        ]
    else:  # a plain total: the regency is the one area holding the places
        areas = [ProgrammeArea(programme=programme, region_id=regency.code, quota=quota_total or 0)]
    if areas:
        ProgrammeArea.objects.bulk_create(areas, batch_size=1000)
        # PostgreSQL returns the new ids from bulk_create; SQLite (3.35+) does too.
        audit_bulk(
            actor=actor,
            action="programme_area.create",
            items=[AuditItem(target=a, after=snapshot(a)) for a in areas],
            reason=f"programme {programme.pk} created",
        )
    return programme


@transaction.atomic
def programme_set_status(
    *, actor: Actor, programme: Programme, status: ProgrammeStatus, reason: str = ""
) -> Programme:
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    _check_actor(actor, RegionCode(programme.regency_id))
    current = ProgrammeStatus(programme.status)
    if status not in _TRANSITIONS[current]:
        raise DomainError(PROGRAMME_STATUS, current=current.value, target=status.value)
    before = snapshot(programme, ["status"])
    programme.status = status
    programme.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="programme.status",
        target=programme,
        before=before,
        after=snapshot(programme, ["status"]),
        reason=reason,
    )
    return programme
