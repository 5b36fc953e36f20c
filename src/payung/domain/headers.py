"""Spreadsheet column headers matched to the fields of a worker row.

Every village writes its own headers ("No. NIK", "NIK KTP", "Nomor Induk Kependudukan"), puts a
title and the village name in the rows above them, and many export straight from OpenSID.
:func:`find_header_row` finds the header row under the titles, :func:`match_headers` maps each
column to a :class:`Field` and says what is missing, doubled or left over, so the import screen
can ask the operator only about the columns it could not place.

Headers are compared after :func:`normalise_header`: lower case, punctuation and underscores as
spaces, spaces collapsed, and common abbreviations spelled one way (``no.``/``nomor``/``nomer``
→ ``no``, ``tgl`` → ``tanggal``, ``tmp``/``tmpt`` → ``tempat``, ``telp`` → ``telepon``,
``kec`` → ``kecamatan``). A bracketed remark is tried with and without
(``Tanggal Lahir (dd-mm-yyyy)`` is a birth date).

OpenSID headers were taken from OpenSID's own code (github.com/OpenSID/OpenSID): the resident
list exported or printed to Excel (``resources/views/admin/penduduk/cetak.blade.php``: No, No. KK,
NIK, Tag Id Card, Nama, Alamat, Dusun, RW, RT, Jenis Kelamin, Tempat Lahir, Tanggal Lahir, Umur,
Agama, Pendidikan (dlm KK), Pekerjaan, Kawin, Hub. Keluarga, Nama Ayah, Nama Ibu, Status), the
older export (``donjo-app/views/export/penduduk_excel.php``: also Nomor KK, Nomor NIK, Pendidikan
(sdg ditemph), Kewarganegaraan, Gol. Darah) and the column names of its import/export workbook
(``nik``, ``no_kk``, ``nama``, ``sex``, ``tempatlahir``, ``tanggallahir``, ``alamat``,
``dusun``, ``rt``, ``rw``, ``nama_ibu``, ``telepon``, ``pekerjaan_id``, ``kk_level``, …). The
hamlet column carries the village's own word for it (OpenSID's ``sebutan_dusun`` setting), so
Dusun, Lingkungan, Banjar, Jorong, Dukuh and Kampung are all hamlets. ``pekerjaan_id`` holds the
civil registry's occupation numbers, which ``domain.civil_registry`` reads, so it is the occupation.

The civil registry's own export (SIAK, OpenSID's ``assets/import/format_siak.xls``) writes Nomor KK,
NIK, Nama Penduduk, Status (Hidup, Mati, Pindah…), Tempat Lahir, Tanggal Lahir, Kelamin, NIK Ayah,
Ayah, NIK Ibu, Ibu (the mother's name), Status Kawin, SHDK (the relation to the head of the
family), Agama, Kecamatan, Desa/Kel, Alamat, RW, RT, Pendidikan, Pekerjaan and more. Columns of
such exports that Payung does not use are :data:`KNOWN_UNUSED`: recognised, so they are not
reported as unknown, and not read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final


class Field(StrEnum):
    """A canonical column of a worker list; the value is what import mappings store."""

    NIK = "nik"
    KK = "kk"
    FULL_NAME = "full_name"
    SEX = "sex"
    BIRTH_PLACE = "birth_place"
    BIRTH_DATE = "birth_date"
    TTL = "ttl"
    ADDRESS = "address"
    RT = "rt"
    RW = "rw"
    RT_RW = "rt_rw"
    HAMLET = "hamlet"
    VILLAGE = "village"
    VILLAGE_CODE = "village_code"
    DISTRICT = "district"
    PHONE = "phone"
    OCCUPATION = "occupation"
    INCOME = "income"
    MOTHER_NAME = "mother_name"
    HEIR_NAME = "heir_name"
    HEIR_RELATION = "heir_relation"
    HEIR_NIK = "heir_nik"
    HEIR_PHONE = "heir_phone"
    DECILE = "decile"
    NOTES = "notes"
    RESIDENT_STATUS = "resident_status"

    @property
    def label_id(self) -> str:
        return _LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _LABELS[self][1]


_LABELS: Final[Mapping[Field, tuple[str, str]]] = MappingProxyType(
    {
        Field.NIK: ("NIK", "NIK"),
        Field.KK: ("Nomor KK", "Family card number"),
        Field.FULL_NAME: ("Nama lengkap", "Full name"),
        Field.SEX: ("Jenis kelamin", "Sex"),
        Field.BIRTH_PLACE: ("Tempat lahir", "Place of birth"),
        Field.BIRTH_DATE: ("Tanggal lahir", "Date of birth"),
        Field.TTL: ("Tempat, tanggal lahir", "Place and date of birth"),
        Field.ADDRESS: ("Alamat", "Address"),
        Field.RT: ("RT", "RT (neighbourhood)"),
        Field.RW: ("RW", "RW (hamlet ward)"),
        Field.RT_RW: ("RT/RW", "RT/RW"),
        Field.HAMLET: ("Dusun", "Hamlet (dusun)"),
        Field.VILLAGE: ("Desa/kelurahan", "Village"),
        Field.VILLAGE_CODE: ("Kode desa", "Village code"),
        Field.DISTRICT: ("Kecamatan", "District"),
        Field.PHONE: ("Nomor HP", "Phone number"),
        Field.OCCUPATION: ("Pekerjaan", "Occupation"),
        Field.INCOME: ("Penghasilan per bulan", "Monthly income"),
        Field.MOTHER_NAME: ("Nama ibu kandung", "Mother's maiden name"),
        Field.HEIR_NAME: ("Nama ahli waris", "Heir's name"),
        Field.HEIR_RELATION: ("Hubungan ahli waris", "Heir's relationship"),
        Field.HEIR_NIK: ("NIK ahli waris", "Heir's NIK"),
        Field.HEIR_PHONE: ("Nomor HP ahli waris", "Heir's phone number"),
        Field.DECILE: ("Desil", "Welfare decile"),
        Field.NOTES: ("Keterangan", "Notes"),
        Field.RESIDENT_STATUS: ("Status penduduk", "Resident status"),
    }
)

# Written the way people write them; normalised with normalise_header() when the index is built.
_SYNONYMS: Final[Mapping[Field, tuple[str, ...]]] = MappingProxyType(
    {
        Field.NIK: (
            "NIK",
            "No NIK",
            "Nomor NIK",
            "Nomor Induk Kependudukan",
            "No KTP",
            "Nomor KTP",
            "NIK KTP",
            "NIK Pekerja",
            "NIK Peserta",
        ),
        Field.KK: (
            "No KK",
            "Nomor KK",
            "No Kartu Keluarga",
            "Nomor Kartu Keluarga",
            "KK",
            "NKK",
            "no_kk",
        ),
        Field.FULL_NAME: (
            "Nama",
            "Nama Lengkap",
            "Nama Pekerja",
            "Nama Peserta",
            "Nama Sesuai KTP",
            "Nama Penduduk",
        ),
        Field.SEX: ("Jenis Kelamin", "JK", "L/P", "Kelamin", "Gender", "Sex", "Jns Kelamin"),
        Field.BIRTH_PLACE: ("Tempat Lahir", "Tmp Lahir", "Tmpt Lahir", "tempatlahir"),
        Field.BIRTH_DATE: (
            "Tanggal Lahir",
            "Tgl Lahir",
            "Tgl. Lahir",
            "tanggallahir",
            "Tanggal/Bulan/Tahun Lahir",
        ),
        Field.TTL: (
            "TTL",
            "Tempat Tanggal Lahir",
            "Tempat/Tgl Lahir",
            "Tempat, Tanggal Lahir",
            "Tempat dan Tanggal Lahir",
        ),
        Field.ADDRESS: ("Alamat", "Alamat Lengkap", "Jalan", "alamat_sekarang", "Alamat Rumah"),
        Field.RT: ("RT",),
        Field.RW: ("RW",),
        Field.RT_RW: ("RT/RW",),
        Field.HAMLET: ("Dusun", "Kampung", "Lingkungan", "Banjar", "Jorong", "Dukuh"),
        Field.VILLAGE: (
            "Desa",
            "Kelurahan",
            "Desa/Kelurahan",
            "Kelurahan/Desa",
            "Desa/Kel",
            "Nama Desa",
            "Nama Kelurahan",
        ),
        Field.VILLAGE_CODE: ("Kode Desa", "Kode Wilayah", "Kode Kemendagri", "Kode Kelurahan"),
        Field.DISTRICT: ("Kecamatan", "Kec", "Nama Kecamatan"),
        Field.PHONE: (
            "No HP",
            "Nomor HP",
            "No Telp",
            "No Telepon",
            "Nomor Telepon",
            "Telepon",
            "HP",
            "No Handphone",
            "No WA",
            "Nomor WA",
            "WhatsApp",
            "No WhatsApp",
        ),
        Field.OCCUPATION: (
            "Pekerjaan",
            "Jenis Pekerjaan",
            "Profesi",
            "Mata Pencaharian",
            "Pekerjaan Utama",
            "pekerjaan_id",
        ),
        Field.INCOME: (
            "Penghasilan",
            "Penghasilan per Bulan",
            "Penghasilan Perbulan",
            "Pendapatan",
            "Pendapatan per Bulan",
            "Upah",
        ),
        Field.MOTHER_NAME: ("Nama Ibu", "Nama Ibu Kandung", "Ibu Kandung", "nama_ibu", "Ibu"),
        Field.HEIR_NAME: ("Nama Ahli Waris", "Ahli Waris"),
        Field.HEIR_RELATION: (
            "Hubungan Ahli Waris",
            "Hubungan",
            "Hubungan dengan Ahli Waris",
            "Hubungan Keluarga Ahli Waris",
        ),
        Field.HEIR_NIK: ("NIK Ahli Waris", "No NIK Ahli Waris"),
        Field.HEIR_PHONE: (
            "No HP Ahli Waris",
            "HP Ahli Waris",
            "No Telp Ahli Waris",
            "Telepon Ahli Waris",
        ),
        Field.DECILE: ("Desil", "Desil DTSEN", "Desil Kesejahteraan", "Desil DTKS", "Desil P3KE"),
        Field.NOTES: ("Keterangan", "Catatan", "Ket"),
        Field.RESIDENT_STATUS: (
            "Status",
            "Status Dasar",
            "status_dasar",
            "Status Penduduk",
            "Status Kependudukan",
            "Status Hidup",
        ),
    }
)

# Columns of civil-registry and OpenSID exports that Payung does not read (normalised).
KNOWN_UNUSED: Final = frozenset(
    {
        "shdk",
        "status hubungan dalam keluarga",
        "hubungan dalam keluarga",
        "hubungan keluarga",
        "hub keluarga",
        "kk level",
        "nik ayah",
        "ayah nik",
        "ayah",
        "nama ayah",
        "nik ibu",
        "ibu nik",
        "status kawin",
        "status perkawinan",
        "kawin",
        "agama",
        "agama id",
        "pendidikan",
        "pendidikan dlm kk",
        "pendidikan sdg ditemph",
        "pendidikan kk id",
        "pendidikan sedang id",
        "deskripsi pekerjaan",
        "gol darah",
        "golongan darah id",
        "kewarganegaraan",
        "warganegara id",
        "umur",
        "tag id card",
        # SIAK's document and bookkeeping columns
        "cacat",
        "cetak ktp",
        "ganti ktp",
        "ktp berakhir",
        "no paspor",
        "no akta lahir",
        "no akta kawin",
        "tanggal kwn",
        "no akta cerai",
        "tanggal cerai",
        "petugas registrasi",
        "tanggal ubah",
        "petugas entri",
        "tanggal entri",
    }
)

REQUIRED: Final[tuple[Field, ...]] = (Field.NIK, Field.FULL_NAME, Field.SEX, Field.BIRTH_DATE)
"""Fields an import cannot do without; a TTL column stands in for BIRTH_DATE."""

MIN_HEADER_MATCHES: Final = 3

# Headers only OpenSID writes (normalised): its print/export view and its import workbook.
OPENSID_SIGNATURE: Final = frozenset(
    {
        "tag id card",
        "pendidikan dlm kk",
        "pendidikan sdg ditemph",
        "hub keluarga",
        "kawin",
        "gol darah",
        "nama ayah",
        "tempatlahir",
        "tanggallahir",
        "kk level",
        "agama id",
        "pendidikan kk id",
        "pendidikan sedang id",
        "pekerjaan id",
        "warganegara id",
        "golongan darah id",
        "ayah nik",
        "ibu nik",
        "status dasar",
    }
)
_OPENSID_MIN_MATCHES: Final = 3

_ABBREVIATIONS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "nomor": "no",
        "nomer": "no",
        "nmr": "no",
        "tgl": "tanggal",
        "tggl": "tanggal",
        "tmp": "tempat",
        "tmpt": "tempat",
        "tpt": "tempat",
        "telp": "telepon",
        "tlp": "telepon",
        "tlpn": "telepon",
        "telpon": "telepon",
        "handphone": "hp",
        "ponsel": "hp",
        "kec": "kecamatan",
        "kel": "kelurahan",
        "ds": "desa",
        "jns": "jenis",
        "whatsapp": "wa",
    }
)
_NON_WORD: Final = re.compile(r"[\W_]+")
_BRACKETED: Final = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def normalise_header(text: object) -> str:
    """The comparable form of a header: ``No. KTP``, ``Nomor KTP`` and ``nomer_ktp`` are ``no ktp``.

    Lower case, every run of punctuation, underscores or spaces becomes one space, and the
    abbreviations in ``_ABBREVIATIONS`` are spelled one way.
    """
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).lower()
    words = _NON_WORD.sub(" ", folded).split()
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


def _build_index() -> Mapping[str, Field]:
    index: dict[str, Field] = {}
    for field, synonyms in _SYNONYMS.items():
        for synonym in synonyms:
            key = normalise_header(synonym)
            if index.get(key, field) is not field:
                raise ValueError(f"header {synonym!r} names two fields")
            index[key] = field
    return MappingProxyType(index)


_INDEX: Final = _build_index()


def match_header(text: object) -> Field | None:
    """The field one header names, or None; a bracketed remark is ignored if needed."""
    key = normalise_header(text)
    if key in _INDEX:
        return _INDEX[key]
    if text is not None:
        without_remark = normalise_header(_BRACKETED.sub(" ", str(text)))
        if without_remark:
            return _INDEX.get(without_remark)
    return None


@dataclass(frozen=True)
class HeaderMatch:
    """How the columns of a sheet map to fields.

    ``mapping``: column index → field (the first column wins when two name the same field);
    ``unmatched``: (column index, header as written) for non-empty headers that name no field
    and are not ``ignored``, the columns of :data:`KNOWN_UNUSED`;
    ``duplicates``: fields named by more than one column; ``missing``: required fields with no
    column (BIRTH_DATE is missing only when there is no TTL column either). A village column is
    not required: an import may be for one village.
    """

    mapping: dict[int, Field]
    unmatched: tuple[tuple[int, str], ...]
    duplicates: tuple[Field, ...]
    missing: tuple[Field, ...]
    ignored: tuple[tuple[int, str], ...] = ()

    def column(self, field: Field) -> int | None:
        for index, mapped in self.mapping.items():
            if mapped is field:
                return index
        return None

    def values(self, row: Sequence[object]) -> dict[Field, object]:
        """One data row as ``{field: raw cell}``, the input of ``validate_worker_row``."""
        return {
            field: row[index] if index < len(row) else None for index, field in self.mapping.items()
        }


def match_headers(headers: Sequence[object]) -> HeaderMatch:
    mapping: dict[int, Field] = {}
    unmatched: list[tuple[int, str]] = []
    ignored: list[tuple[int, str]] = []
    duplicates: list[Field] = []
    for index, header in enumerate(headers):
        field = match_header(header)
        if field is None:
            written = " ".join(str(header).split()) if header is not None else ""
            if normalise_header(header) in KNOWN_UNUSED:
                ignored.append((index, written))
            elif written:
                unmatched.append((index, written))
        elif field in mapping.values():
            if field not in duplicates:
                duplicates.append(field)
        else:
            mapping[index] = field
    present = set(mapping.values())
    if Field.TTL in present:
        present.add(Field.BIRTH_DATE)
    missing = tuple(field for field in REQUIRED if field not in present)
    return HeaderMatch(mapping, tuple(unmatched), tuple(duplicates), missing, tuple(ignored))


def find_header_row(rows: Sequence[Sequence[object]], *, look_at: int = 15) -> int | None:
    """Index of the header row among the first ``look_at`` rows, or None.

    Village sheets put a title, the village name and blank rows above the headers, and some
    number the columns (1, 2, 3…) below them; the header row is the one naming the most
    different fields, at least three (the first such row on a tie).
    """
    best: int | None = None
    best_count = MIN_HEADER_MATCHES - 1
    for index, row in enumerate(rows[:look_at]):
        count = len({field for field in map(match_header, row) if field is not None})
        if count > best_count:
            best, best_count = index, count
    return best


def looks_like_opensid(headers: Sequence[object]) -> bool:
    """True when the headers are those of an OpenSID resident (penduduk) export.

    Three or more headers that only OpenSID writes (``Hub. Keluarga``, ``Pendidikan (dlm KK)``,
    ``Tag Id Card``, ``Nama Ayah``, ``tanggallahir``, ``kk_level``…) are taken as its signature.
    """
    present = {normalise_header(header) for header in headers}
    return len(present & OPENSID_SIGNATURE) >= _OPENSID_MIN_MATCHES
