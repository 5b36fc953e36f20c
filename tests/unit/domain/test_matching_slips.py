"""Where a record shows which of two NIKs slipped (its own birth date, its village's district, a
serial no district gives in a day), a NIK that is another member's, the mother's name as another
hand writes it, a call name known by its letters, and the family-members rule's names (ADR 0050,
"After the independent population")."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from payung.domain.matching import (
    HAND_WEIGHTS,
    PROBABLE,
    SERIAL_PLAUSIBLE,
    Frequencies,
    MatchRecord,
    NameAgreement,
    compare,
    name_agreement,
    score_bound,
)

BORN = date(1990, 3, 12)
NIK = "3201205203900001"  # a woman born 12 March 1990 (52 = 12 + 40), serial 0001
CARD = "3201201506150007"
VILLAGE = "32.01.20.2006"  # in district 32.01.20, the NIK's 320120


def woman(key: str, **changes) -> MatchRecord:
    values = {
        "key": key,
        "nik": NIK,
        "name": "Rahmawati",
        "birth_date": BORN,
        "sex": "F",
        "village": VILLAGE,
    }
    return MatchRecord(**{**values, **changes})


def first(match):
    reason = match.reasons[0]
    return reason.code, reason.weight


def weight_of(match, level):
    return [r.weight for r in match.reasons if r.level == level]


# --- which NIK slipped ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        ("3201205203910001", ("match.nik_date_slip", 4.0)),  # the year's last digit
        ("3201205303900001", ("match.nik_date_slip", 4.0)),  # the day: 13, not hers
        ("3201202503900001", ("match.nik_date_slip", 4.0)),  # two digits of the day swapped
        ("3201215203900001", ("match.nik_district_slip", 2.5)),
        ("3202105203900001", ("match.nik_district_slip", 2.5)),  # two district digits swapped
    ],
)
def test_a_digit_that_makes_one_nik_disagree_with_its_own_record_is_a_slip(other, expected):
    assert first(compare(woman("a"), woman("b", nik=other))) == expected
    assert first(compare(woman("b", nik=other), woman("a"))) == expected


def test_a_district_digit_weighs_as_neighbours_where_the_villages_cannot_tell():
    # no village on one record, or both NIKs of districts other than their villages'
    elsewhere = "32.73.01.1001"
    cases = [
        (woman("a", village=""), woman("b", nik="3201215203900001")),
        (woman("a", village=elsewhere), woman("b", nik="3201215203900001", village=elsewhere)),
    ]
    for a, b in cases:
        assert first(compare(a, b)) == ("match.nik_district_only", 1.0)


def test_a_date_digit_weighs_as_one_digit_where_the_records_cannot_tell():
    # neither NIK fits the records' birth date (1 January 1975): which slipped is not known
    early = date(1975, 1, 1)
    unknown = compare(
        woman("a", birth_date=early), woman("b", nik="3201205203910001", birth_date=early)
    )
    assert first(unknown) == ("match.nik_one_digit", 2.5)
    assert unknown.reasons[0].params == {"position": 12}
    # no birth date on one record
    no_date = compare(woman("a", birth_date=None), woman("b", nik="3201205203910001"))
    assert first(no_date) == ("match.nik_one_digit", 2.5)


def test_a_serial_no_district_gives_in_a_day_is_a_slip_and_a_small_one_a_neighbour():
    plausible = f"{SERIAL_PLAUSIBLE:04d}"
    beyond = f"{SERIAL_PLAUSIBLE + 1:04d}"
    assert (plausible, beyond) == ("0100", "0101")
    slip = compare(woman("a"), woman("b", nik=NIK[:12] + "0901"))
    assert first(slip) == ("match.nik_serial_slip", 2.5)
    assert slip.reasons[0].message("id").startswith("NIK hanya berbeda satu angka pada nomor urut")
    # 0090 and 0091 are both serials a district gives: neighbours
    neighbours = compare(woman("a", nik=NIK[:12] + "0090"), woman("b", nik=NIK[:12] + "0091"))
    assert first(neighbours) == ("match.nik_serial_only", 1.0)
    # 0100 is the last serial taken as given; 0101 the first beyond
    edge = compare(woman("a", nik=NIK[:12] + plausible), woman("b", nik=NIK[:12] + beyond))
    assert first(edge) == ("match.nik_serial_slip", 2.5)
    # 0001 and 0101: one within, one beyond
    assert first(compare(woman("a"), woman("b", nik=NIK[:12] + beyond))) == (
        "match.nik_serial_slip",
        2.5,
    )
    # two serial digits swapped stay a swap (0010), however far
    assert first(compare(woman("a"), woman("b", nik=NIK[:12] + "0010"))) == (
        "match.nik_serial_only",
        2.5,
    )


def test_a_serial_slip_is_not_two_members_of_one_family():
    # one card, a serial mistyped into 0901 and the name a short form: one person, not twins
    a = woman("a", family_card=CARD)
    b = woman("b", nik=NIK[:12] + "0901", name="Wati", family_card=CARD)
    match = compare(a, b)
    assert ("match.family_card_same", 1.5) in [(r.code, r.weight) for r in match.reasons]
    assert match.score == 2.5 + 3.0 + 2.0 + 0.5 + 1.5


# --- another member's NIK ------------------------------------------------------------------------


def test_one_nik_on_records_born_far_apart_fitting_one_is_another_members():
    # the head's NIK (a man born 1 July 1965) written in his son's row, the son named after him
    head = MatchRecord("a", "3201200107650001", "Asep Sunandar", date(1965, 7, 1), "M", VILLAGE)
    son = MatchRecord("b", "3201200107650001", "Asep Sunandar", date(1994, 4, 15), "M", VILLAGE)
    match = compare(head, son)
    assert first(match) == ("match.nik_borrowed", 0.0)
    assert match.score == 5.0 - 3.0 + 0.5 < PROBABLE
    assert match.reasons[0].message("en").startswith("The same NIK, but it fits only one")


@pytest.mark.parametrize(
    "born",
    [
        date(1965, 1, 7),  # day and month swapped
        date(1966, 7, 1),  # one digit of the year
        date(1965, 7, 11),  # one digit of the day
    ],
)
def test_one_nik_with_a_birth_date_a_slip_away_is_one_persons(born):
    head = MatchRecord("a", "3201200107650001", "Asep Sunandar", date(1965, 7, 1), "M")
    again = MatchRecord("b", "3201200107650001", "Asep Sunandar", born, "M")
    assert first(compare(head, again)) == ("match.nik_same", 8.0)


def test_one_nik_that_fits_both_or_neither_record_is_the_same_nik():
    a = MatchRecord("a", "3201200107650001", "Asep", date(1965, 7, 1), "M")
    # fits neither (born 1980 and 1990): no word on whose it is
    b = MatchRecord("b", "3201200107650001", "Asep", date(1980, 3, 3), "M")
    c = MatchRecord("c", "3201200107650001", "Asep", date(1990, 5, 5), "M")
    assert first(compare(b, c)) == ("match.nik_same", 8.0)
    assert first(compare(a, MatchRecord("d", a.nik, "Asep", None, "M"))) == ("match.nik_same", 8.0)


def test_two_date_digits_each_fitting_its_own_record_are_two_people():
    # siblings of one name: 19 May 2005 and 16 August 2005, each NIK its own
    a = MatchRecord("a", "3273241905050001", "Ilham Komarudin", date(2005, 5, 19), "M")
    b = MatchRecord("b", "3273241608050001", "Ilham Komarudin", date(2005, 8, 16), "M")
    assert first(compare(a, b)) == ("match.nik_both_own", -1.0)
    # two district digits with the date the same: each fits, yet no two people by that
    c = MatchRecord("c", "3273151905050001", "Ilham Komarudin", date(2005, 5, 19), "M")
    assert first(compare(a, c)) == ("match.nik_two_digits", 1.0)


# --- the mother's name --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mother", "level", "weight"),
    [
        ("Siti Aminah", "mother.same", 1.5),
        ("SITI AMINAH", "mother.same", 1.5),
        ("Aminah Siti", "mother.same", 1.5),  # another word order
        ("Siti", "mother.similar", 0.5),  # her first name only
        ("Siti Aminsh", "mother.similar", 0.5),  # a slip
        ("Enok", "mother.different", -3.0),
    ],
)
def test_the_mothers_name_as_another_hand_writes_it(mother, level, weight):
    match = compare(woman("a", mother_name="Siti Aminah"), woman("b", mother_name=mother))
    assert weight_of(match, level) == [weight]
    assert HAND_WEIGHTS[level] == weight


def test_a_mother_known_on_one_record_only_is_no_evidence():
    match = compare(woman("a", mother_name="Siti Aminah"), woman("b"))
    assert not [r for r in match.reasons if r.level.startswith("mother.")]


# --- call names and the family-members rule -----------------------------------------------------


def test_a_call_name_is_known_by_its_letters_as_typed():
    # "Aa" (elder brother, Sundanese) is "a" once doubled letters are read as one
    assert name_agreement("Aa Wibisono", "Slamet Wibisono") is NameAgreement.CALL_NAME
    assert name_agreement("Bpk. Aa Wibisono", "Slamet Wibisono") is NameAgreement.CALL_NAME
    assert name_agreement("A Wibisono", "Slamet Wibisono") is NameAgreement.DIFFERENT
    assert name_agreement("Aa Wibisono", "Ujang Wibisono") is NameAgreement.DIFFERENT


@pytest.mark.parametrize(
    ("name", "members"),
    [
        ("Wati", False),  # a short form of Rahmawati
        ("Rahmawati Putri", False),  # a word added
        ("Rahmawati", False),
        ("Rahmawato", True),  # one letter off: twins are named so (Ilham, Ilhami)
        ("Rahmi", True),
    ],
)
def test_one_card_each_nik_its_own_is_two_members_unless_the_names_are_one_persons(name, members):
    a = woman("a", family_card=CARD)
    b = woman("b", nik=NIK[:12] + "0002", name=name, family_card=CARD)
    codes = [r.code for r in compare(a, b).reasons]
    assert ("match.family_members" in codes) is members
    assert ("match.family_card_same" in codes) is not members


# --- the bound --------------------------------------------------------------------------------


def test_the_bound_holds_over_the_new_evidence():
    records = [
        woman("a", family_card=CARD, mother_name="Siti Aminah", phone="+6281"),
        woman("b", nik="3201205203910001", mother_name="Siti", phone="+6281"),
        woman("c", nik="3201215203900001", name="Wati", family_card=CARD),
        woman("d", nik=NIK[:12] + "0901", name="Rahmawati Putri", mother_name="Enok"),
        MatchRecord("e", NIK, "Rahmawati", date(1960, 1, 1), "F", VILLAGE),
        woman("f", nik="", name="Aa Rahmawati"),
        woman("g", nik="3201205203900002", name="Rahmawato", family_card=CARD),
    ]
    frequencies = Frequencies.of(
        [MatchRecord(str(n), "", f"Nama{n % 40}", date(1970, 1, 1 + n % 28)) for n in range(1_200)]
        + records
    )
    for x, y in itertools.combinations(records, 2):
        for f in (None, frequencies):
            assert score_bound(x, y, f) >= compare(x, y, f).score, (x.key, y.key)


# --- two districts, and a household's birthday ----------------------------------------------------


def test_niks_of_two_districts_each_its_own_villages_are_two_people():
    # born the same day in 32.01.20 and 32.71.50, each NIK that of its own village's district
    a = woman("a", name="Aep Fikri")
    b = woman("b", nik="3271505203900001", name="Aep Fikri", village="32.71.50.1004")
    match = compare(a, b)
    assert first(match) == ("match.nik_districts_own", -1.0)
    assert match.reasons[0].message("id").endswith("NIK dua orang dari dua kecamatan.")
    # one district digit, both their villages' (32.01.20 and 32.01.21): neighbours, two people
    near = woman("b", nik="3201215203900001", village="32.01.21.2001")
    assert first(compare(a, near)) == ("match.nik_districts_own", -1.0)
    # the other record living elsewhere than its NIK says: no word on whose district it is
    moved = woman("b", nik="3271505203900001", name="Aep Fikri", village="32.01.20.2006")
    assert first(compare(a, moved)) == ("match.nik_two_digits", 1.0)


def test_within_one_household_a_birth_date_weighs_without_its_frequency():
    crowd = [
        MatchRecord(str(n), "", f"Nama{n % 40}", date(1970, 1, 1 + n % 28)) for n in range(1_200)
    ]
    frequencies = Frequencies.of(crowd)
    rare = date(2001, 2, 3)  # no one in the crowd: a rare date
    apart = (MatchRecord("a", "", "Hasan", rare), MatchRecord("b", "", "Hasan", rare))
    home = (
        MatchRecord("a", "", "Hasan", rare, family_card=CARD),
        MatchRecord("b", "", "Hasan", rare, family_card=CARD),
    )
    codes_apart = [r.code for r in compare(*apart, frequencies).reasons]
    codes_home = [r.code for r in compare(*home, frequencies).reasons]
    assert "match.birth_date_rare" in codes_apart
    assert "match.birth_date_rare" not in codes_home
    # a rare name still counts for one household's pair; a common one is not held against it
    assert "match.name_rare" in codes_home
