"""The occupation catalogue and the reading of free-text occupations."""

from __future__ import annotations

import re

import pytest

import payung.domain.occupations as occupations_module
from payung.domain.errors import LANGUAGES, DomainError, catalogue, message_for
from payung.domain.occupations import (
    OCCUPATIONS,
    Occupation,
    RiskLevel,
    Sector,
    match_occupation,
    occupation_by_code,
)


def code_of(text: object) -> str | None:
    occupation = match_occupation(text)
    return occupation.code if occupation else None


# --- the catalogue ---------------------------------------------------------------------------


def test_catalogue_has_at_least_25_occupations_with_unique_snake_case_codes() -> None:
    codes = [o.code for o in OCCUPATIONS]

    assert len(OCCUPATIONS) >= 25
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", code) for code in codes)


def test_every_occupation_has_both_names_and_a_risk_level() -> None:
    for occupation in OCCUPATIONS:
        assert occupation.name_id.strip()
        assert occupation.name_en.strip()
        assert isinstance(occupation.risk, RiskLevel)
        assert occupation.synonyms


@pytest.mark.parametrize(
    "code",
    [
        "farm_labourer",
        "tenant_farmer",
        "fisher",
        "fishing_crew",
        "motorcycle_taxi",
        "online_motorcycle_taxi",
        "minibus_driver",
        "street_vendor",
        "hawker",
        "porter",
        "construction_labourer",
        "scavenger",
        "parking_attendant",
        "grave_digger",
        "mosque_caretaker",
        "religious_teacher",
        "domestic_worker",
        "pedicab_driver",
        "casual_day_labourer",
        "rubber_tapper",
        "palm_sap_tapper",
        "livestock_farmer",
        "craftsperson",
        "tailor",
        "barber",
        "cleaner",
        "community_volunteer",
        "linmas",
        "performing_artist",
    ],
)
def test_the_occupations_the_programmes_name_are_there(code: str) -> None:
    assert occupation_by_code(code).code == code


def test_risk_levels_and_their_labels() -> None:
    assert [int(level) for level in RiskLevel] == [1, 2, 3, 4, 5]
    assert RiskLevel.VERY_HIGH.label_id == "sangat tinggi"
    assert RiskLevel.VERY_HIGH.label_en == "very high"
    assert RiskLevel.LOW.label_id == "rendah"
    assert RiskLevel.MEDIUM.label_en == "medium"


def test_some_plausible_default_risks() -> None:
    assert occupation_by_code("fisher").risk is RiskLevel.VERY_HIGH
    assert occupation_by_code("construction_labourer").risk is RiskLevel.VERY_HIGH
    assert occupation_by_code("motorcycle_taxi").risk is RiskLevel.HIGH
    assert occupation_by_code("community_volunteer").risk is RiskLevel.LOW
    assert occupation_by_code("tailor").risk is RiskLevel.VERY_LOW


def test_module_says_the_levels_are_configurable_defaults() -> None:
    doc = occupations_module.__doc__ or ""

    assert "configurable defaults" in doc
    assert "BPJS assigns" in doc


def test_label_by_language() -> None:
    fisher = occupation_by_code("fisher")

    assert fisher.label() == "Nelayan"
    assert fisher.label("en") == "Fisher"


def test_a_code_that_is_not_snake_case_is_refused() -> None:
    with pytest.raises(ValueError, match="snake"):
        Occupation("Farm-Labourer", "x", "x", RiskLevel.LOW)


def test_unknown_code() -> None:
    with pytest.raises(DomainError) as error:
        occupation_by_code("astronaut")

    assert error.value.code == "occupation.unknown"
    assert error.value.params == {"value": "astronaut"}


# --- matching free text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Buruh tani", "farm_labourer"),
        ("BURUH TANI", "farm_labourer"),
        ("  buruh   tani. ", "farm_labourer"),
        ("Buruh tani harian", "farm_labourer"),
        ("buruh-tani musiman", "farm_labourer"),
        ("Petani penggarap", "tenant_farmer"),
        ("Nelayan", "fisher"),
        ("nelayan tangkap", "fisher"),
        ("Buruh nelayan", "fishing_crew"),
        ("Ojek pangkalan", "motorcycle_taxi"),
        ("OJEK ONLINE", "online_motorcycle_taxi"),
        ("ojol", "online_motorcycle_taxi"),
        ("Sopir angkot", "minibus_driver"),
        ("PKL", "street_vendor"),
        ("Pedagang kaki lima (PKL)", "street_vendor"),
        ("Pedagang asongan", "hawker"),
        ("Kuli angkut", "porter"),
        ("Buruh panggul pasar", "porter"),
        ("Buruh bangunan", "construction_labourer"),
        ("Tukang", "construction_labourer"),
        ("Pemulung", "scavenger"),
        ("Juru parkir", "parking_attendant"),
        ("jukir", "parking_attendant"),
        ("Penggali kubur", "grave_digger"),
        ("Marbot masjid", "mosque_caretaker"),
        ("Penjaga masjid", "mosque_caretaker"),
        ("Guru ngaji", "religious_teacher"),
        ("ART", "domestic_worker"),
        ("Asisten rumah tangga", "domestic_worker"),
        ("Pengemudi becak", "pedicab_driver"),
        ("Buruh harian lepas", "casual_day_labourer"),
        ("Penyadap karet", "rubber_tapper"),
        ("Penyadap nira", "palm_sap_tapper"),
        ("Peternak", "livestock_farmer"),
        ("Pengrajin", "craftsperson"),
        ("Penjahit", "tailor"),
        ("Tukang cukur", "barber"),
        ("Petugas kebersihan", "cleaner"),
        ("Kader posyandu", "community_volunteer"),
        ("Ketua RT", "community_volunteer"),
        ("Kader/Ketua RT RW", "community_volunteer"),
        ("Linmas", "linmas"),
        ("Pekerja seni", "performing_artist"),
        ("Farm labourer", "farm_labourer"),
        ("farm_labourer", "farm_labourer"),
        # The KTP/OpenSID occupation names, as exported.
        ("PETANI/PEKEBUN", "farmer"),
        ("BURUH TANI/PERKEBUNAN", "farm_labourer"),
        ("NELAYAN/PERIKANAN", "fisher"),
        ("BURUH NELAYAN/PERIKANAN", "fishing_crew"),
        ("BURUH PETERNAKAN", "livestock_farmer"),
        ("TUKANG BATU", "construction_labourer"),
        ("TUKANG JAHIT", "tailor"),
        ("PEMBANTU RUMAH TANGGA", "domestic_worker"),
        ("USTADZ/MUBALIGH", "religious_teacher"),
    ],
)
def test_free_text_is_matched(text: str, code: str) -> None:
    assert code_of(text) == code


def test_the_longest_synonym_inside_the_text_wins() -> None:
    # "nelayan" (fisher) and "buruh nelayan" (crew) are both inside; the longer is more precise.
    assert code_of("buruh nelayan harian") == "fishing_crew"
    assert code_of("driver ojek online") == "online_motorcycle_taxi"


@pytest.mark.parametrize("text", ["tukang sayur", "kuli tinta", "pedagang sayur", "kader partai"])
def test_general_words_match_only_alone(text: str) -> None:
    assert code_of(text) is None
    assert code_of(text.split()[0]) is not None


@pytest.mark.parametrize("text", ["Astronot", "Wiraswasta", "", "   ", "-", None, 5, 3.0])
def test_nothing_fits(text: object) -> None:
    assert match_occupation(text) is None


def test_every_synonym_matches_its_own_occupation() -> None:
    for occupation in OCCUPATIONS:
        for synonym in occupation.synonyms:
            assert match_occupation(synonym) is occupation, synonym


# --- messages --------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["occupation.unknown", "occupation.unmatched"])
def test_both_languages(code: str) -> None:
    message = catalogue()[code]

    assert message.id != message.en
    for lang in LANGUAGES:
        assert "{" not in message_for(code, lang, value="astronot")


def test_transport_sector_comes_from_the_occupation():
    for code in ("motorcycle_taxi", "online_motorcycle_taxi", "minibus_driver", "courier"):
        assert occupation_by_code(code).sector is Sector.TRANSPORT
    assert occupation_by_code("farm_labourer").sector is Sector.OTHER
    assert occupation_by_code("porter").sector is Sector.OTHER
