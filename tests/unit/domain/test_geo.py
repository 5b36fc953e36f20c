"""domain.geo: boundary geometry checks and SVG paths (ADR 0047)."""

import math

import pytest

from payung.domain.geo import (
    Frame,
    GeoError,
    frame,
    in_indonesia,
    path_of,
    ring_path,
    rings_of,
)

SQUARE = [[106.0, -6.0], [107.0, -6.0], [107.0, -7.0], [106.0, -7.0], [106.0, -6.0]]


def code(exc: pytest.ExceptionInfo[GeoError]) -> str:
    return exc.value.code


@pytest.mark.parametrize(
    ("lon", "lat", "ok"),
    [
        (95.0, -11.0, True),
        (141.0, 6.0, True),
        (94.99, 0.0, False),
        (141.01, 0.0, False),
        (100.0, -11.01, False),
        (100.0, 6.01, False),
    ],
)
def test_bounds_at_the_limits(lon: float, lat: float, ok: bool) -> None:
    assert in_indonesia(lon, lat) is ok


def test_polygon_rings() -> None:
    rings = rings_of({"type": "Polygon", "coordinates": [SQUARE]})
    assert rings == [[(106.0, -6.0), (107.0, -6.0), (107.0, -7.0), (106.0, -7.0), (106.0, -6.0)]]


def test_multipolygon_with_hole() -> None:
    hole = [[106.2, -6.2], [106.4, -6.2], [106.4, -6.4], [106.2, -6.2]]
    rings = rings_of({"type": "MultiPolygon", "coordinates": [[SQUARE, hole], [SQUARE]]})
    assert len(rings) == 3
    assert rings[1][0] == (106.2, -6.2)


def test_integer_coordinates_accepted() -> None:
    assert rings_of(
        {"type": "Polygon", "coordinates": [[[106, -6], [107, -6], [107, -7], [106, -6]]]}
    )[0][0] == (
        106.0,
        -6.0,
    )


@pytest.mark.parametrize(
    ("geometry", "expected"),
    [
        ({"type": "Point", "coordinates": [106.0, -6.0]}, "geo.type"),
        ({"type": "LineString", "coordinates": SQUARE}, "geo.type"),
        ("Polygon", "geo.type"),
        ({"type": "Polygon", "coordinates": []}, "geo.ring"),
        ({"type": "Polygon", "coordinates": "x"}, "geo.ring"),
        ({"type": "MultiPolygon", "coordinates": "x"}, "geo.ring"),
        ({"type": "MultiPolygon", "coordinates": [[]]}, "geo.ring"),
        ({"type": "Polygon", "coordinates": [SQUARE[:3]]}, "geo.ring"),
        ({"type": "Polygon", "coordinates": ["abcd"]}, "geo.ring"),
        (
            {
                "type": "Polygon",
                "coordinates": [[[106.0], [107.0, -6.0], [107.0, -7.0], [106.0, -6.0]]],
            },
            "geo.point",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [["ab", [107.0, -6.0], [107.0, -7.0], [106.0, -6.0]]],
            },
            "geo.point",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[True, -6.0], [107.0, -6.0], [107.0, -7.0], [106.0, -6.0]]],
            },
            "geo.point",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[106.0, False], [107.0, -6.0], [107.0, -7.0], [106.0, -6.0]]],
            },
            "geo.point",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[["106", -6.0], [107.0, -6.0], [107.0, -7.0], [106.0, -6.0]]],
            },
            "geo.point",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[106.0, "-6"], [107.0, -6.0], [107.0, -7.0], [106.0, -6.0]]],
            },
            "geo.point",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[-6.0, 106.0], [107.0, -6.0], [107.0, -7.0], [106.0, -6.0]]],
            },
            "geo.bounds",
        ),
    ],
)
def test_refusals(geometry: object, expected: str) -> None:
    with pytest.raises(GeoError) as exc:
        rings_of(geometry)
    assert code(exc) == expected
    assert str(exc.value) == expected


def test_frame_of_a_square() -> None:
    fr = frame(rings_of({"type": "Polygon", "coordinates": [SQUARE]}), 100)
    assert fr == Frame(106.0, -7.0, 107.0, -6.0, 100)
    assert fr.kx == pytest.approx(math.cos(math.radians(-6.5)))
    assert fr.scale == pytest.approx(100 / fr.kx)
    assert fr.height == round(1 / fr.kx * 100, 1) == 100.6
    assert fr.project(106.0, -6.0) == (0.0, 0.0)
    assert fr.project(107.0, -7.0) == (100.0, 100.6)


def test_empty_frame_refused() -> None:
    with pytest.raises(GeoError) as exc:
        frame([], 100)
    assert code(exc) == "geo.empty"


def test_degenerate_frame_scale_is_one() -> None:
    assert Frame(106.0, -6.0, 106.0, -6.0, 100).scale == 1.0
    assert Frame(106.0, -6.0, 106.0, -5.0, 100).scale == 1.0


def test_square_path_exact() -> None:
    rings = rings_of({"type": "Polygon", "coordinates": [SQUARE]})
    fr = frame(rings, 100)
    assert ring_path(rings[0], fr) == "M0 0 L100 0 L100 100.6 L0 100.6 Z"


def test_duplicates_after_rounding_dropped_and_unclosed_ring_kept() -> None:
    fr = Frame(106.0, -7.0, 107.0, -6.0, 100)
    ring = [(106.0, -6.0), (106.0001, -6.0), (107.0, -6.0), (107.0, -7.0)]
    assert ring_path(ring, fr) == "M0 0 L100 0 L100 100.6 Z"


def test_single_point_ring_not_popped() -> None:
    fr = Frame(106.0, -7.0, 107.0, -6.0, 100)
    assert ring_path([(106.0, -6.0), (106.0, -6.0)], fr) == "M0 0 Z"


def test_multipolygon_and_hole_path() -> None:
    hole = [[106.5, -6.5], [106.6, -6.5], [106.6, -6.6], [106.5, -6.5]]
    rings = rings_of({"type": "MultiPolygon", "coordinates": [[SQUARE, hole]]})
    fr = frame(rings, 100)
    assert path_of(rings, fr) == "M0 0 L100 0 L100 100.6 L0 100.6 Z M50 50.3 L60 50.3 L60 60.4 Z"
