"""Finding the village a row names: by code, or by name within the programme's regency.

Village names repeat across districts (Bogor has several "Sukamaju"), so a name alone may be
ambiguous; the row's district column settles it when present, otherwise the row is reported
with the candidates so the operator can add the district or the village code.
"""

from __future__ import annotations

import re
from collections import defaultdict

from payung.domain.errors import DomainError
from payung.domain.regions import Level, RegionCode
from payung.domain.worker_row import VILLAGE_AMBIGUOUS, VILLAGE_UNKNOWN
from payung.regions.models import Region

_PREFIX = re.compile(r"^(desa|kelurahan|kel|ds|kec|kecamatan)\.?\s+")


def _normalise(text: str) -> str:
    text = re.sub(r"[^a-z0-9 ]", " ", text.lower())
    text = " ".join(text.split())
    return _PREFIX.sub("", text)


class VillageResolver:
    """Callable ``(village_cell, district_cell) -> dotted village code`` for one regency."""

    def __init__(self, regency_code: str) -> None:
        self.regency = RegionCode(regency_code)
        villages = Region.objects.filter(
            code__startswith=regency_code + ".", level=Level.VILLAGE, active=True
        ).values_list("code", "name", "parent__name")
        self.codes: set[str] = set()
        self.by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for code, name, district in villages:
            self.codes.add(code)
            self.by_name[_normalise(name)].append((code, _normalise(district)))
        self.district_names = dict(
            Region.objects.filter(
                code__startswith=regency_code + ".", level=Level.DISTRICT
            ).values_list("code", "name")
        )

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
        candidates = self.by_name.get(_normalise(text), [])
        if district is not None and str(district).strip() and len(candidates) > 1:
            wanted = _normalise(str(district))
            candidates = [c for c in candidates if c[1] == wanted] or candidates
        if len(candidates) == 1:
            return candidates[0][0]
        if not candidates:
            raise DomainError(VILLAGE_UNKNOWN, value=text)
        names = ", ".join(
            f"{code} (Kec. {self.district_names.get(code.rsplit('.', 1)[0], '?')})"
            for code, _ in candidates[:6]
        )
        raise DomainError(VILLAGE_AMBIGUOUS, value=text, candidates=names)
