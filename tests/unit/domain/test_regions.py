import pytest

from payung.domain.errors import DomainError
from payung.domain.regions import Level, RegionCode


@pytest.mark.parametrize(
    ("raw", "code", "level"),
    [
        ("32", "32", Level.PROVINCE),
        ("32.01", "32.01", Level.REGENCY),
        ("3201", "32.01", Level.REGENCY),
        ("32.01.01", "32.01.01", Level.DISTRICT),
        ("320101", "32.01.01", Level.DISTRICT),
        ("32.01.01.2001", "32.01.01.2001", Level.VILLAGE),
        ("3201012001", "32.01.01.2001", Level.VILLAGE),
        (" 36.02.01.1001 ", "36.02.01.1001", Level.VILLAGE),
    ],
)
def test_parse_dotted_and_undotted(raw, code, level):
    parsed = RegionCode.parse(raw)
    assert parsed.code == code
    assert parsed.level is level


@pytest.mark.parametrize(
    "raw", ["", None, "3", "32.1", "32.01.01.201", "32010120011", "32.00", "00", "32.01.00", "ab"]
)
def test_malformed_codes_are_refused_with_region_format(raw):
    with pytest.raises(DomainError) as error:
        RegionCode.parse(raw)
    assert error.value.code == "region.format"


def test_parents_lineage_and_containment():
    village = RegionCode.parse("32.01.01.2001")
    assert village.parent == RegionCode("32.01.01")
    assert [c.code for c in village.lineage()] == ["32", "32.01", "32.01.01", "32.01.01.2001"]
    assert RegionCode("32").parent is None
    assert RegionCode("32.01").contains(village)
    assert village.contains(village)
    assert not RegionCode("32.01.01").contains(RegionCode("32.01.02.2001"))
    assert village.undotted == "3201012001"


def test_desa_and_kelurahan_are_read_from_the_village_part():
    assert RegionCode("32.01.01.2001").is_desa
    assert not RegionCode("32.01.01.2001").is_kelurahan
    assert RegionCode("32.01.01.1001").is_kelurahan
    assert not RegionCode("32.01.01").is_kelurahan


def test_ancestor_and_require_refuse_the_wrong_level():
    village = RegionCode("32.01.01.2001")
    assert village.ancestor(Level.REGENCY) == RegionCode("32.01")
    with pytest.raises(DomainError) as error:
        RegionCode("32.01").ancestor(Level.VILLAGE)
    assert error.value.code == "region.level"
    with pytest.raises(DomainError) as error:
        village.require(Level.REGENCY)
    assert error.value.code == "region.level"
    assert error.value.params["region"] == "32.01.01.2001"
