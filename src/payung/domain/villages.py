"""Finding the village a row names: by code, or by name within one regency.

Village names repeat across districts (Bogor has several "Sukamaju"), so a name alone may be
ambiguous; the row's district column settles it when present, otherwise the row is reported
with the candidates so the operator can add the district or the village code. The index is plain
data (built from the region table by ``payung.imports.villages``), so processes that validate
rows away from the database can use it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Final

from payung.domain.errors import DomainError
from payung.domain.regions import RegionCode
from payung.domain.worker_row import VILLAGE_AMBIGUOUS, VILLAGE_UNKNOWN

_PREFIX: Final = re.compile(r"^(desa|kelurahan|kel|ds|kec|kecamatan)\.?\s+")
_NOT_WORD: Final = re.compile(r"[^a-z0-9 ]")
# Candidates listed in an ambiguity message, at most.
SHOWN_CANDIDATES: Final = 6


def normalise_place(text: str) -> str:
    """A village or district name for comparison: lower case, no punctuation, no "Desa"."""
    text = " ".join(_NOT_WORD.sub(" ", text.lower()).split())
    return _PREFIX.sub("", text)


class VillageIndex:
    """Callable ``(village_cell, district_cell) -> dotted village code`` for one regency.

    ``villages`` are ``(dotted code, name, district name)`` of the regency's active villages;
    ``district_names`` maps dotted district codes to names, for messages.
    """

    def __init__(
        self, villages: Iterable[tuple[str, str, str]], district_names: Mapping[str, str]
    ) -> None:
        self.codes: set[str] = set()
        self.by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for code, name, district in villages:
            self.codes.add(code)
            self.by_name[normalise_place(name)].append((code, normalise_place(district)))
        self.district_names = dict(district_names)

    def __call__(self, village: object, district: object = None) -> str:
        text = str(village).strip() if village is not None else ""
        if isinstance(village, int) or text.replace(".", "").isdigit():
            try:
                code = RegionCode.parse(text)
            except DomainError:
                raise DomainError(VILLAGE_UNKNOWN, value=text) from None
            if code.code in self.codes:
                return code.code
            raise DomainError(VILLAGE_UNKNOWN, value=text)
        candidates = self.by_name.get(normalise_place(text), [])
        if district is not None and str(district).strip() and len(candidates) > 1:
            wanted = normalise_place(str(district))
            candidates = [c for c in candidates if c[1] == wanted] or candidates
        if len(candidates) == 1:
            return candidates[0][0]
        if not candidates:
            raise DomainError(VILLAGE_UNKNOWN, value=text)
        names = ", ".join(
            f"{code} (Kec. {self.district_names.get(code.rsplit('.', 1)[0], '?')})"
            for code, _ in candidates[:SHOWN_CANDIDATES]
        )
        raise DomainError(VILLAGE_AMBIGUOUS, value=text, candidates=names)
