"""The words for the domain's benefit components and checklist documents, shared by the claim
page and the claim packet."""

from __future__ import annotations

from typing import Final

from django.utils.translation import gettext_lazy as _l

from payung.domain import claims as lifecycle
from payung.domain.benefits import Component

COMPONENT_LABELS: Final = {
    Component.JKM_LUMP_SUM: _l("JKM lump sum"),
    Component.JKM_PERIODIC: _l("JKM periodic benefit, paid at once"),
    Component.FUNERAL: _l("Funeral costs"),
    Component.JKK_DEATH: _l("JKK death benefit"),
    Component.JKK_PERIODIC: _l("JKK periodic benefit, paid at once"),
    Component.TOTAL_DISABILITY: _l("Total permanent disability"),
    Component.PARTIAL_DISABILITY: _l("Partial disability"),
    Component.STMB: _l("Temporary incapacity to work (STMB)"),
    Component.TRANSPORT: _l("Transport"),
    Component.MEDICAL: _l("Medical care"),
    Component.EDUCATION: _l("Education benefit"),
}


def document_label(code: str, lang: str) -> str:
    """A checklist document's name in ``lang``; an unknown code (an upload from before the
    checklist) as it was stored."""
    for document in lifecycle.CHECKLIST.documents:
        if document.code == code:
            return document.label(lang)
    return code
