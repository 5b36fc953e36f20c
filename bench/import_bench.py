"""Benchmark: the staged import (upload → validate → commit) of a large worker list, end to end.

    .venv/bin/python bench/import_bench.py                      # SQLite in a temporary directory
    .venv/bin/python bench/import_bench.py --rows 20000 --skip-naive
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/payung_bench \
        .venv/bin/python bench/import_bench.py

Everything runs in one process against a throw-away database (SQLite in a temporary directory, or
a ``test_…`` database created next to the one named by ``DATABASE_URL``):

1. Set-up, not measured: migrate, load the regions, seed the Bogor demo programme, generate a
   seeded .xlsx (openpyxl write-only; the template's headers for NIK, name, sex, birth date,
   village code, phone, occupation and mother's name; ~1% broken rows, ~0.5% in-file duplicates,
   ~1% people already registered, ~0.5% probable duplicates: a registered person under a NIK
   with a typo in its serial and the name as registered or written another way, often in another
   village) and preload the registry with ``--preload`` other people, then file their blocking
   keys (``dedupe.keys.person_keys_fill``, timed as set-up).
2. Naive baseline: ``--naive-rows`` rows read, validated and saved one by one with the ORM —
   what the import writes for a new worker: the person, its candidacy in the programme and an
   audit row for each, in one transaction per row; reported as rows/s. Its people are deleted
   again so the import finds the registry as it was.
3. Floor: the same file read by openpyxl (read-only values) and by python-calamine (the
   fastest reader, which the import itself uses) and its cells written to a bare table with one
   ``executemany`` (SQLite) or ``COPY`` (PostgreSQL).
4. The import as the regency admin ``admin.bogor``: ``batch_upload``, ``batch_validate``,
   ``batch_commit(mode=VALID_ONLY)``; the outcome is checked against the generator's labels.

The file is openpyxl's, with the ``<dimension>`` element Excel writes added (``--no-dimension``
leaves it out; openpyxl's reader then parses the sheet twice). Unlike Excel, openpyxl writes text
as inline strings, not a shared-string table.

Memory is RSS only (tracemalloc would slow the import severalfold): the process's max RSS
(``ru_maxrss``) and, on Linux, the peak during the import alone (``VmHWM`` reset just before it).
``--profile cprofile`` or ``--profile pyinstrument`` (``.venv/bin/pip install pyinstrument``)
prints where validate's and commit's time goes; the figures are then not comparable.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import resource
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import database_label, peak_rss_mb, reset_peak_rss, throwaway

# The validation date is fixed, so a run is the same whatever day it is made.
TODAY = date(2026, 11, 21)
BOGOR = "32.01"
ADMIN = "admin.bogor"
# The template's header for each column the generated file fills, in the template's order.
HEADERS = (
    "NIK",
    "Nama Lengkap",
    "Jenis Kelamin",
    "Tanggal Lahir",
    "Kode Desa",
    "No. HP",
    "Pekerjaan",
    "Nama Ibu Kandung",
)
TEXT_COLUMNS = frozenset({0, 4, 5})  # NIK, village code, phone: Text-formatted, as in the template
BROKEN_SHARE = 0.01
DUPLICATE_SHARE = 0.005
REGISTERED_SHARE = 0.01
PROBABLE_SHARE = 0.005
PRELOAD_CHUNK = 5_000
PROFILE_LINES = 25


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


MALE = _words(
    "Asep Ujang Dede Budi Agus Ahmad Dadang Iwan Jajang Cecep Yayan Wawan Eman Rudi Hendra Deden "
    "Engkus Ade Endang Tatang Usep Aceng Maman Nana Udin Herman Rahmat Sutisna Suryadi Mulyadi"
)
FEMALE = _words(
    "Siti Euis Neneng Enok Imas Yati Iis Rina Dewi Lilis Nining Cucu Entin Aminah Halimah Aisyah "
    "Nur Ai Popon Titin Eti Yanti Sri Wati Tuti Elis Iroh Oneng Kokom Onah"
)
FAMILY = _words(
    "Suryana Hidayat Permana Saepudin Rohmat Kurniawan Setiawan Sumarna Nurjanah Rahayu Komariah "
    "Maryati Hermawan Gunawan Rosita Supriatna Mulyana Sopandi Hasanah Fauzi"
)


# --- the generated data ------------------------------------------------------------------------


@dataclass(frozen=True)
class Worker:
    nik: str
    name: str
    female: bool
    birth: date
    village: str  # dotted
    phone: str
    occupation: Any  # payung.domain.occupations.Occupation
    mother: str


@dataclass
class Labels:
    """What the generator put in the file, to check the import's outcome against."""

    valid: int = 0
    duplicate: int = 0
    registered: int = 0
    probable: list[int] = field(default_factory=list)  # sheet rows of the probable duplicates
    broken: Counter[str] = field(default_factory=Counter)

    @property
    def rows(self) -> int:
        return (
            self.valid
            + self.duplicate
            + self.registered
            + len(self.probable)
            + sum(self.broken.values())
        )


class People:
    """Seeded workers living in Kabupaten Bogor villages, each NIK issued once."""

    def __init__(self, rng: random.Random, villages: list[str]) -> None:
        from payung.domain.occupations import OCCUPATIONS

        self.rng = rng
        self.villages = villages
        self.occupations = OCCUPATIONS
        self.used: set[str] = set()
        self.earliest = date(1960, 1, 1).toordinal()
        self.latest = (TODAY - timedelta(days=18 * 366)).toordinal()

    def _name(self, female: bool) -> str:
        rng = self.rng
        first = rng.choice(FEMALE if female else MALE)
        style = rng.random()
        if style < 0.1:
            return first
        name = f"{first} {rng.choice(FAMILY)}"
        return name.upper() if style < 0.4 else name  # village lists are often in capitals

    def worker(self) -> Worker:
        rng = self.rng
        village = rng.choice(self.villages)
        female = rng.random() < 0.5
        birth = date.fromordinal(rng.randint(self.earliest, self.latest))
        day = birth.day + (40 if female else 0)
        district = village.split(".")[2]
        while True:
            nik = f"3201{district}{day:02d}{birth.month:02d}{birth.year % 100:02d}"
            nik += f"{rng.randint(1, 9999):04d}"
            if nik not in self.used:
                self.used.add(nik)
                break
        phone = f"08{rng.choice('1235789')}{rng.randint(0, 99_999_999):08d}"
        return Worker(
            nik=nik,
            name=self._name(female),
            female=female,
            birth=birth,
            village=village,
            phone=phone,
            occupation=rng.choice(self.occupations),
            mother=self._name(True),
        )


def _typo(nik: str, rng: random.Random) -> str:
    """The NIK with one serial digit mistyped, or two neighbouring serial digits swapped."""
    digits = list(nik)
    if rng.random() < 0.5:
        i = rng.randrange(12, 15)
        if digits[i] != digits[i + 1]:
            digits[i], digits[i + 1] = digits[i + 1], digits[i]
            return "".join(digits)
    i = rng.randrange(12, 16)
    digits[i] = rng.choice([d for d in "0123456789" if d != digits[i]])
    return "".join(digits)


def _variant(worker: Worker, rng: random.Random) -> str:
    """The name as another village would write it (the registry has it title-cased)."""
    name, kind = worker.name, rng.randrange(4)
    if kind == 1:
        return name.upper()
    if kind == 2:
        return ("Hj. " if worker.female else "H. ") + name
    if kind == 3 and " " in name:
        first, last = name.split(" ", 1)
        return f"{last} {first}"
    return name


def probable_duplicate(people: People, original: Worker) -> Worker | None:
    """A registered worker listed again under a mistyped NIK (None when the typo hits a NIK in
    use or an impossible serial), half the time by another village."""
    rng = people.rng
    nik = _typo(original.nik, rng)
    if nik in people.used or nik.endswith("0000"):
        return None
    people.used.add(nik)
    village = rng.choice(people.villages) if rng.random() < 0.5 else original.village
    return Worker(
        nik=nik,
        name=_variant(original, rng),
        female=original.female,
        birth=original.birth,
        village=village,
        phone=original.phone,
        occupation=original.occupation,
        mother=original.mother,
    )


def _cells(worker: Worker) -> list[object]:
    return [
        worker.nik,
        worker.name,
        "P" if worker.female else "L",
        f"{worker.birth.day:02d}-{worker.birth.month:02d}-{worker.birth.year}",
        worker.village.replace(".", ""),
        worker.phone,
        worker.occupation.name_id,
        worker.mother,
    ]


def _break(cells: list[object], rng: random.Random) -> str:
    """Damage one row the way village lists are damaged; return the error code it must get."""
    kind = rng.randrange(3)
    nik = str(cells[0])
    if kind == 0:
        cells[0] = nik[:-1] if rng.random() < 0.5 else nik + str(rng.randrange(10))
        return "nik.length"
    if kind == 1:
        cells[0] = int(nik)  # typed into a General (number) cell
        return "nik.excel_damaged"
    year = str(cells[3])[-4:]
    cells[3] = f"{rng.choice(('30-02', '31-04', '31-06', '31-09', '31-11'))}-{year}"
    return "date.invalid"


def generate(
    path: Path, *, rows: int, people: People, dimension: bool = True
) -> tuple[Labels, list[Worker]]:
    """Write the file; return its labels and the workers the registry must already know."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    rng = people.rng
    labels = Labels()
    registered: list[Worker] = []
    recent: list[list[object]] = []  # valid rows a duplicate may repeat
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    sheet.append(list(HEADERS))

    def text(value: object) -> object:
        if not isinstance(value, str):
            return value
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "@"
        return cell

    for number in range(2, rows + 2):  # sheet rows under the header
        draw = rng.random()
        typo = None
        if draw >= 1 - PROBABLE_SHARE:
            original = people.worker()
            typo = probable_duplicate(people, original)
        if typo is not None:
            registered.append(original)
            cells = _cells(typo)
            labels.probable.append(number)
        elif draw < DUPLICATE_SHARE and recent:
            cells = list(rng.choice(recent))
            labels.duplicate += 1
        else:
            worker = people.worker()
            cells = _cells(worker)
            if draw < DUPLICATE_SHARE + BROKEN_SHARE:
                labels.broken[_break(cells, rng)] += 1
            elif draw < DUPLICATE_SHARE + BROKEN_SHARE + REGISTERED_SHARE:
                registered.append(worker)
                labels.registered += 1
            else:
                labels.valid += 1
                if len(recent) < 5_000:
                    recent.append(cells)
                else:
                    recent[rng.randrange(len(recent))] = cells
        sheet.append([text(v) if i in TEXT_COLUMNS else v for i, v in enumerate(cells)])
    book.save(path)
    if dimension:
        _add_dimension(path, f"A1:{chr(ord('A') + len(HEADERS) - 1)}{rows + 1}")
    return labels, registered


def _add_dimension(path: Path, ref: str) -> None:
    """Add the ``<dimension>`` element Excel writes and openpyxl's write-only mode leaves out.

    Without it openpyxl's read-only reader parses the whole sheet once more just to size it, a
    cost real uploads (saved by Excel, LibreOffice or OpenSID) do not have.
    """
    member = "xl/worksheets/sheet1.xml"
    tagged = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tagged, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                head, tail = data.split(b"<sheetViews>", 1)
                data = head + f'<dimension ref="{ref}"/>'.encode() + b"<sheetViews>" + tail
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    tagged.replace(path)


def preload(workers: Iterator[Worker]) -> int:
    """People already in the registry, written straight with bulk inserts (set-up only)."""
    from django.db import transaction

    from payung.registry.models import Person, Source
    from payung.registry.values import nik_index

    count = 0
    chunk: list[Person] = []

    def flush() -> None:
        with transaction.atomic():
            Person.objects.bulk_create(chunk, batch_size=1_000)
        chunk.clear()

    for worker in workers:
        chunk.append(
            Person(
                nik=worker.nik,
                nik_index=nik_index(worker.nik),
                full_name=worker.name.title(),
                sex="F" if worker.female else "M",
                birth_date=worker.birth,
                village_id=worker.village,
                phone="+62" + worker.phone[1:],
                occupation_code=worker.occupation.code,
                occupation_text=worker.occupation.name_id,
                mother_name=worker.mother.title(),
                source=Source.FILE_IMPORT,
            )
        )
        count += 1
        if len(chunk) >= PRELOAD_CHUNK:
            flush()
    if chunk:
        flush()
    return count


# --- the measurements --------------------------------------------------------------------------


def naive(path: Path, *, rows: int, actor: Any, programme: Any) -> tuple[int, float]:
    """Per-row ORM import of the file's first ``rows`` rows; (rows processed, seconds)."""
    from django.db import transaction
    from openpyxl import load_workbook

    from payung.audit.models import AuditEvent
    from payung.audit.services import snapshot
    from payung.domain.headers import match_headers
    from payung.domain.regions import Level
    from payung.domain.worker_row import validate_worker_row
    from payung.imports.villages import village_index
    from payung.regions.models import Region
    from payung.registry.models import Candidate, Person, Source
    from payung.registry.values import nik_index

    created: list[int] = []
    started = time.perf_counter()
    book = load_workbook(path, read_only=True)
    try:
        lines = book.worksheets[0].iter_rows(values_only=True, max_row=rows + 1)
        mapping = match_headers(next(lines)).mapping
        resolver = village_index(programme.regency_id)
        districts = set(Region.objects.filter(level=Level.DISTRICT).values_list("code", flat=True))
        processed = 0
        for line in lines:
            processed += 1
            values = {f: line[i] if i < len(line) else None for i, f in mapping.items()}
            data = validate_worker_row(
                values,
                reference_date=TODAY,
                resolve_village=resolver,
                district_exists=districts.__contains__,
            ).data
            if data is None:
                continue
            index = nik_index(data.nik.value)
            if Person.objects.filter(nik_index=index).exists():
                continue
            with transaction.atomic():
                person = Person(
                    nik=data.nik.value,
                    nik_index=index,
                    full_name=data.full_name,
                    sex=data.sex.value,
                    birth_date=data.birth_date,
                    village_id=data.village_code,
                    phone=data.phone.e164 if data.phone else "",
                    occupation_code=data.occupation.code if data.occupation else "",
                    occupation_text=data.occupation_text,
                    mother_name=data.mother_name,
                    source=Source.FILE_IMPORT,
                    entered_by=actor,
                )
                person.save()
                candidate = Candidate(
                    person=person,
                    programme=programme,
                    village_id=person.village_id,
                    created_by=actor,
                )
                candidate.save()
                for action, target in (("person.create", person), ("candidate.create", candidate)):
                    AuditEvent(
                        actor=actor,
                        actor_username=actor.username,
                        action=action,
                        object_type=f"registry.{type(target).__name__}",
                        object_id=str(target.pk),
                        region_code=person.village_id,
                        subject_key=person.subject_key,
                        after=snapshot(target),
                        reason="bench: naive per-row",
                    ).save()
            created.append(person.pk)
    finally:
        book.close()
    seconds = time.perf_counter() - started
    # Set-up for what follows: the import must find the registry as it was. (The audit rows stay:
    # the trail is append-only on PostgreSQL, and nothing below counts them.)
    for start in range(0, len(created), 5_000):
        Candidate.objects.filter(person__in=created[start : start + 5_000]).delete()
        Person.objects.filter(pk__in=created[start : start + 5_000]).delete()
    return processed, seconds


def read_openpyxl(path: Path) -> list[tuple[object, ...]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()


def read_calamine(path: Path) -> list[list[object]]:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def floor_write(table: str, rows: list[Any]) -> None:
    """The data rows' cells into a bare table: one executemany (SQLite) or one COPY."""
    from django.db import connection, transaction

    width = len(HEADERS)
    data = [tuple(row[:width]) + (None,) * (width - len(row)) for row in rows[1:]]
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} FROM STDIN") as copy:
                for row in data:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * width)
            cursor.executemany(f"INSERT INTO {table} VALUES ({marks})", data)  # noqa: S608 (ours)


@dataclass(frozen=True)
class Floor:
    reader: str
    read_s: float
    write_s: float

    @property
    def seconds(self) -> float:
        return self.read_s + self.write_s


def floor(path: Path, reader: str, read: Callable[[Path], list[Any]]) -> Floor:
    from django.db import connection, transaction

    table = f"bench_floor_{reader.replace('-', '_')}"
    columns = ", ".join(f"c{i} text" for i in range(len(HEADERS)))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {table} ({columns})")
    started = time.perf_counter()
    rows = read(path)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    floor_write(table, rows)
    write_s = time.perf_counter() - started
    return Floor(reader, read_s, write_s)


def _profiled(profiler: str | None, title: str, run: Callable[[], Any]) -> Any:
    """Run ``run`` under ``profiler`` ("cprofile" or "pyinstrument") and print where time went."""
    if profiler is None:
        return run()
    if profiler == "pyinstrument":
        from pyinstrument import Profiler

        sampler = Profiler(interval=0.001)
        sampler.start()
        try:
            result = run()
        finally:
            sampler.stop()
        flat = sampler.output_text(flat=True, color=False, unicode=True)
        print(f"\n--- pyinstrument: {title}, self time ---")
        print("\n".join(flat.strip().splitlines()[: PROFILE_LINES + 6]))
        print(f"\n--- pyinstrument: {title}, call tree ---")
        print(sampler.output_text(color=False, unicode=True).strip())
        return result
    profile = cProfile.Profile()
    result = profile.runcall(run)
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).strip_dirs().sort_stats(order)
        stats.print_stats(PROFILE_LINES)
        print(f"\n--- cProfile: {title}, by {order} ---")
        print(out.getvalue().split("\n", 6)[-1].rstrip())
    return result


class CheckFailed(RuntimeError):
    pass


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise CheckFailed(what)


# --- the run -----------------------------------------------------------------------------------


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="data rows in the file")
    parser.add_argument(
        "--preload", type=int, default=None, help="other people already registered (= rows)"
    )
    parser.add_argument("--skip-naive", action="store_true", help="no per-row ORM baseline")
    parser.add_argument(
        "--naive-rows", type=int, default=5_000, help="rows the per-row baseline processes"
    )
    parser.add_argument("--seed", type=int, default=2026, help="seed of the generated data")
    parser.add_argument(
        "--profile",
        choices=("cprofile", "pyinstrument"),
        help="profile validate and commit (pyinstrument: .venv/bin/pip install pyinstrument)",
    )
    parser.add_argument(
        "--no-dimension",
        action="store_true",
        help="leave the file as openpyxl writes it, without <dimension> (see _add_dimension)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the temporary directory (and the PostgreSQL throw-away database)",
    )
    args = parser.parse_args(argv)
    if args.preload is None:
        args.preload = args.rows
    return args


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    return throwaway(lambda tmp: _run(args, tmp), keep=args.keep)


def fill_keys() -> int:
    from django.db import transaction

    from payung.dedupe.keys import person_keys_fill

    with transaction.atomic():
        return person_keys_fill()


def _probable_check(batch: Any, labels: Labels) -> str:
    """The probable duplicates the preview flagged against the generator's labels, and the pairs
    the commit put in the review queue."""
    from payung.audit.models import AuditEvent
    from payung.dedupe.models import DuplicatePair
    from payung.imports.probable import PROBABLE_CODES

    flagged = {
        number
        for number, issues in batch.rows.filter(outcome="valid").values_list("row_number", "issues")
        if any(issue["code"] in PROBABLE_CODES for issue in issues)
    }
    labelled = set(labels.probable)
    right = len(flagged & labelled)
    precision = right / len(flagged) if flagged else 1.0
    recall = right / len(labelled) if labelled else 1.0
    _check(
        batch.summary["probable_duplicates"] == len(flagged),
        f"the summary counts {batch.summary['probable_duplicates']} rows, {len(flagged)} flagged",
    )
    _check(recall >= 0.99, f"probable duplicates: recall {recall:.4f} below 0.99")
    _check(precision >= 0.99, f"probable duplicates: precision {precision:.4f} below 0.99")
    found = AuditEvent.objects.filter(action="duplicate.found", reason=f"import {batch.pk}")
    pairs = DuplicatePair.objects.count()
    _check(found.count() == pairs >= right, f"{pairs} pairs for review, {right} rows flagged")
    return (
        f"probable duplicates: {len(flagged)} rows flagged, {right} of {len(labelled)} labelled "
        f"(precision {precision:.4f}, recall {recall:.4f}); {pairs} pairs in the review queue"
    )


def _run(args: argparse.Namespace, tmp: Path) -> int:
    from django.core.management import call_command
    from django.db import connection

    from payung.access.actor import CommandLine
    from payung.accounts.models import User
    from payung.audit.models import AuditEvent
    from payung.demo.seed import seed_demo
    from payung.imports.models import BatchStatus, CommitMode, RowOutcome
    from payung.imports.services import batch_commit, batch_upload, batch_validate
    from payung.programmes.models import Programme
    from payung.regions.services import read_region_rows, regions_load
    from payung.registry.models import Candidate, Person

    database = database_label()
    print(f"database: {database}")

    def step(label: str, run: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        result = run()
        print(f"  set-up: {label} {time.perf_counter() - started:.1f} s", flush=True)
        return result

    if connection.vendor != "postgresql":
        step("migrate", lambda: call_command("migrate", verbosity=0))
    step("regions", lambda: regions_load(actor=CommandLine(name="bench")))
    step("demo programme", seed_demo)
    admin = User.objects.get(username=ADMIN)
    programme = Programme.objects.get(regency_id=BOGOR, year=2026)

    villages = [
        code
        for code, _ in read_region_rows()
        if code.startswith(BOGOR + ".") and code.count(".") == 3
    ]
    people = People(random.Random(args.seed), villages)
    path = tmp / f"pekerja-bogor-{args.rows}.xlsx"
    labels, registered = step(
        f"file ({args.rows:,} rows, {len(villages)} villages)",
        lambda: generate(path, rows=args.rows, people=people, dimension=not args.no_dimension),
    )
    print(f"  file: {path.stat().st_size / 1024 / 1024:.1f} MB")
    _check(labels.rows == args.rows, "the generator wrote the rows asked for")

    def others() -> Iterator[Worker]:
        yield from registered
        for _ in range(args.preload):
            yield people.worker()

    preloaded = step(
        f"preload ({args.preload:,} + {len(registered):,} people)", lambda: preload(others())
    )
    _check(Person.objects.count() == preloaded, "preloaded people")
    keyed = step("blocking keys of the preloaded people", lambda: fill_keys())
    _check(keyed == preloaded, "every preloaded person has blocking keys")

    naive_rate: float | None = None
    if not args.skip_naive:
        processed, seconds = naive(path, rows=args.naive_rows, actor=admin, programme=programme)
        naive_rate = processed / seconds
        print(f"  naive: {processed:,} rows in {seconds:.1f} s", flush=True)
        _check(Person.objects.count() == preloaded, "naive people removed again")

    floors = [floor(path, "openpyxl", read_openpyxl), floor(path, "calamine", read_calamine)]
    for f in floors:
        print(f"  floor {f.reader}: read {f.read_s:.1f} s, write {f.write_s:.1f} s", flush=True)

    # --- the import, measured ------------------------------------------------------------------
    rss_reset = reset_peak_rss()
    started = time.perf_counter()
    upload = batch_upload(actor=admin, programme=programme, path=path, file_name=path.name)
    upload_s = time.perf_counter() - started
    started = time.perf_counter()
    batch = _profiled(
        args.profile,
        "batch_validate",
        lambda: batch_validate(actor=admin, batch=upload.batch, today=TODAY),
    )
    validate_s = time.perf_counter() - started
    print(f"  validate: {validate_s:.1f} s", flush=True)
    started = time.perf_counter()
    batch = _profiled(
        args.profile,
        "batch_commit",
        lambda: batch_commit(actor=admin, batch=batch, mode=CommitMode.VALID_ONLY),
    )
    commit_s = time.perf_counter() - started
    import_peak = peak_rss_mb() if rss_reset else None
    total_s = upload_s + validate_s + commit_s

    # --- is it right? --------------------------------------------------------------------------
    new_people = labels.valid + len(labels.probable)
    expected = {
        RowOutcome.VALID: new_people,
        RowOutcome.INVALID: sum(labels.broken.values()),
        RowOutcome.DUPLICATE_IN_FILE: labels.duplicate,
        RowOutcome.ALREADY_REGISTERED: labels.registered,
    }
    outcomes = batch.summary["outcomes"]
    _check(
        outcomes == {str(k): v for k, v in expected.items() if v},
        f"outcomes {outcomes} differ from the generator's labels {dict(expected)}",
    )
    for code, count in labels.broken.items():
        _check(batch.summary["codes"].get(code) == count, f"{count} rows with {code}")
    _check(batch.status == BatchStatus.COMMITTED, "the batch is committed")
    committed = new_people + labels.registered
    _check(batch.rows_committed == committed, f"committed {batch.rows_committed} != {committed}")
    people_now = Person.objects.count()
    _check(
        people_now == preloaded + new_people,
        f"{people_now} people, expected {preloaded} + {new_people}",
    )
    _check(
        Candidate.objects.filter(source_batch=batch).count() == committed,
        "one candidacy per committed row",
    )
    _check(
        AuditEvent.objects.filter(action="person.create", reason=f"import {batch.pk}").count()
        == new_people,
        "one audit row per new person",
    )
    probable = _probable_check(batch, labels)

    # --- figures -------------------------------------------------------------------------------
    rate = args.rows / total_s
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    print(f"database: {database}")
    print(
        f"rows: {args.rows} (broken {sum(labels.broken.values())}, duplicates "
        f"{labels.duplicate}, already registered {labels.registered}, probable duplicates "
        f"{len(labels.probable)}); registry before: {preloaded:,} people"
    )
    print(probable)
    print(
        f"import: upload {upload_s:.1f} s, validate {validate_s:.1f} s, commit {commit_s:.1f} s, "
        f"total {total_s:.1f} s → {rate:,.0f} rows/s"
    )
    for f in floors:
        writer = "COPY" if connection.vendor == "postgresql" else "executemany"
        print(
            f"floor ({f.reader} + {writer}): {f.seconds:.1f} s (read {f.read_s:.1f} s, write "
            f"{f.write_s:.1f} s) → {args.rows / f.seconds:,.0f} rows/s; "
            f"import/floor = {total_s / f.seconds:.2f}×"
        )
    if naive_rate is None:
        print("naive per-row ORM: skipped (--skip-naive)")
    else:
        speed = (
            f"import is {rate / naive_rate:.1f}× faster"
            if rate >= naive_rate
            else f"import is {naive_rate / rate:.1f}× SLOWER"
        )
        print(f"naive per-row ORM ({args.naive_rows:,} rows): {naive_rate:,.0f} rows/s; {speed}")
    import_part = f"; import alone {import_peak:.0f} MB" if import_peak is not None else ""
    print(f"peak memory (max RSS): {max_rss:.0f} MB{import_part}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
