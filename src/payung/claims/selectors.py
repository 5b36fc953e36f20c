"""Reading claims, always within the reader's region (a village sees its own claims)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, Final

from django.db.models import Min, QuerySet
from django.http import Http404

from payung.access.actor import Actor
from payung.access.scope import require, scoped
from payung.claims.models import (
    Claim,
    ClaimChild,
    ClaimDocument,
    ClaimStatus,
    UnclaimedDeath,
    UnclaimedStatus,
)
from payung.domain._digits import mask
from payung.domain.benefits import Component
from payung.domain.errors import DomainError, register
from payung.domain.kpj import parse_kpj
from payung.domain.nik import parse_nik
from payung.domain.returns import BenefitsPaid, PaidClaim, benefits_tally
from payung.domain.roles import Capability
from payung.enrolment.models import Enrolment
from payung.enrolment.services import kpj_index
from payung.programmes.models import Programme
from payung.registry.models import Heir, Person
from payung.registry.selectors import person_get, person_list

NIK_UNKNOWN: Final = register(
    "claim.nik_unknown",
    id="NIK {nik} tidak ada di daftar pekerja wilayah kerja Anda. Periksa NIK-nya, atau "
    "daftarkan pekerjanya lebih dulu.",
    en="NIK {nik} is not in the worker registry of your region. Check the NIK, or register the "
    "worker first.",
)

KPJ_UNKNOWN: Final = register(
    "claim.kpj_unknown",
    id="KPJ {kpj} tidak ada di antara pekerja terdaftar BPJS di wilayah kerja Anda. Periksa "
    "nomornya, atau cari pekerjanya dengan NIK.",
    en="KPJ {kpj} is not among the workers registered with BPJS in your region. Check the "
    "number, or find the worker by NIK.",
)


def claim_person_by_nik(*, user: Actor, nik: str, today: date) -> Person:
    """The registered worker a report is about, found by NIK (its blind index, as
    ``enrolment.selectors.coverage_on`` finds it; a merged record finds the person kept), within
    the reporter's region. ``nik.*`` for a malformed NIK, ``claim.nik_unknown`` for one not
    registered there (never whether it is registered elsewhere)."""
    require(user, Capability.REPORT_CLAIMS)
    value = parse_nik(nik, reference_date=today).value
    found = person_list(user=user, search=value).first()
    if found is None:
        raise DomainError(NIK_UNKNOWN, nik=mask(value))
    return found


def claim_person_by_kpj(*, user: Actor, kpj: str) -> Person:
    """The worker found by the KPJ BPJS gave them (its blind index), within the reporter's region:
    Pasal 48A names the worker by KPJ or NIK. ``kpj.*`` for a malformed KPJ,
    ``claim.kpj_unknown`` for one not enrolled there."""
    require(user, Capability.REPORT_CLAIMS)
    value = parse_kpj(kpj)
    enrolment = (
        scoped(Enrolment.objects.select_related("person"), user)
        .filter(kpj_index=kpj_index(value))
        .first()
    )
    if enrolment is None:
        raise DomainError(KPJ_UNKNOWN, kpj=mask(value))
    return person_get(user=user, pk=enrolment.person_id)


def claim_person_get(*, user: Actor, pk: int) -> Person:
    """The worker of a report started from the person's page (404 outside the region)."""
    require(user, Capability.REPORT_CLAIMS)
    return person_get(user=user, pk=pk)


def claim_list(*, user: Actor) -> QuerySet[Claim]:
    require(user, Capability.REPORT_CLAIMS)
    return scoped(Claim.objects.select_related("person", "village", "programme", "enrolment"), user)


def claim_get(*, user: Actor, pk: int) -> Claim:
    found = claim_list(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def claim_documents(*, user: Actor, claim: Claim) -> QuerySet[ClaimDocument]:
    """The documents of a claim reached through :func:`claim_get`, without their bytes."""
    require(user, Capability.REPORT_CLAIMS)
    return scoped(claim.documents.defer("content"), user)


def claim_document_get(*, user: Actor, claim: Claim, pk: int) -> ClaimDocument:
    found = scoped(claim.documents.select_related("claim"), user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def unclaimed_death_list(*, user: Actor) -> QuerySet[UnclaimedDeath]:
    """The open "kemungkinan JKM belum diklaim" cases of the reader's region, oldest death first
    (the labour office's queue)."""
    require(user, Capability.VERIFY)
    return scoped(
        UnclaimedDeath.objects.select_related("person", "village", "programme", "enrolment"), user
    ).filter(status=UnclaimedStatus.OPEN)


def unclaimed_death_get(*, user: Actor, pk: int) -> UnclaimedDeath:
    found = unclaimed_death_list(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


# What the claims list orders by, read without a join or a decryption (ADR 0042): the claim's
# dates and states as tuples, in QUEUE_FIELDS order.
QUEUE_FIELDS: Final = (
    "pk",
    "kind",
    "status",
    "event_date",
    "event_time",
    "documents_complete_on",
    "paid_on",
)


def claim_queue_rows(*, user: Actor) -> list[tuple[Any, ...]]:
    """The region's claims, newest report first, each as the values of :data:`QUEUE_FIELDS`."""
    newest = claim_list(user=user).order_by("-reported_at", "-pk")
    return list(newest.values_list(*QUEUE_FIELDS))


def claim_first_uploads(*, user: Actor, kinds: Iterable[str]) -> dict[int, dict[str, datetime]]:
    """For each claim of the region, when a document of each of ``kinds`` was first uploaded."""
    claims = claim_list(user=user).order_by().values("pk")
    found: dict[int, dict[str, datetime]] = defaultdict(dict)
    rows = (
        ClaimDocument.objects.filter(claim__in=claims, kind__in=list(kinds))
        .order_by()
        .values("claim_id", "kind")
        .annotate(first=Min("uploaded_at"))
        .values_list("claim_id", "kind", "first")
    )
    for claim_id, kind, first in rows:
        found[claim_id][kind] = first
    return dict(found)


def claims_by_pk(*, user: Actor, pks: Iterable[int]) -> dict[int, Claim]:
    """The region's claims of ``pks`` (a page of the list), read in full."""
    return {c.pk: c for c in claim_list(user=user).filter(pk__in=list(pks))}


def claim_heir_get(*, user: Actor, claim: Claim, pk: int | None) -> Heir | None:
    """One recorded heir of the claim's worker (the claim reached through :func:`claim_get`);
    None when none is chosen; 404 for another worker's heir."""
    if pk is None:
        return None
    require(user, Capability.REPORT_CLAIMS)
    found = scoped(Heir.objects.filter(person_id=claim.person_id), user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def claim_children(*, user: Actor, claim: Claim) -> QuerySet[ClaimChild]:
    """The children recorded on a claim reached through :func:`claim_get`, eldest first."""
    require(user, Capability.REPORT_CLAIMS)
    return scoped(claim.children.order_by("birth_date", "pk"), user)


def claim_child_get(*, user: Actor, claim: Claim, pk: int) -> ClaimChild:
    found = scoped(claim.children.select_related("claim"), user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


# A claim BPJS paid stays paid once handed over to the worker or the heirs.
PAID_STATUSES: Final = (ClaimStatus.PAID, ClaimStatus.HANDED_OVER)


def benefits_paid_by_month(*, user: Actor, programme: Programme, year: int) -> BenefitsPaid:
    """What BPJS paid on the claims of ``programme`` (the programme that covered the event) in
    ``year``: claims and rupiah per month of the payment date, rupiah per component, within the
    reader's region (a village its own claims). Figures only, no person: whoever may see the
    programme's budget may see them (``view_programmes``, ADR 0041)."""
    require(user, Capability.VIEW_PROGRAMMES)
    rows = scoped(
        Claim.objects.filter(programme=programme, status__in=PAID_STATUSES, paid_on__year=year),
        user,
    ).values_list("paid_on", "paid_amounts")
    return benefits_tally(
        (
            PaidClaim(
                paid_on, {Component(code): int(value) for code, value in (amounts or {}).items()}
            )
            for paid_on, amounts in rows
            if paid_on is not None  # the year's filter already says so
        ),
        year=year,
    )
