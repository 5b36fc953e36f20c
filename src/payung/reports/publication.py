"""What the public page and the open data publish of a programme's aggregates (ADR 0044).

The raw figures (``reports.aggregates``) go through the disclosure masks
(``payung.domain.disclosure``) here, once, so the page, the CSV and the JSON publish the same
cells:

* places, their cost (committed) and the budget are about places and money, not persons: shown;
* filled, covered this month and claims paid are counts of persons: each has its own mask over
  the tree regency → districts → villages;
* the rupiah that follow persons follow their count's mask: claims paid rupiah (one death pays
  Rp42,000,000), and billed and paid (a worker-month costs Rp16,800), which are withheld wherever
  the region's filled or covered count is;
* the split of the claims by benefit (JKK, JKM) is a group of its own under the regency total.

No name, NIK, address, cause or any record of a person is read here: only grouped counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from django.conf import settings

from payung.domain.disclosure import (
    DEFAULT_THRESHOLD,
    SAID_COMPLEMENTARY,
    Mask,
    Node,
    Withheld,
    disclose,
    said_small,
)
from payung.domain.errors import message_for
from payung.domain.money import format_rupiah
from payung.domain.regions import Level
from payung.reports.aggregates import Benefit, ProgrammeAggregates, RegionFigures

# Counts of persons, each with its own mask.
PERSON_COUNTS: Final = ("filled", "covered", "claims_paid")


def threshold() -> int:
    """The disclosure threshold: ``PAYUNG_DISCLOSURE_THRESHOLD``, 5 unless set."""
    return int(getattr(settings, "PAYUNG_DISCLOSURE_THRESHOLD", DEFAULT_THRESHOLD))


def pbpu_population(regency: str) -> dict[str, Any] | None:
    """The PBPU population of a regency when an operator has given it
    (``PAYUNG_PBPU_POPULATION = {"32.01": {"value": …, "year": …, "source": "…"}}``): Payung does
    not know it by itself, and never makes it up."""
    known = getattr(settings, "PAYUNG_PBPU_POPULATION", {}) or {}
    entry = known.get(regency)
    return dict(entry) if entry else None


@dataclass(frozen=True)
class Cell:
    """One published value: the number, or None with why it is withheld."""

    value: int | None
    withheld: Withheld | None = None
    rupiah: bool = False

    def text(self, lang: str, limit: int) -> str:
        if self.withheld is not None and self.rupiah:
            # "< 5" next to an amount would read as "under Rp5": an amount is said withheld.
            return message_for(SAID_COMPLEMENTARY, lang)
        if self.withheld is Withheld.SMALL:
            return said_small(limit)
        if self.withheld is Withheld.COMPLEMENTARY:
            return message_for(SAID_COMPLEMENTARY, lang)
        if self.value is None:
            return "—"
        return format_rupiah(self.value) if self.rupiah else f"{self.value:,}".replace(",", ".")


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    level: Level
    cells: dict[str, Cell]
    children: tuple[Row, ...] = ()


@dataclass(frozen=True)
class Publication:
    aggregates: ProgrammeAggregates
    threshold: int
    regency: Row
    claims_by_benefit: dict[str, tuple[Cell, Cell]]
    indicator: Cell | None  # 06.02.021 in basis points of a percent (None: population unknown)
    population: dict[str, Any] | None
    generated_at: datetime

    @property
    def districts(self) -> tuple[Row, ...]:
        return self.regency.children

    def any_withheld(self) -> bool:
        return any(c.withheld for row in _walk(self.regency) for c in row.cells.values())


def _walk(row: Row) -> Any:
    yield row
    for child in row.children:
        yield from _walk(child)


def _tree(node: RegionFigures, figure: str) -> Node:
    return Node(
        node.code,
        int(getattr(node.figures, figure)),
        tuple(_tree(child, figure) for child in node.children),
    )


def _cell(value: int | None, reason: Withheld | None, *, rupiah: bool = False) -> Cell:
    return Cell(None if reason else value, reason, rupiah)


def _money_reason(masks: dict[str, Mask], code: str) -> Withheld | None:
    reasons = [masks[f].withheld(code) for f in ("filled", "covered")]
    return next((r for r in reasons if r is not None), None)


def _row(node: RegionFigures, masks: dict[str, Mask]) -> Row:
    f = node.figures
    code = node.code
    claims = masks["claims_paid"].withheld(code)
    money = _money_reason(masks, code)
    cells = {
        "places": Cell(f.places),
        "filled": _cell(f.filled, masks["filled"].withheld(code)),
        "covered": _cell(f.covered, masks["covered"].withheld(code)),
        "claims_paid": _cell(f.claims_paid, claims),
        "claims_paid_rupiah": _cell(f.claims_paid_rupiah, claims, rupiah=True),
        "budget": Cell(f.budget, rupiah=True),
        "committed": Cell(f.committed, rupiah=True),
        "billed": _cell(f.billed, money, rupiah=True),
        "paid": _cell(f.paid, money, rupiah=True),
    }
    return Row(code, node.name, node.level, cells, tuple(_row(c, masks) for c in node.children))


def _by_benefit(
    aggregates: ProgrammeAggregates, limit: int, total_withheld: bool
) -> dict[str, tuple[Cell, Cell]]:
    counts = aggregates.claims_by_benefit
    total = aggregates.regency.figures.claims_paid
    group = Node(
        "total",
        total,
        tuple(
            Node(benefit, counts.get(benefit, (0, 0))[0]) for benefit in (Benefit.JKK, Benefit.JKM)
        ),
    )
    reasons = dict(disclose(group, threshold=limit).reasons)
    nonzero = [c for c in group.children if c.count]
    if total_withheld and nonzero and not any(c.key in reasons for c in group.children):
        # The regency's total is withheld: the split may not add up to it.
        reasons[min(nonzero, key=lambda c: (c.count, c.key)).key] = Withheld.COMPLEMENTARY
    out = {}
    for benefit in (Benefit.JKK, Benefit.JKM):
        n, rupiah = counts.get(benefit, (0, 0))
        reason = reasons.get(benefit)
        out[benefit] = (_cell(n, reason), _cell(rupiah, reason, rupiah=True))
    return out


def _indicator(aggregates: ProgrammeAggregates, population: dict[str, Any] | None) -> Cell | None:
    if not population or not int(population.get("value") or 0):
        return None
    covered = aggregates.regency.figures.covered
    # A share in hundredths of a percent, rounded half up: exact integers, no float.
    return Cell((covered * 10_000 * 2 + int(population["value"])) // (2 * int(population["value"])))


def publication(
    aggregates: ProgrammeAggregates, *, now: datetime, limit: int | None = None
) -> Publication:
    """``aggregates`` as they may be published, with the threshold ``limit`` (the setting's
    unless given)."""
    limit = threshold() if limit is None else limit
    masks = {f: disclose(_tree(aggregates.regency, f), threshold=limit) for f in PERSON_COUNTS}
    root = _row(aggregates.regency, masks)
    population = pbpu_population(aggregates.programme.regency_id)
    indicator = _indicator(aggregates, population)
    if indicator is not None and masks["covered"].withheld(aggregates.regency.code):
        indicator = Cell(None, masks["covered"].withheld(aggregates.regency.code))
    return Publication(
        aggregates=aggregates,
        threshold=limit,
        regency=root,
        claims_by_benefit=_by_benefit(
            aggregates, limit, not masks["claims_paid"].shown(aggregates.regency.code)
        ),
        indicator=indicator,
        population=population,
        generated_at=now,
    )
