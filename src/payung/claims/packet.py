"""The claim packet: one case on A4 paper, for the file BPJS receives and the family keeps — the
worker, the coverage decision on the event date with its reasons, the event, the entitlement,
the documents checklist and a signature block (issue 13 item 8, ADR 0040).

A Django template (``claims/packet.html``) is rendered to HTML in the reader's language
(Indonesian by default), then to PDF by WeasyPrint with Debian's fonts through fontconfig. The
packet fetches nothing: its style is inline, it names no image or font file, and
:class:`NoNetwork` refuses every URL WeasyPrint asks for (``http``, ``https``, ``file``, even
``data``), stopping the rendering rather than leaving a hole in the page.

Opening a packet is reading specific personal data (the place, cause and chronology of the
event): :func:`claim_packet` audits every making of one, as opening a document is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from payung.access.actor import Actor, actor_label
from payung.access.scope import require, require_region
from payung.audit.services import audit_record
from payung.claims.entitlement import claim_entitlement
from payung.claims.labels import COMPONENT_LABELS, document_label
from payung.claims.models import Claim, ClaimDocument
from payung.domain.money import format_rupiah
from payung.domain.roles import Capability

TEMPLATE: Final = "claims/packet.html"


class NetworkRefused(ValueError):
    """The packet asked for something outside itself."""


class NoNetwork(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type information
    """WeasyPrint's URL fetcher that fetches nothing: every URL is refused, and (with
    ``fail_on_errors``) the refusal stops the rendering. ``refused`` lists what was asked."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=True)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        self.refused.append(url)
        raise NetworkRefused(f"the claim packet fetches nothing: {url[:80]}")


def pdf_of(html: str) -> bytes:
    """``html`` as PDF (A4 and fonts as its inline style says), with no network."""
    document = HTML(string=html, base_url=None, url_fetcher=NoNetwork())
    data: bytes = document.write_pdf()
    return data


@dataclass(frozen=True)
class EntitlementLine:
    """One benefit component as the packet shows it: its name, the rupiah, the reason."""

    label: str
    amount: str
    reason: str


@dataclass(frozen=True)
class PacketEntitlement:
    lines: list[EntitlementLine]
    total: str
    notes: list[str]


def packet_entitlement(claim: Claim, *, lang: str, today: date) -> PacketEntitlement:
    """The claim's entitlement (``claims.entitlement``, the domain's benefit tables) in words,
    with the notes that say why nothing is due when nothing is (not covered, income unknown)."""
    found = claim_entitlement(claim, today=today)
    amounts = found.entitlement.amounts if found.entitlement is not None else ()
    with translation.override(lang):
        lines = [
            EntitlementLine(
                str(COMPONENT_LABELS[a.component]), format_rupiah(a.amount), a.reason.message(lang)
            )
            for a in amounts
        ]
    notes = [note.message(lang) for note in found.notes]
    return PacketEntitlement(lines, format_rupiah(found.total), notes)


@dataclass(frozen=True)
class Line:
    """One document of the checklist, as the packet shows it."""

    kind: str
    file_type: str
    size: int
    uploaded_at: datetime


def packet_context(
    *,
    claim: Claim,
    documents: list[ClaimDocument],
    lang: str,
    made_at: datetime,
    made_by: str,
    entitlement: Any = None,
) -> dict[str, Any]:
    """What the packet template shows. ``entitlement`` is the claim's computed benefit (the
    domain's benefit computation, merged separately); ``None`` shows "Belum dihitung"."""
    enrolment = claim.enrolment
    return {
        "claim": claim,
        "person": claim.person,
        "nik": claim.person.nik_masked,
        "kpj": enrolment.kpj_masked if enrolment is not None else "",
        "reasons": claim.reasons_in(lang),
        "documents": [
            Line(document_label(d.kind, lang), d.file_type, d.size, d.uploaded_at)
            for d in documents
        ],
        "entitlement": entitlement,
        "made_at": timezone.localtime(made_at),
        "made_by": made_by,
        "lang": lang,
    }


def packet_html(context: dict[str, Any], *, lang: str) -> str:
    with translation.override(lang):
        return render_to_string(TEMPLATE, context)


@transaction.atomic
def claim_packet(
    *,
    actor: Actor,
    claim: Claim,
    documents: list[ClaimDocument],
    lang: str,
    now: datetime,
) -> bytes:
    """The packet of ``claim`` (reached through a scoped selector) as PDF, in ``lang``; every
    making of one is audited (``claim.packet``), as opening a document is."""
    require(actor, Capability.REPORT_CLAIMS)
    require_region(actor, claim.village_id)
    context = packet_context(
        claim=claim,
        documents=documents,
        lang=lang,
        made_at=now,
        made_by=actor_label(actor),
        entitlement=packet_entitlement(claim, lang=lang, today=timezone.localdate(now)),
    )
    data = pdf_of(packet_html(context, lang=lang))
    audit_record(
        actor=actor,
        action="claim.packet",
        target=claim,
        subject_key=f"person:{claim.person_id}",
        after={"language": lang, "documents": len(documents), "size": len(data)},
    )
    return data
