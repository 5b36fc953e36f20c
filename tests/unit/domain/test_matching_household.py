"""The evidence records hold beyond the NIK and the name (issue 15): the family card, letters in
NIKs, a NIK that is not the person's own, short forms and call names, keyboard slips, day and
month swapped, and how common a name or a birth date is."""

from __future__ import annotations

import itertools
import math
import random
from datetime import date

import pytest

from payung.domain.matching import (
    CERTAIN,
    DATE_TF_BOUNDS,
    HAND_WEIGHTS,
    NAME_TF_BOUNDS,
    PROBABLE,
    TF_FEWEST_RECORDS,
    Frequencies,
    MatchRecord,
    NameAgreement,
    Outcome,
    blocking_keys,
    candidate_pairs,
    compare,
    find_pairs,
    name_agreement,
    nik_fits,
    nik_read,
    outcome,
    score_bound,
    unordered_date,
)
from payung.domain.name_forms import is_call_name, neighbours, one_slip_apart, short_form_of

BORN = date(1990, 3, 12)
NIK = "3201205203900001"  # a woman born 12 March 1990 (52 = 12 + 40), serial 0001
CARD = "3201201506150007"  # her family card, issued 15 June 2015


def woman(key: str, **changes) -> MatchRecord:
    values = {
        "key": key,
        "nik": NIK,
        "name": "Rahmawati",
        "birth_date": BORN,
        "sex": "F",
        "village": "32.01.20.2006",
        "family_card": CARD,
    }
    return MatchRecord(**{**values, **changes})


def evidence(match):
    return [(r.code, r.weight) for r in match.reasons]


# --- NIKs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("32O12O52O39OOO1", "320120520390001"),
        ("3201205203900001", "3201205203900001"),
        ("32Ol2OS2B3 900-001", "3201205283900001"),
        ("3201 2052.0390-0001", "3201205203900001"),
        ("32o1i05zg|Gb", "320110529166"),  # the lower-case and other look-alikes too
    ],
)
def test_letters_typed_for_digits_are_read_as_those_digits(typed, read):
    assert nik_read(typed) == read


@pytest.mark.parametrize(
    ("nik", "born", "sex", "fits"),
    [
        (NIK, BORN, "F", True),
        (NIK, BORN, "", True),  # sex not known: either day field will do
        ("3201201203900001", BORN, "", True),
        ("3201201111900001", date(1990, 11, 11), "M", True),  # a month of two digits
        ("3201201110900001", date(1990, 11, 11), "M", False),
        (NIK, BORN, "M", False),  # 52 is a woman's day
        ("3201201203900001", BORN, "M", True),
        ("3201201203900001", BORN, "F", False),
        (NIK, date(1990, 12, 3), "F", True),  # the stated date has day and month swapped
        (NIK, date(1991, 3, 12), "F", False),  # another year
        (NIK, date(1990, 3, 13), "F", False),
        (CARD, BORN, "F", False),  # a family card's number in the NIK column
        (NIK, None, "F", None),  # nothing to tell by
        ("320120520390001", BORN, "F", None),  # fifteen digits
        ("32012052039000O1", BORN, "F", None),  # a letter: read it first
    ],
)
def test_whether_a_nik_fits_the_records_birth_date_and_sex(nik, born, sex, fits):
    assert nik_fits(nik, born, sex) is fits


def test_a_nik_with_letters_read_as_digits_is_the_same_nik_and_says_so():
    match = compare(woman("a"), woman("b", nik="32O12O52O39OOOO1"))
    assert evidence(match)[:2] == [("match.nik_letters", 0.0), ("match.nik_same", 8.0)]
    assert match.reasons[0].message("id").startswith("Huruf pada NIK dibaca sebagai angka")


def test_the_family_card_in_the_nik_column_is_household_evidence_once():
    copy = woman("b", nik=CARD, family_card="")
    match = compare(woman("a"), copy)
    assert evidence(match)[0] == ("match.nik_is_family_card", 1.5)
    assert "match.family_card_same" not in [code for code, _ in evidence(match)]
    assert "match.nik_different" not in [code for code, _ in evidence(match)]
    # written on both: still once
    both = compare(woman("a"), woman("b", nik=CARD))
    codes = [code for code, _ in evidence(both)]
    assert codes.count("match.nik_is_family_card") == 1
    assert "match.family_card_same" not in codes
    assert both.score == 1.5 + 5.0 + 2.0 + 0.5


def test_a_nik_not_the_persons_own_is_not_compared():
    # The household head's NIK (a man born 1965) typed for her: far from hers, and not hers
    head = "3201200107650001"
    match = compare(woman("a", family_card=""), woman("b", nik=head, family_card=""))
    assert evidence(match)[0] == ("match.nik_not_own", 0.0)
    assert match.score == 5.0 + 2.0 + 0.5
    # two NIKs far apart that both fit their records count against
    other = compare(woman("a"), woman("b", nik="3273015203900004", family_card=""))
    assert evidence(other)[0] == ("match.nik_different", -4.0)


@pytest.mark.parametrize(
    ("other", "code", "weight"),
    [
        ("3201205203900002", "match.nik_serial_only", 1.0),  # a neighbour's serial, or a typo
        ("3201205203900010", "match.nik_serial_only", 2.5),  # two serial digits swapped
        ("3201205203900023", "match.nik_serial_only", -1.0),  # another serial
        # one district digit, or two swapped: the village's district is hers, a typo
        ("3201215203900001", "match.nik_district_slip", 2.5),
        ("3201025203900001", "match.nik_district_slip", 2.5),
        ("3201205203910001", "match.nik_date_slip", 4.0),  # the year: no longer hers, a typo
        ("3202215203900001", "match.nik_two_digits", 1.0),
    ],
)
def test_where_two_niks_differ_says_how_much_it_weighs(other, code, weight):
    assert evidence(compare(woman("a"), woman("b", nik=other)))[0] == (code, weight)


# --- the family card ----------------------------------------------------------------------------


def test_twins_on_one_card_with_consecutive_serials_are_two_people():
    hasan = MatchRecord("a", "3201201203900001", "Hasan", BORN, "M", family_card=CARD)
    husen = MatchRecord("b", "3201201203900002", "Husen", BORN, "M", family_card=CARD)
    match = compare(hasan, husen)
    assert evidence(match)[-1] == ("match.family_members", -5.0)
    assert match.reasons[-1].message("en").startswith("One family card, each its own NIK")
    # the same name with a serial typo on one card is no pair of twins
    again = compare(
        hasan, MatchRecord("b", "3201201203900002", "HASAN", BORN, "M", family_card=CARD)
    )
    assert evidence(again)[-1] == ("match.family_card_same", 1.5)
    assert again.score == 1.0 + 5.0 + 2.0 + 1.5


def test_different_family_cards_weigh_a_little_against():
    match = compare(woman("a"), woman("b", family_card="3201201506150008"))
    assert evidence(match)[-1] == ("match.family_card_different", -0.5)
    assert compare(woman("a"), woman("b", family_card="")).score == 8.0 + 5.0 + 2.0 + 0.5


# --- names --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "agreement"),
    [
        ("Rahmawati", "Wati", NameAgreement.SHORT_FORM),  # the last syllables
        ("Rahmawati Suryana", "Rahma Suryana", NameAgreement.SHORT_FORM),  # the first ones
        ("Hidayatullah", "Dayat", NameAgreement.SHORT_FORM),  # from the second syllable on
        ("Taufik Hidayat", "Opik Hidayat", NameAgreement.SHORT_FORM),  # listed: not the letters
        ("Siti Aminah", "Minah", NameAgreement.SHORT_FORM),  # a word fewer
        ("Opik", "Samsudin", NameAgreement.DIFFERENT),  # a listed form of another name
        ("Ujang Permana", "Budi Permana", NameAgreement.CALL_NAME),
        ("Neng Permana", "Euis Permana", NameAgreement.CALL_NAME),
        ("Ujang", "Budi", NameAgreement.DIFFERENT),  # a call name alone says nothing
        ("Asep Permana", "Ujang Permana", NameAgreement.DIFFERENT),  # two call names
        ("Fqtimah Rudi", "Fatimah Rudi", NameAgreement.TYPO),  # q beside a, not the old k
        ("Iwan", "Iean", NameAgreement.TYPO),
        ("Iwan", "Ipan", NameAgreement.DIFFERENT),  # p is nowhere near w
        ("Iwan Setiawan", "Iwn Setiawan", NameAgreement.TYPO),  # a letter dropped
    ],
)
def test_short_forms_call_names_and_keyboard_slips(a, b, agreement):
    assert name_agreement(a, b) is agreement
    assert name_agreement(b, a) is agreement


def test_short_form_rules_at_their_edges():
    assert short_form_of("ati", "rohayati")  # three letters at an end will do
    assert not short_form_of("at", "rohayati")  # two will not
    assert not short_form_of("aya", "rohayati")  # three inside will not
    assert short_form_of("ayat", "hidayat")  # four inside, from the second syllable on
    assert not short_form_of("hida", "hid")  # a short form is shorter
    assert not short_form_of("wati", "wati")
    assert not short_form_of("idaya", "hidayat"[:5])
    assert is_call_name("ujang")
    assert not is_call_name("budi")


def test_one_keyboard_slip():
    assert one_slip_apart("iwan", "iqan")  # q beside w
    assert not one_slip_apart("iwan", "iwan")
    assert not one_slip_apart("iwan", "ipan")
    assert one_slip_apart("iwan", "iwwan")  # a letter doubled
    assert one_slip_apart("iwan", "wan")
    assert not one_slip_apart("iwan", "wa")  # two letters
    assert not one_slip_apart("iwan", "iwna")  # two letters swapped is no single slip
    assert one_slip_apart("i1an", "ijan") is False  # a digit has no neighbours here


# --- dates --------------------------------------------------------------------------------------


def test_day_and_month_swapped_is_weak_evidence_for_and_shares_a_key():
    swapped = woman("b", birth_date=date(1990, 12, 3), nik="", family_card="")
    match = compare(woman("a", family_card=""), swapped)
    assert ("match.birth_date_swapped", 1.0) in evidence(match)
    assert unordered_date(BORN) == unordered_date(date(1990, 12, 3)) == "1990-03-12"
    assert set(blocking_keys(woman("a"))) & set(blocking_keys(swapped))
    another_year = compare(woman("a"), woman("b", birth_date=date(1991, 12, 3)))
    assert ("match.birth_date_different", -3.0) in evidence(another_year)


def test_a_second_record_without_nik_meets_the_first_by_village_and_birth_date():
    first = woman("a", family_card="")
    second = woman("b", nik="", name="Wati", family_card="")
    assert [(x.key, y.key) for x, y in candidate_pairs([first, second])] == [("a", "b")]
    assert f"v:32.01.20.2006:{unordered_date(BORN)}" in set(blocking_keys(second))


def test_a_nik_that_is_a_family_card_meets_that_card():
    first = woman("a")
    copy = woman("b", nik=CARD, name="Rahmawati", family_card="", village="")
    assert "k:" + CARD in set(blocking_keys(copy))  # not her own NIK: it may be a card
    assert "k:" + CARD in set(blocking_keys(first))
    assert "k:" + NIK not in set(blocking_keys(first))  # her own NIK is no card


# --- how common a name or a date is -------------------------------------------------------------


def _crowd(size: int, seed: int = 3) -> list[MatchRecord]:
    rng = random.Random(seed)
    letters = "bcdfghjklmnprstw"
    names = ["".join(rng.choice(letters) + "a" for _ in range(4)) for _ in range(size // 3)]
    return [
        MatchRecord(
            f"c{n}",
            "",
            "Ujang" if n % 10 == 0 else rng.choice(names),
            date(1990, 1, 1) if n % 20 == 0 else date(1970, 1, 1).replace(day=1 + n % 28),
        )
        for n in range(size)
    ]


def test_a_common_name_or_date_weighs_less_and_a_rare_one_more_within_bounds():
    crowd = _crowd(1_200)
    frequencies = Frequencies.of(crowd)
    assert frequencies.names["ujang"] == 120
    common, count = frequencies.name_adjustment("ujang")
    assert count == 120
    assert NAME_TF_BOUNDS[0] <= common < 0
    rare, count = frequencies.name_adjustment("never seen")
    assert count == 1  # never seen counts as once: the typical count's log, within the bound
    assert rare == round(min(math.log2(frequencies.name_typical), NAME_TF_BOUNDS[1]), 2) > 0
    heaped, count = frequencies.date_adjustment(date(1990, 1, 1))
    assert count == 60
    assert DATE_TF_BOUNDS[0] < heaped == round(math.log2(frequencies.date_typical / 60), 2) < 0

    a = MatchRecord("a", "", "Ujang", date(1990, 1, 1), village="v")
    b = MatchRecord("b", "", "Ujang", date(1990, 1, 1), village="v")
    match = compare(a, b, frequencies)
    assert [code for code, _ in evidence(match)] == [
        "match.name",
        "match.name_common",
        "match.birth_date_same",
        "match.birth_date_common",
        "match.village_same",
    ]
    assert match.reasons[1].params == {"count": 120}
    assert match.score == pytest.approx(5.0 + common + 2.0 + heaped + 0.5)
    assert compare(a, b).score == 7.5  # without frequencies: the weights as they are


def test_within_one_household_a_common_name_is_not_held_against_the_pair():
    frequencies = Frequencies.of(_crowd(1_200))
    a = MatchRecord("a", "", "Ujang", date(1990, 1, 1), family_card=CARD)
    b = MatchRecord("b", "", "Ujang", date(1990, 1, 1), family_card=CARD)
    assert compare(a, b, frequencies).score == 5.0 + 2.0 + 1.5


def test_frequencies_count_only_from_enough_records():
    few = _crowd(TF_FEWEST_RECORDS - 1)
    pairs = find_pairs(few, threshold=-100)
    assert not any(r.code.endswith(("_common", "_rare")) for m in pairs for r in m.reasons)
    enough = _crowd(TF_FEWEST_RECORDS)
    pairs = find_pairs(enough, threshold=-100)
    assert any(r.code == "match.name_common" for m in pairs for r in m.reasons)
    assert Frequencies.of([]).name_typical == 1.0


def test_the_score_bound_holds_for_the_new_evidence_too():
    records = [
        woman("a"),
        woman("b", nik=CARD, family_card=""),
        woman("c", nik="3201205203900002", name="Wati"),
        woman("d", birth_date=date(1990, 12, 3)),
        MatchRecord("e", "3201201203900001", "Hasan", BORN, "M", family_card=CARD),
        MatchRecord("f", "3201201203900002", "Husen", BORN, "M", family_card=CARD),
        woman("g", nik="", family_card=""),
        woman("h", nik="32O12O52O39OOOO2", name="Rahmawati Suryana"),
    ]
    frequencies = Frequencies.of(_crowd(1_200) + records)
    for x, y in itertools.combinations(records, 2):
        for f in (None, frequencies):
            assert score_bound(x, y, f) >= compare(x, y, f).score, (x.key, y.key)


def test_every_reason_names_its_level_and_another_weight_table_is_used_whole():
    match = compare(woman("a"), woman("b", birth_date=date(1990, 12, 3)))
    levels = [r.level for r in match.reasons]
    assert levels == [
        "nik.same",
        "name.same",
        "birth_date.swapped",
        "village.same",
        "family_card.same",
    ]
    assert all(HAND_WEIGHTS[r.level] == r.weight for r in match.reasons)
    heavier = {**HAND_WEIGHTS, "birth_date.swapped": 4.0, "village.same": -1.0}
    again = compare(woman("a"), woman("b", birth_date=date(1990, 12, 3)), weights=heavier)
    assert again.score == match.score + 3.0 - 1.5
    swapped = woman("b", birth_date=date(1990, 12, 3))
    assert score_bound(woman("a"), swapped, weights=heavier) >= again.score


def test_twins_of_opposite_sex_have_nik_days_40_apart_and_are_two_people():
    putra = MatchRecord("a", "3201201203900001", "Putra", BORN, "M", family_card=CARD)
    putri = MatchRecord("b", "3201205203900001", "Putri", BORN, "F", family_card=CARD)
    match = compare(putra, putri)
    assert evidence(match)[0] == ("match.nik_both_own", -1.0)
    assert evidence(match)[-1] == ("match.family_members", -5.0)
    assert match.outcome is Outcome.DIFFERENT
    # the same one digit, where one NIK no longer fits its record, is a typo
    typo = MatchRecord("b", "3201205203900001", "PUTRA", BORN, "M", family_card=CARD)
    assert evidence(compare(putra, typo))[0] == ("match.nik_date_slip", 4.0)


@pytest.mark.parametrize(
    ("score", "decided"),
    [
        (CERTAIN, Outcome.SAME),
        (CERTAIN - 0.01, Outcome.REVIEW),
        (PROBABLE, Outcome.REVIEW),
        (PROBABLE - 0.01, Outcome.DIFFERENT),
    ],
)
def test_three_outcomes_at_their_thresholds(score, decided):
    assert (CERTAIN, PROBABLE) == (10.0, 6.0)
    assert outcome(score) is decided


def test_a_woman_with_a_mans_nik_of_her_birth_date_meets_the_card_key():
    his = "3201201203900001"  # a man born the day she was: not hers
    her = woman("a", nik=his, family_card="")
    assert "k:" + his in set(blocking_keys(her))
    assert "k:" + his not in set(blocking_keys(woman("a", nik=his, sex="", family_card="")))


def test_find_pairs_scores_by_the_weights_given():
    records = [woman("a", family_card=""), woman("b", nik="", family_card="")]
    assert [m.score for m in find_pairs(records)] == [5.0 + 2.0 + 0.5]
    higher = {**HAND_WEIGHTS, "village.same": 3.0}
    assert [m.score for m in find_pairs(records, weights=higher)] == [5.0 + 2.0 + 3.0]


def test_keyboard_neighbours():
    # Each key with the keys beside it and the three nearest in the rows above and below
    near = neighbours()
    assert near["a"] == frozenset("qwsxz")
    assert near["g"] == frozenset("fhrtyvbn")
    assert near["p"] == frozenset("ol")
    assert near["m"] == frozenset("nhjk")
    assert near["q"] == frozenset("was")
    assert set(near) == set("qwertyuiopasdfghjklzxcvbnm")


# --- what the mutation run showed untested -------------------------------------------------------


def test_a_date_never_seen_counts_once_and_a_rare_one_is_said_rare():
    frequencies = Frequencies.of(_crowd(1_200))
    unseen = date(2001, 2, 3)
    adjustment, count = frequencies.date_adjustment(unseen)
    assert count == 1
    assert adjustment == round(min(math.log2(frequencies.date_typical), DATE_TF_BOUNDS[1]), 2)
    a = MatchRecord("a", "", "Cicih Sumarni", unseen)
    b = MatchRecord("b", "", "Cicih Sumarni", unseen)
    reasons = {r.code: r for r in compare(a, b, frequencies).reasons}
    rare = reasons["match.birth_date_rare"]
    assert (rare.level, rare.params, rare.weight) == ("tf", {"count": 1}, adjustment)
    name = reasons["match.name_rare"]
    assert (name.level, name.params) == ("tf", {"count": 1})
    assert 0 < name.weight <= NAME_TF_BOUNDS[1]


def test_a_slightly_rare_date_is_said_rare_not_common():
    crowd = _crowd(1_200)
    frequencies = Frequencies.of(crowd)
    # a date held by a little fewer records than the typical one
    born = date(1970, 1, 5)
    few = frequencies.dates[born]
    assert 0.25 <= math.log2(frequencies.date_typical / few) < 1
    a, b = MatchRecord("a", "", "Cicih", born), MatchRecord("b", "", "Cicih", born)
    codes = [r.code for r in compare(a, b, frequencies).reasons]
    assert "match.birth_date_rare" in codes


def test_a_nik_written_as_the_other_records_card_either_way_is_one_household():
    frequencies = Frequencies.of(_crowd(1_200))
    a = MatchRecord("a", CARD, "Ujang", date(1990, 1, 1))
    b = MatchRecord("b", NIK, "Ujang", date(1990, 1, 1), family_card=CARD)
    for x, y in ((a, b), (b, a)):
        match = compare(x, y, frequencies)
        assert evidence(match)[0] == ("match.nik_is_family_card", 1.5)
        assert match.score == 1.5 + 5.0 + 2.0  # a common name and date not held against them


def test_the_family_members_rule_needs_each_nik_to_be_its_own():
    # one NIK missing: no word on the NIKs, the card counts for the pair
    no_nik = compare(woman("a"), woman("b", nik="", name="Wati"))
    assert evidence(no_nik)[-1] == ("match.family_card_same", 1.5)
    # the NIKs differ where one no longer fits its record: a typo, not two members
    typo = compare(woman("a"), woman("b", nik="3201205203910001", name="Wati"))
    assert evidence(typo)[0] == ("match.nik_date_slip", 4.0)
    assert evidence(typo)[-1] == ("match.family_card_same", 1.5)
    # a woman whose NIK is a man's of her birth date is not hers, far from the other's
    his = MatchRecord("a", "3201201203900001", "Rahmawati", BORN, "F")
    other = MatchRecord("b", "3273015203900004", "Rahmawati", BORN, "F")
    assert evidence(compare(his, other))[0] == ("match.nik_not_own", 0.0)


def test_the_score_bound_follows_the_weights_and_frequencies_given():
    heavy = {**HAND_WEIGHTS, "village.same": 9.0, "family_card.same": 9.0, "phone.same": 9.0}
    same = woman("a", phone="+6281", mother_name="Enok")
    twin_record = woman("b", phone="+6281", mother_name="Enok")
    for weights in (None, heavy):
        bound = score_bound(same, twin_record, weights=weights)
        assert bound == compare(same, twin_record, weights=weights).score  # the bound is met
    frequencies = Frequencies.of(_crowd(1_200))
    rare_day = woman("a", birth_date=date(2001, 2, 3), nik="", family_card="", phone="+6281")
    rare_too = woman("b", birth_date=date(2001, 2, 3), nik="", family_card="", phone="+6281")
    score = compare(rare_day, rare_too, frequencies).score
    assert score_bound(rare_day, rare_too, frequencies) >= score
    assert [
        m.score for m in find_pairs([rare_day, rare_too], threshold=score, frequencies=frequencies)
    ] == [score]
    other_cards = (woman("a"), woman("b", family_card="3201201506150008", name="Wati"))
    assert score_bound(*other_cards) >= compare(*other_cards).score
    no_card = woman("b", family_card="", name="Wati")
    assert score_bound(*other_cards) == score_bound(woman("a"), no_card)
    assert (
        score_bound(woman("a"), woman("b"))
        == score_bound(woman("a"), woman("b", family_card="")) + 1.5
    )
    heavy_pair = [same, twin_record]
    assert [m.score for m in find_pairs(heavy_pair, weights=heavy, threshold=40)] == [
        compare(same, twin_record, weights=heavy).score
    ]
