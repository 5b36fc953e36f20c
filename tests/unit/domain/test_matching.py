"""Probable duplicates: name normalisation, NIK differences, scores with reasons, blocking."""

from __future__ import annotations

import random
from datetime import date

import pytest

from payung.domain.matching import (
    CERTAIN,
    PROBABLE,
    BlockIndex,
    MatchRecord,
    NameAgreement,
    NikDifference,
    blocking_keys,
    compare,
    find_pairs,
    jaro_winkler,
    name_agreement,
    name_key,
    name_tokens,
    nik_difference,
    reasons_text,
    score_bound,
    score_pairs,
)

BORN = date(1980, 8, 5)


@pytest.mark.parametrize(
    ("written", "tokens"),
    [
        ("Hj. Siti Aminah binti Ahmad, S.Pd.", ("siti", "aminah")),
        ("H. MUHAMMAD  Yusuf", ("muhamad", "yusuf")),
        ("Bpk. Asep", ("asep",)),
        ("Alm. Dadang", ("dadang",)),
        ("Soekarno", ("sukarno",)),
        ("Djoko Tjahjono", ("joko", "cahyono")),
        ("Sjarifuddin", ("syarifudin",)),
        ("Njoman", ("nyoman",)),
        ("Fathimah", ("fatimah",)),
        ("Ramadhan", ("ramadan",)),
        ("Yanty", ("yanti",)),
        ("Joko", ("joko",)),  # modern spelling: "j" stays
        ("Nur'aini", ("nuraini",)),
        ("Ibu", ("ibu",)),  # a title alone is the name
        ("José", ("jose",)),
    ],
)
def test_name_tokens_set_aside_titles_and_old_spellings(written, tokens):
    assert name_tokens(written) == tokens


@pytest.mark.parametrize(
    ("a", "b", "agreement"),
    [
        ("Siti Aminah", "SITI  AMINAH", NameAgreement.SAME),
        ("Hj. Siti Aminah", "Siti Aminah", NameAgreement.VARIANT),
        ("Soekarno", "Sukarno", NameAgreement.VARIANT),
        ("Muhammad", "Muhamad", NameAgreement.VARIANT),
        ("Asep Suryana", "Suryana Asep", NameAgreement.WORD_ORDER),
        ("M. Yusuf", "Muhammad Yusuf", NameAgreement.INITIALS),
        ("Siti Aminah", "Siti Aminha", NameAgreement.SIMILAR),
        ("Aminah", "Siti Aminah", NameAgreement.PARTIAL),
        ("Asep Suryana", "Ujang Suryana", NameAgreement.DIFFERENT),
        ("Budi", "Siti", NameAgreement.DIFFERENT),
        ("Nur", "Nur Hasanah", NameAgreement.DIFFERENT),  # a three-letter word is not enough
    ],
)
def test_name_agreement(a, b, agreement):
    assert name_agreement(a, b) is agreement
    assert name_agreement(b, a) is agreement


def test_name_key_is_equal_for_variants():
    assert name_key("Hj. Siti Aminah binti Ahmad") == name_key("SITI AMINAH") == "siti aminah"


def test_jaro_winkler_known_values():
    assert jaro_winkler("martha", "marhta") == pytest.approx(0.9611, abs=1e-4)
    assert jaro_winkler("dixon", "dicksonx") == pytest.approx(0.8133, abs=1e-4)
    assert jaro_winkler("", "abc") == 0.0
    assert jaro_winkler("abc", "abc") == 1.0


@pytest.mark.parametrize(
    ("a", "b", "difference", "position"),
    [
        ("3201010508800001", "3201010508800001", NikDifference.SAME, None),
        ("3201010508800001", "3201010508800007", NikDifference.ONE_DIGIT, 16),
        ("3201010508800012", "3201010508800021", NikDifference.TRANSPOSED, 15),
        ("3201010508800012", "3201010508800099", NikDifference.TWO_DIGITS, None),
        ("3201010508800012", "3271010101900099", NikDifference.DIFFERENT, None),
    ],
)
def test_nik_difference(a, b, difference, position):
    assert nik_difference(a, b) == (difference, position)


def _record(key, nik, name, **kwargs):
    return MatchRecord(key=key, nik=nik, name=name, birth_date=BORN, sex="F", **kwargs)


def test_a_nik_typo_with_the_same_name_is_a_probable_duplicate_with_its_reasons():
    # The last digit of the year mistyped: that NIK no longer fits the birth date, a typo.
    match = compare(
        _record("1", "3201014508800001", "Siti Aminah", village="32.01.20.2006"),
        _record("2", "3201014508810001", "SITI AMINAH", village="32.01.20.2006"),
    )
    assert match.score == 4.0 + 5.0 + 2.0 + 0.5
    assert match.score >= PROBABLE
    assert [r.code for r in match.reasons] == [
        "match.nik_date_slip",
        "match.name",
        "match.birth_date_same",
        "match.village_same",
    ]
    assert (
        match.reasons[0]
        .message("id")
        .startswith(
            "NIK berbeda satu angka pada bagian tanggal lahir, dan karena angka itu satu NIK tidak "
            "sesuai dengan tanggal lahir catatannya sendiri"
        )
    )
    assert match.reasons[1].message("en") == "Name: the same."


def test_a_serial_one_digit_off_weighs_little_as_neighbours_have_such_niks():
    match = compare(
        _record("1", "3201014508800001", "Siti Aminah", village="32.01.20.2006"),
        _record("2", "3201014508800007", "SITI AMINAH", village="32.01.20.2006"),
    )
    assert (match.reasons[0].code, match.reasons[0].weight) == ("match.nik_serial_only", 1.0)
    assert match.score == 1.0 + 5.0 + 2.0 + 0.5 >= PROBABLE
    assert match.reasons[0].message("id").startswith("NIK hanya berbeda pada nomor urut")


def test_neighbours_born_the_same_day_are_not_duplicates_by_a_near_nik():
    # Same district, same birthday, serials one digit apart, different people.
    match = compare(
        _record("1", "3201014508800001", "Siti Aminah", phone="+6281234567890"),
        _record("2", "3201014508800002", "Euis Komariah", phone="+6281234567891"),
    )
    assert match.score < PROBABLE
    assert match.reasons[1].params["agreement"] == "different"


def test_same_nik_with_a_name_variant_is_certain():
    match = compare(
        _record("1", "3201014508800001", "Hj. Siti Aminah"),
        _record("2", "3201014508800001", "Siti Aminah binti Ahmad"),
    )
    assert match.score >= CERTAIN
    assert match.certain


def test_a_different_sex_weighs_heavily_against():
    a = _record("1", "3201014508800001", "Nur Hasanah")
    b = MatchRecord(key="2", nik="3201010508800001", name="Nur Hasanah", birth_date=BORN, sex="M")
    assert compare(a, b).score < PROBABLE


def test_blocking_keys_leave_out_one_part_of_the_nik_each():
    keys = list(blocking_keys(_record("1", "3201014508800001", "Siti Aminah")))
    assert keys == [
        "n0:4508800001:as",
        "n1:3201010001:1980-08-05",
        "n2:320101450880",
        "s:1980-05-08:amn st",  # day and month in either order
    ]
    swapped = list(blocking_keys(_record("2", "3201014508800001", "Hj. AMINAH Siti")))
    assert swapped == keys


def test_find_pairs_finds_typos_in_each_part_and_keeps_neighbours_apart():
    records = [
        _record("a", "3201014508800001", "Siti Aminah"),
        _record("b", "3201014508800007", "Siti Aminah"),  # serial typo
        _record("c", "3201094508800123", "Euis Komariah"),
        _record("d", "3201094508810123", "Euis Komariah"),  # birth-date part typo
        _record("e", "3201034508800555", "Neneng Rahayu"),
        _record("f", "3201304508800555", "NENENG RAHAYU"),  # district part transposed
        _record("g", "3201014508800002", "Imas Maryati"),  # a neighbour of a and b
    ]
    pairs = {(m.a, m.b) for m in find_pairs(records)}
    assert pairs == {("a", "b"), ("c", "d"), ("e", "f")}


def test_find_pairs_does_not_compare_within_oversized_blocks():
    twins = [_record(str(n), f"32010145088{n:05d}", "Siti Aminah") for n in range(60)]
    # The 60 records meet only in the name-and-birth block and in one serial-less NIK block,
    # both over the limit: nothing is compared. Three of them are.
    pairs = find_pairs(twins, max_block=50)
    assert pairs == []
    pairs = find_pairs(twins[:3], max_block=50)
    assert {(m.a, m.b) for m in pairs} == {("0", "1"), ("0", "2"), ("1", "2")}


def test_reasons_text_leaves_out_where_two_niks_differ_when_asked():
    # (a birth date neither NIK fits: the records cannot tell which NIK slipped)
    match = compare(
        MatchRecord("a", "3201204508800001", "Siti Aminah", date(1975, 1, 1)),
        MatchRecord("b", "3201204508810001", "Hj. Siti Aminah", date(1975, 1, 1)),
    )
    assert reasons_text(match.reasons, "en") == (
        "NIKs differ in one digit (position 12). Name: the same once titles and old spellings "
        "are set aside. Same birth date."
    )
    assert reasons_text(match.reasons, "id", positions=False) == (
        "NIK berbeda satu angka. Nama: sama setelah gelar dan ejaan lama disamakan. "
        "Tanggal lahir sama."
    )
    swapped = compare(
        MatchRecord("a", "3201204508800012", "Budi", date(1975, 1, 1)),
        MatchRecord("b", "3201204508080012", "Budi", date(1975, 1, 1)),
    )
    assert reasons_text(swapped.reasons, "en", positions=False).startswith(
        "Two digits of the NIK are swapped. "
    )


def test_block_index_meets_each_earlier_record_once_within_the_block_limit():
    index: BlockIndex[int] = BlockIndex(max_block=3)
    assert index.meet(1, ["x", "y"]) == []
    assert index.meet(2, ["x", "y"]) == [1]  # shared twice, met once
    assert index.meet(3, ["y", "z"]) == [1, 2]
    assert index.meet(4, ["y", "x"]) == [1, 2]  # block y holds 3: no longer compared
    assert index.meet(5, ["z"]) == [3]


def test_the_score_bound_is_never_below_the_score_so_pruning_loses_no_pair():
    rng = random.Random(7)
    names = ["Siti Aminah", "Hj. SITI AMINAH", "Aminah Siti", "S. Aminah", "Euis", "Budi"]
    records = [
        MatchRecord(
            key=str(i),
            nik="32012045088000" + rng.choice(["01", "07", "10", "71", "99"]),
            name=rng.choice(names),
            birth_date=rng.choice([BORN, date(1980, 8, 6), None]),
            sex=rng.choice(["F", "M", ""]),
            village=rng.choice(["a", "b"]),
            phone=rng.choice(["", "+628123"]),
            mother_name=rng.choice(["", "Halimah", "Onah"]),
        )
        for i in range(60)
    ]
    pairs = [(a, b) for i, a in enumerate(records) for b in records[i + 1 :]]
    assert all(score_bound(a, b) >= compare(a, b).score for a, b in pairs)
    everything = [m for a, b in pairs if (m := compare(a, b)).score >= PROBABLE]
    assert len(score_pairs(pairs)) == len(everything) > 0
