"""Finding the village a row names, by code or by name within one regency (ADR 0032)."""

from __future__ import annotations

import pytest

from payung.domain.errors import DomainError
from payung.domain.villages import SHOWN_CANDIDATES, VillageIndex, normalise_place

VILLAGES = [
    ("32.01.20.2006", "Sukamaju", "Cibungbulang"),
    ("32.01.21.2001", "Sukamaju", "Pamijahan"),
    ("32.01.22.2003", "Desa Sukamaju", "Leuwiliang"),
    ("32.01.20.2001", "Cemplang", "Cibungbulang"),
    ("32.01.22.1001", "Kelurahan Leuwimekar", "Leuwiliang"),
]
DISTRICTS = {"32.01.20": "Cibungbulang", "32.01.21": "Pamijahan"}


@pytest.fixture
def index():
    return VillageIndex(VILLAGES, DISTRICTS)


def refusal(index, *cells):
    with pytest.raises(DomainError) as error:
        index(*cells)
    return error.value.code, error.value.params


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("Desa Sukamaju", "sukamaju"),
        ("DS. Suka-Maju", "suka maju"),
        ("Kel. Leuwimekar", "leuwimekar"),
        ("kelurahan  Leuwimekar ", "leuwimekar"),
        ("Kecamatan Cibungbulang", "cibungbulang"),
        ("kec Cibungbulang", "cibungbulang"),
        ("Desamaju", "desamaju"),  # a name that begins like the prefix keeps it
        ("Sukamaju (Lama)", "sukamaju lama"),
    ],
)
def test_names_are_compared_without_case_punctuation_or_prefix(text, normal):
    assert normalise_place(text) == normal


def test_a_village_by_its_code_dotted_undotted_or_a_number(index):
    assert index("32.01.20.2006") == "32.01.20.2006"
    assert index(" 3201202006 ") == "32.01.20.2006"
    assert index(3201202001) == "32.01.20.2001"


def test_a_code_outside_the_regency_or_not_a_village_code_is_unknown(index):
    assert refusal(index, "32.01.20.2999") == ("village.unknown", {"value": "32.01.20.2999"})
    assert refusal(index, "3201") == ("village.unknown", {"value": "3201"})
    assert refusal(index, 12) == ("village.unknown", {"value": "12"})


def test_a_unique_name_is_found_whatever_its_spelling(index):
    assert index("cemplang") == "32.01.20.2001"
    assert index(" Desa CEMPLANG ") == "32.01.20.2001"
    assert index("Leuwimekar") == "32.01.22.1001"


def test_an_unknown_or_empty_name(index):
    assert refusal(index, "Atlantis") == ("village.unknown", {"value": "Atlantis"})
    assert refusal(index, None) == ("village.unknown", {"value": ""})
    assert refusal(index, "  ") == ("village.unknown", {"value": ""})


def test_a_name_in_several_districts_is_settled_by_the_district(index):
    assert index("Sukamaju", "Pamijahan") == "32.01.21.2001"
    assert index("Sukamaju", "Kec. Cibungbulang") == "32.01.20.2006"
    assert index("Sukamaju", "kecamatan leuwiliang") == "32.01.22.2003"


def test_an_ambiguous_name_lists_its_candidates_with_their_districts(index):
    expected = (
        "village.ambiguous",
        {
            "value": "Sukamaju",
            "candidates": "32.01.20.2006 (Kec. Cibungbulang), 32.01.21.2001 (Kec. Pamijahan), "
            "32.01.22.2003 (Kec. ?)",
        },
    )
    assert refusal(index, "Sukamaju") == expected
    assert refusal(index, "Sukamaju", "  ") == expected
    assert refusal(index, "Sukamaju", "Ciampea") == expected  # a district that settles nothing


def test_at_most_six_candidates_are_listed():
    many = [(f"32.01.20.20{n:02d}", "Sukamaju", "Cibungbulang") for n in range(1, 9)]
    index = VillageIndex(many, {"32.01.20": "Cibungbulang"})
    with pytest.raises(DomainError) as error:
        index("Sukamaju")
    shown = error.value.params["candidates"].split(", ")
    assert len(shown) == SHOWN_CANDIDATES == 6
    assert shown[0] == "32.01.20.2001 (Kec. Cibungbulang)"
    assert shown[-1] == "32.01.20.2006 (Kec. Cibungbulang)"


def test_the_index_keeps_its_own_copy_of_the_district_names():
    districts = dict(DISTRICTS)
    index = VillageIndex(VILLAGES, districts)
    districts.clear()
    assert index.district_names == DISTRICTS
    assert index.codes == {code for code, _, _ in VILLAGES}


def test_digits_that_are_no_region_code_are_an_unknown_village(index):
    assert refusal(index, "12345") == ("village.unknown", {"value": "12345"})
    assert refusal(index, "00.00") == ("village.unknown", {"value": "00.00"})


def test_a_name_in_two_districts_is_settled_by_the_district():
    two = VillageIndex(VILLAGES[:2], DISTRICTS)
    assert two("Sukamaju", "Pamijahan") == "32.01.21.2001"
    assert two("Sukamaju", "Cibungbulang") == "32.01.20.2006"
