"""Reading duplicate pairs within the reader's region (both people lie inside it)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import (
    Case,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.http import Http404

from payung.access.actor import Actor
from payung.access.scope import require, scoped
from payung.dedupe.models import DuplicatePair, ExternalList, PersonFlag
from payung.domain.errors import message_for
from payung.domain.flags import MEANING, ListKind
from payung.domain.matching import CERTAIN
from payung.domain.roles import Capability
from payung.registry.models import Candidate, CandidateStatus, Person

# A candidacy in these states holds or seeks a place (and, once enrolled, a monthly contribution):
# a duplicate holding two of them costs the programme a place and Rp16,800 a month.
AT_STAKE = (
    CandidateStatus.SUBMITTED,
    CandidateStatus.SCREENED,
    CandidateStatus.VERIFIED,
    CandidateStatus.APPROVED,
    CandidateStatus.WAITLISTED,
    CandidateStatus.ENROLLED,
)


def _holds_place(person: str) -> Exists:
    return Exists(Candidate.objects.filter(person=OuterRef(person), status__in=AT_STAKE))


def pair_list(*, user: Actor, status: str = "") -> QuerySet[DuplicatePair]:
    """The pairs in the user's region, by expected value (ADR 0050): how likely the pair is one
    person (a score from ``matching.CERTAIN`` counts twice one for review) times what it costs
    if it is (1, plus 1 for each of the two holding or seeking a place in a programme), then by
    score."""
    require(user, Capability.VERIFY)
    pairs = scoped(
        DuplicatePair.objects.select_related(
            "person_a__village", "person_b__village", "decided_by"
        ),
        user,
    )
    pairs = pairs.annotate(
        likely=Case(When(score__gte=CERTAIN, then=Value(2)), default=Value(1)),
        at_stake=Cast(_holds_place("person_a"), IntegerField())
        + Cast(_holds_place("person_b"), IntegerField()),
    ).order_by(
        ExpressionWrapper(F("likely") * (F("at_stake") + 1), output_field=IntegerField()).desc(),
        "-score",
        "pk",
    )
    return pairs.filter(status=status) if status else pairs


def pairs_chosen(*, user: Actor, ids: Collection[int]) -> list[DuplicatePair]:
    """The pairs ticked in a form that the user may see (any other id is left out), in primary-key
    order, the order ``pairs_decide`` locks them in."""
    return list(pair_list(user=user).filter(pk__in=ids).order_by("pk"))


def pair_get(*, user: Actor, pk: int) -> DuplicatePair:
    try:
        return pair_list(user=user).get(pk=pk)
    except DuplicatePair.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class FlagView:
    text: str
    effect: str
    probable: bool


def person_flags(*, user: Actor, person: Person, lang: str = "id") -> list[FlagView]:
    """The active flags of a person the user may see, each said in words."""
    flags = scoped(
        PersonFlag.objects.filter(person=person, active=True).select_related("last_list"), user
    )
    views = []
    for flag in flags.order_by("kind", "source"):
        code, effect = MEANING[ListKind(flag.kind)]
        text = message_for(
            code, lang, source=flag.source, list_date=flag.last_list.list_date.strftime("%d-%m-%Y")
        )
        views.append(FlagView(text=text, effect=effect.value, probable=flag.match == "probable"))
    return views


def external_list_list(*, user: Actor) -> QuerySet[ExternalList]:
    require(user, Capability.VERIFY)
    return scoped(ExternalList.objects.select_related("imported_by"), user)
