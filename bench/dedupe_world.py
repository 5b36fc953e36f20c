"""A labelled population of Indonesian registry records, written from how such records go wrong
in the field (issue 15), not from what Payung's matcher looks at.

Households first: each has a family card (No. KK: the district, the card's issue date and a
serial), a head, often a spouse, children born to them, a village and sometimes one phone for
all. Everyone has a NIK as the civil registry issues it: the district, the birth date (day + 40
for a woman), and a serial counted per district, birth date and sex — so serial 0001 is by far the
most common, and neighbours born the same day carry NIKs one digit apart. Birth dates of older
people heap on 1 January, 1 July, 17 August and 31 December (dates recorded when nobody knew the
day). Names come from Sundanese, Javanese, Arabic-Islamic and modern given names, with the
father's given name or a family name as a second word for some.

Second records (``--duplicate-share`` of the people) each carry one labelled kind of error, the
way a village list, a SIAK export or a hand-typed form goes wrong (and, whatever the kind, often
without the phone, the mother's name or the No. KK, which many lists do not ask, and for 15% in
another village of the district, where the person works or has moved):

- ``kk_in_nik``: the No. KK, or the household head's NIK, typed in the NIK column;
- ``nickname``: the given name as the village calls the person (Wati for Rahmawati, Udin for
  Samsudin), or a call name (Ujang, Neng, Dede, Asep) instead of it;
- ``keyboard_typo``: one letter of the name replaced by its neighbour on a QWERTY keyboard;
- ``word_dropped`` / ``word_added``: a word of the name left out, or a father's or family name
  added (``bin``/``binti`` forms included);
- ``nik_letters``: letters read into the NIK (O for 0, l or I for 1, S for 5, B for 8);
- ``date_swapped``: day and month of the birth date swapped (a day of 12 or less);
- ``date_missing``: no birth date;
- ``nik_typo``: one digit of the NIK wrong, everything else as written before.

Besides the kind, the NIK of a name or date error is itself as the record's source had it: the
same (most), one digit off, or missing (a worker without an e-KTP yet); the report gives recall
per kind and per NIK state.

Hard negatives are distinct people, labelled as pairs that must not be joined: ``twins_same_sex``
and ``twins_opposite_sex`` (one KK, one birth date, consecutive serials, names alike),
``father_son_same_name`` (one KK, the son named after his father), ``common_name_same_day``
(unrelated people of one district with one common name, born the same day: their NIKs differ in
the serial only) and ``heaped_date`` (unrelated people of one district born on a heaped date,
with common names).

``world(people, duplicate_share, rng, without=…)`` builds it; ``without`` leaves kinds out.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from payung.domain.matching import MatchRecord

DUPLICATE_KINDS = (
    "kk_in_nik",
    "nickname",
    "keyboard_typo",
    "word_dropped",
    "word_added",
    "nik_letters",
    "date_swapped",
    "date_missing",
    "nik_typo",
)
NEGATIVE_KINDS = (
    "twins_same_sex",
    "twins_opposite_sex",
    "father_son_same_name",
    "common_name_same_day",
    "heaped_date",
)
NIK_STATES = (("same", 0.60), ("one_digit_off", 0.25), ("missing", 0.15))
TODAY = date(2026, 12, 1)

# Given names with the short forms villages use for them (the first entry of each is the
# registered name). Sources: common Sundanese and Javanese naming practice (the -wati/-ah/-udin
# endings shortened to their last syllables; Ujang/Neng/Dede/Asep as call names for boys and
# girls), as in the examples.
MALE_SHORT = {
    "Samsudin": ("Udin", "Samsu"),
    "Saepudin": ("Udin", "Epul"),
    "Jaenudin": ("Udin", "Jeje"),
    "Nurdin": ("Udin",),
    "Abdurrahman": ("Aman", "Rahman"),
    "Abdullah": ("Dulah",),
    "Muhammad": ("Mamad", "Moh."),
    "Ahmad": ("Amad", "Mad"),
    "Sukirman": ("Kirman",),
    "Suparman": ("Parman",),
    "Sutarjo": ("Tarjo",),
    "Supriyadi": ("Pri", "Yadi"),
    "Hidayatullah": ("Dayat",),
    "Rohmatullah": ("Rohmat",),
    "Kusnadi": ("Nadi",),
    "Dadang": ("Dang",),
    "Taufik": ("Opik",),
    "Syaiful": ("Ipul", "Epul"),
    "Komarudin": ("Komar", "Udin"),
    "Ruhiyat": ("Uyat",),
}
FEMALE_SHORT = {
    "Rahmawati": ("Wati", "Rahma"),
    "Sukmawati": ("Wati", "Sukma"),
    "Nurhasanah": ("Nur", "Hasanah"),
    "Kurniasih": ("Asih", "Nia"),
    "Siti Aminah": ("Minah", "Siti"),
    "Nurjanah": ("Nur", "Jana"),
    "Rohayati": ("Yati", "Oyah"),
    "Sumiati": ("Sumi", "Iti"),
    "Maryamah": ("Mar", "Iyam"),
    "Khadijah": ("Ijah", "Dijah"),
    "Fatimah": ("Imah", "Fat"),
    "Halimah": ("Imah", "Lim"),
    "Suhartini": ("Tini", "Arti"),
    "Yuningsih": ("Yuni", "Ningsih"),
    "Sulastri": ("Lastri", "Tri"),
    "Kartini": ("Tini",),
    "Juwita": ("Wita",),
    "Nursyamsiah": ("Syamsiah", "Nur"),
}
CALL_NAMES_MALE = ("Ujang", "Dede", "Asep", "Aa", "Cecep")
CALL_NAMES_FEMALE = ("Neng", "Dede", "Eneng", "Teteh", "Nyai")
OTHER_MALE = (
    "Agus Budi Eko Bambang Slamet Wahyu Joko Teguh Hendra Rudi Iwan Dedi Yayat Engkos Wawan "
    "Dimas Fajar Rizal Andi Bayu Galih Reza Fikri Arif Ilham Yoga Rendi Dani Tono Karta Sarmin "
    "Warsito Darsono Sarno Tarmuji Ujang Asep Cecep Dede Aep Ayi"
).split()
OTHER_FEMALE = (
    "Sri Dewi Yanti Rina Wulan Putri Ayu Lestari Indah Sari Endah Ratna Nining Euis Enok Imas "
    "Iis Cicih Entin Titin Popon Oom Eha Ani Ina Nia Yuli Desi Fitri Anisa Salsa Zahra Nabila "
    "Nayla Aulia Neng Dede Eneng"
).split()
FAMILY = (
    "Suryana Permana Sasmita Wiguna Kusumah Sumantri Nataatmaja Hidayat Gunawan Setiadi "
    "Prawira Saputra Santoso Wibisono Hartono Nugroho Pratama Ramadhan Maulana Firdaus"
).split()
COMMON_MALE = ("Muhammad Rizki", "Ujang", "Asep Saepudin", "Ahmad Fauzi", "Dede Supriatna")
COMMON_FEMALE = ("Siti Aminah", "Nurhasanah", "Siti Nurjanah", "Neng Rahmawati", "Dewi Lestari")
TWIN_NAMES = (
    ("Hasan", "Husen"),
    ("Rizki", "Rizka"),
    ("Dewi", "Dewanti"),
    ("Ikhsan", "Ihsan"),
    ("Nur Aini", "Nur Aeni"),
    ("Fajar", "Fajri"),
    ("Putra", "Putri"),
    ("Ilham", "Ilhami"),
)
HEAPED = ((1, 1), (1, 7), (17, 8), (31, 12))
QWERTY = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
LETTERS_FOR_DIGITS = {"0": ("O",), "1": ("l", "I"), "5": ("S",), "8": ("B",)}


def _neighbours() -> dict[str, str]:
    rows = QWERTY
    near: dict[str, str] = {}
    for r, row in enumerate(rows):
        for c, letter in enumerate(row):
            found = []
            for dr in (-1, 0, 1):
                rr = r + dr
                if 0 <= rr < len(rows):
                    for dc in (-1, 0, 1):
                        cc = c + dc
                        if (dr or dc) and 0 <= cc < len(rows[rr]):
                            found.append(rows[rr][cc])
            near[letter] = "".join(found)
    return near


NEAR = _neighbours()


@dataclass
class Record:
    key: str
    nik: str
    name: str
    birth: date | None
    sex: str  # "M" or "F"
    district: str  # dotted, 32.04
    village: str  # dotted, 32.04.10.2003
    kk: str
    phone: str
    mother: str
    person: str  # the true person's key: records of one person share it


@dataclass
class World:
    records: list[Record]
    duplicates: dict[tuple[str, str], str]  # a true pair (sorted keys) → its kind
    nik_state: dict[tuple[str, str], str]  # a true pair → the NIK state of its second record
    negatives: dict[tuple[str, str], str]  # a pair that must not be joined → its kind
    counts: Counter[str] = field(default_factory=Counter)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


class _Civil:
    """The civil registry's numbering: NIK serials per district, birth date and sex."""

    def __init__(self) -> None:
        self.serials: Counter[tuple[str, date, str]] = Counter()
        self.cards: Counter[tuple[str, date]] = Counter()

    def nik(self, district: str, birth: date, sex: str) -> str:
        self.serials[(district, birth, sex)] += 1
        day = birth.day + (40 if sex == "F" else 0)
        serial = self.serials[(district, birth, sex)]
        born = f"{day:02d}{birth.month:02d}{birth.year % 100:02d}"
        return f"{district.replace('.', '')}{born}{serial:04d}"

    def kk(self, district: str, issued: date) -> str:
        self.cards[(district, issued)] += 1
        serial = self.cards[(district, issued)]
        return (
            f"{district.replace('.', '')}{issued.day:02d}{issued.month:02d}"
            f"{issued.year % 100:02d}{serial:04d}"
        )


def _birth(rng: random.Random, age_low: int, age_high: int) -> date:
    year = TODAY.year - rng.randint(age_low, age_high)
    # Older people's dates heap on the dates written when nobody knew the day.
    heap = 0.25 if year < 1975 else 0.10 if year < 1990 else 0.03
    if rng.random() < heap:
        day, month = rng.choice(HEAPED)
        return date(year, month, day)
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def _given(rng: random.Random, sex: str) -> str:
    short = MALE_SHORT if sex == "M" else FEMALE_SHORT
    other = OTHER_MALE if sex == "M" else OTHER_FEMALE
    return rng.choice(tuple(short)) if rng.random() < 0.35 else rng.choice(other)


def _name(rng: random.Random, sex: str, father: str | None = None) -> str:
    words = _given(rng, sex).split()
    roll = rng.random()
    if roll < 0.30:
        words.append(rng.choice(FAMILY))
    elif roll < 0.45 and father:
        words.append(father.split()[0])
    elif roll < 0.60:
        words += _given(rng, sex).split()[:1]
    return " ".join(words)


def _phone(rng: random.Random) -> str:
    return "08" + rng.choice("1235789") + "".join(rng.choice("0123456789") for _ in range(9))


def population(
    count: int,
    villages: dict[str, list[str]],
    rng: random.Random,
    *,
    without: frozenset[str] = frozenset(),
) -> World:
    """``count`` distinct people in households, with the hard negatives among them (but the
    kinds ``without`` names)."""
    civil = _Civil()
    districts = sorted(villages)
    records: list[Record] = []
    negatives: dict[tuple[str, str], str] = {}

    def member(house: tuple[str, str, str, str], name: str, sex: str, birth: date, mother: str):
        district, village, kk, phone = house
        return person(
            nik=civil.nik(district, birth, sex),
            name=name,
            birth=birth,
            sex=sex,
            district=district,
            village=village,
            kk=kk,
            phone=phone if rng.random() < 0.7 else "",
            mother=mother,
        )

    def person(**fields: object) -> Record:
        key = f"p{len(records)}"
        record = Record(key=key, person=key, **fields)  # type: ignore[arg-type]
        records.append(record)
        return record

    while len(records) < count:
        district = rng.choice(districts)
        village = rng.choice(villages[district])
        head_sex = "M" if rng.random() < 0.85 else "F"
        head_birth = _birth(rng, 25, 75)
        issued = date(rng.randint(2010, 2025), rng.randint(1, 12), rng.randint(1, 28))
        kk = civil.kk(district, issued)
        phone = _phone(rng) if rng.random() < 0.6 else ""
        head_name = _name(rng, head_sex)
        mother_of_head = _given(rng, "F")

        house = (district, village, kk, phone)
        head = member(house, head_name, head_sex, head_birth, mother_of_head)
        spouse_name = _name(rng, "F" if head_sex == "M" else "M")
        if rng.random() < 0.7:
            offset = timedelta(days=rng.randint(-8 * 365, 3 * 365))
            spouse_birth = min(head_birth + offset, TODAY - timedelta(days=18 * 365))
            member(
                house, spouse_name, "F" if head_sex == "M" else "M", spouse_birth, _given(rng, "F")
            )
        mother = spouse_name if head_sex == "M" else head_name
        father = head_name if head_sex == "M" else spouse_name
        children = rng.choice((0, 1, 2, 2, 3, 3, 4, 5))
        for _ in range(children):
            born = head_birth + timedelta(days=rng.randint(19 * 365, 40 * 365))
            if born > TODAY - timedelta(days=15 * 365):
                continue  # only the workers' age is registered here
            roll = rng.random()
            same_sex = rng.random() < 0.5
            twins = "twins_same_sex" if same_sex else "twins_opposite_sex"
            if roll < 0.015 and twins not in without:
                first, second = rng.choice(TWIN_NAMES)
                sexes = ("M", "M") if same_sex else ("M", "F")
                if same_sex and first in ("Rizka", "Putri", "Dewi", "Dewanti"):
                    sexes = ("F", "F")
                family_word = father.split()[0] if rng.random() < 0.5 else ""
                a = member(house, f"{first} {family_word}".strip(), sexes[0], born, mother)
                b = member(house, f"{second} {family_word}".strip(), sexes[1], born, mother)
                negatives[_pair(a.key, b.key)] = (
                    "twins_same_sex" if sexes[0] == sexes[1] else "twins_opposite_sex"
                )
            elif roll < 0.03 and head_sex == "M" and "father_son_same_name" not in without:
                # the son named after his father
                son = member(house, head_name, "M", born, mother)
                negatives[_pair(head.key, son.key)] = "father_son_same_name"
            else:
                sex = "M" if rng.random() < 0.5 else "F"
                member(house, _name(rng, sex, father), sex, born, mother)

    # Unrelated people with one common name born the same day in one district, and people born
    # on a heaped date there: each pair a labelled negative.
    for kind, share in (("common_name_same_day", 0.002), ("heaped_date", 0.002)):
        for _ in range(0 if kind in without else int(count * share)):
            district = rng.choice(districts)
            sex = "M" if rng.random() < 0.5 else "F"
            if kind == "heaped_date":
                day, month = rng.choice(HEAPED)
                born = date(TODAY.year - rng.randint(45, 75), month, day)
                names = [_name(rng, sex), _name(rng, sex)]
                if rng.random() < 0.5:
                    names[1] = names[0].split()[0] + " " + _name(rng, sex).split()[0]
            else:
                born = _birth(rng, 18, 60)
                common = rng.choice(COMMON_MALE if sex == "M" else COMMON_FEMALE)
                names = [common, common]
            pair = []
            for name in names:
                issued = date(rng.randint(2010, 2025), rng.randint(1, 12), rng.randint(1, 28))
                pair.append(
                    person(
                        nik=civil.nik(district, born, sex),
                        name=name,
                        birth=born,
                        sex=sex,
                        district=district,
                        village=rng.choice(villages[district]),
                        kk=civil.kk(district, issued),
                        phone=_phone(rng) if rng.random() < 0.6 else "",
                        mother=_given(rng, "F"),
                    )
                )
            negatives[_pair(pair[0].key, pair[1].key)] = kind
    world = World(records=records, duplicates={}, nik_state={}, negatives=negatives)
    world.counts.update(negatives.values())
    return world


# The errors a second record carries -------------------------------------------------------------


def _nickname(name: str, sex: str, rng: random.Random) -> str | None:
    short = MALE_SHORT if sex == "M" else FEMALE_SHORT
    for full, forms in short.items():
        if name.startswith(full):
            return rng.choice(forms) + name[len(full) :]
    words = name.split()
    calls = CALL_NAMES_MALE if sex == "M" else CALL_NAMES_FEMALE
    if len(words) > 1:  # the call name in front of (or instead of) the given name
        call = rng.choice(calls)
        return f"{call} {' '.join(words[1:])}" if rng.random() < 0.6 else f"{call} {name}"
    return None


def _keyboard(name: str, rng: random.Random) -> str | None:
    places = [i for i, ch in enumerate(name) if ch.lower() in NEAR]
    if not places:
        return None
    i = rng.choice(places)
    wrong = rng.choice(NEAR[name[i].lower()])
    return name[:i] + (wrong.upper() if name[i].isupper() else wrong) + name[i + 1 :]


def _drop_word(name: str, rng: random.Random) -> str | None:
    words = name.split()
    if len(words) < 2:
        return None
    del words[rng.randrange(len(words))]
    return " ".join(words)


def _add_word(name: str, sex: str, father: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.4 and father:
        return f"{name} {'bin' if sex == 'M' else 'binti'} {father.split()[0]}"
    if roll < 0.7:
        return f"{name} {rng.choice(FAMILY)}"
    return f"{_given(rng, sex).split()[0]} {name}"


def _letters(nik: str, rng: random.Random) -> str | None:
    places = [i for i, ch in enumerate(nik) if ch in LETTERS_FOR_DIGITS]
    if not places:
        return None
    chars = list(nik)
    for i in rng.sample(places, min(len(places), rng.choice((1, 1, 2)))):
        chars[i] = rng.choice(LETTERS_FOR_DIGITS[chars[i]])
    return "".join(chars)


def _one_digit(nik: str, rng: random.Random) -> str:
    i = rng.randrange(len(nik))
    return nik[:i] + rng.choice([d for d in "0123456789" if d != nik[i]]) + nik[i + 1 :]


def _swap(birth: date | None) -> date | None:
    if birth is None or birth.day > 12 or birth.day == birth.month:
        return None
    return date(birth.year, birth.day, birth.month)


def add_duplicates(
    world: World, share: float, rng: random.Random, *, without: frozenset[str] = frozenset()
) -> None:
    """Second records for ``share`` of the people, each of one labelled kind (in equal parts,
    leaving ``without`` out); a person whose record cannot carry the kind (one word to drop, a
    day above 12 to swap) is passed over for another."""
    kinds = [k for k in DUPLICATE_KINDS if k not in without]
    originals = [r for r in world.records if r.person == r.key]
    heads = {r.kk: r for r in reversed(originals)}  # the first member of a card is its head
    wanted = int(len(originals) * share)
    made = 0
    tries = 0
    used: set[str] = set()  # one second record per person: every true pair is labelled
    villages: dict[str, list[str]] = {}
    for record in originals:
        villages.setdefault(record.district, []).append(record.village)
    neighbours = {district: sorted(set(found)) for district, found in villages.items()}
    while made < wanted and kinds and tries < wanted * 20:
        tries += 1
        original = rng.choice(originals)
        if original.key in used:
            continue
        kind = kinds[made % len(kinds)]
        head = heads[original.kk]
        copy = replace(original, key=f"d{made}")
        name = original.name
        if kind == "kk_in_nik":
            use_head = head.key != original.key and rng.random() < 0.4
            copy.nik = head.nik if use_head else original.kk
        elif kind == "nickname":
            name = _nickname(original.name, original.sex, rng) or ""
        elif kind == "keyboard_typo":
            name = _keyboard(original.name, rng) or ""
        elif kind == "word_dropped":
            name = _drop_word(original.name, rng) or ""
        elif kind == "word_added":
            name = _add_word(original.name, original.sex, head.name, rng)
        elif kind == "nik_letters":
            copy.nik = _letters(original.nik, rng) or ""
            if not copy.nik:
                continue
        elif kind == "date_swapped":
            swapped = _swap(original.birth)
            if swapped is None:
                continue
            copy.birth = swapped
        elif kind == "date_missing":
            copy.birth = None
        elif kind == "nik_typo":
            copy.nik = _one_digit(original.nik, rng)
        if not name:
            continue
        copy.name = name
        state = "same"
        if kind in ("nickname", "keyboard_typo", "word_dropped", "word_added", "date_swapped",
                    "date_missing"):  # fmt: skip
            state = rng.choices([s for s, _ in NIK_STATES], [w for _, w in NIK_STATES])[0]
            if state == "one_digit_off":
                copy.nik = _one_digit(original.nik, rng)
            elif state == "missing":
                copy.nik = ""
        elif kind in ("kk_in_nik", "nik_letters", "nik_typo"):
            state = kind
        # What else a second list tends to differ in: the phone not asked, the mother not known.
        if rng.random() < 0.5:
            copy.phone = ""
        if rng.random() < 0.3:
            copy.mother = ""
        elif rng.random() < 0.2:
            # the mother's name as another hand writes it: her first name only, or mistyped
            words = copy.mother.split()
            typed = words[0] if len(words) > 1 else _keyboard(copy.mother, rng)
            copy.mother = typed or copy.mother
        if rng.random() < 0.4:
            copy.kk = ""  # many village lists have no No. KK column
        if rng.random() < 0.15:
            # listed by the village where they work, or after a move within the district
            others = [v for v in neighbours[original.district] if v != original.village]
            copy.village = rng.choice(others) if others else copy.village
        world.records.append(copy)
        used.add(original.key)
        pair = _pair(original.key, copy.key)
        world.duplicates[pair] = kind
        world.nik_state[pair] = state
        world.counts[kind] += 1
        made += 1


def world(
    people: int,
    duplicate_share: float,
    villages: dict[str, list[str]],
    rng: random.Random,
    *,
    without: frozenset[str] = frozenset(),
) -> World:
    built = population(people, villages, rng, without=without)
    add_duplicates(built, duplicate_share, rng, without=without)
    rng.shuffle(built.records)
    return built


def match_records(built: World, *, numbered: bool = False) -> list[MatchRecord]:
    """The population as the matcher reads it; ``numbered``: keyed by position (0000000000, …),
    as a Spark run numbers the records it reads, instead of by the generator's keys."""
    return [
        MatchRecord(
            key=f"{n:010d}" if numbered else r.key,
            nik=r.nik,
            name=r.name,
            birth_date=r.birth,
            sex=r.sex,
            village=r.village,
            phone=r.phone,
            mother_name=r.mother,
            family_card=r.kk,
        )
        for n, r in enumerate(built.records)
    ]
