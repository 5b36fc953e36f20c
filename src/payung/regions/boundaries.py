"""A regency's district boundaries (ADR 0047): the upload, checked whole against the regency's
district codes before anything is kept, and the end of one in use. Each write is one audited
transaction; the audit row holds counts, the licence and the file's hash, never the geometry."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet

from payung.access.actor import Actor, actor_label
from payung.access.scope import require, require_region, scoped
from payung.audit.services import audit_record
from payung.domain.errors import DomainError, register
from payung.domain.geo import boundary_drawing
from payung.domain.regions import Level, RegionCode
from payung.domain.roles import Capability
from payung.regions.models import Boundary, Licence, Region

MAX_BYTES = 20 * 1024 * 1024  # a regency's districts, unsimplified, fit well within this

BOUNDARY_JSON = register(
    "boundary.json",
    id="Berkas bukan JSON yang dapat dibaca (GeoJSON, UTF-8).",
    en="The file is not readable JSON (GeoJSON, UTF-8).",
)
BOUNDARY_TOO_BIG = register(
    "boundary.too_big",
    id="Berkas lebih dari {limit} MB. Sederhanakan dulu (mis. mapshaper, 1%).",
    en="The file is over {limit} MB. Simplify it first (e.g. mapshaper, 1%).",
)
BOUNDARY_SOURCE = register(
    "boundary.source_required",
    id='Sebutkan sumber batas wilayah (mis. "BIG, Batas Wilayah Kecamatan 2023").',
    en='State where the boundaries come from (e.g. "BIG, district boundaries 2023").',
)
BOUNDARY_LICENCE = register(
    "boundary.licence_required",
    id='Pilih lisensi berkas; untuk "lainnya", tuliskan lisensinya.',
    en='Choose the file\'s licence; for "other", write the licence out.',
)
BOUNDARY_REGENCY = register(
    "boundary.regency",
    id="Batas wilayah diunggah untuk kabupaten/kota, bukan untuk {code}.",
    en="Boundaries are uploaded for a regency or city, not for {code}.",
)
BOUNDARY_ENDED = register(
    "boundary.ended",
    id="Batas wilayah ini sudah tidak dipakai.",
    en="These boundaries are no longer in use.",
)


def boundary_in_use(regency_code: str) -> Boundary | None:
    """The boundaries a regency's maps are drawn from, or None (the maps fall back to tiles).
    Not scoped: once in use they are on the public page."""
    return Boundary.objects.filter(regency_id=regency_code, active=True).first()


def boundary_history(*, actor: Actor, regency_code: str) -> QuerySet[Boundary]:
    """Every upload for the regency, the newest first, as ``actor`` may read them."""
    return scoped(Boundary.objects.filter(regency_id=regency_code), actor)


def boundary_get(*, actor: Actor, pk: int, regencies: Collection[str]) -> Boundary | None:
    """One upload of one of ``regencies``, as ``actor`` may read it (None: not theirs)."""
    return (
        scoped(Boundary.objects.filter(pk=pk, regency_id__in=list(regencies)), actor)
        .select_related("regency")
        .first()
    )


def size_refusal(size: int) -> DomainError | None:
    """The refusal of a file of ``size`` bytes before it is read, or None."""
    if size > MAX_BYTES:
        return DomainError(BOUNDARY_TOO_BIG, limit=MAX_BYTES // (1024 * 1024))
    return None


@transaction.atomic
def boundary_upload(
    *,
    actor: Actor,
    regency_code: str,
    content: bytes,
    code_property: str,
    source: str,
    licence: str,
    licence_text: str,
    now: datetime,
) -> Boundary:
    """Check ``content`` (GeoJSON) against the regency's districts and put it in use, ending
    the one in use before. Refused whole (a DomainError) when any check fails."""
    require(actor, Capability.MANAGE_PROGRAMMES)
    require_region(actor, regency_code)
    regency = Region.objects.get(code=regency_code)
    if RegionCode(regency.code).level is not Level.REGENCY:
        raise DomainError(BOUNDARY_REGENCY, code=regency.code)
    source, licence_text = source.strip(), licence_text.strip()
    if not source:
        raise DomainError(BOUNDARY_SOURCE)
    if licence not in Licence.values or (licence == Licence.OTHER and not licence_text):
        raise DomainError(BOUNDARY_LICENCE)
    refusal = size_refusal(len(content))
    if refusal is not None:
        raise refusal
    try:
        collection = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise DomainError(BOUNDARY_JSON) from error
    districts = set(
        Region.objects.filter(
            code__startswith=regency.code + ".", level=int(Level.DISTRICT), active=True
        ).values_list("code", flat=True)
    )
    code_property = code_property.strip() or "kode"
    drawing = boundary_drawing(
        collection,
        code_property=code_property,
        districts=districts,
        regency=regency.name,
    )
    previous = Boundary.objects.select_for_update().filter(regency=regency, active=True).first()
    if previous is not None:
        previous.active = False
        previous.ended_at = now
        previous.save(update_fields=["active", "ended_at"])
    boundary = Boundary.objects.create(
        regency=regency,
        source=source[:300],
        licence=licence,
        licence_text=licence_text[:500] if licence == Licence.OTHER else "",
        code_property=code_property,
        sha256=hashlib.sha256(content).hexdigest(),
        width=drawing.width,
        height=drawing.height,
        paths=drawing.paths,
        missing=list(drawing.missing),
        points=drawing.points,
        uploaded_by=actor_label(actor),
        uploaded_at=now,
    )
    audit_record(
        actor=actor,
        action="boundary.upload",
        target=boundary,
        before={"boundary": previous.pk} if previous else None,
        after={
            "districts": len(drawing.paths),
            "missing": len(drawing.missing),
            "points": drawing.points,
            "licence": licence,
            "sha256": boundary.sha256,
        },
    )
    return boundary


@transaction.atomic
def boundary_end(*, actor: Actor, boundary: Boundary, now: datetime) -> Boundary:
    """Stop drawing maps from ``boundary`` (the pages fall back to tiles); it stays on record."""
    require(actor, Capability.MANAGE_PROGRAMMES)
    require_region(actor, boundary.regency_id)
    locked = Boundary.objects.select_for_update().get(pk=boundary.pk)
    if not locked.active:
        raise DomainError(BOUNDARY_ENDED)
    locked.active = False
    locked.ended_at = now
    locked.save(update_fields=["active", "ended_at"])
    audit_record(
        actor=actor,
        action="boundary.end",
        target=locked,
        before={"active": True},
        after={"active": False},
    )
    return locked
