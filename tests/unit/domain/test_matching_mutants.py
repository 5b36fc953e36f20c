"""What the mutation run of the second pass showed untested in matching (ADR 0032): the edges of
the new NIK levels, which of them say "two people" to the family-members rule, the frequency
shown from 0.25 on, and the bound under other weights."""

from __future__ import annotations

from datetime import date

import pytest

from payung.domain.matching import (
    HAND_WEIGHTS,
    TF_SHOWN,
    Frequencies,
    MatchRecord,
    NameAgreement,
    compare,
    name_agreement,
    name_key,
    score_bound,
)

BORN = date(1990, 3, 12)
NIK = "3201205203900001"  # a woman born 12 March 1990, serial 0001, district 32.01.20
CARD = "3201201506150007"
VILLAGE = "32.01.20.2006"


def woman(key: str, **changes) -> MatchRecord:
    values = {
        "key": key,
        "nik": NIK,
        "name": "Rahmawati",
        "birth_date": BORN,
        "sex": "F",
        "village": VILLAGE,
        "family_card": CARD,
    }
    return MatchRecord(**{**values, **changes})


def codes(match):
    return [r.code for r in match.reasons]


def card_reason(match):
    return [c for c in codes(match) if c in ("match.family_card_same", "match.family_members")]


# --- which levels say "two people" (one card, names not one person's) -------------------------


@pytest.mark.parametrize(
    ("other", "first_code", "card"),
    [
        # one NIK missing: no word on two people
        (woman("b", nik=""), None, "match.family_card_same"),
        # a serial no district gives (0901): a slip, one person's
        (woman("b", nik=NIK[:12] + "0901"), "match.nik_serial_slip", "match.family_card_same"),
        # the year's digit: her NIK slipped
        (woman("b", nik="3201205203910001"), "match.nik_date_slip", "match.family_card_same"),
        # a district digit with no village to tell: neighbours, not two members by that
        (
            woman("b", nik="3201215203900001", village=""),
            "match.nik_district_only",
            "match.family_card_same",
        ),
        # the same NIK: one person's
        (woman("b"), "match.nik_same", "match.family_card_same"),
        # each NIK its own village's district: two people
        (
            woman("b", nik="3201215203900001", village="32.01.21.2001"),
            "match.nik_districts_own",
            "match.family_members",
        ),
    ],
)
def test_which_nik_levels_make_two_members_of_one_card(other, first_code, card):
    a = woman("a", name="Hasanah")
    b = MatchRecord(
        key=other.key,
        nik=other.nik,
        name="Fitri",
        birth_date=other.birth_date,
        sex=other.sex,
        village=other.village,
        family_card=other.family_card,
    )
    assert name_agreement(a.name, b.name) is NameAgreement.DIFFERENT
    match = compare(a, b)
    if first_code is not None:
        assert codes(match)[0] == first_code
    assert card_reason(match) == [card]


def test_a_nik_not_the_persons_own_or_another_members_is_no_word_on_two_people():
    # her NIK is a man's born 1 July 1965 (the head's), far from the other's: not compared
    head = "3201200107650001"
    not_own = compare(woman("a", name="Hasanah"), woman("b", name="Fitri", nik=head))
    assert codes(not_own)[0] == "match.nik_not_own"
    assert card_reason(not_own) == ["match.family_card_same"]
    # the head's NIK on both: fits him (born 1965), not her (born 1994): another member's
    him = MatchRecord("a", head, "Asep", date(1965, 7, 1), "M", VILLAGE, family_card=CARD)
    son = MatchRecord("b", head, "Budi", date(1994, 4, 15), "M", VILLAGE, family_card=CARD)
    borrowed = compare(him, son)
    assert codes(borrowed)[0] == "match.nik_borrowed"
    assert card_reason(borrowed) == ["match.family_card_same"]


# --- edges of the NIK levels ------------------------------------------------------------------


def test_a_serial_slip_in_the_thousands_digit_and_the_last_plausible_serial():
    # 0050 and 1050: the thousands digit slipped
    for x, y in (("0050", "1050"), ("1050", "0050")):
        match = compare(woman("a", nik=NIK[:12] + x), woman("b", nik=NIK[:12] + y))
        assert codes(match)[0] == "match.nik_serial_slip"
    # 0000 and 0100: both within what a district gives (0100 the last): neighbours' serials
    edge = compare(woman("a", nik=NIK[:12] + "0000"), woman("b", nik=NIK[:12] + "0100"))
    assert codes(edge)[0] == "match.nik_serial_only"


def test_a_district_slip_needs_both_villages():
    # her NIK that of her village's district; the other's village unknown: no word on a slip
    a = woman("a", nik="3201215203900001", village="32.01.21.2001")
    b = woman("b", village="")
    assert codes(compare(a, b))[0] == "match.nik_district_only"
    assert codes(compare(b, a))[0] == "match.nik_district_only"


def test_digits_swapped_across_the_district_and_the_date_are_no_district_slip():
    # positions 6 and 7 swapped (320120|52… and 320125|02…): the date part differs too
    a = woman("a")
    b = woman("b", nik="3201250203900001", village="32.01.25.2001")
    assert codes(compare(a, b))[0] not in ("match.nik_district_slip", "match.nik_districts_own")


def test_two_people_of_two_districts_need_the_rest_of_the_nik_the_same():
    # a district digit and a serial digit: two digits apart, not two districts' NIKs
    b = woman("b", nik="3201215203900002", village="32.01.21.2001", name="Fitri")
    assert codes(compare(woman("a"), b))[0] == "match.nik_two_digits"
    # two date digits, both records in the NIKs' district: each NIK its own record's
    a = MatchRecord("a", "3201201905050001", "Ilham", date(2005, 5, 19), "M", VILLAGE)
    c = MatchRecord("c", "3201201608050001", "Ilham", date(2005, 8, 16), "M", VILLAGE)
    assert codes(compare(a, c))[0] == "match.nik_both_own"


@pytest.mark.parametrize(
    ("other_born", "borrowed"),
    [
        (date(1965, 7, 23), True),  # the day's two digits: far apart
        (date(1965, 7, 21), False),  # one digit: a slip of the hand
    ],
)
def test_another_members_nik_needs_dates_more_than_one_digit_apart(other_born, borrowed):
    head = "3201200107650001"
    him = MatchRecord("a", head, "Asep", date(1965, 7, 1), "M")
    other = MatchRecord("b", head, "Asep", other_born, "M")
    assert (codes(compare(him, other))[0] == "match.nik_borrowed") is borrowed


def test_another_members_nik_reads_each_records_own_sex():
    # a man's NIK of 1 July 1965 on a woman born that day (not hers: a woman's day is 41) and on a
    # man born 1990: it fits neither record, so it is the same NIK, not another member's
    head = "3201200107650001"
    her = MatchRecord("a", head, "Asep", date(1965, 7, 1), "F")
    him = MatchRecord("b", head, "Asep", date(1990, 5, 5), "M")
    for x, y in ((her, him), (him, her)):
        assert codes(compare(x, y))[0] == "match.nik_same"


def test_letters_in_the_first_records_nik_are_read_too():
    typed = woman("a", nik="32O12O52O39OOOO1", family_card="")
    match = compare(typed, woman("b", family_card=""))
    assert codes(match)[:2] == ["match.nik_letters", "match.nik_same"]


# --- households, names of one person ------------------------------------------------------------


def _crowd() -> list[MatchRecord]:
    """1,200 records: 300 named Ujang Sutisna, the others each of a name of their own."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    own = [f"Orang {letters[n // 676]}{letters[n // 26 % 26]}{letters[n % 26]}" for n in range(900)]
    names = ["Ujang Sutisna"] * 300 + own
    return [
        MatchRecord(str(n), "", name, date(1970, 1 + n % 12, 1 + n % 28))
        for n, name in enumerate(names)
    ]


def test_two_records_with_niks_and_no_card_are_no_household():
    frequencies = Frequencies.of(_crowd())
    a = MatchRecord("a", "3201200101700001", "Ujang Sutisna", date(1970, 1, 2))
    b = MatchRecord("b", "3201200101700002", "Ujang Sutisna", date(1970, 1, 2))
    assert "match.name_common" in codes(compare(a, b, frequencies))


def test_a_nik_that_is_a_card_needs_both_niks_for_a_household():
    # the record without a NIK is no household with one whose NIK is its card: frequency counts
    frequencies = Frequencies.of(_crowd())
    a = MatchRecord("a", "", "Ujang Sutisna", date(1970, 1, 2), family_card=CARD)
    b = MatchRecord("b", CARD, "Ujang Sutisna", date(1970, 1, 2))
    assert "match.name_common" in codes(compare(a, b, frequencies))


def test_a_name_without_words_is_no_persons_name_within_a_card():
    a = woman("a")
    b = woman("b", nik=NIK[:12] + "0002", name="-")
    assert card_reason(compare(a, b)) == ["match.family_members"]


def test_the_same_words_in_another_order_and_number_are_one_persons_name():
    # (words of three letters: no "partly the same", which needs a longer word)
    a = woman("a", name="Sri Ani")
    b = woman("b", nik=NIK[:12] + "0002", name="Ani Sri Sri")
    assert name_agreement(a.name, b.name) not in (
        NameAgreement.SAME,
        NameAgreement.VARIANT,
        NameAgreement.WORD_ORDER,
        NameAgreement.SHORT_FORM,
        NameAgreement.PARTIAL,
    )
    for x, y in ((a, b), (b, a)):
        assert card_reason(compare(x, y)) == ["match.family_card_same"]


def test_a_similar_mother_is_said_so():
    match = compare(woman("a", mother_name="Siti Aminah"), woman("b", mother_name="Siti"))
    similar = [r for r in match.reasons if r.level == "mother.similar"]
    assert [r.code for r in similar] == ["match.mother_similar"]
    assert similar[0].message("id") == "Nama ibu kandung mirip (ditulis dengan cara lain)."


# --- frequency shown from TF_SHOWN on ----------------------------------------------------------


@pytest.mark.parametrize(
    ("typical", "shown"),
    [(4 * 2**TF_SHOWN, True), (4 * 2**0.24, False), (4 * 2**0.5, True)],
)
def test_a_name_or_date_frequency_is_a_reason_from_a_quarter_bit_on(typical, shown):
    key = name_key("Cicih Sumarni")
    born = date(2001, 2, 3)
    frequencies = Frequencies({key: 4}, {born: 4}, typical, typical)
    a = MatchRecord("a", "", "Cicih Sumarni", born)
    b = MatchRecord("b", "", "Cicih Sumarni", born)
    found = codes(compare(a, b, frequencies))
    assert ("match.name_rare" in found) is shown  # a little rarer than typical: rare, not common
    assert ("match.birth_date_rare" in found) is shown
    assert "match.name_common" not in found
    assert "match.birth_date_common" not in found
    assert score_bound(a, b, frequencies) >= compare(a, b, frequencies).score


def test_a_household_pairs_bound_holds_with_a_common_name():
    frequencies = Frequencies.of(_crowd())
    a = MatchRecord("a", "", "Ujang Sutisna", date(1990, 1, 1), family_card=CARD)
    b = MatchRecord("b", "", "Ujang Sutisna", date(1990, 1, 1), family_card=CARD)
    score = compare(a, b, frequencies).score
    assert score == 5.0 + 2.0 + 1.5  # a common name not held against one household
    assert score_bound(a, b, frequencies) == score


# --- the bound under other weights ------------------------------------------------------------


def test_a_mother_on_one_record_adds_nothing_to_the_bound():
    with_mother = woman("a", mother_name="Siti", family_card="")
    without = woman("b", nik="", name="x", family_card="")
    # names of other words 4.5, birth date 2, village 0.5; no mother on both
    assert score_bound(with_mother, without) == 4.5 + 2.0 + 0.5


@pytest.mark.parametrize(
    ("heavier", "other"),
    [
        # the same name (no slack in the name's ceiling), the mother at the level made heaviest
        ({"mother.similar": 9.0}, woman("b", nik=NIK[:12] + "0002", mother_name="Siti")),
        ({"mother.different": 9.0}, woman("b", nik=NIK[:12] + "0002", mother_name="Enok")),
        # one letter off (two members of one card) with the members' level made heaviest
        ({"family_card.members": 9.0}, woman("b", nik=NIK[:12] + "0002", name="Rahmawato")),
        # both cards the same but one's NIK is the card: no card level weighs, not even the
        # heaviest negative one
        (
            {"family_card.same": -2.0, "family_card.members": -5.0},
            woman("b", nik=CARD, mother_name="Siti Aminah"),
        ),
    ],
)
def test_the_bound_holds_under_weights_that_favour_another_level(heavier, other):
    weights = {**HAND_WEIGHTS, **heavier}
    one = woman("a", mother_name="Siti Aminah")
    for x, y in ((one, other), (other, one)):
        assert score_bound(x, y, weights=weights) >= compare(x, y, weights=weights).score


def test_the_card_adds_its_own_weight_to_the_bound_when_below_one():
    weights = {**HAND_WEIGHTS, "family_card.same": 0.5}
    a, b = woman("a", name="x"), woman("b", nik="", name="y")
    # names of other words 4.5, birth date 2, village 0.5, the card at most 0.5
    assert score_bound(a, b, weights=weights) == 4.5 + 2.0 + 0.5 + 0.5
