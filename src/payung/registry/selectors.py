"""Reading the registry, always within the reader's region."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from payung.access.actor import Actor
from payung.access.scope import require, scoped, within
from payung.domain.nik import parse_nik
from payung.domain.regions import RegionCode
from payung.domain.roles import Capability
from payung.registry.models import Candidate, CandidateStatus, Heir, Person
from payung.registry.values import nik_index


def person_list(*, user: Actor, search: str = "") -> QuerySet[Person]:
    """People in the user's region. A 16-digit search is an exact NIK look-up (blind index);
    anything else searches names."""
    require(user, Capability.VIEW_PROGRAMMES)
    people = scoped(
        Person.objects.filter(merged_into__isnull=True).select_related(
            "village", "village__parent"
        ),
        user,
    )
    text = search.strip()
    if text.isdigit() and len(text) == 16:
        # A NIK of a record merged into another finds the person it was merged into.
        index = nik_index(text)
        return people.filter(Q(nik_index=index) | Q(merged__nik_index=index)).distinct()
    if text:
        return people.filter(full_name__icontains=text)
    return people


def people_in_region(*, user: Actor, region: RegionCode, merged: bool = False) -> QuerySet[Person]:
    """The people living in ``region``, within what ``user`` may read; records merged into
    another only when ``merged`` (their NIKs still stand for a person)."""
    people = scoped(Person.objects.filter(within("village__code", region)), user)
    return people if merged else people.filter(merged_into__isnull=True)


def person_get(*, user: Actor, pk: int) -> Person:
    try:
        return person_list(user=user).get(pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None


def person_heir(*, user: Actor, person: Person) -> Heir | None:
    """The first heir of a person the user has reached through :func:`person_get`."""
    require(user, Capability.VIEW_PROGRAMMES)
    heir: Heir | None = person.heirs.first()
    return heir


def nik_status(*, user: Actor, nik: str, today: Any) -> str:
    """ "new", "here" (registered within the user's region) or "elsewhere" — never whose record."""
    parsed = parse_nik(nik, reference_date=today)
    index = nik_index(parsed.value)
    if not Person.objects.filter(nik_index=index).exists():
        return "new"
    here = scoped(Person.objects.filter(nik_index=index), user).exists()
    return "here" if here else "elsewhere"


def participation(*, user: Actor, nik_indexes: Iterable[str]) -> dict[str, list[str]]:
    """Blind index → the programmes (name and year) each person takes part in, for the people
    of ``nik_indexes`` the user may see. A record merged into another answers for that one."""
    indexes = list(nik_indexes)
    if not indexes:
        return {}
    visible = scoped(Person.objects.all(), user)
    rows = (
        Candidate.objects.exclude(status=CandidateStatus.MERGED)
        .filter(
            Q(person__in=visible.filter(nik_index__in=indexes))
            | Q(person__merged__in=visible.filter(nik_index__in=indexes))
        )
        .values_list(
            "person__nik_index", "person__merged__nik_index", "programme__name", "programme__year"
        )
        .order_by("programme__year", "programme__name")
    )
    wanted = set(indexes)
    found: dict[str, list[str]] = {}
    for own, merged, name, year in rows:
        for index in {own, merged} & wanted:
            label = f"{name} ({year})"
            if label not in found.setdefault(index, []):
                found[index].append(label)
    return found
