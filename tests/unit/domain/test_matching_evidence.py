"""Matching evidence said exactly: similarity, each reason with its weight, the pairs (ADR 0032)."""

from __future__ import annotations

from datetime import date

import pytest

from payung.domain.matching import (
    MatchRecord,
    NameAgreement,
    NikDifference,
    blocking_keys,
    candidate_pairs,
    compare,
    find_pairs,
    jaro_winkler,
    name_agreement,
    name_sound,
    nik_difference,
    score_bound,
)


@pytest.mark.parametrize(
    ("a", "b", "similarity"),
    [
        # The published values of the Jaro–Winkler similarity.
        ("MARTHA", "MARHTA", 0.9611),
        ("DWAYNE", "DUANE", 0.84),
        ("DIXON", "DICKSONX", 0.8133),
        ("JELLYFISH", "SMELLYFISH", 0.8963),
        ("abcdefgh", "habcdefg", 0.9167),
        ("", "abc", 0.0),
        ("abc", "", 0.0),
        ("abc", "xyz", 0.0),
    ],
)
def test_jaro_winkler_gives_the_published_values(a, b, similarity):
    assert jaro_winkler(a, b) == pytest.approx(similarity, abs=5e-5)


@pytest.mark.parametrize(
    ("a", "b", "agreement"),
    [
        ("Siti Aminah", "S Aminah", NameAgreement.INITIALS),
        ("S Aminah", "Siti Aminah", NameAgreement.INITIALS),
        ("Ahmad Yani", "Ahmadi Yani", NameAgreement.TYPO),
        ("Muhammad Yusuf", "Muhamad Yusup", NameAgreement.SIMILAR),
        ("Siti", "Siti Aminah", NameAgreement.PARTIAL),
        ("Dewi Sartika Putri", "Dewi Putri", NameAgreement.PARTIAL),
        ("Ani", "Ani Kurniasih Wulandari", NameAgreement.DIFFERENT),  # a short word is no part
        ("Budi Santoso", "Agus Salim", NameAgreement.DIFFERENT),
    ],
)
def test_name_agreement(a, b, agreement):
    assert name_agreement(a, b) is agreement


@pytest.mark.parametrize(
    ("a", "b", "difference"),
    [
        ("3201204508800004", "3201204508800040", (NikDifference.TRANSPOSED, 15)),
        ("3201204508800004", "3201204508800015", (NikDifference.TWO_DIGITS, None)),
        # positions 1 and 6: b's first digit is a's sixth, yet they are no swap of neighbours
        ("1234567890123456", "6234597890123456", (NikDifference.TWO_DIGITS, None)),
        ("3201204508800004", "3201204508800009", (NikDifference.ONE_DIGIT, 16)),
        ("3201204508800004", "32012045088004", (NikDifference.DIFFERENT, None)),
    ],
)
def test_how_two_niks_differ(a, b, difference):
    assert nik_difference(a, b) == difference


SITI = MatchRecord(
    "a",
    "3201204508800004",
    "Siti Aminah",
    date(1980, 8, 5),
    "F",
    "32.01.20.2006",
    "+6281234567890",
    "Aminah",
)


def reasons(match):
    return [(r.code, r.weight, dict(r.params)) for r in match.reasons]


def test_every_piece_of_evidence_for_and_against_with_its_weight():
    other = MatchRecord(
        "b",
        "3201204508800040",
        "Siti Aminah",
        date(1980, 8, 6),
        "M",
        "32.01.20.2006",
        "+6281234567890",
        "Fatimah",
    )
    match = compare(other, SITI)
    assert (match.a, match.b) == ("a", "b")
    assert reasons(match) == [
        ("match.nik_serial_only", 2.5, {}),  # two serial digits swapped
        (
            "match.name",
            5.0,
            {"agreement": "same", "agreement_id": "sama", "agreement_en": "the same"},
        ),
        ("match.birth_date_different", -3.0, {}),
        ("match.sex_different", -6.0, {}),
        ("match.village_same", 0.5, {}),
        ("match.phone_same", 1.5, {}),
        ("match.mother_different", -3.0, {}),
    ]
    assert match.score == -2.5


def test_evidence_known_on_one_side_only_is_no_evidence():
    other = MatchRecord("b", "", "Siti Aminah", None, "", "32.01.20.2007", "+6289999", "")
    assert [code for code, _, _ in reasons(compare(SITI, other))] == ["match.name"]
    same = MatchRecord("c", SITI.nik, "Siti Aminah", SITI.birth_date, "F", "", "", "AMINAH")
    assert reasons(compare(SITI, same)) == [
        ("match.nik_same", 8.0, {}),
        (
            "match.name",
            5.0,
            {"agreement": "same", "agreement_id": "sama", "agreement_en": "the same"},
        ),
        ("match.birth_date_same", 2.0, {}),
        ("match.mother_same", 1.5, {}),
    ]
    assert compare(SITI, same).score == 16.5
    assert "position" not in compare(SITI, same).reasons[0].params


def test_blocking_keys_of_a_record_without_a_birth_date():
    record = MatchRecord("x", "3201204508800004", "Siti Aminah")
    assert list(blocking_keys(record)) == [
        "n0:4508800004:as",
        "n1:3201200004:as",
        "n2:320120450880",
    ]
    assert name_sound("Siti A Aminah") == name_sound("Siti Aminah")  # one letter has no sound


def twin(key: str, **changes) -> MatchRecord:
    values = {"key": key, "nik": "", "name": "Siti Aminah", "birth_date": date(1980, 8, 5)}
    return MatchRecord(**{**values, **changes})


def test_a_record_given_twice_does_not_hide_the_others_in_its_block():
    pairs = [(a.key, b.key) for a, b in candidate_pairs([twin("a"), twin("a"), twin("b")])]
    assert pairs == [("a", "b")]


def test_a_pair_sharing_several_keys_is_compared_once():
    one = twin("a", nik="3201204508800004")
    other = twin("b", nik="3201204508800004")
    assert len(list(candidate_pairs([one, other]))) == 1


def test_a_block_exactly_at_the_limit_is_compared():
    records = [twin(str(n)) for n in range(3)]
    assert len(list(candidate_pairs(records, max_block=3))) == 3
    assert list(candidate_pairs(records, max_block=2)) == []
    assert find_pairs(records, max_block=2) == []


def test_pairs_are_found_best_first_from_the_threshold_given():
    records = [
        twin("a", phone="+628111"),
        twin("b", phone="+628111"),
        twin("c", name="Siti Aminah", phone="+628222"),
    ]
    found = find_pairs(records, threshold=0)
    assert (found[0].a, found[0].b) == ("a", "b")
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert found[0].score > found[-1].score
    assert find_pairs(records, threshold=found[0].score + 0.01) == []


@pytest.mark.parametrize(
    ("a", "b", "similarity"),
    [
        ("siti aminah", "muhammad yusuf", 0.4248),  # a letter exactly at the window's edge
        ("siti aminah", "aminah siti", 0.4924),  # a letter just outside the window
    ],
)
def test_jaro_winkler_matches_letters_only_within_its_window(a, b, similarity):
    assert jaro_winkler(a, b) == pytest.approx(similarity, abs=5e-5)


def test_names_compared_word_for_word_with_one_space_between():
    assert name_agreement("Nur Hayati", "Nur Hayanti") is NameAgreement.TYPO
    assert name_agreement("Nur Hayati", "Nur Hayanto") is NameAgreement.SIMILAR
    assert name_agreement("Siti Siti Aminah", "Siti Aminah") is NameAgreement.PARTIAL
    assert name_sound("Siti Ab") == "ab st"  # a two-letter word has a sound


def test_pairs_are_yielded_in_the_order_the_records_came():
    records = [twin("a"), twin("b"), twin("c")]
    assert [(x.key, y.key) for x, y in candidate_pairs(records)] == [
        ("a", "b"),
        ("a", "c"),
        ("b", "c"),
    ]
    first, again = twin("a", phone="+6281"), twin("a", phone="+6282")
    ((met, _),) = list(candidate_pairs([first, again, twin("b")]))
    assert met.phone == "+6281"  # the record met first, not its later copy


def test_the_score_bound_from_the_cheap_evidence():
    rich = MatchRecord("a", SITI.nik, "Siti Aminah", date(1980, 8, 5), "F")
    # NIK 8 + birth date 2 + the most names of other words can weigh (another word order, 4.5);
    # no village, phone, mother or card on both records, so nothing for them
    assert score_bound(rich, MatchRecord("b", SITI.nik, "x", date(1980, 8, 5), "F")) == 14.5
    # NIK 8, birth date -3, sex -6, names 4.5
    assert score_bound(rich, MatchRecord("b", SITI.nik, "x", date(1980, 8, 6), "M")) == 3.5
    assert score_bound(rich, MatchRecord("b", "", "x", None, "")) == 4.5
    # names of the same words: the same name (5)
    assert score_bound(MatchRecord("a", "", "x"), MatchRecord("b", SITI.nik, "x")) == 5.0
    # the village and the phone as they are; a mother on both records at her most (1.5)
    full = MatchRecord("b", "", "x", None, "", SITI.village, SITI.phone, "Enok")
    assert score_bound(SITI, full) == 4.5 + 0.5 + 1.5 + 1.5


def test_a_pair_scoring_exactly_its_bound_at_the_threshold_is_found():
    one = SITI
    other = MatchRecord(
        "b", SITI.nik, SITI.name, SITI.birth_date, "F", SITI.village, SITI.phone, SITI.mother_name
    )
    bound = score_bound(one, other)
    assert compare(one, other).score == bound == 18.5
    assert [(m.a, m.b) for m in find_pairs([one, other], threshold=bound)] == [("a", "b")]
    assert find_pairs([twin("a"), twin("b")], threshold=0, max_block=1) == []


@pytest.mark.parametrize(
    ("a", "b", "agreement"),
    [
        ("Siti Aminah", "Siti A", NameAgreement.INITIALS),  # the same word first, then a letter
        ("S Aminah", "Siti Ahmad", NameAgreement.DIFFERENT),  # a letter first, then another name
        ("Siti Aminah", "Siti Amin", NameAgreement.SHORT_FORM),  # a short form, no initial
    ],
)
def test_initials_are_checked_word_by_word_to_the_end(a, b, agreement):
    assert name_agreement(a, b) is agreement
