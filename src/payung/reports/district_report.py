"""The district report (issue 14 item 2): per district (kecamatan) of a programme's regency —
or, for a reader working in one district or one village, per village of it — the places, the
places filled, the waiting list, the candidacies returned to the village, the workers covered in
one month and the coverage as a share of the places.

A pure function of the reader and the parameters. The places, filled and covered figures are
:func:`payung.reports.aggregates.programme_aggregates`' (the same tree the dashboard and the
public page read); the waiting list and the returned candidacies are two more grouped queries on
``registry.Candidate`` by village. Every queryset is scoped to the reader
(``payung.access.scope.scoped``): a village operator gets their village's row only, a
district supervisor their district's villages, another regency's staff "not found".
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from payung.access.actor import Actor
from payung.access.scope import scoped
from payung.domain.period import Month
from payung.domain.regions import Level, RegionCode
from payung.domain.workflow import State
from payung.programmes.models import Programme
from payung.registry.models import Candidate
from payung.reports.aggregates import ProgrammeAggregates, RegionFigures, programme_aggregates
from payung.reports.report import Cell, Column, Report, Table
from payung.reports.signing import (
    month_words,
    programme_readable,
    reader_region,
    region_name,
    region_words,
    signature_for,
)


def share(part: int, whole: int) -> Decimal | None:
    """``part`` as a percentage of ``whole`` with one decimal, rounded half up (``None`` when
    there is no whole: a share of no places says nothing)."""
    if whole <= 0:
        return None
    return (Decimal(part * 100) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _by_village(actor: Actor, programme: Programme, state: State) -> dict[str, int]:
    """The programme's candidacies in ``state`` the reader sees, counted per village (one
    grouped query)."""
    rows = (
        scoped(Candidate.objects.filter(programme=programme, status=state.value), actor)
        .order_by()
        .values("village_id")
        .annotate(n=Count("pk"))
        .values_list("village_id", "n")
    )
    return {str(code): int(n) for code, n in rows}


def _summed(per_village: dict[str, int], level: Level) -> dict[str, int]:
    """Village counts added up per region of ``level`` (a village stays itself)."""
    out: dict[str, int] = defaultdict(int)
    for code, n in per_village.items():
        out[RegionCode(code).ancestor(level).code] += n
    return out


def _row_nodes(
    aggregates: ProgrammeAggregates, district: str | None
) -> tuple[RegionFigures, list[RegionFigures]]:
    """The node whose figures make the total line and the nodes of the rows: the regency and
    its districts, or the reader's ``district`` and its villages (those the reader sees)."""
    node = aggregates.regency
    if district is not None:
        try:
            node = aggregates.region(district)
        except KeyError:  # nothing of the district was read
            return node, []
    return node, list(node.children)


def district_report(
    *, actor: Actor, programme: Programme, month: Month, now: datetime | None = None
) -> Report:
    """The district report of ``programme`` as ``actor`` may read it, "covered" counted in
    ``month`` (403 without ``view_programmes``, 404 for a programme outside the reader's
    region)."""
    programme_readable(actor, programme)
    region = reader_region(actor, programme)
    by_villages = region.level >= Level.DISTRICT
    aggregates = programme_aggregates(actor=actor, programme=programme, month=month)
    district = RegionCode(region.code).ancestor(Level.DISTRICT).code if by_villages else None
    total_node, nodes = _row_nodes(aggregates, district)
    level = Level.VILLAGE if by_villages else Level.DISTRICT
    waiting = _summed(_by_village(actor, programme, State.WAITLISTED), level)
    returned = _summed(_by_village(actor, programme, State.RETURNED), level)
    rows: list[tuple[Cell, ...]] = []
    for node in nodes:
        f = node.figures
        rows.append(
            (
                node.code,
                node.name,
                f.places,
                f.filled,
                waiting.get(node.code, 0),
                returned.get(node.code, 0),
                f.covered,
                share(f.covered, f.places),
            )
        )
    t = total_node.figures
    in_rows = {node.code for node in nodes}
    table = Table(
        title=_("Places, waiting list and coverage per village")
        if by_villages
        else _("Places, waiting list and coverage per district"),
        columns=(
            Column(_("Region code"), "text"),
            Column(_("Village") if by_villages else _("District"), "text"),
            Column(_("Places"), "count"),
            Column(_("Filled"), "count"),
            Column(_("Waiting list"), "count"),
            Column(_("Returned to the village"), "count"),
            Column(_("Covered in %(month)s") % {"month": month_words(month)}, "count"),
            Column(_("Coverage share"), "percent"),
        ),
        rows=tuple(rows),
        total=(
            None,
            _("Total"),
            t.places,
            t.filled,
            sum(n for code, n in waiting.items() if code in in_rows),
            sum(n for code, n in returned.items() if code in in_rows),
            t.covered,
            share(t.covered, t.places),
        ),
        note=_(
            "Places set for a district or for the whole regency (not per village) are counted "
            "in the total line only."
        )
        if t.places != sum(node.figures.places for node in nodes)
        else "",
    )
    return Report(
        kind="district",
        title=_("District report: places, waiting list and coverage"),
        programme_name=str(programme),
        region_name=region_words(region),
        period=month_words(month),
        read_at=now or timezone.now(),
        tables=(table,),
        signature=signature_for(actor, region),
        notes=(
            _("Places: the quota the programme sets for each area."),
            _("Filled: candidacies holding a place (approved, or enrolled with BPJS)."),
            _(
                "Waiting list: candidacies approved when the quota was full, waiting for a free "
                "place in priority order."
            ),
            _(
                "Returned to the village: candidacies the labour office returned for correction, "
                "not yet submitted again."
            ),
            _(
                "Covered in %(month)s: workers whose coverage period holds the month; coverage "
                "share: covered as a percentage of the places."
            )
            % {"month": month_words(month)},
            _("Read within the working region of the user who made the report (%(region)s).")
            % {"region": region_name(region)},
        ),
    )


__all__ = ["district_report", "share"]
