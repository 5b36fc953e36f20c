"""Reading claims, always within the reader's region (a village sees its own claims)."""

from __future__ import annotations

from datetime import date
from typing import Final

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from payung.access.actor import Actor
from payung.access.scope import require, scoped
from payung.claims.models import Claim, ClaimDocument, UnclaimedDeath, UnclaimedStatus
from payung.domain._digits import mask
from payung.domain.errors import DomainError, register
from payung.domain.kpj import parse_kpj
from payung.domain.nik import parse_nik
from payung.domain.roles import Capability
from payung.enrolment.models import Enrolment
from payung.enrolment.services import kpj_index
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


def claim_queue_list(*, user: Actor) -> QuerySet[Claim]:
    """The region's claims with their documents (without their bytes), for the deadlines."""
    documents = Prefetch("documents", queryset=ClaimDocument.objects.defer("content"))
    return claim_list(user=user).prefetch_related(documents)


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
