"""The occupation catalogue as it is built (ADR 0032).

The catalogue and its term index are built once, when the module is imported, so a mutant in
the builders is only seen by a test that builds them again: these do, and compare with what
the module holds.
"""

from __future__ import annotations

import pytest

from payung.domain import occupations
from payung.domain.occupations import (
    CATALOGUE,
    NOT_INFORMAL,
    Occupation,
    RiskLevel,
    match_occupation,
    occupation_by_code,
)


def test_the_term_index_rebuilt_equals_the_one_in_use():
    rebuilt = occupations._index()
    assert dict(rebuilt) == dict(occupations._BY_TERM)
    assert rebuilt["farm labourer"] is occupation_by_code("farm_labourer")  # code, "_" as space
    assert rebuilt["buruh tani"] is occupation_by_code("farm_labourer")
    assert rebuilt["not working"] is occupation_by_code("not_working")
    every_term = {
        occupations.normalise_occupation_text(t.replace("_", " "))
        for o in CATALOGUE
        for t in (o.name_id, o.name_en, o.code, *o.synonyms)
    }
    assert set(rebuilt) == every_term
    with pytest.raises(TypeError):
        rebuilt["x"] = CATALOGUE[0]  # read-only


def test_a_term_naming_two_occupations_is_refused(monkeypatch):
    one = Occupation("ojek", "Ojek", "Motorcycle taxi", RiskLevel.HIGH, ("ojek pangkalan",))
    other = Occupation("ojol", "Ojol", "Ride-hailing", RiskLevel.HIGH, ("Ojek-Pangkalan",))
    monkeypatch.setattr(occupations, "CATALOGUE", (one, other))
    with pytest.raises(ValueError, match="occupation term 'ojek pangkalan' names two occupations"):
        occupations._index()
    monkeypatch.setattr(occupations, "CATALOGUE", (one, one))
    assert occupations._index()["ojek pangkalan"] is one  # the same occupation twice is fine


def test_work_outside_the_programmes_has_no_risk_and_is_not_informal():
    built = occupations._other("retired", "Pensiunan", "Retired", ("purnawirawan",))
    assert built == Occupation(
        "retired", "Pensiunan", "Retired", None, ("purnawirawan",), informal=False
    )
    assert all(o.risk is None and not o.informal for o in NOT_INFORMAL)
    retired = occupation_by_code("retired")
    assert (retired.code, retired.name_id, retired.name_en, retired.informal) == (
        "retired",
        "Pensiunan",
        "Retired",
        False,
    )
    assert "purnawirawan" in retired.synonyms
    assert match_occupation("Purnawirawan") is retired


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Ojek", "Ojek", "Ojek", RiskLevel.HIGH), "occupation code 'Ojek' must be lower-case"),
        (("ojek!", "Ojek", "Ojek", RiskLevel.HIGH), "occupation code 'ojek!' must be lower-case"),
        (("1ojek", "Ojek", "Ojek", RiskLevel.HIGH), "occupation code '1ojek' must be lower-case"),
        (("ojek", "Ojek", "Ojek", None), "occupation 'ojek': informal work has a risk level"),
    ],
)
def test_an_occupation_is_checked_when_made(args, message):
    with pytest.raises(ValueError, match=message):
        Occupation(*args)
    with pytest.raises(ValueError, match="occupation 'pns': informal work has a risk level"):
        Occupation("pns", "PNS", "Civil servant", RiskLevel.LOW, informal=False)
    assert Occupation("ojek_2", "Ojek", "Ojek", RiskLevel.HIGH).code == "ojek_2"


def test_the_label_is_indonesian_unless_english_is_asked_for():
    farmer = occupation_by_code("farmer")
    assert farmer.label() == farmer.name_id == "Petani / pekebun"
    assert farmer.label("EN") == farmer.label("en-GB") == farmer.name_en
    assert farmer.label("id") == farmer.name_id
