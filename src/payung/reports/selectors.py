"""The reads of the public page: which programmes are published, and one by its number."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from payung.access.scope import scoped
from payung.programmes.models import Programme, ProgrammeStatus
from payung.reports.aggregates import PUBLIC

# A draft is not published: its figures are still being set up.
PUBLISHED = (ProgrammeStatus.ACTIVE.value, ProgrammeStatus.CLOSED.value)


def public_programme_list() -> QuerySet[Programme]:
    return scoped(
        Programme.objects.filter(status__in=PUBLISHED).select_related("regency"), PUBLIC
    ).order_by("-year", "regency_id", "name")


def public_programme_get(pk: int) -> Programme:
    try:
        return public_programme_list().get(pk=pk)
    except Programme.DoesNotExist:
        raise Http404 from None
