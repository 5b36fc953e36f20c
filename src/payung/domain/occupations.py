"""The informal occupations these programmes cover, with their usual work-accident risk.

Village lists name an occupation in free text ("buruh tani harian", "Ojol", "kuli panggul");
:func:`match_occupation` turns that into one catalogue entry so lists from different villages
and agencies can be counted, screened and compared. The text as written is always kept as well.

The risk levels are **configurable defaults**, a planning aid for a regency (which groups to
target first, how exposed a village's list is). They are not BPJS Ketenagakerjaan's decision:
BPJS assigns each BPU participant's risk and contribution itself, and in these programmes the
contribution is the flat minimum whatever the occupation. A programme may override the level
of any occupation; the catalogue only offers the starting point.

Each occupation also has a :class:`Sector` (transport or other), because contribution reliefs
such as PP 50/2025 give transport workers a different window; the contribution rules take the
sector as a value, so a programme can correct the default for a worker.

Codes are stable lower-case ASCII snake case: they are stored on each person and must never
change. Add new occupations at the end; rename only the display names.

:data:`NOT_INFORMAL` lists what a civil-registry occupation can be that is **not** informal work
(civil servant, soldier, pupil, homemaker, not working, …). Such an entry has no risk level and
``informal`` False; it is stored like any occupation, so screening can say why the person is
outside these programmes instead of finding the occupation empty. :data:`CATALOGUE` is both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from types import MappingProxyType
from typing import Final

from payung.domain.errors import DomainError, register

UNKNOWN: Final = register(
    "occupation.unknown",
    id="Kode pekerjaan '{value}' tidak ada dalam daftar pekerjaan.",
    en="Occupation code '{value}' is not in the occupation list.",
)
NOT_INFORMAL_WORK: Final = register(
    "occupation.not_informal",
    id=(
        "Pekerjaan '{value}' ({name_id}) bukan pekerjaan informal. Program ini untuk pekerja "
        "informal, jadi penyaringan akan menolaknya; perbaiki pekerjaannya bila keliru."
    ),
    en=(
        "Occupation '{value}' ({name_en}) is not informal work. These programmes are for informal "
        "workers, so screening will turn the person down; correct the occupation if it is wrong."
    ),
)
UNMATCHED: Final = register(
    "occupation.unmatched",
    id=(
        "Pekerjaan '{value}' tidak cocok dengan daftar pekerjaan. Data tetap disimpan sesuai "
        "tulisan aslinya; pilih pekerjaan dari daftar agar bisa dikelompokkan."
    ),
    en=(
        "Occupation '{value}' does not match the occupation list. The row is kept with the "
        "text as written; choose an occupation from the list so it can be grouped."
    ),
)


class RiskLevel(IntEnum):
    """Work-accident risk, from 1 (very low) to 5 (very high)."""

    VERY_LOW = 1
    LOW = 2
    MEDIUM = 3
    HIGH = 4
    VERY_HIGH = 5

    @property
    def label_id(self) -> str:
        return {1: "sangat rendah", 2: "rendah", 3: "sedang", 4: "tinggi", 5: "sangat tinggi"}[self]

    @property
    def label_en(self) -> str:
        return {1: "very low", 2: "low", 3: "medium", 4: "high", 5: "very high"}[self]


class Sector(StrEnum):
    """The sector a contribution relief may single out (PP 50/2025 treats transport apart)."""

    TRANSPORT = "transport"
    OTHER = "other"


@dataclass(frozen=True)
class Occupation:
    code: str
    name_id: str
    name_en: str
    risk: RiskLevel | None  # None only for work outside these programmes (NOT_INFORMAL)
    synonyms: tuple[str, ...] = ()
    sector: Sector = Sector.OTHER
    informal: bool = True

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", self.code):
            raise ValueError(f"occupation code {self.code!r} must be lower-case snake ASCII")
        if (self.risk is None) is self.informal:
            raise ValueError(f"occupation {self.code!r}: informal work has a risk level, other not")

    def label(self, lang: str = "id") -> str:
        return self.name_en if lang.lower().startswith("en") else self.name_id


# People who carry passengers or goods on the road for a living: the default reading of PP 50/2025's
# "sektor transportasi" for these occupations. BPJS decides a participant's sector; a programme
# that learns otherwise passes another sector to the contribution rules.
_TRANSPORT: Final = Sector.TRANSPORT

_VL, _L, _M, _H, _VH = (
    RiskLevel.VERY_LOW,
    RiskLevel.LOW,
    RiskLevel.MEDIUM,
    RiskLevel.HIGH,
    RiskLevel.VERY_HIGH,
)

OCCUPATIONS: Final[tuple[Occupation, ...]] = (
    Occupation(
        "farm_labourer",
        "Buruh tani",
        "Farm labourer",
        _H,
        (
            "buruh tani",
            "buruh tani harian",
            "buruh sawah",
            "buruh kebun",
            "buruh perkebunan",
            "petani buruh",
            "farm labourer",
            "farm worker",
        ),
    ),
    Occupation(
        "tenant_farmer",
        "Petani penggarap",
        "Tenant farmer",
        _M,
        ("petani penggarap", "penggarap", "penggarap sawah", "tenant farmer", "sharecropper"),
    ),
    Occupation(
        "farmer",
        "Petani / pekebun",
        "Smallholder farmer",
        _M,
        ("petani", "pekebun", "tani", "bertani", "petani padi", "petani sayur", "farmer"),
    ),
    Occupation(
        "fisher",
        "Nelayan",
        "Fisher",
        _VH,
        (
            "nelayan",
            "nelayan tangkap",
            "nelayan tradisional",
            "nelayan kecil",
            "fisher",
            "fisherman",
        ),
    ),
    Occupation(
        "fishing_crew",
        "Buruh nelayan / ABK",
        "Fishing crew",
        _VH,
        ("buruh nelayan", "anak buah kapal", "abk", "abk kapal ikan", "pandega", "fishing crew"),
    ),
    Occupation(
        "fish_farmer",
        "Pembudidaya ikan",
        "Fish farmer",
        _M,
        (
            "pembudidaya ikan",
            "nelayan budidaya",
            "petambak",
            "petani tambak",
            "petani ikan",
            "fish farmer",
        ),
    ),
    Occupation(
        "motorcycle_taxi",
        "Ojek pangkalan",
        "Motorcycle taxi driver",
        _H,
        ("ojek", "ojek pangkalan", "tukang ojek", "pengemudi ojek", "opang", "motorcycle taxi"),
        _TRANSPORT,
    ),
    Occupation(
        "online_motorcycle_taxi",
        "Ojek online",
        "Online motorcycle taxi driver",
        _H,
        (
            "ojek online",
            "ojol",
            "driver ojol",
            "driver ojek online",
            "mitra ojol",
            "online motorcycle taxi",
        ),
        _TRANSPORT,
    ),
    Occupation(
        "minibus_driver",
        "Sopir angkot",
        "Minibus (angkot) driver",
        _H,
        (
            "sopir angkot",
            "supir angkot",
            "pengemudi angkot",
            "sopir angkutan umum",
            "minibus driver",
        ),
        _TRANSPORT,
    ),
    Occupation(
        "pedicab_driver",
        "Pengemudi becak",
        "Pedicab driver",
        _M,
        (
            "pengemudi becak",
            "tukang becak",
            "abang becak",
            "penarik becak",
            "becak",
            "pedicab driver",
        ),
        _TRANSPORT,
    ),
    Occupation(
        "street_vendor",
        "Pedagang kaki lima (PKL)",
        "Street vendor",
        _M,
        ("pedagang kaki lima", "pkl", "pedagang keliling", "pedagang gerobak", "street vendor"),
    ),
    Occupation(
        "hawker",
        "Pedagang asongan",
        "Hawker",
        _M,
        ("pedagang asongan", "asongan", "penjual asongan", "hawker"),
    ),
    Occupation(
        "small_trader",
        "Pedagang kecil / warung",
        "Small trader",
        _L,
        (
            "pedagang",
            "pedagang kecil",
            "pedagang pasar",
            "warung",
            "pemilik warung",
            "berdagang",
            "small trader",
        ),
    ),
    Occupation(
        "porter",
        "Kuli angkut / buruh panggul",
        "Porter",
        _H,
        (
            "kuli angkut",
            "buruh angkut",
            "buruh panggul",
            "kuli panggul",
            "kuli pasar",
            "tukang panggul",
            "porter",
        ),
    ),
    Occupation(
        "construction_labourer",
        "Buruh bangunan / tukang",
        "Construction day labourer",
        _VH,
        (
            "buruh bangunan",
            "kuli bangunan",
            "tukang bangunan",
            "tukang",
            "tukang batu",
            "tukang kayu",
            "kenek bangunan",
            "laden",
            "construction labourer",
        ),
    ),
    Occupation(
        "casual_day_labourer",
        "Buruh harian lepas",
        "Casual day labourer",
        _M,
        (
            "buruh harian lepas",
            "buruh harian",
            "bhl",
            "buruh lepas",
            "serabutan",
            "buruh serabutan",
            "pekerja serabutan",
            "kuli",
            "casual labourer",
        ),
    ),
    Occupation(
        "scavenger",
        "Pemulung",
        "Scavenger (waste picker)",
        _H,
        ("pemulung", "pengepul rongsok", "pemungut sampah", "waste picker", "scavenger"),
    ),
    Occupation(
        "parking_attendant",
        "Juru parkir",
        "Parking attendant",
        _M,
        ("juru parkir", "jukir", "tukang parkir", "petugas parkir", "parking attendant"),
    ),
    Occupation(
        "grave_digger",
        "Penggali kubur",
        "Grave digger",
        _H,
        ("penggali kubur", "penggali makam", "penjaga makam", "kuncen makam", "grave digger"),
    ),
    Occupation(
        "mosque_caretaker",
        "Marbot / penjaga masjid",
        "Mosque caretaker",
        _L,
        (
            "marbot",
            "merbot",
            "marbot masjid",
            "penjaga masjid",
            "pengurus masjid",
            "kaum",
            "mosque caretaker",
        ),
    ),
    Occupation(
        "religious_teacher",
        "Guru ngaji",
        "Quran teacher",
        _VL,
        (
            "guru ngaji",
            "ustadz",
            "ustaz",
            "ustadzah",
            "ustazah",
            "guru madrasah diniyah",
            "quran teacher",
        ),
    ),
    Occupation(
        "domestic_worker",
        "Asisten rumah tangga (ART)",
        "Domestic worker",
        _L,
        (
            "asisten rumah tangga",
            "art",
            "pembantu rumah tangga",
            "prt",
            "pembantu",
            "pekerja rumah tangga",
            "domestic worker",
        ),
    ),
    Occupation(
        "rubber_tapper",
        "Penyadap karet",
        "Rubber tapper",
        _M,
        ("penyadap karet", "penderes karet", "buruh sadap karet", "rubber tapper"),
    ),
    Occupation(
        "palm_sap_tapper",
        "Penyadap nira / penderes",
        "Palm sap tapper",
        _VH,
        (
            "penyadap nira",
            "penderes",
            "penderes nira",
            "penyadap aren",
            "penyadap kelapa",
            "pembuat gula aren",
            "palm sap tapper",
        ),
    ),
    Occupation(
        "livestock_farmer",
        "Peternak",
        "Livestock farmer",
        _M,
        (
            "peternak",
            "buruh ternak",
            "penggembala",
            "peternak sapi",
            "peternak kambing",
            "peternak ayam",
            "buruh peternakan",
            "livestock farmer",
        ),
    ),
    Occupation(
        "craftsperson",
        "Pengrajin",
        "Craftsperson",
        _L,
        ("pengrajin", "perajin", "pengrajin anyaman", "pengrajin bambu", "craftsperson"),
    ),
    Occupation(
        "tailor",
        "Penjahit",
        "Tailor",
        _VL,
        ("penjahit", "tukang jahit", "tailor"),
    ),
    Occupation(
        "barber",
        "Tukang cukur",
        "Barber",
        _VL,
        ("tukang cukur", "pemangkas rambut", "pangkas rambut", "barber"),
    ),
    Occupation(
        "cleaner",
        "Petugas kebersihan",
        "Cleaner / street sweeper",
        _M,
        (
            "petugas kebersihan",
            "tukang sapu",
            "penyapu jalan",
            "pasukan kuning",
            "pengangkut sampah",
            "cleaning service",
            "cleaner",
        ),
    ),
    Occupation(
        "community_volunteer",
        "Kader / ketua RT RW",
        "Community volunteer (RT/RW head, health cadre)",
        _L,
        (
            "kader",
            "kader posyandu",
            "kader kesehatan",
            "kader pkk",
            "ketua rt",
            "ketua rw",
            "ketua rt rw",
            "kader ketua rt rw",
            "pengurus rt",
            "pengurus rw",
            "community volunteer",
        ),
    ),
    Occupation(
        "linmas",
        "Anggota linmas",
        "Community protection officer (Linmas)",
        _M,
        ("linmas", "anggota linmas", "hansip", "satlinmas", "perlindungan masyarakat"),
    ),
    Occupation(
        "performing_artist",
        "Pekerja seni",
        "Performing artist",
        _L,
        (
            "pekerja seni",
            "seniman",
            "pelaku seni",
            "sinden",
            "dalang",
            "penari",
            "pemusik",
            "pengamen",
            "performing artist",
        ),
    ),
    Occupation(
        "woodcutter",
        "Penebang / pencari kayu",
        "Woodcutter",
        _VH,
        ("penebang kayu", "pencari kayu", "pencari kayu bakar", "buruh tebang", "woodcutter"),
    ),
    Occupation(
        "sand_miner",
        "Penambang pasir / batu",
        "Sand or stone miner",
        _VH,
        (
            "penambang pasir",
            "penambang batu",
            "penggali pasir",
            "pemecah batu",
            "penambang tradisional",
            "sand miner",
        ),
    ),
    Occupation(
        "courier",
        "Kurir",
        "Courier",
        _H,
        ("kurir", "kurir paket", "pengantar barang", "courier"),
        _TRANSPORT,
    ),
    Occupation(
        "driver",
        "Sopir / pengemudi",
        "Driver",
        _H,
        ("sopir", "supir", "pengemudi", "sopir truk", "sopir pribadi", "transportasi", "driver"),
        _TRANSPORT,
    ),
    Occupation(
        "religious_worker",
        "Pemuka / pekerja keagamaan",
        "Religious worker",
        _VL,
        (
            "imam masjid",
            "imam",
            "pendeta",
            "pastor",
            "biarawati",
            "pemuka agama",
            "religious worker",
        ),
    ),
)


def _other(code: str, name_id: str, name_en: str, synonyms: tuple[str, ...]) -> Occupation:
    return Occupation(code, name_id, name_en, None, synonyms, informal=False)


# Matched only as the whole text: "pensiunan" alone is retired, "pedagang pensiunan" is not read.
NOT_INFORMAL: Final[tuple[Occupation, ...]] = (
    _other(
        "not_working",
        "Belum / tidak bekerja",
        "Not working",
        ("belum tidak bekerja", "tidak bekerja", "belum bekerja", "tidak ada", "pengangguran"),
    ),
    _other(
        "homemaker",
        "Mengurus rumah tangga",
        "Homemaker",
        ("mengurus rumah tangga", "ibu rumah tangga", "irt", "homemaker", "housewife"),
    ),
    _other(
        "student",
        "Pelajar / mahasiswa",
        "Pupil or student",
        ("pelajar mahasiswa", "pelajar", "mahasiswa", "siswa", "student"),
    ),
    _other("retired", "Pensiunan", "Retired", ("pensiunan", "purnawirawan", "retired")),
    _other(
        "civil_servant",
        "Pegawai negeri (PNS / ASN)",
        "Civil servant",
        (
            "pegawai negeri sipil pns",
            "pegawai negeri sipil",
            "pegawai negeri",
            "pns",
            "asn",
            "pppk",
            "civil servant",
        ),
    ),
    _other(
        "soldier",
        "Anggota TNI",
        "Soldier (TNI)",
        ("tentara nasional indonesia tni", "tentara nasional indonesia", "tni", "tentara"),
    ),
    _other(
        "police_officer",
        "Anggota Polri",
        "Police officer (Polri)",
        ("kepolisian ri polri", "kepolisian ri", "polri", "polisi", "police officer"),
    ),
    _other(
        "private_employee",
        "Karyawan swasta",
        "Private-sector employee",
        ("karyawan swasta", "pegawai swasta", "karyawan", "private employee"),
    ),
    _other(
        "state_enterprise_employee",
        "Karyawan BUMN / BUMD",
        "State-enterprise employee",
        ("karyawan bumn", "karyawan bumd", "pegawai bumn", "pegawai bumd"),
    ),
    _other(
        "honorary_employee",
        "Karyawan honorer",
        "Honorary (contract) public employee",
        ("karyawan honorer", "honorer", "tenaga honorer", "pegawai honorer"),
    ),
    _other(
        "public_official",
        "Pejabat negara / perangkat desa",
        "Public official or village officer",
        ("pejabat negara", "perangkat desa", "kepala desa", "kades", "lurah"),
    ),
    _other(
        "professional",
        "Profesi / tenaga ahli",
        "Professional",
        ("tenaga ahli", "profesional", "professional"),
    ),
)

CATALOGUE: Final[tuple[Occupation, ...]] = OCCUPATIONS + NOT_INFORMAL
"""Every code a person's occupation may hold: the informal occupations, then the rest."""

# Words too general to pick an occupation when they only appear inside a longer text
# ("tukang sayur" is not a builder); they still match when they are the whole text.
_EXACT_ONLY: Final = frozenset({"tukang", "kuli", "kaum", "kader", "pedagang"})
_NON_WORD: Final = re.compile(r"[^a-z0-9]+")


def normalise_occupation_text(text: str) -> str:
    """Lower case, punctuation as spaces, spaces collapsed: ``Buruh-Tani,`` -> ``buruh tani``."""
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def _index() -> MappingProxyType[str, Occupation]:
    found: dict[str, Occupation] = {}
    for occupation in CATALOGUE:
        for term in (occupation.name_id, occupation.name_en, occupation.code, *occupation.synonyms):
            key = normalise_occupation_text(term.replace("_", " "))
            if found.get(key, occupation) is not occupation:
                raise ValueError(f"occupation term {key!r} names two occupations")
            found[key] = occupation
    return MappingProxyType(found)


_BY_TERM: Final = _index()
_BY_CODE: Final = MappingProxyType({o.code: o for o in CATALOGUE})
# Longest first, so "buruh nelayan" wins over "nelayan" and "ojek online" over "ojek".
_CONTAINED_TERMS: Final = tuple(
    sorted(
        (
            (term, occupation)
            for term, occupation in _BY_TERM.items()
            if term not in _EXACT_ONLY and occupation.informal
        ),
        key=lambda pair: (-len(pair[0].split()), -len(pair[0])),
    )
)


def occupation_by_code(code: str) -> Occupation:
    """The catalogue entry for a stored code, or ``occupation.unknown``."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise DomainError(UNKNOWN, value=code) from None


def match_occupation(text: object) -> Occupation | None:
    """The occupation a free-text cell names, or None when nothing in the catalogue fits.

    The text is normalised (lower case, punctuation removed, spaces collapsed). An exact name or
    synonym wins; otherwise the longest synonym found as whole words inside the text, so
    ``Buruh tani harian`` is a farm labourer. General words such as ``tukang`` match only alone.
    """
    if not isinstance(text, str):
        return None
    key = normalise_occupation_text(text)
    if not key:
        return None
    exact = _BY_TERM.get(key)
    if exact is not None:
        return exact
    padded = f" {key} "
    for term, occupation in _CONTAINED_TERMS:
        if f" {term} " in padded:
            return occupation
    return None
