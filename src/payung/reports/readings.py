"""The reads the report builders share (ADR 0046): a programme's months of a year, the village a
reader may report on, and per month the money billed and paid, the workers covered; per kind the
claims. Every queryset goes through ``payung.access.scope.scoped`` (as ``aggregates.py``), each
figure one grouped query, never a loop over workers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from payung.access.actor import Actor
from payung.access.scope import scoped
from payung.budgets.models import Payer
from payung.claims.models import Claim
from payung.domain.period import MONTH_NAMES, Month, month_range
from payung.domain.regions import Level, RegionCode
from payung.edge.pages import language
from payung.enrolment.models import Coverage
from payung.finance.billing import covered_in
from payung.finance.models import AdjustmentLine, BillMonth, Payment
from payung.programmes.models import Programme
from payung.regions.models import Region
from payung.regions.selectors import village_choices
from payung.reports.aggregates import PAID_STATUSES, rupiah_paid


def months_of(programme: Programme, year: int) -> list[Month]:
    """The programme's months in ``year`` (404 when its period does not reach that year)."""
    months = [m for m in programme.period if m.year == year]
    if not months:
        raise Http404
    return months


def report_years(programme: Programme) -> list[int]:
    return sorted({m.year for m in programme.period})


def month_name(month: Month) -> str:
    """``Januari 2026`` in the reader's language."""
    names = MONTH_NAMES["en" if language().startswith("en") else "id"]
    return f"{names[month.month - 1]} {month.year}"


def period_text(months: list[Month]) -> str:
    return month_range(months[0], months[-1], language())


def village_get(*, actor: Actor, programme: Programme, code: str) -> Region:
    """The village ``code`` of the programme's regency inside the reader's region; 404 otherwise
    (a village outside it answers as one that does not exist)."""
    village = (
        village_choices(user=actor, within=programme.regency_id)
        .filter(code=code)
        .select_related("parent__parent")
        .first()
    )
    if village is None:
        raise Http404
    return village


def report_villages(*, actor: Actor, programme: Programme) -> QuerySet[Region]:
    """The villages a reader may choose for the village report (their own region's)."""
    return village_choices(user=actor, within=programme.regency_id).select_related("parent")


def sees_regency(actor: Actor, programme: Programme) -> bool:
    """Whether the reader's region holds the whole programme (a regency's staff, the whole
    installation): who may open the programme's realisation report."""
    if not scoped(Programme.objects.filter(pk=programme.pk), actor).exists():
        return False
    region = getattr(actor, "region_code", None)
    return region is None or region.contains(RegionCode(programme.regency_id))


@dataclass(frozen=True)
class Money:
    billed: int = 0
    paid: int = 0


def money_by_month(
    *, actor: Actor, programme: Programme, year: int, payers: Iterable[Payer] | None = None
) -> dict[Month, Money]:
    """Per contribution month of ``year``: the bills' totals plus their adjustments, and the
    payments on them (by the bill's month, as the budget page counts them), of the payers the
    reader sees (only ``payers`` when given)."""
    bills = scoped(BillMonth.objects.filter(programme=programme, month__year=year), actor)
    if payers is not None:
        bills = bills.filter(payer__in=list(payers))
    billed: dict[Month, int] = defaultdict(int)
    paid: dict[Month, int] = defaultdict(int)
    for day, total in (
        bills.order_by().values("month").annotate(s=Sum("total")).values_list("month", "s")
    ):
        billed[Month.of(day)] += int(total or 0)
    for day, total in (
        scoped(AdjustmentLine.objects.filter(bill__in=bills), actor)
        .order_by()
        .values("bill__month")
        .annotate(s=Sum("amount"))
        .values_list("bill__month", "s")
    ):
        billed[Month.of(day)] += int(total or 0)
    for day, total in (
        scoped(Payment.objects.filter(bill__in=bills), actor)
        .order_by()
        .values("bill__month")
        .annotate(s=Sum("amount"))
        .values_list("bill__month", "s")
    ):
        paid[Month.of(day)] += int(total or 0)
    return {m: Money(billed.get(m, 0), paid.get(m, 0)) for m in set(billed) | set(paid)}


def covered_by_month(
    *, actor: Actor, programme: Programme, months: list[Month], village: str
) -> dict[Month, int]:
    """Per month, the workers of ``village`` whose coverage holds it (``finance.covered_in``)."""
    return {
        month: scoped(covered_in(programme, month), actor)
        .filter(enrolment__village_id=village)
        .aggregate(n=Count("enrolment", distinct=True))["n"]
        or 0
        for month in months
    }


@dataclass(frozen=True)
class ClaimCounts:
    reported: int = 0
    paid: int = 0
    rupiah: int = 0


def claims_by_kind(
    *, actor: Actor, programme: Programme, village: str, year: int
) -> dict[str, ClaimCounts]:
    """Per claim kind, the claims of ``village`` covered by ``programme`` whose event fell in
    ``year``: reported (any state), paid by BPJS (paid or handed over) and the rupiah paid."""
    claims = scoped(
        Claim.objects.filter(programme=programme, village_id=village, event_date__year=year),
        actor,
    )
    reported = dict(
        claims.order_by().values("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    paid = {
        row["kind"]: (row["n"], int(row["rupiah"] or 0))
        for row in claims.filter(status__in=PAID_STATUSES, paid_on__isnull=False)
        .order_by()
        .values("kind")
        .annotate(n=Count("pk"), rupiah=Sum(rupiah_paid()))
    }
    return {
        kind: ClaimCounts(reported.get(kind, 0), *paid.get(kind, (0, 0)))
        for kind in set(reported) | set(paid)
    }


@dataclass(frozen=True)
class CoveredWorker:
    name: str
    nik_masked: str
    first: Month
    last: Month


def covered_workers(
    *, actor: Actor, programme: Programme, village: str, months: list[Month]
) -> list[CoveredWorker]:
    """The workers of ``village`` covered in any of ``months``, by name: the name, the masked NIK
    and the months of their coverage inside ``months`` (never the full NIK, the KPJ, an address
    or a birth date)."""
    first, last = months[0].first_day, months[-1].first_day
    rows = (
        scoped(
            Coverage.objects.filter(
                programme=programme,
                enrolment__village_id=village,
                start__lte=last,
                last_month__gte=first,
            ),
            actor,
        )
        .select_related("enrolment__person")
        .order_by("enrolment__person__full_name", "enrolment_id", "start")
    )
    spans: dict[int, tuple[Any, date, date]] = {}
    for coverage in rows:
        person = coverage.enrolment.person
        start, end = max(coverage.start, first), min(coverage.last_month, last)
        known = spans.get(coverage.enrolment_id)
        if known is not None:
            start, end = min(start, known[1]), max(end, known[2])
        spans[coverage.enrolment_id] = (person, start, end)
    return [
        CoveredWorker(person.full_name, person.nik_masked, Month.of(start), Month.of(end))
        for person, start, end in spans.values()
    ]


def region_words(region: Region) -> str:
    """``Desa Parungpanjang, Kecamatan Parungpanjang, Kabupaten Bogor`` (a regency's name is
    stored with its kind; a district's and a village's are not)."""
    parts = []
    node: Region | None = region
    while node is not None and node.level >= Level.REGENCY:
        if node.level == Level.VILLAGE:
            word = (_("Urban village %(name)s") if node.is_kelurahan else _("Village %(name)s")) % {
                "name": node.name
            }
        elif node.level == Level.DISTRICT:
            word = _("District %(name)s") % {"name": node.name}
        else:
            word = node.name
        parts.append(word)
        node = node.parent
    return ", ".join(parts)


def visible_payers(*, actor: Actor, programme: Programme) -> QuerySet[Payer]:
    return scoped(Payer.objects.filter(programme=programme), actor)
