"""Server-rendered SVG charts (ADR 0045): no script, no CDN; every label escaped; each chart
carries role="img" and a <title>, and the page renders its table twin beside it."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Narrow enough that a phone (about 340 px of content) shows the labels at a readable size.
WIDTH = 420
ROW = 24
LABEL = 150


def bar_chart(title: str, rows: Sequence[tuple[str, int]]) -> SafeString:
    """A horizontal bar chart of ``rows`` (label, value); width-responsive through viewBox."""
    top = max([v for _, v in rows] + [1])
    height = ROW * max(len(rows), 1)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'preserveAspectRatio="xMinYMin meet" width="100%"><title>{escape(title)}</title>'
    ]
    for i, (label, value) in enumerate(rows):
        y = i * ROW
        w = round((WIDTH - LABEL - 60) * max(value, 0) / top)
        parts.append(
            f'<text x="0" y="{y + 16}" font-size="13">{escape(label)}</text>'
            f'<rect x="{LABEL}" y="{y + 4}" width="{w}" height="{ROW - 8}" fill="#2b6cb0"/>'
            f'<text x="{LABEL + w + 4}" y="{y + 16}" font-size="13">'
            f"{escape(f'{value:,}'.replace(',', '.'))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every piece above is escaped
