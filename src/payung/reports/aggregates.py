"""A programme's figures per region — places, filled, covered, money, claims paid — set-based.

One function, :func:`programme_aggregates`, answers for any actor: every queryset goes through
``payung.access.scope.scoped``, so a village operator's dashboard gets their village (and the
district and regency rows made of what they see), a regency's staff the regency, and the public
page — which passes :data:`PUBLIC`, the system reading for everybody — the whole programme. The
figures are raw: what may be *published* is decided above, by ``payung.domain.disclosure``.

Each figure is one grouped query (``GROUP BY`` village, district or regency code), never a loop
over workers: a regency-sized programme (108,750 places) costs the same handful of queries as a
small one. The loops here run over regions (at most a regency's 435 villages) and over the
distinct quotas (for the cost of the places).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from typing import Any, Final

from django.core.cache import cache
from django.db.models import BigIntegerField, Count, Max, Q, Sum, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce

from payung.access.actor import Actor, System, actor_user
from payung.access.scope import scoped
from payung.audit.models import AuditEvent
from payung.budgets.commitment import committed
from payung.budgets.models import Budget
from payung.budgets.rates import rate_table
from payung.claims.models import Claim, ClaimKind, ClaimStatus
from payung.domain.benefits import Component
from payung.domain.period import Month
from payung.domain.regions import Level, RegionCode
from payung.domain.workflow import HOLDS_PLACE
from payung.finance.billing import covered_in
from payung.finance.models import AdjustmentLine, BillMonth, Payment
from payung.programmes.models import Programme, ProgrammeArea
from payung.regions.models import Region
from payung.registry.models import Candidate, CandidateStatus

# The public page and the open data read for everybody, aggregates only (ADR 0044).
PUBLIC: Final = System(name="halaman publik")

PAID_STATUSES: Final = (ClaimStatus.PAID.value, ClaimStatus.HANDED_OVER.value)


class Benefit:
    """The two benefits a claim pays from: JKK (accident, death from an accident), JKM."""

    JKK: Final = "jkk"
    JKM: Final = "jkm"
    OF_KIND: Final = {
        ClaimKind.JKK_ACCIDENT.value: JKK,
        ClaimKind.JKK_DEATH.value: JKK,
        ClaimKind.JKM_DEATH.value: JKM,
    }


@dataclass(frozen=True)
class Figures:
    """One region's figures. Rupiah are whole integers; ``budget`` is None where no budget line
    was set below the region."""

    places: int = 0
    filled: int = 0
    covered: int = 0
    inactive: int = 0  # covered this month, but inactive for unpaid contributions (arrears)
    waiting: int = 0  # candidacies on the waiting list (no place free in their area)
    budget: int | None = None
    committed: int = 0
    billed: int = 0
    paid: int = 0
    claims_paid: int = 0
    claims_paid_rupiah: int = 0

    def __add__(self, other: Figures) -> Figures:
        values: dict[str, Any] = {}
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            values[f.name] = None if a is None and b is None else (a or 0) + (b or 0)
        return Figures(**values)


@dataclass(frozen=True)
class RegionFigures:
    code: str
    name: str
    level: Level
    figures: Figures
    children: tuple[RegionFigures, ...] = ()

    def walk(self) -> Iterator[RegionFigures]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class ProgrammeAggregates:
    programme: Programme
    month: Month  # the month "covered" counts
    regency: RegionFigures  # the root: the regency, its districts, their villages
    claims_by_benefit: dict[str, tuple[int, int]]  # Benefit → (claims paid, rupiah), regency-wide

    def region(self, code: str) -> RegionFigures:
        for node in self.regency.walk():
            if node.code == code:
                return node
        raise KeyError(code)


def _grouped(rows: Iterable[tuple[Any, Any]]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for code, value in rows:
        out[str(code)] += int(value or 0)
    return out


def rupiah_paid() -> Any:
    """The sum of a claim's ``paid_amounts`` components, in SQL (every component the benefit
    table knows), so the rupiah are added by the database, not row by row."""
    parts: list[Any] = [
        Coalesce(Cast(KT(f"paid_amounts__{c.value}"), BigIntegerField()), Value(0))
        for c in Component
    ]
    total: Any = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def _claims(actor: Actor, programme: Programme) -> tuple[dict[str, int], dict[str, int], Any]:
    rows = (
        scoped(
            Claim.objects.filter(
                programme=programme, status__in=PAID_STATUSES, paid_on__isnull=False
            ),
            actor,
        )
        .order_by()
        .values("village_id", "kind")
        .annotate(n=Count("pk"), rupiah=Sum(rupiah_paid()))
    )
    count: dict[str, int] = defaultdict(int)
    rupiah: dict[str, int] = defaultdict(int)
    by_benefit = {Benefit.JKK: [0, 0], Benefit.JKM: [0, 0]}
    for row in rows:
        count[row["village_id"]] += row["n"]
        rupiah[row["village_id"]] += int(row["rupiah"] or 0)
        pair = by_benefit[Benefit.OF_KIND[row["kind"]]]
        pair[0] += row["n"]
        pair[1] += int(row["rupiah"] or 0)
    return count, rupiah, {k: (v[0], v[1]) for k, v in by_benefit.items()}


def _own_figures(
    actor: Actor, programme: Programme, month: Month
) -> tuple[dict[str, dict[str, int]], dict[str, tuple[int, int]]]:
    """Each figure by the region it is recorded at (a village, a district, the regency)."""
    areas = list(
        scoped(ProgrammeArea.objects.filter(programme=programme), actor)
        .order_by()
        .values_list("region_id", "quota")
    )
    places = _grouped(areas)
    table = rate_table(programme)
    cost_of = {q: committed(programme, q, table=table) for q in {q for _, q in areas}}
    holders = scoped(
        Candidate.objects.filter(programme=programme, status__in=[s.value for s in HOLDS_PLACE]),
        actor,
    )
    covered = scoped(covered_in(programme, month), actor)
    # Inactive in ``month``: the arrears check set the month the worker became inactive, and it
    # is this month or earlier (as ``enrolment.selectors.CoverageAnswer.inactive`` reads it).
    inactive = covered.filter(
        enrolment__inactive_from__isnull=False, enrolment__inactive_from__lt=month.plus(1).first_day
    )
    waiting = scoped(
        Candidate.objects.filter(programme=programme, status=CandidateStatus.WAITLISTED), actor
    )
    budgets = scoped(Budget.objects.filter(payer__programme=programme, year=programme.year), actor)
    bills = scoped(BillMonth.objects.filter(programme=programme), actor)
    adjustments = scoped(AdjustmentLine.objects.filter(bill__programme=programme), actor)
    payments = scoped(Payment.objects.filter(bill__programme=programme), actor)
    billed = _grouped(
        bills.order_by()
        .values("payer__region_id")
        .annotate(s=Sum("total"))
        .values_list("payer__region_id", "s")
    )
    for code, amount in _grouped(
        adjustments.order_by()
        .values("bill__payer__region_id")
        .annotate(s=Sum("amount"))
        .values_list("bill__payer__region_id", "s")
    ).items():
        billed[code] = billed.get(code, 0) + amount
    claims, rupiah, by_benefit = _claims(actor, programme)
    return {
        "places": places,
        "committed": _grouped((code, cost_of[q]) for code, q in areas),
        "filled": _grouped(
            holders.order_by()
            .values("village_id")
            .annotate(n=Count("pk"))
            .values_list("village_id", "n")
        ),
        "covered": _grouped(
            covered.order_by()
            .values("enrolment__village_id")
            .annotate(n=Count("enrolment", distinct=True))
            .values_list("enrolment__village_id", "n")
        ),
        "inactive": _grouped(
            inactive.order_by()
            .values("enrolment__village_id")
            .annotate(n=Count("enrolment", distinct=True))
            .values_list("enrolment__village_id", "n")
        ),
        "waiting": _grouped(
            waiting.order_by()
            .values("village_id")
            .annotate(n=Count("pk"))
            .values_list("village_id", "n")
        ),
        "budget": _grouped(budgets.values_list("payer__region_id", "amount")),
        "billed": billed,
        "paid": _grouped(
            payments.order_by()
            .values("bill__payer__region_id")
            .annotate(s=Sum("amount"))
            .values_list("bill__payer__region_id", "s")
        ),
        "claims_paid": claims,
        "claims_paid_rupiah": rupiah,
    }, by_benefit


def _regions(actor: Actor, programme: Programme, codes: set[str]) -> dict[str, Region]:
    """The regency, and the districts and villages the actor sees or that hold a figure; names
    of the parents of what they see come along (region names are public reference data)."""
    regency = programme.regency_id
    seen = scoped(
        Region.objects.filter(
            Q(code__startswith=regency + "."), Q(active=True) | Q(code__in=codes)
        ).filter(level__in=[Level.DISTRICT, Level.VILLAGE]),
        actor,
    ).values_list("code", flat=True)
    wanted = set(seen) | codes
    wanted |= {RegionCode(c).ancestor(Level.DISTRICT).code for c in wanted if c.count(".") >= 2}
    wanted.add(regency)
    return {r.code: r for r in Region.objects.filter(code__in=wanted)}


def programme_aggregates(
    *, actor: Actor, programme: Programme, month: Month
) -> ProgrammeAggregates:
    """``programme``'s figures for what ``actor`` may read, as a tree regency → districts →
    villages; "covered" counts the workers whose coverage holds ``month``."""
    own, by_benefit = _own_figures(actor, programme, month)
    codes = {code for figure in own.values() for code in figure}
    regions = _regions(actor, programme, codes)

    def figures_of(code: str) -> Figures:
        values: dict[str, Any] = {name: own[name].get(code, 0) for name in own}
        values["budget"] = own["budget"].get(code)
        return Figures(**values)

    children: dict[str, list[str]] = defaultdict(list)
    for code in sorted(regions):
        parent = RegionCode(code).parent
        if parent is not None and code != programme.regency_id:
            children[parent.code].append(code)

    def node(code: str) -> RegionFigures:
        kids = tuple(node(c) for c in children.get(code, ()))
        total = figures_of(code)
        for kid in kids:
            total = total + kid.figures
        region = regions[code]
        return RegionFigures(code, region.name, Level(region.level), total, kids)

    return ProgrammeAggregates(programme, month, node(programme.regency_id), by_benefit)


def month_in_period(programme: Programme, today_month: Month) -> Month:
    """The month a report counts "covered" in: this month, held inside the programme's period."""
    period = programme.period
    months = list(period)
    if today_month < months[0]:
        return months[0]
    if today_month > months[-1]:
        return months[-1]
    return today_month


__all__ = [
    "PUBLIC",
    "Benefit",
    "Figures",
    "ProgrammeAggregates",
    "RegionFigures",
    "month_in_period",
    "programme_aggregates",
    "rupiah_paid",
]


# Kept for a short while, recounted after any write (ADR 0048) ---------------------------------

CACHE_SECONDS: Final = 60


def data_version() -> int:
    """The last audit row's id: every write path of Payung writes one (ADR 0031), so a new
    value means the figures may have changed. One index lookup."""
    return int(AuditEvent.objects.aggregate(last=Max("pk"))["last"] or 0)


def scope_key(actor: Actor) -> str:
    """What the aggregates depend on of the reader: ``scoped`` limits by region alone."""
    user = actor_user(actor)
    if user is None:
        return "*"
    if not (user.is_authenticated and user.is_active and user.role):
        return "none"
    region = user.region_code
    return f"{user.role}:{region.code if region is not None else '*'}"


def programme_aggregates_cached(
    *, actor: Actor, programme: Programme, month: Month
) -> ProgrammeAggregates:
    """:func:`programme_aggregates`, kept per scope, programme and month until the next write
    (the audit trail's last id is in the key) and for at most ``CACHE_SECONDS``: readers in one
    region share one count, and a figure is never older than the last change."""
    key = f"aggregates:{programme.pk}:{month}:{scope_key(actor)}:{data_version()}"
    found = cache.get(key)
    if isinstance(found, ProgrammeAggregates):
        return found
    fresh = programme_aggregates(actor=actor, programme=programme, month=month)
    cache.set(key, fresh, CACHE_SECONDS)
    return fresh
