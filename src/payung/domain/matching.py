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
import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final, Generic, TypeVar

from payung.domain.errors import DEFAULT_LANGUAGE, message_for, register


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
    SIMILAR = "similar"  # close by Jaro–Winkler (a typo, a missing letter)
    PARTIAL = "partial"  # one name is part of the other ("Aminah", "Siti Aminah")
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
MATCH_NAME: Final = register(
    "match.name",
    id="Nama: {agreement_id}.",
    en="Name: {agreement_en}.",
)
MATCH_BIRTH_DATE_SAME: Final = register(
    "match.birth_date_same", id="Tanggal lahir sama.", en="Same birth date."
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
MATCH_MOTHER_DIFFERENT: Final = register(
    "match.mother_different",
    id="Nama ibu kandung berbeda.",
    en="Different mothers' maiden names.",
)

_AGREEMENT_TEXT: Final = {
    NameAgreement.SAME: ("sama", "the same"),
    NameAgreement.VARIANT: (
        "sama setelah gelar dan ejaan lama disamakan",
        "the same once titles and old spellings are set aside",
    ),
    NameAgreement.WORD_ORDER: ("kata sama, urutan berbeda", "same words in another order"),
    NameAgreement.INITIALS: ("cocok dengan singkatan", "matches with initials"),
    NameAgreement.SIMILAR: ("mirip", "similar"),
    NameAgreement.PARTIAL: ("sebagian sama", "partly the same"),
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
    NameAgreement.SIMILAR: 3.0,
    NameAgreement.PARTIAL: 2.0,
    NameAgreement.DIFFERENT: -6.0,
}
BIRTH_DATE_SAME: Final = 2.0
BIRTH_DATE_DIFFERENT: Final = -3.0
SEX_DIFFERENT: Final = -6.0
VILLAGE_SAME: Final = 0.5
PHONE_SAME: Final = 1.5
MOTHER_SAME: Final = 1.5
MOTHER_DIFFERENT: Final = -1.5
# A pair at or above PROBABLE goes to the review queue; at or above CERTAIN it may be decided in
# bulk.
PROBABLE: Final = 8.0
CERTAIN: Final = 13.0
JARO_WINKLER_SIMILAR: Final = 0.92


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
    if jaro_winkler(" ".join(ta), " ".join(tb)) >= JARO_WINKLER_SIMILAR:
        return NameAgreement.SIMILAR
    shorter, longer = sorted((set(ta), set(tb)), key=len)
    if shorter <= longer and any(len(word) > 3 for word in shorter):
        return NameAgreement.PARTIAL
    return NameAgreement.DIFFERENT


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


@dataclass(frozen=True, slots=True)
class Reason:
    """One piece of evidence and its weight (positive: for one person; negative: against)."""

    code: str
    weight: float
    params: Mapping[str, object]

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return message_for(self.code, lang, **self.params)


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


def compare(a: MatchRecord, b: MatchRecord) -> Match:
    """Score two records; every piece of evidence, for or against, is a reason."""
    score = 0.0
    reasons: list[Reason] = []

    def add(weight: float, code: str, **params: object) -> None:
        nonlocal score
        score += weight
        reasons.append(Reason(code, weight, params))

    if a.nik and b.nik:
        difference, position = nik_difference(a.nik, b.nik)
        code = {
            NikDifference.SAME: MATCH_NIK_SAME,
            NikDifference.ONE_DIGIT: MATCH_NIK_ONE_DIGIT,
            NikDifference.TRANSPOSED: MATCH_NIK_TRANSPOSED,
            NikDifference.TWO_DIGITS: MATCH_NIK_TWO_DIGITS,
            NikDifference.DIFFERENT: MATCH_NIK_DIFFERENT,
        }[difference]
        add(NIK_WEIGHTS[difference], code, **({"position": position} if position else {}))
    agreement = name_agreement(a.name, b.name)
    text_id, text_en = _AGREEMENT_TEXT[agreement]
    add(
        NAME_WEIGHTS[agreement],
        MATCH_NAME,
        agreement=agreement.value,
        agreement_id=text_id,
        agreement_en=text_en,
    )
    if a.birth_date and b.birth_date:
        if a.birth_date == b.birth_date:
            add(BIRTH_DATE_SAME, MATCH_BIRTH_DATE_SAME)
        else:
            add(BIRTH_DATE_DIFFERENT, MATCH_BIRTH_DATE_DIFFERENT)
    if a.sex and b.sex and a.sex != b.sex:
        add(SEX_DIFFERENT, MATCH_SEX_DIFFERENT)
    if a.village and a.village == b.village:
        add(VILLAGE_SAME, MATCH_VILLAGE_SAME)
    if a.phone and a.phone == b.phone:
        add(PHONE_SAME, MATCH_PHONE_SAME)
    if a.mother_name and b.mother_name:
        if name_key(a.mother_name) == name_key(b.mother_name):
            add(MOTHER_SAME, MATCH_MOTHER_SAME)
        else:
            add(MOTHER_DIFFERENT, MATCH_MOTHER_DIFFERENT)
    first, second = sorted((a.key, b.key))
    return Match(first, second, round(score, 2), tuple(reasons))


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
    birth date carries the stated birth date. ``payung.dedupe.engine`` builds the same keys in SQL
    from a record's NIK, birth date, :func:`name_initials` and :func:`name_sound`.
    """
    nik = record.nik
    if len(nik) == 16:
        initials = name_initials(record.name)
        yield f"n0:{nik[6:]}:{initials}"  # district left out
        # Birth date left out: the stated birth date stands in for it (a person's NIK must
        # agree with it, so two records of one person share it even when a NIK digit is wrong).
        born = record.birth_date.isoformat() if record.birth_date else initials
        yield f"n1:{nik[:6]}{nik[12:]}:{born}"
        yield "n2:" + nik[:12]  # serial left out
    if record.birth_date is not None:
        sound = name_sound(record.name)
        if sound:
            yield f"s:{record.birth_date.isoformat()}:{sound}"


# A block bigger than this is not compared pair by pair (a common name born on a common date in
# a list of millions); its records still meet through their other keys.
MAX_BLOCK: Final = 50


def candidate_pairs(
    records: Iterable[MatchRecord], *, max_block: int = MAX_BLOCK
) -> Iterator[tuple[MatchRecord, MatchRecord]]:
    """Each pair of records sharing a blocking key (of at most ``max_block`` records), once."""
    by_key: dict[str, list[MatchRecord]] = defaultdict(list)
    for record in records:
        for key in blocking_keys(record):
            by_key[key].append(record)
    seen: set[tuple[str, str]] = set()
    for block in by_key.values():
        if len(block) < 2 or len(block) > max_block:
            continue
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if a.key == b.key:
                    continue
                pair = (a.key, b.key) if a.key < b.key else (b.key, a.key)
                if pair not in seen:
                    seen.add(pair)
                    yield a, b


# The most the evidence besides the NIK, the birth date and the sex can add (the same name,
# village, phone and mother).
_MOST_ELSE: Final = NAME_WEIGHTS[NameAgreement.SAME] + VILLAGE_SAME + PHONE_SAME + MOTHER_SAME


def score_bound(a: MatchRecord, b: MatchRecord) -> float:
    """The highest score :func:`compare` could give the pair, from the cheap evidence only (the
    NIKs, birth dates and sexes): a pair whose bound is below the threshold is not compared.
    Most candidate pairs are neighbours with far-apart serials, and comparing their names is
    the costly part."""
    bound = _MOST_ELSE
    if a.nik and b.nik:
        bound += NIK_WEIGHTS[nik_difference(a.nik, b.nik)[0]]
    if a.birth_date and b.birth_date:
        bound += BIRTH_DATE_SAME if a.birth_date == b.birth_date else BIRTH_DATE_DIFFERENT
    if a.sex and b.sex and a.sex != b.sex:
        bound += SEX_DIFFERENT
    return bound


def score_pairs(
    pairs: Iterable[tuple[MatchRecord, MatchRecord]], *, threshold: float = PROBABLE
) -> list[Match]:
    """The pairs scoring at least ``threshold``, best first (the step an engine runs as a UDF)."""
    found = [
        m
        for a, b in pairs
        if score_bound(a, b) >= threshold and (m := compare(a, b)).score >= threshold
    ]
    found.sort(key=lambda m: (-m.score, m.a, m.b))
    return found


def find_pairs(
    records: Iterable[MatchRecord],
    *,
    threshold: float = PROBABLE,
    max_block: int = MAX_BLOCK,
) -> list[Match]:
    """Every pair of ``records`` scoring at least ``threshold``, best first."""
    return score_pairs(candidate_pairs(records, max_block=max_block), threshold=threshold)


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
