"""Loading the shipped region list into the database, idempotently."""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from django.db import transaction

from payung.access.actor import Actor
from payung.access.scope import require
from payung.audit.services import audit_record
from payung.domain.regions import RegionCode
from payung.domain.roles import Capability
from payung.regions.models import Region

SHIPPED_DATA = "regions.csv.gz"


@dataclass(frozen=True)
class LoadResult:
    created: int
    renamed: int
    retired: int
    reactivated: int
    total: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.renamed or self.retired or self.reactivated)


def read_region_rows(path: Path | None = None) -> list[tuple[str, str]]:
    """(code, name) pairs, sorted by code so that parents come before their children."""
    if path is None:
        raw = resources.files("payung.data").joinpath(SHIPPED_DATA).read_bytes()
    else:
        raw = path.read_bytes()
    reader = csv.reader(io.StringIO(gzip.decompress(raw).decode("utf-8")))
    next(reader)
    return sorted((code, name) for code, name in reader)


@transaction.atomic
def regions_load(*, actor: Actor, path: Path | None = None, batch_size: int = 5000) -> LoadResult:
    """Bring the regions table in line with the data file; a second run changes nothing.

    The national list is the installation's reference data: the system administrator's, or the
    operator's (``payung regions load``), never a regional user's (ADR 0035)."""
    require(actor, Capability.ADMIN_SITE)
    rows = read_region_rows(path)
    existing = {
        code: (name, active)
        for code, name, active in Region.objects.values_list("code", "name", "active")
    }
    wanted = dict(rows)
    to_create: list[Region] = []
    to_rename: list[Region] = []
    for code, name in rows:
        if code not in existing:
            parsed = RegionCode.parse(code)
            parent = parsed.parent
            to_create.append(
                Region(
                    code=code,
                    name=name,
                    level=int(parsed.level),
                    parent_id=parent.code if parent else None,
                )
            )
        elif existing[code][0] != name:
            to_rename.append(Region(code=code, name=name))
    Region.objects.bulk_create(to_create, batch_size=batch_size)
    Region.objects.bulk_update(to_rename, ["name"], batch_size=batch_size)
    retire = [c for c, (_, active) in existing.items() if active and c not in wanted]
    revive = [c for c, (_, active) in existing.items() if not active and c in wanted]
    for chunk_start in range(0, len(retire), batch_size):
        Region.objects.filter(code__in=retire[chunk_start : chunk_start + batch_size]).update(
            active=False
        )
    for chunk_start in range(0, len(revive), batch_size):
        Region.objects.filter(code__in=revive[chunk_start : chunk_start + batch_size]).update(
            active=True
        )
    result = LoadResult(
        created=len(to_create),
        renamed=len(to_rename),
        retired=len(retire),
        reactivated=len(revive),
        total=len(rows),
    )
    if result.changed:
        audit_record(
            actor=actor,
            action="regions.load",
            object_type="regions.Region",
            object_id="*",
            after={
                "created": result.created,
                "renamed": result.renamed,
                "retired": result.retired,
                "reactivated": result.reactivated,
                "total": result.total,
            },
            reason="Kepmendagri 300.2.2-2138/2025 (idn-area-data 4.0.1)",
        )
    return result
