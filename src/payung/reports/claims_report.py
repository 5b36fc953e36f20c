"""The claims report (issue 14 item 2): a programme's claims of one year — the cases per kind
and status, what BPJS paid per kind and per benefit component, and the days from the report to
the payment (count, median, longest), with the paid cases one by one.

Claims carry specific personal data (UU 27/2022): the place, cause and chronology of the event,
the injuries. This report never reads them — every query names the columns it takes — and a
case is shown by its number, village, kind, dates and rupiah, without the worker's name. The
case list is given only to a reader who may read claims (``report_claims``); every other reader
of the programme (``view_programmes``) gets the figures.

Counting: a case is counted in the year it was **reported** (Asia/Jakarta); a payment in the
year of its **payment date** (``paid_on``; status paid or handed over), as
``claims.selectors.benefits_paid_by_month`` counts it. The rupiah are added in SQL over
``paid_amounts``' components (``aggregates.rupiah_paid``).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from django.db.models import BigIntegerField, Count, Q, Sum, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from payung.access.actor import Actor, actor_user
from payung.access.scope import scoped
from payung.claims.labels import COMPONENT_LABELS
from payung.claims.models import Claim, ClaimKind, ClaimStatus
from payung.domain.benefits import Component
from payung.domain.period import Month, month_range
from payung.domain.roles import Capability
from payung.edge.pages import language
from payung.programmes.models import Programme
from payung.reports.aggregates import PAID_STATUSES, rupiah_paid
from payung.reports.report import Cell, Column, Report, Table
from payung.reports.signing import (
    programme_readable,
    reader_region,
    region_name,
    region_words,
    signature_for,
)


def median_days(days: list[int]) -> int | None:
    """The median of ``days`` in whole days: the middle value, or for an even count the mean of
    the two middle values rounded half up (``None`` for no value)."""
    if not days:
        return None
    ordered = sorted(days)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle] + 1) // 2


def _component_amount(component: Component) -> Any:
    return Coalesce(Cast(KT(f"paid_amounts__{component.value}"), BigIntegerField()), Value(0))


def _kind_words(kind: str) -> str:
    return str(ClaimKind(kind).label)


def _cases_table(claims: Any, year: int) -> Table:
    counts: dict[tuple[str, str], int] = {
        (kind, status): n
        for kind, status, n in claims.filter(reported_at__year=year)
        .order_by()
        .values("kind", "status")
        .annotate(n=Count("pk"))
        .values_list("kind", "status", "n")
    }
    statuses = [s.value for s in ClaimStatus]
    rows: list[tuple[Cell, ...]] = []
    sums = [0] * (len(statuses) + 1)
    for kind in ClaimKind:
        cells = [counts.get((kind.value, s), 0) for s in statuses]
        cells.append(sum(cells))
        sums = [a + c for a, c in zip(sums, cells, strict=True)]
        rows.append((_kind_words(kind.value), *cells))
    return Table(
        title=_("Cases reported per kind and status"),
        columns=(
            Column(_("Kind of case"), "text"),
            *(Column(str(s.label), "count") for s in ClaimStatus),
            Column(_("All cases"), "count"),
        ),
        rows=tuple(rows),
        total=(_("Total"), *sums),
        note=_("Cases reported in the year, by the state they are in when the data was read."),
    )


def _paid_rows(paid: Any) -> list[tuple[int, str, str, date, date, int]]:
    """The paid cases: number, village, kind, reported (local date), paid date, rupiah."""
    rows = []
    for pk, village, kind, reported_at, paid_on, rupiah in (
        paid.annotate(rupiah=rupiah_paid())
        .order_by("paid_on", "pk")
        .values_list("pk", "village__name", "kind", "reported_at", "paid_on", "rupiah")
    ):
        reported = timezone.localtime(reported_at).date()
        rows.append((pk, village, kind, reported, paid_on, int(rupiah or 0)))
    return rows


def _kind_table(paid_rows: list[tuple[int, str, str, date, date, int]]) -> Table:
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for _pk, _village, kind, _reported, _paid_on, rupiah in paid_rows:
        by_kind[kind][0] += 1
        by_kind[kind][1] += rupiah
    rows = tuple(
        (_kind_words(k.value), by_kind[k.value][0], by_kind[k.value][1]) for k in ClaimKind
    )
    return Table(
        title=_("Benefits paid per kind of case"),
        columns=(
            Column(_("Kind of case"), "text"),
            Column(_("Cases paid"), "count"),
            Column(_("Rupiah paid"), "rupiah"),
        ),
        rows=rows,
        total=(_("Total"), sum(r[1] for r in rows), sum(r[2] for r in rows)),
        note=_("Cases BPJS paid in the year (paid or handed over), by the payment date."),
    )


def _component_table(paid: Any) -> Table:
    sums = paid.aggregate(
        **{f"r_{c.value}": Sum(_component_amount(c)) for c in Component},
        **{f"n_{c.value}": Count("pk", filter=Q(paid_amounts__has_key=c.value)) for c in Component},
    )
    rows = tuple(
        (str(COMPONENT_LABELS[c]), int(sums[f"n_{c.value}"] or 0), int(sums[f"r_{c.value}"] or 0))
        for c in Component
        if sums[f"n_{c.value}"]
    )
    return Table(
        title=_("Benefits paid per component"),
        columns=(
            Column(_("Component"), "text"),
            Column(_("Cases with the component"), "count"),
            Column(_("Rupiah paid"), "rupiah"),
        ),
        rows=rows,
        total=(_("Total"), None, sum(r[2] for r in rows)),
        note=_(
            "A case paid for several components counts once under each; components not paid in "
            "the year are left out."
        ),
    )


def _days_table(paid_rows: list[tuple[int, str, str, date, date, int]]) -> Table:
    days: dict[str, list[int]] = defaultdict(list)
    for _pk, _village, kind, reported, paid_on, _rupiah in paid_rows:
        days[kind].append((paid_on - reported).days)
    every = [d for values in days.values() for d in values]
    return Table(
        title=_("Days from the report to the payment"),
        columns=(
            Column(_("Kind of case"), "text"),
            Column(_("Cases paid"), "count"),
            Column(_("Median days"), "days"),
            Column(_("Longest, days"), "days"),
        ),
        rows=tuple(
            (
                _kind_words(k.value),
                len(days[k.value]),
                median_days(days[k.value]),
                max(days[k.value], default=None),
            )
            for k in ClaimKind
        ),
        total=(_("All cases"), len(every), median_days(every), max(every, default=None)),
        note=_(
            "Days: from the day the case was reported in Payung to the day BPJS paid it. "
            "Median: the middle value; for an even number of cases the mean of the two middle "
            "values, rounded half up to a whole day."
        ),
    )


def _case_table(paid_rows: list[tuple[int, str, str, date, date, int]]) -> Table:
    return Table(
        title=_("Cases paid, one by one"),
        columns=(
            Column(_("Case number"), "text"),
            Column(_("Village"), "text"),
            Column(_("Kind of case"), "text"),
            Column(_("Reported on"), "date"),
            Column(_("Paid on"), "date"),
            Column(_("Days"), "days"),
            Column(_("Rupiah paid"), "rupiah"),
        ),
        rows=tuple(
            (
                str(pk),
                village,
                _kind_words(kind),
                reported,
                paid_on,
                (paid_on - reported).days,
                rupiah,
            )
            for pk, village, kind, reported, paid_on, rupiah in paid_rows
        ),
        total=(
            _("Total"),
            None,
            None,
            None,
            None,
            None,
            sum(r[5] for r in paid_rows),
        ),
        note=_(
            "Without the worker's name, the place, the cause or the chronology of the event "
            "(specific personal data, UU 27/2022)."
        ),
    )


def claims_report(
    *, actor: Actor, programme: Programme, year: int, now: datetime | None = None
) -> Report:
    """The claims report of ``programme`` for ``year`` as ``actor`` may read it (403 without
    ``view_programmes``, 404 for a programme outside the reader's region)."""
    programme_readable(actor, programme)
    region = reader_region(actor, programme)
    claims = scoped(Claim.objects.filter(programme=programme), actor)
    paid = claims.filter(status__in=PAID_STATUSES, paid_on__year=year)
    paid_rows = _paid_rows(paid)
    tables = [
        _cases_table(claims, year),
        _kind_table(paid_rows),
        _component_table(paid),
        _days_table(paid_rows),
    ]
    notes = [
        _(
            "Claims of the workers this programme covered on the event's date; a claim of "
            "someone the programme never enrolled is not counted here."
        ),
    ]
    user = actor_user(actor)
    if user is None or user.can(Capability.REPORT_CLAIMS):  # an operator may do everything
        tables.append(_case_table(paid_rows))
    else:
        notes.append(
            _("The list of cases is shown only to those who handle claims; here, the figures.")
        )
    notes.append(
        _("Read within the working region of the user who made the report (%(region)s).")
        % {"region": region_name(region)}
    )
    return Report(
        kind="claims",
        title=_("Claims report: work accidents and deaths"),
        programme_name=str(programme),
        region_name=region_words(region),
        period=month_range(Month(year, 1), Month(year, 12), language()),
        read_at=now or timezone.now(),
        tables=tuple(tables),
        signature=signature_for(actor, region),
        notes=tuple(notes),
    )


__all__ = ["claims_report", "median_days"]
