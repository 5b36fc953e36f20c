"""Probable duplicates: two records that are probably one person although their NIKs or their
names differ.

Village lists are typed by hand, so the same worker arrives with a NIK one digit off, two digits
swapped, or a name spelt another way: with a title (``H.``, ``Hj.``, ``Bpk.``, ``Alm.``), in the
old spelling (``Soekarno``/``Sukarno``, ``Djoko``/``Joko``), with a doubled letter, in another
word order, or with initials (``M. Yusuf``). This module compares two records and returns a score
with every reason behind it, so the labour office's review screen and the audit trail say *why*
two records were put side by side.

A NIK encodes the district and the birth date, so two unrelated neighbours born on the same day
often have NIKs one digit apart: a near NIK is weak evidence alone, and becomes strong only with
a matching name (``NIK_WEIGHTS``). The weights are log-odds in the spirit of Fellegi–Sunter,
set by hand and checked against the labelled population of ``bench/dedupe_bench.py``.

Finding candidate pairs in a whole registry is done by *blocking*: records are grouped by keys
(:func:`blocking_keys`) and only records sharing a key are compared. The NIK is cut into three
parts — district (6 digits), birth date (6), serial (4) — and each key leaves one part out, so a
NIK with one or two wrong digits, or two swapped digits, still shares a key with the right one
unless the mistakes fall in two different parts. A fourth key, the name's sound and the birth
date, catches the rest. The same keys can be computed by SQL on a distributed engine.
Everything here is pure: records in, pairs and reasons out.
"""

from __future__ import annotations

import functools
import math
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Final, Generic, TypeVar

from payung.domain.errors import DEFAULT_LANGUAGE, message_for, register
from payung.domain.name_forms import is_call_name, one_slip_apart, short_form_of


class NikDifference(StrEnum):
    SAME = "same"
    ONE_DIGIT = "one_digit"
    TRANSPOSED = "transposed"  # two neighbouring digits swapped
    TWO_DIGITS = "two_digits"
    DIFFERENT = "different"


class NameAgreement(StrEnum):
    SAME = "same"  # identical once spaces and case are set aside
    VARIANT = "variant"  # the same after titles and old spellings are set aside
    WORD_ORDER = "word_order"
    INITIALS = "initials"  # "M. Yusuf" and "Muhammad Yusuf"
    TYPO = "typo"  # one word one keyboard slip off ("Iwan", "Iean")
    SHORT_FORM = "short_form"  # "Wati" for "Rahmawati", "Udin Permana" for "Samsudin Permana"
    SIMILAR = "similar"  # close by Jaro–Winkler (a typo, a missing letter)
    PARTIAL = "partial"  # one name is part of the other ("Aminah", "Siti Aminah")
    CALL_NAME = "call_name"  # a call name for the given name ("Ujang Permana", "Budi Permana")
    DIFFERENT = "different"


# --- reasons -----------------------------------------------------------------------------------

MATCH_NIK_SAME: Final = register("match.nik_same", id="NIK sama.", en="Same NIK.")
MATCH_NIK_ONE_DIGIT: Final = register(
    "match.nik_one_digit",
    id="NIK berbeda satu angka (posisi {position}).",
    en="NIKs differ in one digit (position {position}).",
)
MATCH_NIK_TRANSPOSED: Final = register(
    "match.nik_transposed",
    id="Dua angka NIK bertukar tempat (posisi {position}).",
    en="Two digits of the NIK are swapped (position {position}).",
)
# The same two reasons without the digit's position, for a record the reader may not see: the
# position and the reader's own NIK would give away all but one digit of the other's.
MATCH_NIK_ONE_DIGIT_SOMEWHERE: Final = register(
    "match.nik_one_digit_somewhere",
    id="NIK berbeda satu angka.",
    en="NIKs differ in one digit.",
)
MATCH_NIK_TRANSPOSED_SOMEWHERE: Final = register(
    "match.nik_transposed_somewhere",
    id="Dua angka NIK bertukar tempat.",
    en="Two digits of the NIK are swapped.",
)
_WITHOUT_POSITION: Final = {
    MATCH_NIK_ONE_DIGIT: MATCH_NIK_ONE_DIGIT_SOMEWHERE,
    MATCH_NIK_TRANSPOSED: MATCH_NIK_TRANSPOSED_SOMEWHERE,
}
MATCH_NIK_TWO_DIGITS: Final = register(
    "match.nik_two_digits",
    id="NIK berbeda dua angka.",
    en="NIKs differ in two digits.",
)
MATCH_NIK_DIFFERENT: Final = register(
    "match.nik_different", id="NIK jauh berbeda.", en="NIKs are far apart."
)
MATCH_NIK_SERIAL_ONLY: Final = register(
    "match.nik_serial_only",
    id=(
        "NIK hanya berbeda pada nomor urut: begitu pula NIK dua orang yang lahir pada hari yang "
        "sama di kecamatan yang sama."
    ),
    en=(
        "The NIKs differ in the serial only, as do those of two people born the same day in one "
        "district."
    ),
)
MATCH_NIK_SERIAL_SLIP: Final = register(
    "match.nik_serial_slip",
    id=(
        "NIK hanya berbeda satu angka pada nomor urut, dan salah satu nomor urut jauh lebih besar "
        "daripada yang diberikan di satu kecamatan untuk satu hari lahir: salah ketik."
    ),
    en=(
        "The NIKs differ in one digit of the serial only, and one serial is far beyond what a "
        "district gives for one day of birth: a slip."
    ),
)
MATCH_NIK_DISTRICT_ONLY: Final = register(
    "match.nik_district_only",
    id=(
        "NIK hanya berbeda satu angka pada kode kecamatan: begitu pula NIK dua orang yang lahir "
        "pada hari yang sama di kecamatan yang berdekatan."
    ),
    en=(
        "The NIKs differ in one digit of the district code only, as do those of two people born "
        "the same day in neighbouring districts."
    ),
)
MATCH_NIK_LETTERS: Final = register(
    "match.nik_letters",
    id=(
        "Huruf pada NIK dibaca sebagai angka (O sebagai 0, I atau l sebagai 1, S sebagai 5, "
        "B sebagai 8)."
    ),
    en="Letters in the NIK read as digits (O as 0, I or l as 1, S as 5, B as 8).",
)
MATCH_NIK_IS_FAMILY_CARD: Final = register(
    "match.nik_is_family_card",
    id="NIK satu catatan sama dengan No. KK catatan lain: No. KK tertulis di kolom NIK.",
    en="One record's NIK is the other's family card number: the card was written as the NIK.",
)
MATCH_NIK_BOTH_OWN: Final = register(
    "match.nik_both_own",
    id=(
        "NIK berbeda pada bagian tanggal lahir, dan masing-masing sesuai dengan tanggal lahir "
        "dan jenis kelamin catatannya: NIK dua orang."
    ),
    en=(
        "The NIKs differ in the birth-date part, and each fits its own record's birth date and "
        "sex: the NIKs of two people."
    ),
)
MATCH_NIK_NOT_OWN: Final = register(
    "match.nik_not_own",
    id=(
        "NIK salah satu catatan tidak sesuai dengan tanggal lahir atau jenis kelaminnya, jadi "
        "bukan NIK orang itu (mungkin No. KK atau NIK kepala keluarga) dan tidak dibandingkan."
    ),
    en=(
        "One record's NIK does not fit its birth date or sex, so it is not that person's NIK "
        "(perhaps the family card or the household head's) and is not compared."
    ),
)
MATCH_NIK_DATE_SLIP: Final = register(
    "match.nik_date_slip",
    id=(
        "NIK berbeda satu angka pada bagian tanggal lahir, dan karena angka itu satu NIK tidak "
        "sesuai dengan tanggal lahir catatannya sendiri sedangkan yang lain sesuai: salah ketik."
    ),
    en=(
        "The NIKs differ in one digit of the birth-date part, and that digit makes one NIK "
        "disagree with its own record's birth date while the other agrees: a slip."
    ),
)
MATCH_NIK_DISTRICT_SLIP: Final = register(
    "match.nik_district_slip",
    id=(
        "NIK berbeda satu angka pada kode kecamatan, dan hanya satu NIK yang sesuai dengan "
        "kecamatan desa catatannya: salah ketik."
    ),
    en=(
        "The NIKs differ in one digit of the district code, and only one of them agrees with "
        "its own record's district: a slip."
    ),
)
MATCH_NIK_DISTRICTS_OWN: Final = register(
    "match.nik_districts_own",
    id=(
        "NIK hanya berbeda pada kode kecamatan, dan masing-masing sesuai dengan kecamatan desa "
        "catatannya: NIK dua orang dari dua kecamatan."
    ),
    en=(
        "The NIKs differ in the district code only, and each is that of its own record's "
        "district: two people of two districts."
    ),
)
MATCH_NIK_BORROWED: Final = register(
    "match.nik_borrowed",
    id=(
        "NIK sama, tetapi hanya sesuai dengan tanggal lahir salah satu catatan, dan tanggal "
        "lahirnya jauh berbeda: mungkin NIK anggota keluarga lain (kepala keluarga) yang tertulis, "
        "jadi tidak dihitung."
    ),
    en=(
        "The same NIK, but it fits only one record's birth date, and the birth dates are far "
        "apart: perhaps another member's NIK (the household head's) was written, so it is not "
        "counted."
    ),
)
MATCH_NAME: Final = register(
    "match.name",
    id="Nama: {agreement_id}.",
    en="Name: {agreement_en}.",
)
MATCH_BIRTH_DATE_SAME: Final = register(
    "match.birth_date_same", id="Tanggal lahir sama.", en="Same birth date."
)
MATCH_BIRTH_DATE_SWAPPED: Final = register(
    "match.birth_date_swapped",
    id="Tanggal lahir sama bila hari dan bulan ditukar.",
    en="The same birth date with day and month swapped.",
)
MATCH_BIRTH_DATE_DIFFERENT: Final = register(
    "match.birth_date_different", id="Tanggal lahir berbeda.", en="Different birth dates."
)
MATCH_SEX_DIFFERENT: Final = register(
    "match.sex_different", id="Jenis kelamin berbeda.", en="Different sex."
)
MATCH_VILLAGE_SAME: Final = register("match.village_same", id="Desa sama.", en="Same village.")
MATCH_PHONE_SAME: Final = register("match.phone_same", id="Nomor HP sama.", en="Same phone number.")
MATCH_MOTHER_SAME: Final = register(
    "match.mother_same", id="Nama ibu kandung sama.", en="Same mother's maiden name."
)
MATCH_MOTHER_SIMILAR: Final = register(
    "match.mother_similar",
    id="Nama ibu kandung mirip (ditulis dengan cara lain).",
    en="Similar mother's maiden names (written another way).",
)
MATCH_MOTHER_DIFFERENT: Final = register(
    "match.mother_different",
    id="Nama ibu kandung berbeda.",
    en="Different mothers' maiden names.",
)

MATCH_FAMILY_CARD_SAME: Final = register(
    "match.family_card_same", id="No. KK sama.", en="Same family card number."
)
MATCH_FAMILY_CARD_DIFFERENT: Final = register(
    "match.family_card_different", id="No. KK berbeda.", en="Different family card numbers."
)
MATCH_FAMILY_MEMBERS: Final = register(
    "match.family_members",
    id=(
        "Satu KK, NIK masing-masing sendiri dan nama berbeda: dua anggota satu keluarga "
        "(misalnya anak kembar)."
    ),
    en=(
        "One family card, each its own NIK and different names: two members of one family "
        "(twins, for example)."
    ),
)
MATCH_NAME_COMMON: Final = register(
    "match.name_common",
    id="Nama ini umum: {count} catatan bernama sama.",
    en="A common name: {count} records bear it.",
)
MATCH_NAME_RARE: Final = register(
    "match.name_rare",
    id="Nama ini jarang: {count} catatan bernama sama.",
    en="A rare name: {count} records bear it.",
)
MATCH_BIRTH_DATE_COMMON: Final = register(
    "match.birth_date_common",
    id=(
        "Tanggal lahir ini sering tercatat ({count} catatan), misalnya 1 Januari atau 17 Agustus "
        "bila tanggal sebenarnya tidak diketahui."
    ),
    en=(
        "A birth date often recorded ({count} records), such as 1 January or 17 August when the "
        "real date was not known."
    ),
)
MATCH_BIRTH_DATE_RARE: Final = register(
    "match.birth_date_rare",
    id="Tanggal lahir ini jarang: {count} catatan.",
    en="A birth date seldom recorded: {count} records.",
)

_AGREEMENT_TEXT: Final = {
    NameAgreement.SAME: ("sama", "the same"),
    NameAgreement.VARIANT: (
        "sama setelah gelar dan ejaan lama disamakan",
        "the same once titles and old spellings are set aside",
    ),
    NameAgreement.WORD_ORDER: ("kata sama, urutan berbeda", "same words in another order"),
    NameAgreement.INITIALS: ("cocok dengan singkatan", "matches with initials"),
    NameAgreement.TYPO: ("salah ketik satu huruf", "one letter mistyped"),
    NameAgreement.SHORT_FORM: ("nama panggilan atau kependekan", "a short form or nickname"),
    NameAgreement.SIMILAR: ("mirip", "similar"),
    NameAgreement.PARTIAL: ("sebagian sama", "partly the same"),
    NameAgreement.CALL_NAME: (
        "sama kecuali nama panggilan (misalnya Ujang, Neng)",
        "the same but for a call name (such as Ujang, Neng)",
    ),
    NameAgreement.DIFFERENT: ("berbeda", "different"),
}

# Log-odds weights: how much more likely the evidence is for one person than for two.
NIK_WEIGHTS: Final = {
    NikDifference.SAME: 8.0,
    NikDifference.ONE_DIGIT: 2.5,
    NikDifference.TRANSPOSED: 3.5,
    NikDifference.TWO_DIGITS: 1.0,
    NikDifference.DIFFERENT: -4.0,
}
NAME_WEIGHTS: Final = {
    NameAgreement.SAME: 5.0,
    NameAgreement.VARIANT: 4.5,
    NameAgreement.WORD_ORDER: 4.5,
    NameAgreement.INITIALS: 3.5,
    NameAgreement.TYPO: 3.5,
    NameAgreement.SHORT_FORM: 3.0,
    NameAgreement.SIMILAR: 3.0,
    NameAgreement.PARTIAL: 2.0,
    NameAgreement.CALL_NAME: 2.0,
    NameAgreement.DIFFERENT: -6.0,
}
# NIKs that differ in one part only: neighbours carry such NIKs (the civil registry counts
# serials per district, birth date and sex, so 0001 and 0002 are two people born the same day).
NIK_SERIAL_NEAR: Final = 1.0  # one digit off in the serial
# Two digits of the serial swapped: neighbours rarely (0012 and 0021 need a dozen births of one
# sex on one day in one district), a hurried hand often.
NIK_SERIAL_SWAPPED: Final = 2.5
NIK_SERIAL_FAR: Final = -1.0  # another serial
# One digit off making one serial implausible (0001 and 0901): a slip, as strong as a swap.
NIK_SERIAL_SLIP: Final = 2.5
NIK_DISTRICT_NEAR: Final = 1.0  # one digit or two swapped, in the district code
# One digit or two swapped in the birth-date part, each NIK fitting its own record: the records
# say two birth dates or two sexes, and each NIK says the same (twins of opposite sex, 12 and 52)
NIK_BOTH_OWN: Final = -1.0
# One digit (or two swapped) that makes one NIK disagree with its own record while the other NIK
# agrees with its own: two people's NIKs each agree with their records, so this is a slip. In
# the birth-date part the record's date says so (strong); in the district code the village does,
# and a person who moved lives elsewhere than the NIK says (weaker: the one-digit weight).
NIK_DATE_SLIP: Final = 4.0
NIK_DISTRICT_SLIP: Final = 2.5
BIRTH_DATE_SAME: Final = 2.0
BIRTH_DATE_SWAPPED: Final = 1.0
BIRTH_DATE_DIFFERENT: Final = -3.0
FAMILY_CARD_SAME: Final = 1.5
FAMILY_CARD_DIFFERENT: Final = -0.5
FAMILY_MEMBERS: Final = -5.0
# Term frequency: an agreeing name or birth date weighs log2(mean share / its share) more (a rare
# one) or less (a common one) than the average, within these bounds; an agreement never weighs
# against.
NAME_TF_BOUNDS: Final = (-4.0, 3.0)
DATE_TF_BOUNDS: Final = (-1.75, 2.0)
TF_SHOWN: Final = 0.25  # a smaller adjustment is not worth a reason
TF_FEWEST_RECORDS: Final = 1_000  # fewer records tell nothing of how common a name is
TF_LEVEL: Final = "tf"  # a term-frequency adjustment's level: weighed by frequency, not estimated

SEX_DIFFERENT: Final = -6.0
VILLAGE_SAME: Final = 0.5
PHONE_SAME: Final = 1.5
MOTHER_SAME: Final = 1.5
# The mother's maiden name as another hand writes it (her first name only, a slip, a short form)
# is still some evidence; a different name is strong evidence of two people, as a mother's name
# is asked because it tells apart namesakes born the same day.
MOTHER_SIMILAR: Final = 0.5
MOTHER_DIFFERENT: Final = -3.0
# Three outcomes (ADR 0050): a pair at or above CERTAIN is "the same person" (it may be decided
# in bulk); at or above PROBABLE it goes to a reviewer; below, "different". Chosen on the labelled
# population of bench/dedupe_kinds_bench.py at 100,000 and 1,000,000 people: from 10 on, 998 or
# more of 1,000 pairs are one person; from 6 on, 926 or more.
PROBABLE: Final = 6.0
CERTAIN: Final = 10.0
JARO_WINKLER_SIMILAR: Final = 0.92

# Each comparison level's weight, as set by hand from the benchmark (issue 15); an installation's
# estimated weights (``domain.match_model``) have the same keys. "field.level": the field is
# what the level compares.
HAND_WEIGHTS: Final[Mapping[str, float]] = {
    **{f"nik.{d.value}": w for d, w in NIK_WEIGHTS.items()},
    "nik.letters": 0.0,  # said, not weighed: the NIK read is compared
    "nik.is_card": FAMILY_CARD_SAME,
    "nik.not_own": 0.0,
    "nik.serial_near": NIK_SERIAL_NEAR,
    "nik.serial_swapped": NIK_SERIAL_SWAPPED,
    "nik.serial_far": NIK_SERIAL_FAR,
    "nik.serial_slip": NIK_SERIAL_SLIP,
    "nik.district_near": NIK_DISTRICT_NEAR,
    "nik.both_own": NIK_BOTH_OWN,
    "nik.date_slip": NIK_DATE_SLIP,
    "nik.borrowed": 0.0,  # said, not weighed: another member's NIK
    "nik.district_slip": NIK_DISTRICT_SLIP,
    "nik.districts_own": NIK_BOTH_OWN,
    **{f"name.{n.value}": w for n, w in NAME_WEIGHTS.items()},
    "birth_date.same": BIRTH_DATE_SAME,
    "birth_date.swapped": BIRTH_DATE_SWAPPED,
    "birth_date.different": BIRTH_DATE_DIFFERENT,
    "sex.different": SEX_DIFFERENT,
    "village.same": VILLAGE_SAME,
    "phone.same": PHONE_SAME,
    "mother.same": MOTHER_SAME,
    "mother.similar": MOTHER_SIMILAR,
    "mother.different": MOTHER_DIFFERENT,
    "family_card.same": FAMILY_CARD_SAME,
    "family_card.different": FAMILY_CARD_DIFFERENT,
    "family_card.members": FAMILY_MEMBERS,
}


# --- names -------------------------------------------------------------------------------------

# Titles and honorifics written before a name (after punctuation is removed).
_TITLES: Final = frozenset(
    [
        "h",
        "hj",
        "haji",
        "hajjah",
        "hajah",
        "bpk",
        "bapak",
        "pak",
        "ibu",
        "bu",
        "sdr",
        "sdri",
        "saudara",
        "saudari",
        "alm",
        "almh",
        "almarhum",
        "almarhumah",
        "ny",
        "nyonya",
        "tn",
        "tuan",
        "nn",
        "nona",
        "kh",
        "ust",
        "ustadz",
        "ustaz",
        "ustadzah",
        "dr",
        "drs",
        "dra",
        "ir",
        "prof",
        "mr",
        "mrs",
    ]
)
# Old spellings (Ejaan Soewandi and earlier) and common variants, in the order they are applied.
_SPELLINGS: Final = (
    ("oe", "u"),
    ("dj", "j"),
    ("tj", "c"),
    ("sj", "sy"),
    ("nj", "ny"),
    ("ch", "kh"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("q", "k"),
)
_DOUBLED: Final = re.compile(r"(.)\1+")


_OLD_SPELLING: Final = re.compile(r"oe|dj|tj|sj|nj|ch")


@functools.lru_cache(maxsize=262_144)
def _token(word: str) -> str:
    if _OLD_SPELLING.search(word):
        # In the old spelling "j" was the sound now written "y" ("dj" was "j"): Tjahjono is
        # Cahyono. Only in a word that shows the old spelling, since Joko is Joko.
        word = re.sub(r"(?<![dtsn])j", "y", word)
    for old, new in _SPELLINGS:
        word = word.replace(old, new)
    word = _DOUBLED.sub(r"\1", word)
    return word[:-1] + "i" if len(word) > 2 and word.endswith("y") else word


# Lower-case ASCII letters stay, an apostrophe joins (Nur'aini), everything else splits words.
_WORD_CHARACTERS: Final = {
    **{code: " " for code in range(128) if not chr(code).isalpha()},
    ord("'"): None,
    **{code: chr(code).lower() for code in range(ord("A"), ord("Z") + 1)},
}
_PATRONYMS: Final = frozenset({"bin", "binti"})


@functools.lru_cache(maxsize=262_144)
def name_tokens(name: str) -> tuple[str, ...]:
    """A name as comparable words: no accents, case, punctuation, titles, patronymic (``bin``/
    ``binti`` and what follows), academic degrees (after a comma), or old spellings.

    ``"Hj. Siti Aminah binti Ahmad, S.Pd."`` → ``("siti", "aminah")``;
    ``"SOEKARNO"`` → ``("sukarno",)``.
    """
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = name.split(",", 1)[0].translate(_WORD_CHARACTERS).split()
    for i, word in enumerate(words):
        if i and word in _PATRONYMS:
            del words[i:]
            break
    while len(words) > 1 and words[0] in _TITLES:
        words.pop(0)
    return tuple(_token(word) for word in words)


def name_key(name: str) -> str:
    """The normalised words joined: equal keys mean "the same name, however it was written"."""
    return " ".join(name_tokens(name))


_VOWELS: Final = str.maketrans("", "", "aeiou")


def _consonants(token: str) -> str:
    """A word's sound for blocking: its first letter and the next two consonants."""
    return (token[0] + token[1:].translate(_VOWELS))[:3]


def jaro_winkler(a: str, b: str) -> float:
    """Jaro–Winkler similarity (0 to 1; 1 for equal strings)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    window = max(len(a), len(b)) // 2 - 1
    matched_b = [False] * len(b)
    matches_a = []
    for i, ch in enumerate(a):
        for j in range(max(0, i - window), min(len(b), i + window + 1)):
            if not matched_b[j] and b[j] == ch:
                matched_b[j] = True
                matches_a.append(ch)
                break
    if not matches_a:
        return 0.0
    matches_b = [b[j] for j, hit in enumerate(matched_b) if hit]
    transpositions = sum(x != y for x, y in zip(matches_a, matches_b, strict=True)) / 2
    m = len(matches_a)
    jaro = (m / len(a) + m / len(b) + (m - transpositions) / m) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)


def name_agreement(a: str, b: str) -> NameAgreement:
    if " ".join(a.lower().split()) == " ".join(b.lower().split()):
        return NameAgreement.SAME
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return NameAgreement.DIFFERENT
    if ta == tb:
        return NameAgreement.VARIANT
    if sorted(ta) == sorted(tb):
        return NameAgreement.WORD_ORDER
    if len(ta) == len(tb) and _initials_fit(ta, tb):
        return NameAgreement.INITIALS
    if (len(ta) == len(tb) and _one_slip(ta, tb)) or _one_slip_as_typed(a, b):
        return NameAgreement.TYPO
    if _short_form_fit(ta, tb):
        return NameAgreement.SHORT_FORM
    if jaro_winkler(" ".join(ta), " ".join(tb)) >= JARO_WINKLER_SIMILAR:
        return NameAgreement.SIMILAR
    shorter, longer = sorted((set(ta), set(tb)), key=len)
    if shorter <= longer and any(len(word) > 3 for word in shorter):
        return NameAgreement.PARTIAL
    if _call_name_fit(ta, tb, a, b):
        return NameAgreement.CALL_NAME
    return NameAgreement.DIFFERENT


def _one_slip(a: Sequence[str], b: Sequence[str]) -> bool:
    """Word by word equal but one word, which is one keyboard slip off."""
    differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(differ) == 1 and one_slip_apart(*differ[0])


def _one_slip_as_typed(a: str, b: str) -> bool:
    """:func:`_one_slip` on the words as typed, before the spelling rules (which read a slip to
    "q" as the old spelling of "k")."""
    wa, wb = a.translate(_WORD_CHARACTERS).split(), b.translate(_WORD_CHARACTERS).split()
    return len(wa) == len(wb) and _one_slip(wa, wb)


def _fits_short(x: str, y: str) -> bool:
    return short_form_of(x, y) or short_form_of(y, x)


def _short_form_fit(a: Sequence[str], b: Sequence[str]) -> bool:
    """Word by word equal or a short form of each other (at least one short form), the longer
    name perhaps with one word more ("Minah" for "Siti Aminah")."""
    shorter, longer = sorted((a, b), key=len)
    if len(longer) - len(shorter) > 1:
        return False
    ways = (
        [longer]
        if len(longer) == len(shorter)
        else [(*longer[:i], *longer[i + 1 :]) for i in range(len(longer))]
    )
    for way in ways:
        pairs = list(zip(shorter, way, strict=True))
        if all(x == y or _fits_short(x, y) for x, y in pairs) and any(x != y for x, y in pairs):
            return True
    return False


def _names_of_one(agreement: NameAgreement, a: str, b: str) -> bool:
    """Whether two names are more likely one person's than two family members': the same, a
    variant or a short form, or one name's words all within the other's ("Rahmawati" and
    "Rahmawati Putri", however close the two read)."""
    if agreement in _NAMES_OF_ONE:
        return True
    ta, tb = set(name_tokens(a)), set(name_tokens(b))
    return bool(ta and tb) and (ta <= tb or tb <= ta)


def _first_word(name: str) -> str:
    """A name's first word as typed (in lower case), after any titles: a call name is known by
    its letters (``Aa``), which the spelling rules would change."""
    return next((w for w in name.translate(_WORD_CHARACTERS).split() if w not in _TITLES), "")


def _call_name_fit(a: Sequence[str], b: Sequence[str], name_a: str, name_b: str) -> bool:
    """The same words after the first, where one first word (not both: Asep is not Ujang) is a
    call name (Ujang, Neng, Aa)."""
    if not (len(a) == len(b) > 1 and a[1:] == b[1:]):
        return False
    return is_call_name(_first_word(name_a)) != is_call_name(_first_word(name_b))


def _initials_fit(a: Sequence[str], b: Sequence[str]) -> bool:
    """Word by word equal, or one of them a single letter that starts the other."""
    abbreviated = False
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        if (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
            abbreviated = True
            continue
        return False
    return abbreviated


# --- NIKs --------------------------------------------------------------------------------------

# Letters a hand-typed or scanned NIK gets for digits.
_CONFUSABLE: Final = str.maketrans(
    {"O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "i": "1", "|": "1", "Z": "2", "z": "2",
     "S": "5", "s": "5", "G": "6", "b": "6", "B": "8", "g": "9", " ": None, ".": None, "-": None}
)  # fmt: skip
_FEMALE_DAY: Final = 40


def nik_read(nik: str) -> str:
    """A NIK with the letters typed for digits read as those digits (``32O1`` is ``3201``)."""
    return nik if nik.isdigit() else nik.translate(_CONFUSABLE)


def nik_fits(nik: str, born: date | None, sex: str) -> bool | None:
    """Whether a 16-digit NIK could be the NIK of a person born ``born`` (day and month in
    either order) of sex ``sex`` ("M", "F", or "" for not known); None when it cannot be told."""
    if born is None or len(nik) != 16 or not nik.isdigit():
        return None
    if int(nik[10:12]) != born.year % 100:
        return False
    day, month = int(nik[6:8]), int(nik[8:10])
    stated = ((born.day, born.month), (born.month, born.day))
    return (sex != "F" and (day, month) in stated) or (
        sex != "M" and (day - _FEMALE_DAY, month) in stated
    )


def nik_difference(a: str, b: str) -> tuple[NikDifference, int | None]:
    """How two 16-digit NIKs differ, and the (1-based) position of a single mistake."""
    if a == b:
        return NikDifference.SAME, None
    if len(a) != len(b):
        return NikDifference.DIFFERENT, None
    positions = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(positions) == 1:
        return NikDifference.ONE_DIGIT, positions[0] + 1
    if len(positions) == 2:
        i, j = positions
        if j == i + 1 and a[i] == b[j] and a[j] == b[i]:
            return NikDifference.TRANSPOSED, i + 1
        return NikDifference.TWO_DIGITS, None
    return NikDifference.DIFFERENT, None


# --- records and pairs -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MatchRecord:
    """What matching reads of a person (or of a row about to be imported). ``key`` is the
    caller's identifier; empty strings and None mean "not known"."""

    key: str
    nik: str
    name: str
    birth_date: date | None = None
    sex: str = ""
    village: str = ""
    phone: str = ""
    mother_name: str = ""
    family_card: str = ""  # the No. KK


@dataclass(frozen=True, slots=True)
class Reason:
    """One piece of evidence and its weight (positive: for one person; negative: against)."""

    code: str
    weight: float
    params: Mapping[str, object]
    level: str = ""  # the comparison level it weighs for ("nik.same", "name.typo"); TF_LEVEL

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return message_for(self.code, lang, **self.params)


class Outcome(StrEnum):
    SAME = "same"
    REVIEW = "review"
    DIFFERENT = "different"


def outcome(score: float) -> Outcome:
    """What a pair's score decides: the same person, a reviewer's question, or two people."""
    if score >= CERTAIN:
        return Outcome.SAME
    return Outcome.REVIEW if score >= PROBABLE else Outcome.DIFFERENT


@dataclass(frozen=True, slots=True)
class Match:
    """Two records that are probably one person, with every reason and the score they add to."""

    a: str
    b: str
    score: float
    reasons: tuple[Reason, ...]

    @property
    def certain(self) -> bool:
        return self.score >= CERTAIN

    @property
    def outcome(self) -> Outcome:
        return outcome(self.score)


@dataclass(frozen=True, slots=True)
class Frequencies:
    """How often each name and birth date occurs among the records compared (term frequency): an
    agreement on a rare name or date is stronger evidence than on a common one. ``name_typical``
    (``date_typical``) is the number of records a typical record shares its name (birth date)
    with; a value shared by more weighs less, by fewer more."""

    names: Mapping[str, int]
    dates: Mapping[date, int]
    name_typical: float
    date_typical: float

    @classmethod
    def of(cls, records: Iterable[MatchRecord]) -> Frequencies:
        names: Counter[str] = Counter()
        dates: Counter[date] = Counter()
        for record in records:
            key = name_key(record.name)
            if key:
                names[key] += 1
            if record.birth_date is not None:
                dates[record.birth_date] += 1
        return cls.of_counts(names, dates)

    @classmethod
    def of_counts(cls, names: Counter[str], dates: Counter[date]) -> Frequencies:
        """From counts made elsewhere (a distributed engine counts them where the records are):
        ``names`` by :func:`name_key`, without the empty key."""
        return cls(names, dates, _typical(names), _typical(dates))

    def name_adjustment(self, key: str) -> tuple[float, int]:
        count = max(self.names.get(key, 0), 1)
        return _bounded(math.log2(self.name_typical / count), NAME_TF_BOUNDS), count

    def date_adjustment(self, born: date) -> tuple[float, int]:
        count = max(self.dates.get(born, 0), 1)
        return _bounded(math.log2(self.date_typical / count), DATE_TF_BOUNDS), count


def _typical(counts: Counter[Any]) -> float:
    """How many records a typical record shares its value with, itself included: the geometric
    mean over records (the arithmetic one is pulled up by a few very common values, and would
    make a name shared by dozens look rare)."""
    total = sum(counts.values())
    if not total:
        return 1.0
    return 2 ** (sum(c * math.log2(c) for c in counts.values()) / total)


def _bounded(value: float, bounds: tuple[float, float]) -> float:
    low, high = bounds
    return round(min(max(value, low), high), 2)


_NIK_CODES: Final = {
    NikDifference.SAME: MATCH_NIK_SAME,
    NikDifference.ONE_DIGIT: MATCH_NIK_ONE_DIGIT,
    NikDifference.TRANSPOSED: MATCH_NIK_TRANSPOSED,
    NikDifference.TWO_DIGITS: MATCH_NIK_TWO_DIGITS,
    NikDifference.DIFFERENT: MATCH_NIK_DIFFERENT,
}
_NEAR: Final = (NikDifference.ONE_DIGIT, NikDifference.TRANSPOSED)
_SLIP_CODES: Final = {
    "nik.date_slip": MATCH_NIK_DATE_SLIP,
    "nik.district_slip": MATCH_NIK_DISTRICT_SLIP,
}
_NAME_AGREES: Final = (NameAgreement.SAME, NameAgreement.VARIANT, NameAgreement.WORD_ORDER)
# Name agreements that one person's two records show, and two members of a family seldom: with
# one card and each NIK its own, these keep the pair a question rather than two people. A name
# one letter off is not among them: twins are named so (Ikhsan and Ihsan, Ilham and Ilhami).
_NAMES_OF_ONE: Final = (
    NameAgreement.SAME,
    NameAgreement.VARIANT,
    NameAgreement.WORD_ORDER,
    NameAgreement.SHORT_FORM,
    NameAgreement.PARTIAL,
)

Add = Callable[..., None]


def _nik_is_card(na: str, nb: str, a: MatchRecord, b: MatchRecord) -> bool:
    return bool((a.family_card and nb == a.family_card) or (b.family_card and na == b.family_card))


def _one_household(a: MatchRecord, b: MatchRecord, na: str, nb: str) -> bool:
    """Both on one family card, or one's NIK (read as ``na``, ``nb``) the other's card: a few
    people, among whom a name or a birth date common in the region is no longer common."""
    if a.family_card and a.family_card == b.family_card:
        return True
    return bool(na and nb) and _nik_is_card(na, nb, a, b)


def _district_of(village: str) -> str:
    """The district (kecamatan) code of a village code as a NIK writes it (``320606``)."""
    return village.replace(".", "")[:6]


def _nik_slip(
    na: str, nb: str, a: MatchRecord, b: MatchRecord, fits: tuple[bool | None, bool | None]
) -> str | None:
    """The level of a one-digit (or swapped) difference that one NIK's own record shows to be a
    slip: the digit makes that NIK disagree with its record's birth date (``nik.date_slip``) or
    its village's district (``nik.district_slip``) while the other NIK agrees with its own."""
    if na[:6] == nb[:6]:  # the difference is in the birth-date part
        return "nik.date_slip" if set(fits) == {True, False} else None
    if na[6:] != nb[6:] or not (a.village and b.village):
        return None
    own = (na[:6] == _district_of(a.village), nb[:6] == _district_of(b.village))
    return "nik.district_slip" if own[0] != own[1] else None


def _districts_own(na: str, nb: str, a: MatchRecord, b: MatchRecord) -> bool:
    """NIKs that differ in the district code only, each that of its own record's village: two
    people of two districts born the same day (a person who moves keeps the NIK)."""
    # (called for NIKs that differ: the same rest means another district code; a village not
    # known is no district's)
    own = na[:6] == _district_of(a.village) and nb[:6] == _district_of(b.village)
    return own and na[6:] == nb[6:]


# A serial the civil registry gives: it counts the people of one district born on one day, so it
# stays small (a district of 100,000 people registers a handful of births a day).
SERIAL_PLAUSIBLE: Final = 100


def _serial_slip(a: str, b: str) -> bool:
    """Two serials one digit apart of which one is plausible and the other far beyond what a
    district numbers in a day (``0001`` and ``0901``): the second is the first mistyped, not a
    neighbour's."""
    low, high = sorted((int(a), int(b)))
    return low <= SERIAL_PLAUSIBLE < high


def _far_apart(a: date, b: date) -> bool:
    """Two birth dates no slip of the hand turns into each other: they differ in more than one
    written digit. (Day and month swapped need no exception: a NIK that fits one fits both.)"""
    written = (f"{a.day:02d}{a.month:02d}{a.year:04d}", f"{b.day:02d}{b.month:02d}{b.year:04d}")
    differ: int = sum(map(operator.ne, *written))
    return differ > 1


def _nik_borrowed(nik: str, a: MatchRecord, b: MatchRecord) -> bool:
    """One NIK on two records whose birth dates are far apart, and which fits one of them only:
    another member's NIK (the household head's) written in a record's NIK column."""
    if a.birth_date is None or b.birth_date is None or not _far_apart(a.birth_date, b.birth_date):
        return False
    fits = nik_fits(nik, a.birth_date, a.sex), nik_fits(nik, b.birth_date, b.sex)
    return set(fits) == {True, False}


def _nik_evidence(a: MatchRecord, b: MatchRecord, na: str, nb: str, add: Add) -> bool:
    """The NIKs' evidence (``na``, ``nb``: the NIKs as read); True when they are two people's by
    their own account: they differ in the serial only (one family's members, or neighbours born
    the same day), or each fits its own record's different birth date or sex."""
    if not (na and nb):
        return False
    if na != a.nik or nb != b.nik:
        add("nik.letters", MATCH_NIK_LETTERS)
    if _nik_is_card(na, nb, a, b):
        add("nik.is_card", MATCH_NIK_IS_FAMILY_CARD)
        return False
    difference, position = nik_difference(na, nb)
    if difference is not NikDifference.SAME and len(na) == 16 and na[:12] == nb[:12]:
        if difference is NikDifference.ONE_DIGIT and _serial_slip(na[12:], nb[12:]):
            add("nik.serial_slip", MATCH_NIK_SERIAL_SLIP)
            return False
        level = {NikDifference.ONE_DIGIT: "serial_near", NikDifference.TRANSPOSED: "serial_swapped"}
        add(f"nik.{level.get(difference, 'serial_far')}", MATCH_NIK_SERIAL_ONLY)
        return True
    if difference is NikDifference.SAME:
        if _nik_borrowed(na, a, b):
            add("nik.borrowed", MATCH_NIK_BORROWED)
            return False
    else:
        fits = (nik_fits(na, a.birth_date, a.sex), nik_fits(nb, b.birth_date, b.sex))
        slip = _nik_slip(na, nb, a, b, fits) if difference in _NEAR else None
        if slip is not None:
            add(slip, _SLIP_CODES[slip])
            return False
        if difference is not NikDifference.DIFFERENT and _districts_own(na, nb, a, b):
            add("nik.districts_own", MATCH_NIK_DISTRICTS_OWN)
            return True
        if difference in _NEAR and na[6:] == nb[6:]:
            add("nik.district_near", MATCH_NIK_DISTRICT_ONLY)
            return False
        if difference is NikDifference.DIFFERENT and False in fits:
            add("nik.not_own", MATCH_NIK_NOT_OWN)
            return False
        if (
            difference is not NikDifference.DIFFERENT
            and na[6:12] != nb[6:12]
            and fits == (True, True)
        ):
            add("nik.both_own", MATCH_NIK_BOTH_OWN)
            return True
    add(
        f"nik.{difference.value}",
        _NIK_CODES[difference],
        **({"position": position} if position else {}),
    )
    return False


def _birth_date_evidence(
    a: MatchRecord,
    b: MatchRecord,
    add: Add,
    frequencies: Frequencies | None,
    *,
    household: bool,
) -> None:
    if a.birth_date is None or b.birth_date is None:
        return
    if a.birth_date == b.birth_date:
        add("birth_date.same", MATCH_BIRTH_DATE_SAME)
        if frequencies is not None and not household:
            adjustment, count = frequencies.date_adjustment(a.birth_date)
            if abs(adjustment) >= TF_SHOWN:
                code = MATCH_BIRTH_DATE_COMMON if adjustment < 0 else MATCH_BIRTH_DATE_RARE
                add(TF_LEVEL, code, weight=adjustment, count=count)
    elif (a.birth_date.year, a.birth_date.month, a.birth_date.day) == (
        b.birth_date.year,
        b.birth_date.day,
        b.birth_date.month,
    ):
        add("birth_date.swapped", MATCH_BIRTH_DATE_SWAPPED)
    else:
        add("birth_date.different", MATCH_BIRTH_DATE_DIFFERENT)


@dataclass(slots=True)
class _Evidence:
    """A pair's reasons so far: the cheap ones first (the NIKs, birth dates, sexes, villages and
    phones), into which the names' go at ``names_at``, then the rest."""

    levels: Mapping[str, float]
    reasons: list[Reason]
    names_at: int = 0
    two_people: bool = False
    household: bool = False

    def add(self, level: str, code: str, weight: float | None = None, **params: object) -> None:
        value = self.levels[level] if weight is None else weight
        self.reasons.append(Reason(code, value, params, level))


def _cheap_evidence(
    a: MatchRecord, b: MatchRecord, frequencies: Frequencies | None, levels: Mapping[str, float]
) -> _Evidence:
    """The evidence that needs no name compared: what :func:`score_bound` starts from, and
    :func:`compare` too."""
    evidence = _Evidence(levels, [])
    na = a.nik if a.nik.isdigit() else nik_read(a.nik)
    nb = b.nik if b.nik.isdigit() else nik_read(b.nik)
    evidence.two_people = _nik_evidence(a, b, na, nb, evidence.add)
    evidence.names_at = len(evidence.reasons)
    evidence.household = _one_household(a, b, na, nb)
    _birth_date_evidence(a, b, evidence.add, frequencies, household=evidence.household)
    if a.sex and b.sex and a.sex != b.sex:
        evidence.add("sex.different", MATCH_SEX_DIFFERENT)
    if a.village and a.village == b.village:
        evidence.add("village.same", MATCH_VILLAGE_SAME)
    if a.phone and a.phone == b.phone:
        evidence.add("phone.same", MATCH_PHONE_SAME)
    return evidence


def _name_frequency(
    a: MatchRecord, frequencies: Frequencies | None, household: bool
) -> tuple[float, int] | None:
    """The term-frequency adjustment an agreeing name gets (and the count behind it), or None
    when it is too small to be a reason. Within one household a name common in the region is not
    held against the pair (a family is a few people); a rare one still counts for it, whereas a
    rare birth date does not (:func:`_birth_date_evidence`: twins share theirs)."""
    if frequencies is None:
        return None
    adjustment, count = frequencies.name_adjustment(name_key(a.name))
    if household:
        adjustment = max(adjustment, 0.0)
    return (adjustment, count) if abs(adjustment) >= TF_SHOWN else None


def _completed(
    a: MatchRecord, b: MatchRecord, evidence: _Evidence, frequencies: Frequencies | None
) -> Match:
    """The pair's match: the cheap evidence with the names', the mother's and the family
    card's."""
    cheap = evidence.reasons
    evidence.reasons = []
    agreement = name_agreement(a.name, b.name)
    text_id, text_en = _AGREEMENT_TEXT[agreement]
    evidence.add(
        f"name.{agreement.value}",
        MATCH_NAME,
        agreement=agreement.value,
        agreement_id=text_id,
        agreement_en=text_en,
    )
    if agreement in (NameAgreement.SAME, NameAgreement.VARIANT):
        frequency = _name_frequency(a, frequencies, evidence.household)
        if frequency is not None:
            adjustment, count = frequency
            code = MATCH_NAME_COMMON if adjustment < 0 else MATCH_NAME_RARE
            evidence.add(TF_LEVEL, code, weight=adjustment, count=count)
    evidence.reasons[:0] = cheap[: evidence.names_at]
    evidence.reasons.extend(cheap[evidence.names_at :])
    add = evidence.add
    if a.mother_name and b.mother_name:
        mothers = name_agreement(a.mother_name, b.mother_name)
        if mothers in _NAME_AGREES:
            add("mother.same", MATCH_MOTHER_SAME)
        elif mothers is NameAgreement.DIFFERENT:
            add("mother.different", MATCH_MOTHER_DIFFERENT)
        else:
            add("mother.similar", MATCH_MOTHER_SIMILAR)
    nik_was_card = any(r.code == MATCH_NIK_IS_FAMILY_CARD for r in cheap)
    if a.family_card and b.family_card and not nik_was_card:
        if a.family_card != b.family_card:
            add("family_card.different", MATCH_FAMILY_CARD_DIFFERENT)
        elif evidence.two_people and not _names_of_one(agreement, a.name, b.name):
            add("family_card.members", MATCH_FAMILY_MEMBERS)
        else:
            add("family_card.same", MATCH_FAMILY_CARD_SAME)
    first, second = sorted((a.key, b.key))
    score = 0.0
    for reason in evidence.reasons:  # in order, so every caller gets the same float
        score += reason.weight
    return Match(first, second, round(score, 2), tuple(evidence.reasons))


def compare(
    a: MatchRecord,
    b: MatchRecord,
    frequencies: Frequencies | None = None,
    weights: Mapping[str, float] | None = None,
) -> Match:
    """Score two records; every piece of evidence, for or against, is a reason. With
    ``frequencies`` an agreeing name or birth date weighs by how rare it is; ``weights`` are each
    level's weight (:data:`HAND_WEIGHTS` unless another set is given)."""
    levels = HAND_WEIGHTS if weights is None else weights
    return _completed(a, b, _cheap_evidence(a, b, frequencies, levels), frequencies)


def name_initials(name: str) -> str:
    """The first letters of a name's words, sorted: the same in any word order."""
    return "".join(sorted(token[0] for token in name_tokens(name)))


def name_sound(name: str) -> str:
    """The sound of each word of a name (first letter and next two consonants), sorted."""
    return " ".join(sorted(_consonants(token) for token in name_tokens(name) if len(token) > 1))


def blocking_keys(record: MatchRecord) -> Iterator[str]:
    """The keys a record is grouped under; records sharing none are never compared.

    A NIK's serial is counted per district and birth date, so it is small (0001, 0002, …) for
    almost everyone: a key without the district or without the birth date would gather a whole
    province's or district's people. The key without the district carries the name's initials (in
    any word order, after titles and old spellings are set aside); the one without the NIK's
    birth date carries the stated birth date. Letters typed for digits are read as digits first.
    The family card gathers a household (a few records), and a NIK that does not fit its own
    record's birth date joins it there too: it is often the card's number, or the head's NIK.
    The name's key carries the birth date with day and month in either order.
    ``payung.dedupe.engine`` builds the same keys in SQL from a record's NIK, birth date,
    :func:`name_initials` and :func:`name_sound`.
    """
    nik = nik_read(record.nik)
    if len(nik) == 16:
        initials = name_initials(record.name)
        yield f"n0:{nik[6:]}:{initials}"  # district left out
        # Birth date left out: the stated birth date stands in for it (a person's NIK must
        # agree with it, so two records of one person share it even when a NIK digit is wrong).
        born = record.birth_date.isoformat() if record.birth_date else initials
        yield f"n1:{nik[:6]}{nik[12:]}:{born}"
        yield "n2:" + nik[:12]  # serial left out
        if nik_fits(nik, record.birth_date, record.sex) is False:
            # Not the person's own NIK: perhaps the family card, met under the card's key
            yield "k:" + nik
    if record.birth_date is not None:
        sound = name_sound(record.name)
        if sound:
            yield f"s:{unordered_date(record.birth_date)}:{sound}"
        if record.village:
            # A second record without a NIK, its name written another way, meets the first here
            yield f"v:{record.village}:{unordered_date(record.birth_date)}"
    if record.family_card:
        yield "k:" + record.family_card  # one household's members meet


def unordered_date(born: date) -> str:
    """A birth date with day and month in either order (``1980-05-08`` for 5 August and for
    8 May): a date written with the two swapped keeps its key."""
    low, high = sorted((born.month, born.day))
    return f"{born.year:04d}-{low:02d}-{high:02d}"


# A block bigger than this is not compared pair by pair (a common name born on a common date in
# a list of millions); its records still meet through their other keys.
MAX_BLOCK: Final = 50


def candidate_pairs(
    records: Iterable[MatchRecord], *, max_block: int = MAX_BLOCK
) -> Iterator[tuple[MatchRecord, MatchRecord]]:
    """Each pair of records sharing a blocking key (of at most ``max_block`` records), once."""
    # A key most records hold alone keeps its record, not a list of one (a million records have
    # some seven million keys: the lists would be most of the scan's memory).
    by_key: dict[str, MatchRecord | list[MatchRecord]] = {}
    for record in records:
        for key in blocking_keys(record):
            held = by_key.get(key)
            if held is None:
                by_key[key] = record
            elif isinstance(held, list):
                held.append(record)
            else:
                by_key[key] = [held, record]
    seen: set[tuple[str, str]] = set()
    for block in by_key.values():
        if not isinstance(block, list) or len(block) > max_block:
            continue
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if a.key == b.key:
                    continue
                pair = (a.key, b.key) if a.key < b.key else (b.key, a.key)
                if pair not in seen:
                    seen.add(pair)
                    yield a, b


@dataclass(frozen=True, slots=True)
class _Ceilings:
    """The most each piece of evidence :func:`_cheap_evidence` leaves out can weigh, under one
    set of weights: worked out once per scan, not once per pair."""

    name: float  # names of other words (no term frequency applies)
    name_equal: float  # names of the same words (the same, or a variant), before frequency
    name_none: float  # names with no word to compare (different, whatever their key)
    mother: float
    card: float

    @classmethod
    def of(cls, levels: Mapping[str, float]) -> _Ceilings:
        equal = (NameAgreement.SAME, NameAgreement.VARIANT)
        return cls(
            name=max(levels[f"name.{n.value}"] for n in NameAgreement if n not in equal),
            name_equal=max(levels[f"name.{n.value}"] for n in equal),
            name_none=levels["name.different"],
            mother=max(levels["mother.same"], levels["mother.similar"], levels["mother.different"]),
            # (other cards weigh against, or nothing: no more than no card)
            card=max(levels["family_card.members"], levels["family_card.same"], 0.0),
        )


def _bound(
    a: MatchRecord,
    b: MatchRecord,
    evidence: _Evidence,
    ceilings: _Ceilings,
    frequencies: Frequencies | None,
) -> float:
    bound = 0.0
    for reason in evidence.reasons:
        bound += reason.weight
    if name_key(a.name) == name_key(b.name):
        # the same words: the same name or a variant, with its frequency
        frequency = _name_frequency(a, frequencies, evidence.household)
        equal = ceilings.name_equal + (frequency[0] if frequency else 0.0)
        bound += max(equal, ceilings.name_none)
    else:
        bound += ceilings.name
    if a.mother_name and b.mother_name:
        bound += ceilings.mother
    if a.family_card and a.family_card == b.family_card:
        bound += ceilings.card
    return bound


def score_bound(
    a: MatchRecord,
    b: MatchRecord,
    frequencies: Frequencies | None = None,
    weights: Mapping[str, float] | None = None,
) -> float:
    """The highest score :func:`compare` could give the pair, from the cheap evidence only (the
    NIKs, birth dates, sexes, villages, phones, whether the names have the same words, and which
    fields both records hold): a pair whose bound is below the threshold is not compared. Most
    candidate pairs are neighbours with far-apart serials, and comparing their names is the
    costly part."""
    levels = HAND_WEIGHTS if weights is None else weights
    evidence = _cheap_evidence(a, b, frequencies, levels)
    return _bound(a, b, evidence, _Ceilings.of(levels), frequencies)


def score_pairs(
    pairs: Iterable[tuple[MatchRecord, MatchRecord]],
    *,
    threshold: float = PROBABLE,
    frequencies: Frequencies | None = None,
    weights: Mapping[str, float] | None = None,
) -> list[Match]:
    """The pairs scoring at least ``threshold``, best first (the step an engine runs as a UDF):
    :func:`compare`'s scores, each pair's cheap evidence worked out once, for its bound and then
    for its score."""
    levels = HAND_WEIGHTS if weights is None else weights
    ceilings = _Ceilings.of(levels)
    found = []
    for a, b in pairs:
        evidence = _cheap_evidence(a, b, frequencies, levels)
        if _bound(a, b, evidence, ceilings, frequencies) >= threshold:
            match = _completed(a, b, evidence, frequencies)
            if match.score >= threshold:
                found.append(match)
    found.sort(key=lambda m: (-m.score, m.a, m.b))
    return found


def find_pairs(
    records: Iterable[MatchRecord],
    *,
    threshold: float = PROBABLE,
    max_block: int = MAX_BLOCK,
    frequencies: Frequencies | None = None,
    weights: Mapping[str, float] | None = None,
) -> list[Match]:
    """Every pair of ``records`` scoring at least ``threshold``, best first; names and birth
    dates weigh by their frequency among ``records`` (from ``TF_FEWEST_RECORDS`` records on)
    unless ``frequencies`` are given."""
    records = list(records)
    if frequencies is None and len(records) >= TF_FEWEST_RECORDS:
        frequencies = Frequencies.of(records)
    return score_pairs(
        candidate_pairs(records, max_block=max_block),
        threshold=threshold,
        frequencies=frequencies,
        weights=weights,
    )


def reasons_text(
    reasons: Iterable[Reason], lang: str = DEFAULT_LANGUAGE, *, positions: bool = True
) -> str:
    """The reasons as one text, a sentence each ("NIK berbeda satu angka (posisi 16). Nama:
    sama. …").

    ``positions=False`` leaves out where two NIKs differ, for a reader who may not see the other
    record: with their own NIK, the position would tell them the other's but for one digit.
    """
    texts = []
    for reason in reasons:
        if not positions and reason.code in _WITHOUT_POSITION:
            texts.append(message_for(_WITHOUT_POSITION[reason.code], lang))
        else:
            texts.append(reason.message(lang))
    return " ".join(texts)


Item = TypeVar("Item", bound=Hashable)


class BlockIndex(Generic[Item]):
    """Records met so far, by blocking key: a stream of records (an import's rows) is compared
    with the records before it, under :func:`candidate_pairs`' rule that a block of more than
    ``max_block`` records is not compared.

    Unlike :func:`candidate_pairs`, which sees every block whole, a stream compares a record with
    a block that is still small enough when the record arrives; a block that grows past the limit
    later is not compared any further. The keys may be :func:`blocking_keys` or keyed hashes of
    them (``payung.dedupe.blocking``).
    """

    def __init__(self, *, max_block: int = MAX_BLOCK) -> None:
        self.max_block = max_block
        self._blocks: dict[Hashable, list[Item]] = {}

    def meet(self, item: Item, keys: Iterable[Hashable]) -> list[Item]:
        """Add ``item`` under ``keys``; return the items met before it that share one of them in
        a block still within the limit, each once, in the order met."""
        found: list[Item] = []
        for key in keys:
            block = self._blocks.get(key)
            if block is None:
                self._blocks[key] = [item]
                continue
            if len(block) < self.max_block:
                found.extend(block)
            block.append(item)
        return list(dict.fromkeys(found)) if len(found) > 1 else found


# Cached by their arguments: a scan compares the same names (a household's mothers, a village's
# common names) again and again. Wrapped here rather than decorated where they are defined, so
# that the mutation run still mutates what they compute (ADR 0032).
name_agreement = functools.lru_cache(maxsize=262_144)(name_agreement)
name_initials = functools.lru_cache(maxsize=262_144)(name_initials)
name_sound = functools.lru_cache(maxsize=262_144)(name_sound)
