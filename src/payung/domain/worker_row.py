"""One row of a village worker list, checked completely and turned into clean worker data.

A village operator fixes a rejected list once, so a row reports **every** problem it has, not
the first: each cell is read on its own, then the cells are checked against each other (the NIK
encodes the birth date and sex). Every finding is an :class:`Issue` whose params carry
``field`` (a :class:`~payung.domain.headers.Field` value), so the error workbook can mark the
cell. Errors make the row invalid (``data`` is None); warnings keep it:

- errors: a missing required value (``row.required``: NIK, full name, sex, birth date from the
  birth-date or TTL column, village), every refusal of the cell readers (``nik.*``, ``kk.*``,
  ``name.*``, ``sex.*``, ``date.*``, ``ttl.format``, ``phone.*``, ``region.*``, ``money.*``),
  the NIK cross-checks ``nik.birth_date_mismatch`` and ``nik.sex_mismatch`` (marked on the NIK
  column), ``row.birth_date_conflict``, ``row.rt_rw``, ``row.too_long``, a control
  character in a free-text cell (``text.control_character``), ``income.invalid``,
  ``decile.range``, ``village.unknown`` and ``village.ambiguous``;
- warnings: ``occupation.unmatched`` (the text is kept), ``occupation.not_informal``,
  ``occupation.registry_general`` and ``occupation.registry_code_unknown`` (the civil registry's
  occupation list, ``domain.civil_registry``), ``row.mother_name_missing`` (BPJS asks for it),
  ``heir.relation_other``, ``row.resident_status`` and ``row.resident_status_unknown``, and the
  NIK's own ``nik.district_unknown``.

A resident the civil registry marks dead (SIAK's Status "Mati", OpenSID's status_dasar 2) is an
error, ``row.deceased``: a dead person must never become a covered worker, and a warning could be
committed past. Moved, missing, gone or invalid records are warnings: the record may be stale,
and the verifier decides.

The village is found by the caller's ``resolve_village`` (names repeat across districts, and
the region table lives in the database); this module only defines the two codes it raises.
Optional text that is absent is stored as ``""``, as the registry stores it. A cell holding
only ``-`` counts as empty, as in OpenSID exports.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Final, TypeVar

from payung.domain.civil_registry import ResidentStatus, read_occupation, resident_status
from payung.domain.dates import parse_date, split_place_and_date
from payung.domain.errors import DomainError, Issue, Severity, register
from payung.domain.family_card import FamilyCard, parse_family_card
from payung.domain.headers import Field
from payung.domain.money import rupiah
from payung.domain.nik import Nik, check_birth_date, check_sex, parse_nik
from payung.domain.occupations import Occupation
from payung.domain.person import Sex, normalise_name, parse_sex, title_case
from payung.domain.phone import Phone, parse_phone
from payung.domain.regions import Level, RegionCode
from payung.domain.text import check_free_text

T = TypeVar("T")

# A 100,000-row list repeats most of its cells (sex, birth dates, occupations, villages, common
# names and mothers' names), and the readers of those cells are pure: each distinct value is read
# once per process. A refusal is an exception, which is never cached.
MEMO_SIZE: Final = 65_536


def _memoised(read: Callable[..., T]) -> Callable[..., T]:
    cached = functools.lru_cache(maxsize=MEMO_SIZE, typed=True)(read)

    def call(raw: object, **options: object) -> T:
        try:
            return cached(raw, **options)
        except TypeError:  # an unhashable cell value: read it without the memo
            return read(raw, **options)

    return call


_name = _memoised(normalise_name)
_sex = _memoised(parse_sex)
_date = _memoised(parse_date)
_occupation = _memoised(read_occupation)

# The same texts as payung.imports.villages, which raises them too: a code has one message.
VILLAGE_UNKNOWN: Final = register(
    "village.unknown",
    id="Desa/kelurahan '{value}' tidak ditemukan di kabupaten/kota program ini.",
    en="Village '{value}' is not found in this programme's regency.",
)
VILLAGE_AMBIGUOUS: Final = register(
    "village.ambiguous",
    id="Nama desa '{value}' ada di beberapa kecamatan: {candidates}. Isi kolom kecamatan "
    "atau kode desa.",
    en="Village name '{value}' exists in several districts: {candidates}. Fill in the district "
    "or the village code.",
)
REQUIRED: Final = register(
    "row.required",
    id="{label_id} wajib diisi.",
    en="{label_en} is required.",
)
BIRTH_DATE_CONFLICT: Final = register(
    "row.birth_date_conflict",
    id=(
        "Tanggal lahir ({birth_date}) berbeda dengan tanggal pada kolom tempat, tanggal lahir "
        "({ttl}). Samakan keduanya."
    ),
    en=(
        "The birth date ({birth_date}) differs from the date in the place and date of birth "
        "column ({ttl}). Make them agree."
    ),
)
RT_RW: Final = register(
    "row.rt_rw",
    id="RT/RW '{value}' tidak valid. Isi angka 1 sampai 3 digit, misalnya 001 atau 01/02.",
    en="RT/RW '{value}' is not valid. Enter 1 to 3 digits, e.g. 001 or 01/02.",
)
TOO_LONG: Final = register(
    "row.too_long",
    id="{label_id} terlalu panjang ({length} karakter); paling banyak {max} karakter.",
    en="{label_en} is too long ({length} characters); at most {max} characters.",
)
MOTHER_NAME_MISSING: Final = register(
    "row.mother_name_missing",
    id="Nama ibu kandung belum diisi. BPJS Ketenagakerjaan memintanya saat pendaftaran.",
    en="The mother's maiden name is empty. BPJS Ketenagakerjaan asks for it at registration.",
)
INCOME_INVALID: Final = register(
    "income.invalid",
    id="Penghasilan '{value}' tidak valid. Isi rupiah tanpa sen, misalnya 1500000.",
    en="Income '{value}' is not valid. Enter whole rupiah, e.g. 1500000.",
)
DECILE_RANGE: Final = register(
    "decile.range",
    id="Desil '{value}' tidak valid; desil adalah angka 1 sampai 10.",
    en="Decile '{value}' is not valid; a decile is a number from 1 to 10.",
)
DECEASED: Final = register(
    "row.deceased",
    id=(
        "Penduduk ini tercatat meninggal dunia (status '{value}'), jadi tidak diimpor sebagai "
        "pekerja. Jika statusnya keliru, perbaiki di data kependudukan lalu unggah lagi."
    ),
    en=(
        "This resident is recorded as dead (status '{value}'), so the row is not imported as a "
        "worker. If the status is wrong, correct it in the population data and upload again."
    ),
)
RESIDENT_STATUS: Final = register(
    "row.resident_status",
    id=(
        "Status kependudukan '{value}': penduduk ini mungkin tidak lagi tinggal di desa ini atau "
        "datanya tidak sah. Baris tetap diimpor; periksa sebelum didaftarkan."
    ),
    en=(
        "Resident status '{value}': this person may no longer live in the village or the record "
        "is not valid. The row is kept; check it before registering the person."
    ),
)
RESIDENT_STATUS_UNKNOWN: Final = register(
    "row.resident_status_unknown",
    id=(
        "Status '{value}' tidak dikenali; yang dibaca adalah Hidup, Mati, Pindah, Hilang, Pergi "
        "dan Tidak Valid. Baris tetap diimpor."
    ),
    en=(
        "Status '{value}' is not recognised; the statuses read are Hidup (living), Mati (dead), "
        "Pindah (moved), Hilang (missing), Pergi (gone) and Tidak Valid (invalid). The row is kept."
    ),
)
HEIR_RELATION_OTHER: Final = register(
    "heir.relation_other",
    id=(
        "Hubungan ahli waris tidak diisi atau tidak dikenali ('{value}'), jadi dicatat sebagai "
        "'lainnya'. Isi istri, suami, anak, ayah, ibu atau saudara bila sesuai."
    ),
    en=(
        "The heir's relationship is empty or not recognised ('{value}'), so it is recorded as "
        "'other'. Enter wife, husband, child, father, mother or sibling where that applies."
    ),
)

# Cells typed as free text: a control character in one is refused (text.control_character).
FREE_TEXT: Final = frozenset(
    {
        Field.FULL_NAME,
        Field.BIRTH_PLACE,
        Field.TTL,
        Field.ADDRESS,
        Field.HAMLET,
        Field.VILLAGE,
        Field.OCCUPATION,
        Field.MOTHER_NAME,
        Field.HEIR_NAME,
        Field.HEIR_RELATION,
    }
)

NAME_MAX: Final = 100
PLACE_MAX: Final = 100
HAMLET_MAX: Final = 100
ADDRESS_MAX: Final = 300
OCCUPATION_TEXT_MAX: Final = 100


class HeirRelation(StrEnum):
    """An heir's relationship to the worker, in the words BPJS forms use."""

    WIFE = "istri"
    HUSBAND = "suami"
    CHILD = "anak"
    FATHER = "ayah"
    MOTHER = "ibu"
    SIBLING = "saudara"
    OTHER = "lainnya"


_RELATION_WORDS: Final[Mapping[str, HeirRelation]] = {
    **dict.fromkeys(("istri", "isteri", "bini", "wife"), HeirRelation.WIFE),
    **dict.fromkeys(("suami", "husband"), HeirRelation.HUSBAND),
    **dict.fromkeys(
        (
            "anak",
            "anak kandung",
            "anak angkat",
            "anak tiri",
            "putra",
            "putri",
            "son",
            "daughter",
            "child",
        ),
        HeirRelation.CHILD,
    ),
    **dict.fromkeys(
        ("ayah", "ayah kandung", "bapak", "bapak kandung", "bapa", "abah", "father"),
        HeirRelation.FATHER,
    ),
    **dict.fromkeys(("ibu", "ibu kandung", "emak", "mamak", "umi", "mother"), HeirRelation.MOTHER),
    **dict.fromkeys(
        (
            "saudara",
            "saudara kandung",
            "kakak",
            "adik",
            "abang",
            "kakak kandung",
            "adik kandung",
            "sibling",
            "brother",
            "sister",
        ),
        HeirRelation.SIBLING,
    ),
    # Real relations outside the six: recorded as "lainnya" without a warning.
    **dict.fromkeys(
        (
            "lainnya",
            "lain lain",
            "lain",
            "other",
            "cucu",
            "menantu",
            "mertua",
            "keponakan",
            "paman",
            "bibi",
            "kakek",
            "nenek",
            "orang tua",
        ),
        HeirRelation.OTHER,
    ),
}


@dataclass(frozen=True)
class Heir:
    """An heir (ahli waris) named on the row, for the JKM death benefit."""

    name: str
    relation: HeirRelation
    nik: Nik | None = None
    phone: Phone | None = None


@dataclass(frozen=True)
class WorkerData:
    """A row that passed every check; what the registry stores for one worker."""

    nik: Nik
    family_card: FamilyCard | None
    full_name: str
    sex: Sex
    birth_place: str
    birth_date: date
    village_code: str
    hamlet: str
    rt: str
    rw: str
    address: str
    phone: Phone | None
    occupation: Occupation | None
    occupation_text: str
    monthly_income: int | None
    mother_name: str
    heirs: tuple[Heir, ...]
    decile: int | None


@dataclass(frozen=True)
class RowResult:
    data: WorkerData | None
    issues: tuple[Issue, ...]

    @property
    def is_valid(self) -> bool:
        return self.data is not None

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if issue.is_error)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(issue for issue in self.issues if not issue.is_error)


def village_ambiguous(value: object, candidates: Sequence[str]) -> DomainError:
    """The error a ``resolve_village`` raises when a name fits several villages."""
    return DomainError(VILLAGE_AMBIGUOUS, value=str(value), candidates=", ".join(candidates))


def validate_worker_row(
    values: Mapping[Field, object],
    *,
    reference_date: date,
    resolve_village: Callable[[object, object], str],
    district_exists: Callable[[str], bool] | None = None,
    default_village: str | None = None,
) -> RowResult:
    """Check one row of raw cells and return the clean data with every issue found.

    ``values`` holds the raw cells by field (str, int, float, datetime or None; a field without
    a column is simply absent). ``resolve_village(village_cell, district_cell)`` returns a
    dotted village code or raises ``village.unknown``/``village.ambiguous``; it is used only
    when the row has no village code. ``default_village`` is the village of an import made for
    one village, used when the row names none. ``district_exists`` is passed to
    :func:`~payung.domain.nik.parse_nik` (an unknown NIK district is a warning).
    """
    row = _Row(values)
    nik = row.required(
        Field.NIK,
        lambda raw: parse_nik(raw, reference_date=reference_date, district_exists=district_exists),
    )
    if nik is not None:
        row.add_warnings(Field.NIK, nik.warnings)
    family_card = row.optional(Field.KK, parse_family_card)
    full_name = row.required(Field.FULL_NAME, _name)
    sex = row.required(Field.SEX, _sex)
    birth_place, birth_date = _birth(row, reference_date)
    if nik is not None and birth_date is not None:
        row.add(Field.NIK, check_birth_date(nik, birth_date))
    if nik is not None and sex is not None:
        row.add(Field.NIK, check_sex(nik, sex))
    village_code = _village(row, resolve_village, default_village)
    hamlet = row.text(Field.HAMLET, HAMLET_MAX)
    rt, rw = _rt_rw(row)
    address = row.text(Field.ADDRESS, ADDRESS_MAX)
    phone = row.optional(Field.PHONE, parse_phone)
    occupation, occupation_text = _occupation_of(row)
    monthly_income = row.optional(Field.INCOME, _income)
    mother_name = row.optional(Field.MOTHER_NAME, _name)
    if row.is_blank(Field.MOTHER_NAME):
        row.warn(Field.MOTHER_NAME, MOTHER_NAME_MISSING)
    heirs = _heirs(row, reference_date, district_exists)
    decile = row.optional(Field.DECILE, _decile)
    _status(row)

    if row.has_errors:
        return RowResult(None, tuple(row.issues))
    if nik is None or full_name is None or sex is None or birth_date is None or not village_code:
        # A missing required value is always reported as an error, which returned above.
        raise AssertionError("a required value is missing without an error")
    data = WorkerData(
        nik=nik,
        family_card=family_card,
        full_name=full_name,
        sex=sex,
        birth_place=birth_place,
        birth_date=birth_date,
        village_code=village_code,
        hamlet=hamlet,
        rt=rt,
        rw=rw,
        address=address,
        phone=phone,
        occupation=occupation,
        occupation_text=occupation_text,
        monthly_income=monthly_income,
        mother_name=mother_name or "",
        heirs=heirs,
        decile=decile,
    )
    return RowResult(data, tuple(row.issues))


# --- the parts of a row ----------------------------------------------------------------------


def _birth(row: _Row, reference_date: date) -> tuple[str, date | None]:
    """Birth place and date from their own columns and/or a TTL column; they must agree."""
    stated = row.optional(Field.BIRTH_DATE, lambda raw: _date(raw, reference_date=reference_date))
    ttl = row.optional(
        Field.TTL, lambda raw: split_place_and_date(raw, reference_date=reference_date)
    )
    if row.is_blank(Field.BIRTH_DATE) and row.is_blank(Field.TTL):
        row.missing(Field.BIRTH_DATE)
    ttl_place, ttl_date = ttl if ttl is not None else ("", None)
    if stated is not None and ttl_date is not None and stated != ttl_date:
        row.error(
            Field.BIRTH_DATE,
            BIRTH_DATE_CONFLICT,
            birth_date=_dd_mm_yyyy(stated),
            ttl=_dd_mm_yyyy(ttl_date),
        )
    place = row.text(Field.BIRTH_PLACE, PLACE_MAX)
    return (title_case(place) if place else ttl_place), stated or ttl_date


def _occupation_of(row: _Row) -> tuple[Occupation | None, str]:
    """The occupation and the text kept for it; every value not read as informal work warns."""
    written = row.text(Field.OCCUPATION, OCCUPATION_TEXT_MAX)
    if not written:
        return None, ""
    reading = _occupation(written)
    if reading.warning is not None:
        row.warn(Field.OCCUPATION, reading.warning, **dict(reading.params))
    return reading.occupation, reading.text


def _status(row: _Row) -> None:
    if row.is_blank(Field.RESIDENT_STATUS):
        return
    shown = _shown(row.filled[Field.RESIDENT_STATUS])
    status = resident_status(row.filled[Field.RESIDENT_STATUS])
    if status is ResidentStatus.DEAD:
        row.error(Field.RESIDENT_STATUS, DECEASED, value=shown)
    elif status is None:
        row.warn(Field.RESIDENT_STATUS, RESIDENT_STATUS_UNKNOWN, value=shown)
    elif status is not ResidentStatus.LIVING:
        row.warn(Field.RESIDENT_STATUS, RESIDENT_STATUS, value=shown)


def _village(
    row: _Row, resolve_village: Callable[[object, object], str], default_village: str | None
) -> str | None:
    if not row.is_blank(Field.VILLAGE_CODE):
        return row.optional(Field.VILLAGE_CODE, _read_village_code)
    if not row.is_blank(Field.VILLAGE):
        district = row.values.get(Field.DISTRICT)
        return row.optional(Field.VILLAGE, lambda raw: resolve_village(raw, district))
    if default_village:
        return default_village
    row.missing(Field.VILLAGE)
    return None


def _village_code(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # an undotted code typed into a numeric cell: 3201012001.0
    text = raw.strip() if isinstance(raw, str) else str(raw)
    return RegionCode.parse(text).require(Level.VILLAGE).code


_read_village_code = _memoised(_village_code)


_RT_RW_PAIR: Final = re.compile(
    r"(?:rt\.?\s*)?(\d{1,3})(?:\s*[/\\\-.,]\s*|\s+)(?:rw\.?\s*)?(\d{1,3})", re.IGNORECASE
)
_RT_OR_RW: Final = re.compile(r"(?:r[tw]\.?\s*)?(\d{1,3})", re.IGNORECASE)


def _rt_rw(row: _Row) -> tuple[str, str]:
    """RT and RW as three digits ("001"), from their own columns or a combined "01/02"."""
    rt = row.optional(Field.RT, _one_rt_rw) or ""
    rw = row.optional(Field.RW, _one_rt_rw) or ""
    pair = row.optional(Field.RT_RW, _rt_rw_pair)
    if pair is not None:
        rt, rw = rt or pair[0], rw or pair[1]
    return rt, rw


def _one_rt_rw(raw: object) -> str:
    number = _whole_number(raw)
    if number is not None:
        if 0 <= number <= 999:
            return f"{number:03d}"
        raise DomainError(RT_RW, value=str(number))
    text = raw.strip() if isinstance(raw, str) else str(raw)
    match = _RT_OR_RW.fullmatch(text) if isinstance(raw, str) else None
    if match is None:
        raise DomainError(RT_RW, value=text)
    return f"{int(match.group(1)):03d}"


def _rt_rw_pair(raw: object) -> tuple[str, str]:
    # A date here is Excel's reading of "01/02"; which part was the RT depends on the locale.
    text = " ".join(raw.split()) if isinstance(raw, str) else str(raw)
    match = _RT_RW_PAIR.fullmatch(text) if isinstance(raw, str) else None
    if match is None:
        raise DomainError(RT_RW, value=text)
    return f"{int(match.group(1)):03d}", f"{int(match.group(2)):03d}"


_CENTS: Final = re.compile(r"(.*\d)[.,](\d{1,2})")
_RUPIAH_PREFIX: Final = re.compile(r"^rp\.?\s*", re.IGNORECASE)


def _income(raw: object) -> int:
    """Whole rupiah from a cell; an integral float (1500000.0 from Excel) is exact, so it is
    read through ``int``; any other float, or sen that are not zero, is ``income.invalid``."""
    if isinstance(raw, bool):
        raise DomainError(INCOME_INVALID, value=str(raw))
    if isinstance(raw, float):
        if not raw.is_integer():
            raise DomainError(INCOME_INVALID, value=str(raw))
        return rupiah(int(raw))
    if isinstance(raw, int | Decimal):
        return rupiah(raw)
    if not isinstance(raw, str):
        raise DomainError(INCOME_INVALID, value=str(raw))
    text = _RUPIAH_PREFIX.sub("", raw.strip())
    # "1.500.000,00": thousands come in groups of three, so one or two digits at the end are sen.
    if match := _CENTS.fullmatch(text):
        if set(match.group(2)) != {"0"}:
            raise DomainError(INCOME_INVALID, value=raw.strip())
        text = match.group(1)
    return rupiah(text)


_DECILE_TEXT: Final = re.compile(r"(?:desil\s*)?(\d{1,2})", re.IGNORECASE)


def _decile(raw: object) -> int:
    number = _whole_number(raw)
    if number is None and isinstance(raw, str):
        match = _DECILE_TEXT.fullmatch(raw.strip())
        number = int(match.group(1)) if match else None
    if number is None or not 1 <= number <= 10:
        raise DomainError(DECILE_RANGE, value=_shown(raw))
    return number


def _heirs(
    row: _Row, reference_date: date, district_exists: Callable[[str], bool] | None
) -> tuple[Heir, ...]:
    """The row's heir, when any heir column is filled; the heir's name is then required."""
    heir_fields = (Field.HEIR_NAME, Field.HEIR_RELATION, Field.HEIR_NIK, Field.HEIR_PHONE)
    if all(row.is_blank(field) for field in heir_fields):
        return ()
    name = row.required(Field.HEIR_NAME, _name)
    relation_text = row.text(Field.HEIR_RELATION, NAME_MAX)
    relation = _RELATION_WORDS.get(" ".join(re.sub(r"[\W_]+", " ", relation_text.lower()).split()))
    if relation is None:
        row.warn(Field.HEIR_RELATION, HEIR_RELATION_OTHER, value=relation_text)
        relation = HeirRelation.OTHER
    nik = row.optional(
        Field.HEIR_NIK,
        lambda raw: parse_nik(raw, reference_date=reference_date, district_exists=district_exists),
    )
    if nik is not None:
        row.add_warnings(Field.HEIR_NIK, nik.warnings)
    phone = row.optional(Field.HEIR_PHONE, parse_phone)
    if name is None:
        return ()
    return (Heir(name=name, relation=relation, nik=nik, phone=phone),)


# --- reading cells and collecting issues -----------------------------------------------------

_DASHES: Final = frozenset({"-", "\u2013", "\u2014", "--"})
_INVISIBLE: Final = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


class _Row:
    """The raw cells of one row and the issues found so far, each tagged with its field."""

    def __init__(self, values: Mapping[Field, object]) -> None:
        self.values = values
        # Blankness is decided once per cell: a row asks about some fields several times.
        self.filled = {field: raw for field, raw in values.items() if not _blank(raw)}
        self.issues: list[Issue] = []

    @property
    def has_errors(self) -> bool:
        return any(issue.is_error for issue in self.issues)

    def is_blank(self, field: Field) -> bool:
        return field not in self.filled

    def required(self, field: Field, read: Callable[[object], T]) -> T | None:
        if self.is_blank(field):
            self.missing(field)
            return None
        return self._read(field, read)

    def optional(self, field: Field, read: Callable[[object], T]) -> T | None:
        if self.is_blank(field):
            return None
        return self._read(field, read)

    def text(self, field: Field, max_length: int) -> str:
        """Free text with spaces collapsed; "" when blank; ``row.too_long`` past ``max_length``."""
        raw = self.filled.get(field)
        if raw is None or self._refused_control(field, raw):
            return ""
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        text = str(raw)
        text = " ".join((text if text.isascii() else text.translate(_INVISIBLE)).split())
        if len(text) > max_length:
            self.error(
                field,
                TOO_LONG,
                label_id=field.label_id,
                label_en=field.label_en,
                length=len(text),
                max=max_length,
            )
            return ""
        return text

    def _read(self, field: Field, read: Callable[[object], T]) -> T | None:
        raw = self.filled[field]
        if self._refused_control(field, raw):
            return None
        try:
            return read(raw)
        except DomainError as refusal:
            self.issues.append(
                Issue(refusal.code, {**refusal.params, "field": field.value}, Severity.ERROR)
            )
            return None

    def _refused_control(self, field: Field, raw: object) -> bool:
        """Record ``text.control_character`` for a free-text cell holding one; True if so."""
        if field not in FREE_TEXT or not isinstance(raw, str):
            return False
        try:
            check_free_text(raw, label_id=field.label_id, label_en=field.label_en)
        except DomainError as refusal:
            self.issues.append(
                Issue(refusal.code, {**refusal.params, "field": field.value}, Severity.ERROR)
            )
            return True
        return False

    def missing(self, field: Field) -> None:
        self.error(field, REQUIRED, label_id=field.label_id, label_en=field.label_en)

    def error(self, field: Field, code: str, **params: object) -> None:
        self.issues.append(Issue(code, {**params, "field": field.value}, Severity.ERROR))

    def warn(self, field: Field, code: str, **params: object) -> None:
        self.issues.append(Issue(code, {**params, "field": field.value}, Severity.WARNING))

    def add(self, field: Field, issue: Issue | None) -> None:
        if issue is not None:
            self.issues.append(
                Issue(issue.code, {**issue.params, "field": field.value}, issue.severity)
            )

    def add_warnings(self, field: Field, issues: Sequence[Issue]) -> None:
        for issue in issues:
            self.add(field, issue)


def _blank(raw: object) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        # ASCII text cannot hold the invisible characters or the no-break space.
        text = raw.strip() if raw.isascii() else _visible(raw).strip()
        return not text or text in _DASHES
    return isinstance(raw, float) and math.isnan(raw)


def _visible(text: str) -> str:
    return text.translate(_INVISIBLE).replace("\u00a0", " ")


def _whole_number(raw: object) -> int | None:
    """An int, or a float/Decimal without fraction, as int; None for anything else."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, Decimal) and raw.is_finite() and raw == raw.to_integral_value():
        return int(raw)
    if isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit():
        return int(raw.strip())
    return None


def _shown(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return raw.strip() if isinstance(raw, str) else str(raw)


def _dd_mm_yyyy(value: date) -> str:
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"
