"""Reading complaints: always within the reader's region (a village sees its own), except the
one public lookup by tracking code and PIN, which shows a complainant their own complaint only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.hashers import check_password, make_password
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from payung.access.actor import Actor
from payung.access.scope import require, scoped
from payung.complaints.models import Complaint, ComplaintStatus
from payung.domain.regions import Level
from payung.domain.roles import Capability
from payung.programmes.models import Programme, ProgrammeStatus
from payung.regions.models import Region

OPEN = (ComplaintStatus.RECEIVED, ComplaintStatus.IN_PROGRESS)
# Checked when no complaint has the code, so a wrong code costs what a wrong PIN costs.
_NO_SUCH_PIN = make_password(None)


def complaint_list(*, actor: Actor, status: str = "") -> QuerySet[Complaint]:
    """The complaints of the reader's region, newest first (``status`` to keep one status)."""
    require(actor, Capability.HANDLE_COMPLAINTS)
    queryset = scoped(Complaint.objects.select_related("village__parent"), actor)
    return queryset.filter(status=status) if status else queryset


def complaint_get(*, actor: Actor, pk: int) -> Complaint:
    """One complaint of the reader's region; 404 otherwise (never "it exists elsewhere")."""
    found = complaint_list(actor=actor).filter(pk=pk).first()
    if found is None:
        raise Http404("complaint")
    return found


def complaint_counts(*, actor: Actor, today: date | None = None) -> dict[str, int]:
    """The reader's region's complaints by status, and how many are past a time limit: not
    taken up after ``respond_due`` (``overdue_respond``), not answered after ``answer_due``
    (``overdue_answer``). For the dashboards; nobody without the capability sees any."""
    day = timezone.localdate() if today is None else today
    queryset = scoped(Complaint.objects.all(), actor)
    counts = queryset.aggregate(
        received=Count("pk", filter=Q(status=ComplaintStatus.RECEIVED)),
        in_progress=Count("pk", filter=Q(status=ComplaintStatus.IN_PROGRESS)),
        answered=Count("pk", filter=Q(status=ComplaintStatus.ANSWERED)),
        closed=Count("pk", filter=Q(status=ComplaintStatus.CLOSED)),
        overdue_respond=Count("pk", filter=Q(status=ComplaintStatus.RECEIVED, respond_due__lt=day)),
        overdue_answer=Count("pk", filter=Q(status__in=OPEN, answer_due__lt=day)),
    )
    return {key: int(value or 0) for key, value in counts.items()}


def complaint_by_code(*, code: str, pin: str) -> Complaint | None:
    """The complaint with tracking ``code`` if ``pin`` is its PIN; ``None`` for a wrong code or
    a wrong PIN alike (the public lookup says nothing about whether a code exists)."""
    found = Complaint.objects.filter(code=code.strip().upper()).first()
    if found is None:
        check_password(pin, _NO_SUCH_PIN)
        return None
    return found if check_password(pin.strip(), found.pin_hash) else None


@dataclass(frozen=True)
class VillageGroup:
    """A district's villages, for a grouped list to choose from."""

    label: str
    villages: tuple[tuple[str, str], ...]  # (code, "Desa, Kecamatan")


def public_village_groups() -> list[VillageGroup]:
    """The villages of every regency with an active programme, grouped by district: where a
    public complainant may file."""
    regencies = set(
        Programme.objects.filter(status=ProgrammeStatus.ACTIVE).values_list("regency_id", flat=True)
    )
    query = Q(pk__in=[])
    for code in sorted(regencies):
        query |= Q(code__startswith=code + ".")
    return _groups(Region.objects.filter(query))


def village_groups(*, actor: Actor) -> list[VillageGroup]:
    """The villages of the reader's region, grouped by district: where they may file."""
    require(actor, Capability.HANDLE_COMPLAINTS)
    return _groups(scoped(Region.objects.all(), actor))


def _groups(regions: QuerySet[Region]) -> list[VillageGroup]:
    villages = (
        regions.filter(level=Level.VILLAGE, active=True)
        .select_related("parent__parent")
        .order_by("parent__parent__name", "parent__name", "name")
    )
    groups: dict[str, list[tuple[str, str]]] = {}
    labels: dict[str, str] = {}
    for village in villages:
        district = village.parent
        if district is None:  # pragma: no cover - a village always has its district
            continue
        regency = district.parent
        labels[district.code] = f"{district.name}, {regency.name if regency else ''}".rstrip(", ")
        groups.setdefault(district.code, []).append(
            (village.code, f"{village.name}, {district.name}")
        )
    return [VillageGroup(labels[code], tuple(items)) for code, items in groups.items()]
