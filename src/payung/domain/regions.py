"""Indonesian administrative region codes (Kepmendagri 300.2.2-2138/2025).

A code names a place and, by its shape, all of its ancestors: ``32.01.01.2001`` is a village
(desa, because its own part starts with 2) in district ``32.01.01`` of regency ``32.01`` of
province ``32``. Payung stores the dotted form; the undotted form (``3201012001``), common in
spreadsheets and in NIKs, is accepted on input. Containment by prefix is what regional access
scoping is built on, so it lives here, tested without a database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from payung.domain.errors import DomainError, register

REGION_FORMAT = register(
    "region.format",
    id="Kode wilayah '{value}' tidak dikenali. Contoh: 32.01.01.2001 atau 3201012001.",
    en="Region code '{value}' is not recognised. Example: 32.01.01.2001 or 3201012001.",
)
REGION_LEVEL = register(
    "region.level",
    id="Wilayah {region} adalah {actual}, padahal yang diminta {expected}.",
    en="Region {region} is a {actual}, but a {expected} is required.",
)


class Level(IntEnum):
    """Depth in the hierarchy; the number is also the count of code parts."""

    PROVINCE = 1
    REGENCY = 2
    DISTRICT = 3
    VILLAGE = 4

    @property
    def label_id(self) -> str:
        return {1: "provinsi", 2: "kabupaten/kota", 3: "kecamatan", 4: "desa/kelurahan"}[self]

    @property
    def label_en(self) -> str:
        return {1: "province", 2: "regency/city", 3: "district", 4: "village"}[self]


# Widths of each part: province 2, regency 2, district 2, village 4.
_PART_WIDTHS = (2, 2, 2, 4)
_DOTTED = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
_UNDOTTED_LENGTHS = {2: 1, 4: 2, 6: 3, 10: 4}


@dataclass(frozen=True, order=True)
class RegionCode:
    """A validated region code in dotted form."""

    code: str

    @classmethod
    def parse(cls, raw: object) -> RegionCode:
        text = str(raw).strip() if raw is not None else ""
        if _DOTTED.match(text) and not any(set(p) == {"0"} for p in text.split(".")):
            return cls(text)
        if text.isdigit() and len(text) in _UNDOTTED_LENGTHS:
            parts, pos = [], 0
            for width in _PART_WIDTHS[: _UNDOTTED_LENGTHS[len(text)]]:
                parts.append(text[pos : pos + width])
                pos += width
            if not any(set(p) == {"0"} for p in parts):
                return cls(".".join(parts))
        raise DomainError(REGION_FORMAT, value=text)

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.code.split("."))

    @property
    def level(self) -> Level:
        return Level(len(self.parts))

    @property
    def parent(self) -> RegionCode | None:
        if self.level is Level.PROVINCE:
            return None
        return RegionCode(self.code.rsplit(".", 1)[0])

    def ancestor(self, level: Level) -> RegionCode:
        """This code cut to ``level`` (itself when already there); refuses a deeper level."""
        if level > self.level:
            raise DomainError(
                REGION_LEVEL, region=self.code, actual=self.level.label_en, expected=level.label_en
            )
        return RegionCode(".".join(self.parts[: int(level)]))

    def lineage(self) -> tuple[RegionCode, ...]:
        """Province first, this code last."""
        return tuple(self.ancestor(Level(n)) for n in range(1, int(self.level) + 1))

    def contains(self, other: RegionCode) -> bool:
        """True when ``other`` is this region or lies inside it."""
        return other.code == self.code or other.code.startswith(self.code + ".")

    @property
    def undotted(self) -> str:
        return self.code.replace(".", "")

    @property
    def is_kelurahan(self) -> bool:
        """An urban village (kelurahan) has a village part starting with 1; a desa starts with 2."""
        return self.level is Level.VILLAGE and self.parts[3].startswith("1")

    @property
    def is_desa(self) -> bool:
        return self.level is Level.VILLAGE and self.parts[3].startswith("2")

    def require(self, level: Level) -> RegionCode:
        if self.level is not level:
            raise DomainError(
                REGION_LEVEL, region=self.code, actual=self.level.label_en, expected=level.label_en
            )
        return self

    def __str__(self) -> str:
        return self.code
