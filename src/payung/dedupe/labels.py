"""The words for each kind of external list, shown by the lists page and by screening's filters
and rules (so screening's views need not import dedupe's)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _lazy

from payung.domain.flags import ListKind

LIST_KINDS = [
    (ListKind.BPJS_ACTIVE, _lazy("Active BPJS Ketenagakerjaan participants")),
    (ListKind.OTHER_PROGRAMME, _lazy("Beneficiaries of another programme")),
    (ListKind.DECEASED, _lazy("Deaths")),
    (ListKind.MOVED, _lazy("Moves")),
    (ListKind.PUBLIC_SERVANT, _lazy("Civil servants, soldiers, police")),
]
