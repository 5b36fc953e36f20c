"""What an external list says about a worker, and what it means for eligibility.

Lists arrive from other sources: BPJS Ketenagakerjaan's active participants, another programme's
beneficiaries (a province-paid one), the civil or village registry's deaths and moves, the
lists of civil servants, soldiers and police officers. A person found on one carries a flag of
that kind; screening (issue 5) reads the flags through :data:`MEANING`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from payung.domain.errors import register


class ListKind(StrEnum):
    BPJS_ACTIVE = "bpjs_active"
    OTHER_PROGRAMME = "other_programme"
    DECEASED = "deceased"
    MOVED = "moved"
    PUBLIC_SERVANT = "public_servant"


class Effect(StrEnum):
    EXCLUDES = "excludes"  # not eligible while the flag is active
    REVIEW = "review"  # a verifier must look (a move may or may not leave the regency)


FLAG_BPJS_ACTIVE: Final = register(
    "flag.bpjs_active",
    id="Sudah menjadi peserta aktif BPJS Ketenagakerjaan ({source}, daftar {list_date}).",
    en="Already an active BPJS Ketenagakerjaan participant ({source}, list of {list_date}).",
)
FLAG_OTHER_PROGRAMME: Final = register(
    "flag.other_programme",
    id="Sudah dilindungi program lain ({source}, daftar {list_date}).",
    en="Already covered by another programme ({source}, list of {list_date}).",
)
FLAG_DECEASED: Final = register(
    "flag.deceased",
    id="Tercatat meninggal dunia ({source}, daftar {list_date}).",
    en="Recorded as deceased ({source}, list of {list_date}).",
)
FLAG_MOVED: Final = register(
    "flag.moved",
    id="Tercatat pindah domisili ({source}, daftar {list_date}); periksa domisilinya.",
    en="Recorded as moved away ({source}, list of {list_date}); check the domicile.",
)
FLAG_PUBLIC_SERVANT: Final = register(
    "flag.public_servant",
    id="Tercatat sebagai ASN/TNI/Polri ({source}, daftar {list_date}).",
    en="Recorded as a civil servant, soldier or police officer ({source}, list of {list_date}).",
)

# kind → (message code, effect on eligibility)
MEANING: Final = {
    ListKind.BPJS_ACTIVE: (FLAG_BPJS_ACTIVE, Effect.EXCLUDES),
    ListKind.OTHER_PROGRAMME: (FLAG_OTHER_PROGRAMME, Effect.EXCLUDES),
    ListKind.DECEASED: (FLAG_DECEASED, Effect.EXCLUDES),
    ListKind.MOVED: (FLAG_MOVED, Effect.REVIEW),
    ListKind.PUBLIC_SERVANT: (FLAG_PUBLIC_SERVANT, Effect.EXCLUDES),
}
