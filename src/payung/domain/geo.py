"""Pure geometry for the district maps (ADR 0047): no Django, no GIS library.

A regency uploads its own boundary GeoJSON; this module checks that each geometry is a
Polygon or MultiPolygon whose coordinates lie within Indonesia's bounds, and turns rings
into SVG path strings through an equirectangular projection scaled by cos(mid-latitude).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

LON_MIN, LON_MAX = 95.0, 141.0
LAT_MIN, LAT_MAX = -11.0, 6.0

Ring = list[tuple[float, float]]


class GeoError(ValueError):
    """A geometry the map cannot use; `code` is the stable error code shown with the message."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def in_indonesia(lon: float, lat: float) -> bool:
    return LON_MIN <= lon <= LON_MAX and LAT_MIN <= lat <= LAT_MAX


def _point(raw: object) -> tuple[float, float]:
    if not isinstance(raw, list | tuple) or len(raw) < 2:
        raise GeoError("geo.point")
    lon, lat = raw[0], raw[1]
    if isinstance(lon, bool) or isinstance(lat, bool):
        raise GeoError("geo.point")
    if not isinstance(lon, int | float) or not isinstance(lat, int | float):
        raise GeoError("geo.point")
    if not in_indonesia(float(lon), float(lat)):
        raise GeoError("geo.bounds")
    return float(lon), float(lat)


def _ring(raw: object) -> Ring:
    if not isinstance(raw, list) or len(raw) < 4:
        raise GeoError("geo.ring")
    return [_point(p) for p in raw]


def rings_of(geometry: object) -> list[Ring]:
    """Every ring (outer and holes) of a Polygon or MultiPolygon; anything else is refused."""
    if not isinstance(geometry, dict):
        raise GeoError("geo.type")
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [coords]
    elif kind == "MultiPolygon":
        if not isinstance(coords, list):
            raise GeoError("geo.ring")
        polygons = coords
    else:
        raise GeoError("geo.type")
    rings: list[Ring] = []
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            raise GeoError("geo.ring")
        rings.extend(_ring(r) for r in polygon)
    return rings


@dataclass(frozen=True)
class Frame:
    """Bounding box and projection into a viewBox `width` wide."""

    lon_min: float
    lat_min: float
    lon_max: float
    lat_max: float
    width: float

    @property
    def kx(self) -> float:
        return math.cos(math.radians((self.lat_min + self.lat_max) / 2))

    @property
    def scale(self) -> float:
        span = (self.lon_max - self.lon_min) * self.kx
        return self.width / span if span > 0 else 1.0

    @property
    def height(self) -> float:
        return round((self.lat_max - self.lat_min) * self.scale, 1)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.lon_min) * self.kx * self.scale
        y = (self.lat_max - lat) * self.scale
        return round(x, 1), round(y, 1)


def frame(rings: list[Ring], width: float) -> Frame:
    points = [p for ring in rings for p in ring]
    if not points:
        raise GeoError("geo.empty")
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return Frame(min(lons), min(lats), max(lons), max(lats), width)


def ring_path(ring: Ring, fr: Frame) -> str:
    """'M x y L x y … Z', consecutive duplicate points (after rounding) dropped."""
    out: list[tuple[float, float]] = []
    for lon, lat in ring:
        xy = fr.project(lon, lat)
        if not out or out[-1] != xy:
            out.append(xy)
    if len(out) > 1 and out[-1] == out[0]:
        out.pop()
    parts = [f"{x:g} {y:g}" for x, y in out]
    return "M" + " L".join(parts) + " Z"


def path_of(rings: list[Ring], fr: Frame) -> str:
    """One SVG path for all rings (holes drawn with fill-rule evenodd)."""
    return " ".join(ring_path(r, fr) for r in rings)
