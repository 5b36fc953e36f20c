"""Coverage per district as a map (ADR 0047), drawn on the server: an inline SVG choropleth from
the regency's uploaded boundaries, or, while none is in use, a grid of tiles — one per district,
in code order — that wraps on a phone. No script, no base-map tiles, nothing from the internet;
every label escaped. Either comes with a legend, and the page keeps its table beside it (the
table twin), so a reader without sight or a printer in grey loses nothing.

A district whose count is withheld on the public page is hatched, not coloured: its share would
give the count away."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from payung.domain.money import format_basis_points, format_count
from payung.regions.models import Boundary
from payung.reports.dashboard import share

# ColorBrewer "Blues", five classes (colour-blind safe, prints in grey in order).
COLOURS = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
NO_PLACES = "#f2f2f2"
BANDS = 5  # classes of 20 percentage points: 0–<20 %, …, 80–100 %


@dataclass(frozen=True)
class Area:
    """One district on a map: its share in basis points of a percent (10000 = 100 %), or None
    (no places, or withheld), and what its label says."""

    code: str
    name: str
    share: int | None
    says: str
    withheld: bool = False


def coverage_area(code: str, name: str, covered: int, places: int, lang: str) -> Area:
    """A district coloured by covered of places (``reports.dashboard.share``), said in words."""
    ratio = share(covered, places)
    if ratio is None:
        return Area(code, name, None, _("no places"))
    says = _("{share} ({covered} of {places} places)").format(
        share=format_basis_points(ratio, lang),
        covered=format_count(covered),
        places=format_count(places),
    )
    return Area(code, name, ratio, says)


def band(share: int) -> int:
    """The class of a share in basis points: 0 for under 20 %, …, 4 for 80 % and over."""
    return min(BANDS - 1, max(0, share) * BANDS // 10_000)


def _fill(area: Area) -> str:
    if area.withheld:
        return "url(#hatch)"
    if area.share is None:
        return NO_PLACES
    return COLOURS[band(area.share)]


def _legend(withheld: bool) -> str:
    items = []
    for i, colour in enumerate(COLOURS):
        low, high = i * 20, (i + 1) * 20
        text = f"{low}–<{high} %" if i < BANDS - 1 else f"{low}–100 %"
        items.append(f'<li><span class="swatch" style="background:{colour}"></span>{text}</li>')
    items.append(
        f'<li><span class="swatch" style="background:{NO_PLACES}"></span>'
        f"{escape(_('no places'))}</li>"
    )
    if withheld:
        items.append(
            f'<li><span class="swatch hatched"></span>{escape(_("withheld (small numbers)"))}</li>'
        )
    return f'<ul class="legend">{"".join(items)}</ul>'


def _svg(title: str, boundary: Boundary, areas: Sequence[Area]) -> str:
    parts = [
        f'<svg class="map" viewBox="0 0 {boundary.width} {boundary.height}" role="img" '
        f'width="100%" preserveAspectRatio="xMidYMid meet"><title>{escape(title)}</title>'
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#777777" stroke-width="2"/></pattern></defs>'
    ]
    for area in areas:
        path = boundary.paths.get(area.code)
        if not path:
            continue
        parts.append(
            f'<path d="{escape(path)}" fill="{_fill(area)}" fill-rule="evenodd" '
            f'stroke="#ffffff" stroke-width="1" data-code="{escape(area.code)}">'
            f"<title>{escape(area.name)}: {escape(area.says)}</title></path>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _tiles(title: str, areas: Sequence[Area]) -> str:
    tiles = []
    for area in areas:
        style = ' class="hatched"' if area.withheld else f' style="background:{_fill(area)}"'
        tiles.append(
            f'<li{style} data-code="{escape(area.code)}"><span class="tile">'
            f"<strong>{escape(area.name)}</strong> {escape(area.says)}</span></li>"
        )
    return f'<ul class="tiles" aria-label="{escape(title)}">{"".join(tiles)}</ul>'


def district_map(title: str, boundary: Boundary | None, areas: Sequence[Area]) -> SafeString:
    """The map of ``areas`` (districts), the choropleth when ``boundary`` is given, else tiles;
    with its legend. Areas the boundary does not draw are left to the table."""
    withheld = any(a.withheld for a in areas)
    body = _svg(title, boundary, areas) if boundary is not None else _tiles(title, areas)
    return mark_safe(body + _legend(withheld))  # noqa: S308 — every piece above is escaped
