"""Reading duplicate pairs within the reader's region (both people lie inside it)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from payung.accounts.scope import require, scoped
from payung.dedupe.models import DuplicatePair
from payung.domain.roles import Capability


def pair_list(*, user: Any, status: str = "") -> QuerySet[DuplicatePair]:
    require(user, Capability.VERIFY)
    pairs = scoped(
        DuplicatePair.objects.select_related(
            "person_a__village", "person_b__village", "decided_by"
        ),
        user,
    )
    return pairs.filter(status=status) if status else pairs


def pair_get(*, user: Any, pk: int) -> DuplicatePair:
    try:
        return pair_list(user=user).get(pk=pk)
    except DuplicatePair.DoesNotExist:
        raise Http404 from None
