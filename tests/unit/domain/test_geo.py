"""domain.geo: boundary geometry checks and SVG paths (ADR 0047)."""

import math

import pytest

from payung.domain.errors import DomainError
from payung.domain.geo import (
    Frame,
    boundary_drawing,
    district_code,
    frame,
    in_indonesia,
    path_of,
    ring_path,
    rings_of,
    simplify,
)

SQUARE = [[106.0, -6.0], [107.0, -6.0], [107.0, -7.0], [106.0, -7.0], [106.0, -6.0]]


def code(exc: pytest.ExceptionInfo[DomainError]) -> str:
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
    rings = rings_of({"type": "Polygon", "coordinates": [SQUARE]}, "32.01.01")
    assert rings == [[(106.0, -6.0), (107.0, -6.0), (107.0, -7.0), (106.0, -7.0), (106.0, -6.0)]]


def test_multipolygon_with_hole() -> None:
    hole = [[106.2, -6.2], [106.4, -6.2], [106.4, -6.4], [106.2, -6.2]]
    rings = rings_of(
        {"type": "MultiPolygon", "coordinates": [[SQUARE, hole], [SQUARE]]}, "32.01.01"
    )
    assert len(rings) == 3
    assert rings[1][0] == (106.2, -6.2)


def test_integer_coordinates_accepted() -> None:
    square = {"type": "Polygon", "coordinates": [[[106, -6], [107, -6], [107, -7], [106, -6]]]}
    assert rings_of(square, "32.01.01")[0][0] == (106.0, -6.0)


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
    with pytest.raises(DomainError) as exc:
        rings_of(geometry, "32.01.01")
    assert code(exc) == expected
    assert "32.01.01" in exc.value.message("id")


def test_projection_keeps_a_tenth_of_a_unit() -> None:
    fr = Frame(106.0, -7.0, 107.0, -6.0, 100)
    assert fr.project(106.5, -6.5) == (50.0, 50.3)
    assert fr.project(106.123, -6.0) == (12.3, 0.0)


def test_frame_of_a_square() -> None:
    fr = frame(rings_of({"type": "Polygon", "coordinates": [SQUARE]}, "32.01.01"), 100)
    assert fr == Frame(106.0, -7.0, 107.0, -6.0, 100)
    assert fr.kx == pytest.approx(math.cos(math.radians(-6.5)))
    assert fr.scale == pytest.approx(100 / fr.kx)
    assert fr.height == round(1 / fr.kx * 100, 1) == 100.6
    assert fr.project(106.0, -6.0) == (0.0, 0.0)
    assert fr.project(107.0, -7.0) == (100.0, 100.6)


def test_empty_frame_refused() -> None:
    with pytest.raises(DomainError) as exc:
        frame([], 100)
    assert code(exc) == "geo.empty"


def test_degenerate_frame_scale_is_one() -> None:
    assert Frame(106.0, -6.0, 106.0, -6.0, 100).scale == 1.0
    assert Frame(106.0, -6.0, 106.0, -5.0, 100).scale == 1.0


def test_square_path_exact() -> None:
    rings = rings_of({"type": "Polygon", "coordinates": [SQUARE]}, "32.01.01")
    fr = frame(rings, 100)
    assert ring_path(rings[0], fr) == "M0 0 L100 0 L100 100.6 L0 100.6 Z"


def test_duplicates_after_rounding_dropped_and_unclosed_ring_kept() -> None:
    fr = Frame(106.0, -7.0, 107.0, -6.0, 100)
    ring = [(106.0, -6.0), (106.0001, -6.0), (107.0, -6.0), (107.0, -7.0)]
    assert ring_path(ring, fr) == "M0 0 L100 0 L100 100.6 Z"


def test_a_ring_of_fewer_than_three_places_is_not_drawn() -> None:
    fr = Frame(106.0, -7.0, 107.0, -6.0, 100)
    assert ring_path([(106.0, -6.0), (106.0, -6.0)], fr) == ""
    assert ring_path([(106.0, -6.0), (106.5, -6.0), (106.0, -6.0)], fr) == ""


def test_multipolygon_and_hole_path() -> None:
    hole = [[106.5, -6.5], [106.6, -6.5], [106.6, -6.6], [106.5, -6.5]]
    rings = rings_of({"type": "MultiPolygon", "coordinates": [[SQUARE, hole]]}, "32.01.01")
    fr = frame(rings, 100)
    assert path_of(rings, fr) == "M0 0 L100 0 L100 100.6 L0 100.6 Z M50 50.3 L60 50.3 L60 60.4 Z"


# Simplification ---------------------------------------------------------------------------


def test_simplify_drops_what_lies_within_the_tolerance_and_keeps_what_does_not() -> None:
    line = [(0.0, 0.0), (1.0, 0.4), (2.0, 0.0), (3.0, 5.0), (4.0, 0.0)]
    assert simplify(line, 1.0) == [(0.0, 0.0), (2.0, 0.0), (3.0, 5.0), (4.0, 0.0)]
    # exactly the tolerance is within it
    assert simplify([(0.0, 0.0), (1.0, 1.0), (2.0, 0.0)], 1.0) == [(0.0, 0.0), (2.0, 0.0)]
    assert simplify([(0.0, 0.0), (1.0, 1.01), (2.0, 0.0)], 1.0) == [
        (0.0, 0.0),
        (1.0, 1.01),
        (2.0, 0.0),
    ]
    assert simplify([(0.0, 0.0), (1.0, 9.0)], 1.0) == [(0.0, 0.0), (1.0, 9.0)]


def test_simplify_measures_to_the_segment_not_the_line_through_it() -> None:
    # (5, 0) is on the line through (0,0)-(1,0) but 4 away from the segment
    assert simplify([(0.0, 0.0), (5.0, 0.0), (1.0, 0.0)], 1.0) == [
        (0.0, 0.0),
        (5.0, 0.0),
        (1.0, 0.0),
    ]
    # a closed ring: first and last are one place
    assert simplify([(0.0, 0.0), (3.0, 4.0), (0.0, 0.0)], 4.9) == [
        (0.0, 0.0),
        (3.0, 4.0),
        (0.0, 0.0),
    ]
    assert simplify([(0.0, 0.0), (3.0, 4.0), (0.0, 0.0)], 5.0) == [(0.0, 0.0), (0.0, 0.0)]


def test_a_long_ring_simplifies_without_recursion() -> None:
    circle = [
        (300 + 200 * math.cos(i / 5_000 * 2 * math.pi), 200 * math.sin(i / 5_000 * 2 * math.pi))
        for i in range(5_001)
    ]
    kept = simplify(circle, 1.0)
    assert 20 < len(kept) < 100


# District codes and whole files -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("32.01.01", "32.01.01"),
        ("320101", "32.01.01"),
        (320101, "32.01.01"),
        (" 36.02.04 ", "36.02.04"),
        ("32.0101", None),
        ("3201011", None),
        ("32.01", None),
        ("32.01.01.2001", None),
        ("abcdef", None),
        (True, None),
        (3.2, None),
        (None, None),
    ],
)
def test_district_codes_as_files_write_them(raw: object, expected: str | None) -> None:
    assert district_code(raw) == expected


def feature(code: object, coordinates: object = None, kind: str = "Polygon") -> dict:
    return {
        "type": "Feature",
        "properties": {"kode": code, "nama": "X"},
        "geometry": {"type": kind, "coordinates": [SQUARE] if coordinates is None else coordinates},
    }


EAST = [[107.0, -6.0], [108.0, -6.0], [108.0, -7.0], [107.0, -7.0], [107.0, -6.0]]
DISTRICTS = {"32.01.01", "32.01.02", "32.01.03"}


def draw(*features: object) -> object:
    return boundary_drawing(
        {"type": "FeatureCollection", "features": list(features)},
        code_property="kode",
        districts=DISTRICTS,
        regency="Kabupaten Bogor",
        width=200,
    )


def test_a_file_is_drawn_per_district_with_the_missing_ones_named() -> None:
    drawing = draw(feature("32.01.01"), feature(320102, [EAST]))
    assert (drawing.width, drawing.height) == (200, 101)
    assert drawing.paths == {
        "32.01.01": "M0 0 L100 0 L100 101 L0 101 Z",
        "32.01.02": "M100 0 L200 0 L200 101 L100 101 Z",
    }
    assert drawing.missing == ("32.01.03",)
    assert drawing.points == 10


def refused(*features: object, collection: object = None) -> DomainError:
    if collection is None:
        collection = {"type": "FeatureCollection", "features": list(features)}
    with pytest.raises(DomainError) as exc:
        boundary_drawing(
            collection, code_property="kode", districts=DISTRICTS, regency="Kabupaten Bogor"
        )
    return exc.value


def test_a_code_of_another_regency_is_refused_with_the_codes_named() -> None:
    error = refused(feature("32.01.01"), feature("32.02.01"), feature("banyak"))
    assert error.code == "geo.unknown_code"
    assert error.message("id") == (
        "Kode berikut bukan kecamatan di Kabupaten Bogor: 32.02.01, banyak. Gunakan kode "
        "Kemendagri (mis. 32.01.01)."
    )


def test_a_feature_without_its_code_names_its_number_and_the_property() -> None:
    nameless = {"type": "Feature", "properties": {"nama": "X"}, "geometry": None}
    error = refused(feature("32.01.01"), nameless)
    assert error.code == "geo.no_code"
    assert error.message("en") == 'Feature 2 has no property "kode" holding a district code.'
    assert refused(feature("32.01.01"), "feature").code == "geo.no_code"
    assert refused(feature("")).code == "geo.no_code"


def test_a_district_twice_is_refused() -> None:
    error = refused(feature("32.01.01"), feature("320101", [EAST]))
    assert (error.code, error.params) == ("geo.code_twice", {"code": "32.01.01"})


@pytest.mark.parametrize(
    "collection",
    [
        [],
        {"type": "Feature"},
        {"type": "FeatureCollection"},
        {"type": "FeatureCollection", "features": {}},
    ],
)
def test_what_is_not_a_feature_collection_is_refused(collection: object) -> None:
    assert refused(collection=collection).code == "geo.collection"


def test_an_empty_collection_is_refused() -> None:
    error = refused(collection={"type": "FeatureCollection", "features": []})
    assert error.code == "geo.empty"


def test_projected_coordinates_are_refused_saying_so() -> None:
    utm = [[[700000, 9300000], [710000, 9300000], [710000, 9310000], [700000, 9300000]]]
    error = refused(feature("32.01.01", utm))
    assert error.code == "geo.bounds"
    assert "EPSG:4326" in error.message("id")
    assert "Titik 700000, 9300000 pada kecamatan 32.01.01 di luar Indonesia." in error.message("id")


def test_a_line_is_not_a_district() -> None:
    error = refused(feature("32.01.01", SQUARE, kind="LineString"))
    assert (error.code, error.params) == ("geo.type", {"code": "32.01.01"})


def test_too_many_points_are_refused_not_truncated(monkeypatch: pytest.MonkeyPatch) -> None:
    import payung.domain.geo as geo

    monkeypatch.setattr(geo, "MAX_POINTS", 9)
    assert refused(feature("32.01.01"), feature("32.01.02", [EAST])).code == "geo.too_many_points"
    monkeypatch.setattr(geo, "MAX_POINTS", 10)
    assert len(draw(feature("32.01.01"), feature("32.01.02", [EAST])).paths) == 2


def test_an_islet_below_a_pixel_is_left_out_but_a_district_always_drawn() -> None:
    islet = [[107.5, -6.5], [107.5001, -6.5], [107.5001, -6.5001], [107.5, -6.5]]
    drawing = draw(
        feature("32.01.01", [SQUARE]), feature("32.01.02", [[EAST], [islet]], "MultiPolygon")
    )
    assert drawing.paths["32.01.02"] == "M100 0 L200 0 L200 101 L100 101 Z"
    tiny = draw(feature("32.01.01", [SQUARE]), feature("32.01.02", [islet]))
    assert tiny.paths["32.01.02"] == "M199 66.1 L201 66.1 L201 68.1 L199 68.1 Z"


# Boundaries the mutation run found unguarded ------------------------------------------------


def test_a_closed_ring_measures_from_its_one_corner_wherever_it_lies() -> None:
    # first == last at (2, 3): the middle point lies 5 from it
    ring = [(2.0, 3.0), (5.0, 7.0), (2.0, 3.0)]
    assert simplify(ring, 4.9) == ring
    assert simplify(ring, 5.0) == [(2.0, 3.0), (2.0, 3.0)]


def test_beyond_the_end_of_a_segment_distance_is_to_that_end() -> None:
    # (5, 0) lies 4 past the end (1, 0) of the segment
    assert simplify([(0.0, 0.0), (5.0, 0.0), (1.0, 0.0)], 3.9) == [
        (0.0, 0.0),
        (5.0, 0.0),
        (1.0, 0.0),
    ]
    assert simplify([(0.0, 0.0), (5.0, 0.0), (1.0, 0.0)], 4.0) == [(0.0, 0.0), (1.0, 0.0)]


def test_tolerance_zero_keeps_every_place_and_rounding_starts_at_one_unit() -> None:
    fr = Frame(106.0, -7.0, 107.0, -6.0, 100)
    # (106.5, -6.0) lies on the top side: only a tolerance above zero drops it
    ring = [(106.0, -6.0), (106.5, -6.0), (107.0, -6.0), (107.0, -6.504), (106.0, -6.504)]
    assert ring_path(ring, fr) == "M0 0 L50 0 L100 0 L100 50.7 L0 50.7 Z"
    assert ring_path(ring, fr, 0.5) == "M0 0 L100 0 L100 50.7 L0 50.7 Z"
    assert ring_path(ring, fr, 1.0) == "M0 0 L100 0 L100 51 L0 51 Z"
    assert ring_path(ring, fr, 0.99) == "M0 0 L100 0 L100 50.7 L0 50.7 Z"
    assert ring_path([], fr) == ""


def test_a_district_too_small_to_draw_is_a_dot_at_its_first_point() -> None:
    # first and second points differ, then the ring folds back: never three places to draw
    sliver = [[107.5, -6.5], [107.52, -6.5], [107.5, -6.5], [107.5, -6.5]]
    tiny = draw(feature("32.01.01", [SQUARE]), feature("32.01.02", [sliver]))
    # the frame reaches 107.52: 107.5 projects to x 197.4, the second point would be 200
    assert tiny.paths["32.01.02"] == "M196.4 65.2 L198.4 65.2 L198.4 67.2 L196.4 67.2 Z"


def test_the_point_limit_is_written_with_thousands_dots(monkeypatch: pytest.MonkeyPatch) -> None:
    import payung.domain.geo as geo

    monkeypatch.setattr(geo, "MAX_POINTS", 1_000)
    circle = [
        [
            106.5 + 0.4 * math.cos(i / 1_000 * 2 * math.pi),
            -6.5 + 0.4 * math.sin(i / 1_000 * 2 * math.pi),
        ]
        for i in range(1_000)
    ]
    error = refused(feature("32.01.01", [[*circle, circle[0]]]))
    assert error.message("id") == (
        "Berkas berisi lebih dari 1.000 titik. Sederhanakan dulu (mis. mapshaper, 1%)."
    )


def test_at_most_ten_unknown_codes_are_named() -> None:
    ten = [feature(f"33.01.{n:02d}") for n in range(1, 11)]
    error = refused(*ten)
    assert error.params["codes"] == ", ".join(f"33.01.{n:02d}" for n in range(1, 11))
    eleven = refused(*ten, feature("33.01.11"))
    assert eleven.params["codes"] == ", ".join(f"33.01.{n:02d}" for n in range(1, 11)) + " …"
