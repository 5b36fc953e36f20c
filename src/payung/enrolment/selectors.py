"""Reading registration batches, enrolments and coverage, always within the reader's region."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from payung.access.actor import Actor
from payung.access.scope import require, scoped
from payung.domain.coverage import CoveragePeriod, covering
from payung.domain.nik import parse_nik
from payung.domain.period import Month
from payung.domain.roles import Capability
from payung.enrolment.models import Coverage, Enrolment, RegistrationBatch, RegistrationLine
from payung.enrolment.services import RenewalPlan, renewal_plan
from payung.programmes.models import Programme
from payung.registry.models import Person
from payung.registry.values import nik_index


def batch_list(*, user: Actor, programme: Programme) -> QuerySet[RegistrationBatch]:
    require(user, Capability.LIAISE_BPJS)
    return scoped(programme.registration_batches.all(), user).annotate(
        line_count=Count("lines"),
        registered=Count("lines", filter=Q(lines__status="registered")),
        refused=Count("lines", filter=Q(lines__status="refused")),
    )


def batch_get(*, user: Actor, pk: int) -> RegistrationBatch:
    require(user, Capability.LIAISE_BPJS)
    batch = (
        scoped(RegistrationBatch.objects.select_related("programme"), user).filter(pk=pk).first()
    )
    if batch is None:
        raise Http404
    return batch


def batch_lines(*, user: Actor, batch: RegistrationBatch) -> QuerySet[RegistrationLine]:
    return scoped(
        batch.lines.select_related("candidate__person", "candidate__village"), user
    ).order_by("candidate__village_id", "pk")


def enrolment_list(*, user: Actor, programme: Programme) -> QuerySet[Enrolment]:
    require(user, Capability.VIEW_PROGRAMMES)
    return scoped(
        Enrolment.objects.filter(programme=programme).select_related("person", "village"), user
    )


def enrolment_get(*, user: Actor, pk: int) -> Enrolment:
    require(user, Capability.VIEW_PROGRAMMES)
    found = (
        scoped(Enrolment.objects.select_related("person", "programme", "village"), user)
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class CoverageAnswer:
    """Whether a worker was covered on ``day``: by which enrolment (programme) and period, and
    whether unpaid contributions had made them inactive then (``inactive``)."""

    day: date
    enrolment: Enrolment | None
    period: CoveragePeriod | None
    coverage: Coverage | None
    periods: tuple[Coverage, ...]  # every period of the worker the reader may see

    @property
    def covered(self) -> bool:
        return self.period is not None

    @property
    def programme(self) -> Programme | None:
        return self.enrolment.programme if self.enrolment else None

    @property
    def inactive(self) -> bool:
        """Covered, but not protected: in arrears since ``enrolment.inactive_from``."""
        if self.enrolment is None or self.enrolment.inactive_from is None or not self.covered:
            return False
        return Month.of(self.day) >= Month.of(self.enrolment.inactive_from)


def coverage_on(*, user: Actor, nik: str, day: date) -> CoverageAnswer:
    """Was the worker with ``nik`` covered on ``day``, and by which programme?

    Only records within the reader's region answer; a NIK merged into another person's record
    answers for that person. Raises the ``nik.*`` codes for a malformed NIK.
    """
    require(user, Capability.VIEW_PROGRAMMES)
    index = nik_index(parse_nik(nik, reference_date=day).value)
    people = Person.objects.filter(Q(nik_index=index) | Q(merged__nik_index=index))
    coverages = tuple(
        scoped(
            Coverage.objects.filter(enrolment__person__in=people).select_related(
                "enrolment__programme", "enrolment__person", "enrolment__village"
            ),
            user,
        ).order_by("start", "pk")
    )
    periods = [c.period for c in coverages]
    found = covering(periods, day)
    # The first equal period is the one ``covering`` chose: it returns the first that covers.
    coverage = coverages[periods.index(found)] if found is not None else None
    return CoverageAnswer(
        day=day,
        enrolment=coverage.enrolment if coverage else None,
        period=found,
        coverage=coverage,
        periods=coverages,
    )


def renewal_targets(*, user: Actor, source: Programme) -> QuerySet[Programme]:
    """The programmes ``source`` may be renewed into: the other programmes of its regency."""
    require(user, Capability.MANAGE_PROGRAMMES)
    return (
        scoped(Programme.objects.filter(regency_id=source.regency_id), user)
        .exclude(pk=source.pk)
        .order_by("-year", "name")
    )


def renewal_target(*, user: Actor, source: Programme, pk: int | None) -> Programme | None:
    """The renewal target ``pk`` among :func:`renewal_targets` (``None`` when it is not one), or
    the first of them when none is named."""
    targets = renewal_targets(user=user, source=source)
    return targets.filter(pk=pk).first() if pk is not None else targets.first()


def enrolment_coverages(*, user: Actor, enrolment: Enrolment) -> QuerySet[Coverage]:
    """The coverage periods of an enrolment the user has reached through :func:`enrolment_get`."""
    require(user, Capability.VIEW_PROGRAMMES)
    return enrolment.coverages.all()


def renewal_preview(*, user: Actor, source: Programme, target: Programme) -> RenewalPlan:
    """What :func:`~payung.enrolment.services.programme_renew` would do, without doing it."""
    require(user, Capability.MANAGE_PROGRAMMES)
    return renewal_plan(source, target)
