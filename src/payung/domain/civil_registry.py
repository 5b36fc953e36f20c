"""What the civil registry's codes mean: occupations and the resident's status, as OpenSID and SIAK
export them.

A village's resident list comes out of OpenSID (the village information system) or the civil
registry's own system, SIAK (Dukcapil). Both write the registry's **occupation list**: OpenSID as
its number (``pekerjaan_id`` 9), SIAK as its name ("Petani/Pekebun"). The list, with each entry's
reading in Payung's catalogue, is shipped data (``payung/data/dukcapil_occupations.csv``, source
in ``payung/data/README.md``); every entry is one of three kinds:

- ``informal``: informal work, read as a catalogue occupation with its risk level (9 → farmer);
- ``not_informal``: work these programmes do not cover (PNS, TNI, pupil, homemaker, not working),
  read as one of :data:`~payung.domain.occupations.NOT_INFORMAL`, so screening can say so;
- ``general``: a real answer too broad for one catalogue occupation (Wiraswasta, Industri,
  Lainnya); the registry's name is kept and the operator is asked to choose.

:func:`read_occupation` reads one cell: the registry's number (9, 9.0, "09"), its name in any case
and spacing ("petani / pekebun"), or else free text through
:func:`~payung.domain.occupations.match_occupation`. It returns the finding a row reports, so no
value is ever dropped without a warning naming it.

The **resident status** (SIAK's "Status": Hidup, Mati, Pindah…; OpenSID's ``status_dasar`` 1–9,
and its printed list's Tetap/Pendatang) is read by :func:`resident_status`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from types import MappingProxyType
from typing import Final

from payung.domain.errors import register
from payung.domain.occupations import (
    NOT_INFORMAL_WORK,
    UNMATCHED,
    Occupation,
    match_occupation,
    normalise_occupation_text,
    occupation_by_code,
)

DATA_FILE: Final = "dukcapil_occupations.csv"

REGISTRY_GENERAL: Final = register(
    "occupation.registry_general",
    id=(
        "Pekerjaan '{value}' (daftar Dukcapil: {name}) terlalu umum untuk satu pekerjaan dalam "
        "daftar Payung. Data disimpan sebagai '{name}'; pilih pekerjaan dari daftar agar dapat "
        "disaring."
    ),
    en=(
        "Occupation '{value}' (civil-registry list: {name}) is too general for one occupation on "
        "Payung's list. It is kept as '{name}'; choose an occupation from the list so it can be "
        "screened."
    ),
)
REGISTRY_CODE_UNKNOWN: Final = register(
    "occupation.registry_code_unknown",
    id=(
        "Kode pekerjaan '{value}' tidak ada dalam daftar pekerjaan Dukcapil (kode 1 sampai "
        "{last}). Data tetap disimpan; isi nama pekerjaannya."
    ),
    en=(
        "Occupation code '{value}' is not on the civil registry's occupation list (codes 1 to "
        "{last}). The row is kept; enter the occupation's name."
    ),
)


class Kind(StrEnum):
    INFORMAL = "informal"
    NOT_INFORMAL = "not_informal"
    GENERAL = "general"


@dataclass(frozen=True)
class RegistryOccupation:
    """One entry of the civil registry's occupation list and what Payung makes of it."""

    code: int
    name: str
    kind: Kind
    occupation: Occupation | None  # None only for the general entries


def parse_occupation_list(text: str) -> tuple[RegistryOccupation, ...]:
    """The list from its CSV text (``code,name,kind,occupation``); a wrong line raises."""
    entries = []
    for line in csv.DictReader(io.StringIO(text)):
        kind = Kind(line["kind"])
        occupation = occupation_by_code(line["occupation"]) if line["occupation"] else None
        if (occupation is None) is not (kind is Kind.GENERAL):
            raise ValueError(f"occupation list code {line['code']}: kind and occupation disagree")
        if occupation is not None and occupation.informal is not (kind is Kind.INFORMAL):
            raise ValueError(
                f"occupation list code {line['code']}: {occupation.code} is the wrong kind"
            )
        entries.append(RegistryOccupation(int(line["code"]), line["name"], kind, occupation))
    if [entry.code for entry in entries] != list(range(1, len(entries) + 1)):
        raise ValueError("occupation list codes must run 1, 2, 3, … without gaps")
    return tuple(entries)


# Shipped reference data, read once: the same national list for every installation.
REGISTRY_OCCUPATIONS: Final = parse_occupation_list(
    resources.files("payung.data").joinpath(DATA_FILE).read_text("utf-8")
)
_BY_NUMBER: Final = MappingProxyType({entry.code: entry for entry in REGISTRY_OCCUPATIONS})
_BY_NAME: Final = MappingProxyType(
    {normalise_occupation_text(entry.name): entry for entry in REGISTRY_OCCUPATIONS}
)
_LAST: Final = REGISTRY_OCCUPATIONS[-1].code
_CODE_DIGITS: Final = 3


def registry_occupation(value: object) -> RegistryOccupation | None:
    """The registry's entry a cell names by number (9, 9.0, "09") or by name, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return _BY_NUMBER.get(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        return _BY_NUMBER.get(int(text))
    return _BY_NAME.get(normalise_occupation_text(text))


@dataclass(frozen=True)
class OccupationReading:
    """What one occupation cell says: the occupation (if any), the text to keep, the finding."""

    occupation: Occupation | None
    text: str
    warning: str | None = None  # an error-catalogue code; its params are in ``params``
    params: tuple[tuple[str, str], ...] = ()


def read_occupation(text: str) -> OccupationReading:
    """Read an occupation cell (already as text, spaces collapsed, not empty).

    A registry number is kept as the registry's name ("9" → "Petani/Pekebun"); a name or free
    text is kept as written. Work outside the programmes, a general entry, an unknown number and
    unmatched text each give a warning naming the value.
    """
    entry = registry_occupation(text)
    if entry is not None:
        kept = entry.name if text.isdigit() else text
        if entry.kind is Kind.GENERAL:
            return OccupationReading(
                None, kept, REGISTRY_GENERAL, (("value", text), ("name", entry.name))
            )
        return _found(entry.occupation, kept, shown=text)
    if text.isascii() and text.isdigit() and len(text) <= _CODE_DIGITS:
        return OccupationReading(
            None, text, REGISTRY_CODE_UNKNOWN, (("value", text), ("last", str(_LAST)))
        )
    return _found(match_occupation(text), text, shown=text)


def _found(occupation: Occupation | None, kept: str, *, shown: str) -> OccupationReading:
    if occupation is None:
        return OccupationReading(None, kept, UNMATCHED, (("value", shown),))
    if not occupation.informal:
        params = (
            ("value", shown),
            ("name_id", occupation.name_id),
            ("name_en", occupation.name_en),
        )
        return OccupationReading(occupation, kept, NOT_INFORMAL_WORK, params)
    return OccupationReading(occupation, kept)


# --- the resident's status -------------------------------------------------------------------


class ResidentStatus(StrEnum):
    """A resident's status in the population register (OpenSID's status_dasar)."""

    LIVING = "living"
    DEAD = "dead"
    MOVED = "moved"
    MISSING = "missing"
    LEFT = "left"
    INVALID = "invalid"


# OpenSID's status_dasar numbers: 1 HIDUP, 2 MATI, 3 PINDAH, 4 HILANG, 6 PERGI, 9 TIDAK VALID.
_STATUS_NUMBERS: Final = MappingProxyType(
    {
        1: ResidentStatus.LIVING,
        2: ResidentStatus.DEAD,
        3: ResidentStatus.MOVED,
        4: ResidentStatus.MISSING,
        6: ResidentStatus.LEFT,
        9: ResidentStatus.INVALID,
    }
)
_STATUS_WORDS: Final = MappingProxyType(
    {
        # OpenSID's printed list says Tetap (permanent) or Pendatang (newcomer): both live there.
        **dict.fromkeys(
            ("hidup", "tetap", "pendatang", "tidak tetap", "aktif", "living", "alive"),
            ResidentStatus.LIVING,
        ),
        **dict.fromkeys(
            ("mati", "meninggal", "meninggal dunia", "wafat", "almarhum", "almarhumah", "dead"),
            ResidentStatus.DEAD,
        ),
        **dict.fromkeys(
            ("pindah", "pindah dalam negeri", "pindah luar negeri", "pindah keluar", "moved"),
            ResidentStatus.MOVED,
        ),
        **dict.fromkeys(("hilang", "missing"), ResidentStatus.MISSING),
        **dict.fromkeys(("pergi", "left"), ResidentStatus.LEFT),
        **dict.fromkeys(("tidak valid", "invalid"), ResidentStatus.INVALID),
    }
)


def resident_status(value: object) -> ResidentStatus | None:
    """The status a cell gives (Hidup, Mati, Pindah…, or OpenSID's number), or None if unknown."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return _STATUS_NUMBERS.get(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        return _STATUS_NUMBERS.get(int(text))
    return _STATUS_WORDS.get(normalise_occupation_text(text))
