"""The one write of reports: recording that a report left Payung as a file (``report.download``).
The reports themselves are read, never stored (ADR 0046)."""

from __future__ import annotations

from django.db import transaction

from payung.access.actor import Actor
from payung.audit.services import audit_record
from payung.programmes.models import Programme


@transaction.atomic
def report_download(
    *,
    actor: Actor,
    programme: Programme,
    kind: str,
    file_format: str,
    year: int,
    region: str,
    size: int,
) -> None:
    """Audit a download of the ``kind`` report of ``programme`` for ``region`` and ``year``."""
    audit_record(
        actor=actor,
        action="report.download",
        target=programme,
        region_code=region,
        after={"report": kind, "format": file_format, "year": year, "region": region, "size": size},
    )
