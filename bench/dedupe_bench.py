"""Benchmark: the whole-registry check for probable duplicates, on a labelled population.

    .venv/bin/python bench/dedupe_bench.py                    # 1,000,000 people, Jawa Barat
    .venv/bin/python bench/dedupe_bench.py --people 100000
    .venv/bin/python bench/dedupe_bench.py --splink           # also Splink on DuckDB (see below)

The population (not measured): ``--people`` distinct people living in the villages of one
province (Jawa Barat, 32), each with a NIK issued as the civil registry issues them — district,
birth date (+40 for women), and a serial counted per district and birth date, so neighbours born
on the same day have NIKs one digit apart — a name built from Sundanese/Javanese/Islamic given
names and family names, a phone shared within some families, and a mother's name. Then
``--duplicate-share`` of them (2%) get a second record of one of three kinds, in equal parts:

- ``nik_same``: the same NIK, the name written another way (a title, the old spelling, a doubled
  or dropped letter, the words in another order, an initial, capitals);
- ``nik_typo``: one digit wrong or two neighbouring digits swapped, the same name;
- ``both``: a NIK typo and a name variant.

The run: ``payung.domain.matching.find_pairs`` over every record (blocking, then scoring each
candidate pair with its reasons), timed, with peak memory, then precision and recall against the
labels. ``--splink`` runs Splink 4 or 5 (DuckDB backend) on the same records in the same
process with comparable blocking rules and comparisons, trained by expectation–maximisation, and
prints the same figures. Splink is not a project dependency:
``.venv/bin/pip install splink pandas``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import random
import resource
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from payung.domain.matching import PROBABLE, MatchRecord, find_pairs  # noqa: E402

PROVINCE = "32"
TODAY = date(2026, 11, 29)

GIVEN_MALE = (
    "Asep Ujang Dede Budi Agus Ahmad Dadang Iwan Jajang Cecep Yayan Wawan Eman Rudi Hendra "
    "Deden Engkus Ade Endang Tatang Usep Aceng Maman Nana Udin Herman Rahmat Sutisna Suryadi "
    "Mulyadi Joko Slamet Bambang Eko Dwi Tri Heru Yusuf Muhammad Abdul Rohman Hasan Husen "
    "Ridwan Sukarno Sujono Cahyono Syarif Nyoman Fathur Ramadan Irfan Fajar Rizki Dimas Galih "
    "Kurnia Yudi Sopian Ruslan Karta Warsa Darma Saepul Opik Ilham Arif Bayu Gilang Jaka"
).split()
GIVEN_FEMALE = (
    "Siti Euis Neneng Enok Imas Yati Iis Rina Dewi Lilis Nining Cucu Entin Aminah Halimah "
    "Aisyah Nur Ai Popon Titin Eti Yanti Sri Wati Tuti Elis Iroh Oneng Kokom Onah Fatimah "
    "Khadijah Yuyun Nurhayati Rohayati Sumiati Tini Ika Rini Wulan Intan Ratna Desi Lina Mimin "
    "Nunung Yeni Heni Cicih Ecin Juju Kartini Sukaesih Maryam Zahra Salma Anisa Putri Ayu"
).split()
FAMILY = (
    "Suryana Hidayat Permana Saepudin Rohmat Kurniawan Setiawan Sumarna Nurjanah Rahayu "
    "Komariah Maryati Hermawan Gunawan Rosita Supriatna Mulyana Sopandi Hasanah Fauzi "
    "Wijaya Santoso Prasetyo Nugraha Ramdani Sudrajat Hermansyah Firmansyah Hamdani Solihin "
    "Sobari Jaelani Mutaqin Kusnadi Sunarya Wiguna Sasmita Sulaeman Rukmana Yuliani Apriani "
    "Susanti Handayani Lestari Wahyuni Marlina Rosmiati Fitriani Sutrisno Wibowo Purnama"
).split()
TITLES_MALE = ("H.", "Bpk.", "Sdr.", "Alm.", "Tn.")
TITLES_FEMALE = ("Hj.", "Ibu", "Sdri.", "Almh.", "Ny.")
OLD_SPELLING = (("u", "oe"), ("j", "dj"), ("c", "tj"), ("sy", "sj"), ("ny", "nj"), ("kh", "ch"))


@dataclass
class Person:
    key: str
    nik: str
    name: str
    birth: date
    sex: str
    village: str
    phone: str
    mother: str


def _villages() -> dict[str, list[str]]:
    """Dotted district code → its villages, for the province."""
    raw = gzip.decompress((ROOT / "src/payung/data/regions.csv.gz").read_bytes()).decode()
    by_district: dict[str, list[str]] = defaultdict(list)
    for code, _ in csv.reader(raw.splitlines()[1:]):
        if code.startswith(PROVINCE + ".") and code.count(".") == 3:
            by_district[code.rsplit(".", 1)[0]].append(code)
    return by_district


def _name(rng: random.Random, female: bool) -> str:
    given = GIVEN_FEMALE if female else GIVEN_MALE
    words = [rng.choice(given)]
    if rng.random() < 0.45:
        words.append(rng.choice(given))
    if rng.random() < 0.8:
        words.append(rng.choice(FAMILY))
    return " ".join(words)


def population(count: int, rng: random.Random) -> list[Person]:
    districts = _villages()
    codes = sorted(districts)
    serials: Counter[str] = Counter()
    earliest = date(1955, 1, 1).toordinal()
    latest = (TODAY - timedelta(days=18 * 366)).toordinal()
    people: list[Person] = []
    families: list[tuple[str, str, str]] = []  # (village, phone, family name) shared by some
    for n in range(count):
        female = rng.random() < 0.5
        birth = date.fromordinal(rng.randint(earliest, latest))
        if families and rng.random() < 0.3:
            village, phone, family = rng.choice(families)
        else:
            district = rng.choice(codes)
            village = rng.choice(districts[district])
            phone = f"+628{rng.choice('1235789')}{rng.randint(0, 999_999_999):09d}"
            family = rng.choice(FAMILY)
            if rng.random() < 0.2:
                families.append((village, phone, family))
        district_digits = village.rsplit(".", 1)[0].replace(".", "")
        day = birth.day + (40 if female else 0)
        stem = f"{district_digits}{day:02d}{birth.month:02d}{birth.year % 100:02d}"
        serials[stem] += 1
        nik = f"{stem}{serials[stem]:04d}"
        name = _name(rng, female)
        if rng.random() < 0.5:
            name = f"{name.split()[0]} {family}"
        people.append(
            Person(
                key=f"p{n}",
                nik=nik,
                name=name,
                birth=birth,
                sex="F" if female else "M",
                village=village,
                phone=phone,
                mother=_name(rng, True),
            )
        )
    return people


def name_variant(name: str, female: bool, rng: random.Random) -> str:
    """The same name written another way, as a village list would."""
    words = name.split()
    kind = rng.randrange(7)
    if kind == 0:
        return f"{rng.choice(TITLES_FEMALE if female else TITLES_MALE)} {name}"
    if kind == 1:
        for modern, old in rng.sample(OLD_SPELLING, len(OLD_SPELLING)):
            if modern in name.lower():
                return name.replace(modern, old).replace(modern.capitalize(), old.capitalize())
        return name.upper()
    if kind == 2:
        word = rng.randrange(len(words))
        w = words[word]
        for i in range(1, len(w)):
            if w[i] == w[i - 1]:
                words[word] = w[:i] + w[i + 1 :]  # a doubled letter dropped
                return " ".join(words)
        i = rng.randrange(1, len(w)) if len(w) > 1 else 0
        words[word] = w[:i] + w[i] + w[i:]  # a letter doubled
        return " ".join(words)
    if kind == 3 and len(words) > 1:
        return " ".join([*words[1:], words[0]])
    if kind == 4 and len(words) > 1:
        return " ".join([words[0][0] + ".", *words[1:]])
    if kind == 5:
        return name.upper()
    return name.lower()


def nik_typo(nik: str, rng: random.Random) -> str:
    if rng.random() < 0.3:
        i = rng.randrange(15)
        if nik[i] != nik[i + 1]:
            return nik[:i] + nik[i + 1] + nik[i] + nik[i + 2 :]
    i = rng.randrange(16)
    return nik[:i] + rng.choice([d for d in "0123456789" if d != nik[i]]) + nik[i + 1 :]


def duplicates(
    people: list[Person], share: float, rng: random.Random
) -> tuple[list[Person], set[tuple[str, str]], Counter[str]]:
    extra: list[Person] = []
    truth: set[tuple[str, str]] = set()
    kinds: Counter[str] = Counter()
    for n, original in enumerate(rng.sample(people, int(len(people) * share))):
        kind = ("nik_same", "nik_typo", "both")[n % 3]
        female = original.sex == "F"
        nik = original.nik if kind == "nik_same" else nik_typo(original.nik, rng)
        name = original.name if kind == "nik_typo" else name_variant(original.name, female, rng)
        copy = Person(
            key=f"d{n}",
            nik=nik,
            name=name,
            birth=original.birth,
            sex=original.sex,
            village=original.village,
            phone=original.phone if rng.random() < 0.5 else "",
            mother=original.mother if rng.random() < 0.7 else "",
        )
        extra.append(copy)
        truth.add(tuple(sorted((original.key, copy.key))))  # type: ignore[arg-type]
        kinds[kind] += 1
    return extra, truth, kinds


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _scores(found: set[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, float]:
    hits = len(found & truth)
    return hits / max(len(found), 1), hits / max(len(truth), 1)


def run_payung(records: list[MatchRecord], truth: set[tuple[str, str]]) -> set[tuple[str, str]]:
    started = time.perf_counter()
    pairs = find_pairs(records)
    seconds = time.perf_counter() - started
    found = {(m.a, m.b) for m in pairs}
    precision, recall = _scores(found, truth)
    print(
        f"payung: {len(records):,} records in {seconds:.1f} s ({len(records) / seconds:,.0f} "
        f"records/s); {len(found):,} pairs at score >= {PROBABLE}; precision {precision:.4f}, "
        f"recall {recall:.4f}; peak memory so far {_peak_mb():,.0f} MB",
        flush=True,
    )
    return found


def run_splink(people: list[Person], truth: set[tuple[str, str]]) -> None:
    try:
        import pandas as pd
        import splink.comparison_library as cl
        from splink import DuckDBAPI, Linker, SettingsCreator, block_on
    except ImportError:
        print("splink: skipped, not installed (.venv/bin/pip install splink pandas)")
        return
    frame = pd.DataFrame(
        {
            "unique_id": [p.key for p in people],
            "nik": [p.nik for p in people],
            "nik_district": [p.nik[:6] for p in people],
            "nik_date": [p.nik[6:12] for p in people],
            "nik_serial": [p.nik[12:] for p in people],
            "name": [p.name.lower() for p in people],
            "birth_date": [p.birth.isoformat() for p in people],
            "sex": [p.sex for p in people],
            "village": [p.village for p in people],
            "phone": [p.phone or None for p in people],
        }
    )
    started = time.perf_counter()
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("nik_date", "nik_serial"),
            block_on("nik_district", "nik_serial", "sex"),
            block_on("nik_district", "nik_date"),
            block_on("birth_date", "substr(name, 1, 3)"),
        ],
        comparisons=[
            cl.LevenshteinAtThresholds("nik", [1, 2]),
            cl.JaroWinklerAtThresholds("name", [0.95, 0.88]),
            cl.ExactMatch("birth_date"),
            cl.ExactMatch("sex"),
            cl.ExactMatch("village"),
            cl.ExactMatch("phone"),
        ],
    )
    db_api = DuckDBAPI()
    try:
        linker = Linker(frame, settings, db_api=db_api)  # Splink 4
    except TypeError:
        linker = Linker(db_api.register(frame), settings)  # Splink 5: tables are registered
    # As Splink's documentation advises: the prior from rules that are surely matches (with a
    # guess of their recall), u from random pairs, m by expectation-maximisation.
    linker.training.estimate_probability_two_random_records_match(
        [block_on("nik"), block_on("name", "birth_date")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=5_000_000)
    # Each session trains the comparisons outside its blocking rule. Not on birth date alone:
    # neighbours born the same day (NIKs a digit apart, other names) then pass for matches.
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("nik"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("name"))
    predictions = linker.inference.predict(threshold_match_probability=0.9).as_pandas_dataframe()
    seconds = time.perf_counter() - started
    found = {
        tuple(sorted((a, b)))
        for a, b in zip(predictions["unique_id_l"], predictions["unique_id_r"], strict=True)
    }
    precision, recall = _scores(found, truth)  # type: ignore[arg-type]
    print(
        f"splink: {len(people):,} records in {seconds:.1f} s; {len(found):,} pairs at "
        f"probability >= 0.9; precision {precision:.4f}, recall {recall:.4f}; peak memory so far "
        f"{_peak_mb():,.0f} MB"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--duplicate-share", type=float, default=0.02)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--splink", action="store_true", help="also run Splink (DuckDB)")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    started = time.perf_counter()
    people = population(args.people, rng)
    extra, truth, kinds = duplicates(people, args.duplicate_share, rng)
    everyone = people + extra
    rng.shuffle(everyone)
    print(
        f"population: {len(people):,} people + {len(extra):,} duplicates "
        f"({', '.join(f'{k} {v:,}' for k, v in sorted(kinds.items()))}) in "
        f"{time.perf_counter() - started:.1f} s (set-up, not measured)",
        flush=True,
    )
    records = [
        MatchRecord(
            key=p.key,
            nik=p.nik,
            name=p.name,
            birth_date=p.birth,
            sex=p.sex,
            village=p.village,
            phone=p.phone,
            mother_name=p.mother,
        )
        for p in everyone
    ]
    found = run_payung(records, truth)
    missed = Counter()
    for pair in truth - found:
        duplicate = pair[0] if pair[0].startswith("d") else pair[1]
        missed[("nik_same", "nik_typo", "both")[int(duplicate[1:]) % 3]] += 1
    print(f"payung missed, by kind: {dict(missed)}")
    if args.splink:
        run_splink(everyone, truth)
    return 0


if __name__ == "__main__":
    sys.exit(main())
