"""Pure geometry for the district maps (ADR 0047): no Django, no GIS library.

A regency uploads its own boundary GeoJSON (no package Payung may use ships Indonesian
boundaries). :func:`boundary_drawing` checks the whole file before anything is kept: a
FeatureCollection whose every feature names one district of the regency by its Kemendagri code
and is a Polygon or MultiPolygon in longitude/latitude within Indonesia's bounds. It projects the
rings equirectangularly (longitude scaled by the cosine of the middle latitude, which at 6–7° S
is within 0.6% of a conformal projection across a regency), simplifies them to whole pixels of a
fixed-width picture (Douglas–Peucker, one pixel), and returns one SVG path per district. What is
kept is the drawing, small enough for a page under 100 KB, not the surveyed coordinates.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Final

from payung.domain.errors import DomainError, register

LON_MIN, LON_MAX = 95.0, 141.0
LAT_MIN, LAT_MAX = -11.0, 6.0
WIDTH: Final = 600  # the drawing's width in its own units (the SVG viewBox)
TOLERANCE: Final = 1.0  # how far, in those units, a simplified line may stray from the survey
MAX_POINTS: Final = 2_000_000  # points in one file: beyond, the upload is refused, not truncated

Point = tuple[float, float]
Ring = list[Point]

GEO_COLLECTION = register(
    "geo.collection",
    id='Berkas bukan GeoJSON FeatureCollection (harus berisi "type": "FeatureCollection" '
    'dan daftar "features").',
    en='The file is not a GeoJSON FeatureCollection (it must hold "type": "FeatureCollection" '
    'and a list of "features").',
)
GEO_NO_CODE = register(
    "geo.no_code",
    id='Fitur ke-{number} tidak punya properti "{property}" berisi kode kecamatan.',
    en='Feature {number} has no property "{property}" holding a district code.',
)
GEO_UNKNOWN = register(
    "geo.unknown_code",
    id="Kode berikut bukan kecamatan di {regency}: {codes}. Gunakan kode Kemendagri "
    "(mis. 32.01.01).",
    en="These codes are not districts of {regency}: {codes}. Use Kemendagri codes (e.g. 32.01.01).",
)
GEO_TWICE = register(
    "geo.code_twice",
    id="Kecamatan {code} muncul lebih dari sekali; gabungkan bagian-bagiannya menjadi satu "
    "MultiPolygon.",
    en="District {code} appears more than once; join its parts into one MultiPolygon.",
)
GEO_TYPE = register(
    "geo.type",
    id="Bentuk kecamatan {code} bukan Polygon atau MultiPolygon.",
    en="The shape of district {code} is not a Polygon or a MultiPolygon.",
)
GEO_RING = register(
    "geo.ring",
    id="Batas kecamatan {code} tidak tertutup: setiap cincin perlu sedikitnya 4 titik.",
    en="The boundary of district {code} is not closed: every ring needs at least 4 points.",
)
GEO_POINT = register(
    "geo.point",
    id="Titik pada batas kecamatan {code} bukan pasangan angka [bujur, lintang].",
    en="A point on the boundary of district {code} is not a pair of numbers [longitude, latitude].",
)
GEO_BOUNDS = register(
    "geo.bounds",
    id="Titik {lon}, {lat} pada kecamatan {code} di luar Indonesia. Simpan berkas dalam "
    "bujur/lintang WGS 84 (EPSG:4326), bukan UTM.",
    en="Point {lon}, {lat} of district {code} lies outside Indonesia. Save the file in "
    "WGS 84 longitude/latitude (EPSG:4326), not UTM.",
)
GEO_EMPTY = register(
    "geo.empty",
    id="Berkas tidak berisi satu pun kecamatan.",
    en="The file holds no district.",
)
GEO_TOO_BIG = register(
    "geo.too_many_points",
    id="Berkas berisi lebih dari {limit} titik. Sederhanakan dulu (mis. mapshaper, 1%).",
    en="The file holds more than {limit} points. Simplify it first (e.g. mapshaper, 1%).",
)


def in_indonesia(lon: float, lat: float) -> bool:
    return LON_MIN <= lon <= LON_MAX and LAT_MIN <= lat <= LAT_MAX


def district_code(raw: object) -> str | None:
    """A Kemendagri district code as written in a file (``32.01.01``, ``320101``, a number
    320101) in its dotted form, or None when it is not one."""
    text = str(raw).strip()  # True, None or a float never reads as six digits
    digits = text.replace(".", "")
    if len(digits) != 6 or not digits.isdigit():
        return None
    if "." in text and text != f"{digits[:2]}.{digits[2:4]}.{digits[4:]}":
        return None
    return f"{digits[:2]}.{digits[2:4]}.{digits[4:]}"


def _point(raw: object, code: str) -> Point:
    if not isinstance(raw, list | tuple) or len(raw) < 2:
        raise DomainError(GEO_POINT, code=code)
    lon, lat = raw[0], raw[1]
    if isinstance(lon, bool) or isinstance(lat, bool):
        raise DomainError(GEO_POINT, code=code)
    if not isinstance(lon, int | float) or not isinstance(lat, int | float):
        raise DomainError(GEO_POINT, code=code)
    if not in_indonesia(float(lon), float(lat)):
        raise DomainError(GEO_BOUNDS, lon=lon, lat=lat, code=code)
    return float(lon), float(lat)


def _ring(raw: object, code: str) -> Ring:
    if not isinstance(raw, list) or len(raw) < 4:
        raise DomainError(GEO_RING, code=code)
    return [_point(p, code) for p in raw]


def rings_of(geometry: object, code: str) -> list[Ring]:
    """Every ring (outer and holes) of a Polygon or MultiPolygon; anything else is refused."""
    if not isinstance(geometry, dict):
        raise DomainError(GEO_TYPE, code=code)
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [coords]
    elif kind == "MultiPolygon":
        if not isinstance(coords, list):
            raise DomainError(GEO_RING, code=code)
        polygons = coords
    else:
        raise DomainError(GEO_TYPE, code=code)
    rings: list[Ring] = []
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            raise DomainError(GEO_RING, code=code)
        rings.extend(_ring(r, code) for r in polygon)
    return rings


@dataclass(frozen=True)
class Frame:
    """Bounding box and projection into a picture ``width`` wide."""

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

    def project(self, lon: float, lat: float) -> Point:
        x = (lon - self.lon_min) * self.kx * self.scale
        y = (self.lat_max - lat) * self.scale
        return round(x, 1), round(y, 1)


def frame(rings: Sequence[Ring], width: float) -> Frame:
    points = [p for ring in rings for p in ring]
    if not points:
        raise DomainError(GEO_EMPTY)
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return Frame(min(lons), min(lats), max(lons), max(lats), width)


def _off_line(p: Point, a: Point, b: Point) -> float:
    """How far ``p`` lies from the segment a–b."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy))


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker: the fewest of ``points`` (first and last kept) such that none left out
    lies farther than ``tolerance`` from the line kept. Iterative, so a long ring cannot
    exhaust the stack."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        far, index = 0.0, -1
        for i in range(first + 1, last):
            distance = _off_line(points[i], points[first], points[last])
            if distance > far:
                far, index = distance, i
        if index >= 0 and far > tolerance:
            keep[index] = True
            stack.extend(((first, index), (index, last)))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def ring_path(ring: Ring, fr: Frame, tolerance: float = 0.0) -> str:
    """``M x y L x y … Z`` of the projected ring, simplified to ``tolerance`` and with
    consecutive points that round to the same place dropped; "" when fewer than three remain
    (an islet smaller than the tolerance is not drawn)."""
    projected: list[Point] = []
    for lon, lat in ring:
        xy = fr.project(lon, lat)
        if not projected or projected[-1] != xy:
            projected.append(xy)
    out = simplify(projected, tolerance) if tolerance > 0 else projected
    if out and out[-1] == out[0]:  # a closed ring: Z draws the closing side
        out = out[:-1]
    if len(out) < 3:
        return ""
    if tolerance >= 1:  # whole units are all the picture needs
        out = [(float(round(x)), float(round(y))) for x, y in out]
    parts = [f"{x:g} {y:g}" for x, y in out]
    return "M" + " L".join(parts) + " Z"


def path_of(rings: Sequence[Ring], fr: Frame, tolerance: float = 0.0) -> str:
    """One SVG path for all rings (holes drawn with fill-rule evenodd)."""
    return " ".join(p for p in (ring_path(r, fr, tolerance) for r in rings) if p)


def _dot(rings: Sequence[Ring], fr: Frame) -> str:
    x, y = fr.project(*rings[0][0])
    return f"M{x - 1:g} {y - 1:g} L{x + 1:g} {y - 1:g} L{x + 1:g} {y + 1:g} L{x - 1:g} {y + 1:g} Z"


@dataclass(frozen=True)
class BoundaryDrawing:
    """The districts of one regency as SVG paths in a ``width`` × ``height`` picture."""

    width: int
    height: int
    paths: dict[str, str]  # district code → SVG path
    missing: tuple[str, ...]  # districts of the regency the file does not draw
    points: int  # points read from the file


def boundary_drawing(
    collection: object,
    *,
    code_property: str,
    districts: Collection[str],
    regency: str,
    width: int = WIDTH,
) -> BoundaryDrawing:
    """Check a boundary file (parsed JSON) against the regency's ``districts`` and draw it.

    Every feature must name a district of the regency in ``code_property``; a district may be
    missing (it is listed, and the page shows it in the table only), never doubled. Nothing is
    drawn from a file that fails any check."""
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise DomainError(GEO_COLLECTION)
    features = collection.get("features")
    if not isinstance(features, list):
        raise DomainError(GEO_COLLECTION)
    if not features:
        raise DomainError(GEO_EMPTY)
    shapes: dict[str, list[Ring]] = {}
    unknown: list[str] = []
    points = 0
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        raw = properties.get(code_property) if isinstance(properties, dict) else None
        if raw is None or raw == "":
            raise DomainError(GEO_NO_CODE, number=number, property=code_property)
        code = district_code(raw)
        if code is None or code not in districts:
            unknown.append(str(raw))
            continue
        if code in shapes:
            raise DomainError(GEO_TWICE, code=code)
        assert isinstance(feature, dict)  # noqa: S101 — properties were read from it
        rings = rings_of(feature.get("geometry"), code)
        points += sum(len(r) for r in rings)
        if points > MAX_POINTS:
            raise DomainError(GEO_TOO_BIG, limit=f"{MAX_POINTS:,}".replace(",", "."))
        shapes[code] = rings
    if unknown:
        shown = ", ".join(sorted(set(unknown))[:10]) + (" …" if len(set(unknown)) > 10 else "")
        raise DomainError(GEO_UNKNOWN, regency=regency, codes=shown)
    fr = frame([ring for rings in shapes.values() for ring in rings], width)
    paths = {}
    for code, rings in sorted(shapes.items()):
        # An islet smaller than a pixel vanishes; a whole district never does (at worst it is
        # a dot of two units where its first point lies).
        paths[code] = path_of(rings, fr, TOLERANCE) or path_of(rings, fr) or _dot(rings, fr)
    return BoundaryDrawing(
        width=width,
        height=max(1, math.ceil(fr.height)),
        paths=paths,
        missing=tuple(sorted(set(districts) - set(shapes))),
        points=points,
    )
