"""What an occupation cell and a status cell say, exactly (ADR 0032)."""

from __future__ import annotations

from importlib import resources

import pytest

from payung.domain import civil_registry
from payung.domain.civil_registry import (
    REGISTRY_OCCUPATIONS,
    Kind,
    OccupationReading,
    RegistryOccupation,
    ResidentStatus,
    parse_occupation_list,
    read_occupation,
    resident_status,
)
from payung.domain.occupations import occupation_by_code

FARMER = occupation_by_code("farmer")
RETIRED = occupation_by_code("retired")


@pytest.mark.parametrize(
    ("cell", "reading"),
    [
        ("9", OccupationReading(FARMER, "Petani/Pekebun")),
        ("petani / pekebun", OccupationReading(FARMER, "petani / pekebun")),
        (
            "Buruh tani harian",
            OccupationReading(occupation_by_code("farm_labourer"), "Buruh tani harian"),
        ),
        (
            "4",
            OccupationReading(
                RETIRED,
                "Pensiunan",
                "occupation.not_informal",
                (("value", "4"), ("name_id", "Pensiunan"), ("name_en", "Retired")),
            ),
        ),
        (
            "purnawirawan",
            OccupationReading(
                RETIRED,
                "purnawirawan",
                "occupation.not_informal",
                (("value", "purnawirawan"), ("name_id", "Pensiunan"), ("name_en", "Retired")),
            ),
        ),
        (
            "88",
            OccupationReading(
                None,
                "Wiraswasta",
                "occupation.registry_general",
                (("value", "88"), ("name", "Wiraswasta")),
            ),
        ),
        (
            "0",
            OccupationReading(
                None, "0", "occupation.registry_code_unknown", (("value", "0"), ("last", "89"))
            ),
        ),
        (
            "999",
            OccupationReading(
                None, "999", "occupation.registry_code_unknown", (("value", "999"), ("last", "89"))
            ),
        ),
        ("1000", OccupationReading(None, "1000", "occupation.unmatched", (("value", "1000"),))),
        ("abc", OccupationReading(None, "abc", "occupation.unmatched", (("value", "abc"),))),
        (
            "astronaut",
            OccupationReading(None, "astronaut", "occupation.unmatched", (("value", "astronaut"),)),
        ),
    ],
)
def test_an_occupation_cell_is_read_into_an_occupation_a_kept_text_and_a_warning(cell, reading):
    assert read_occupation(cell) == reading


@pytest.mark.parametrize(
    ("value", "status"),
    [(2.0, ResidentStatus.DEAD), (6.0, ResidentStatus.LEFT), (2.5, None), (5, None)],
)
def test_a_status_number_from_a_spreadsheet_float(value, status):
    assert resident_status(value) is status


def test_the_shipped_list_parsed_again_is_the_one_in_use():
    text = resources.files("payung.data").joinpath(civil_registry.DATA_FILE).read_text("utf-8")
    assert parse_occupation_list(text) == REGISTRY_OCCUPATIONS
    assert REGISTRY_OCCUPATIONS[8] == RegistryOccupation(9, "Petani/Pekebun", Kind.INFORMAL, FARMER)
    assert REGISTRY_OCCUPATIONS[11] == RegistryOccupation(12, "Industri", Kind.GENERAL, None)
    assert REGISTRY_OCCUPATIONS[3].kind is Kind.NOT_INFORMAL


HEADER = "code,name,kind,occupation\n"


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ("1,Industri,general,farmer\n", "occupation list code 1: kind and occupation disagree"),
        ("1,Petani,informal,\n", "occupation list code 1: kind and occupation disagree"),
        ("1,Pensiunan,informal,retired\n", "occupation list code 1: retired is the wrong kind"),
        ("1,Petani,not_informal,farmer\n", "occupation list code 1: farmer is the wrong kind"),
        ("2,Petani,informal,farmer\n", "occupation list codes must run 1, 2, 3, … without gaps"),
        (
            "1,Petani,informal,farmer\n3,Industri,general,\n",
            "occupation list codes must run 1, 2, 3, … without gaps",
        ),
    ],
)
def test_a_wrong_occupation_list_is_refused(lines, message):
    with pytest.raises(ValueError, match=r"^occupation list code") as error:
        parse_occupation_list(HEADER + lines)
    assert str(error.value) == message


def test_a_small_list_in_order():
    entries = parse_occupation_list(
        HEADER + "1,Petani,informal,farmer\n2,Industri,general,\n3,Pensiunan,not_informal,retired\n"
    )
    assert entries == (
        RegistryOccupation(1, "Petani", Kind.INFORMAL, FARMER),
        RegistryOccupation(2, "Industri", Kind.GENERAL, None),
        RegistryOccupation(3, "Pensiunan", Kind.NOT_INFORMAL, RETIRED),
    )
