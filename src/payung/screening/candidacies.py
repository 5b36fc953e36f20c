"""What every step of a candidacy shares, below the workflow's write path (``places.move``).

The lock every caller of ``move`` takes first, the clock the steps are stamped with, what a
decision on several candidacies did (:class:`Moved`) and the rule that such a decision needs a
reason. Nothing here changes a candidacy; the modules above it do (ADR 0038).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from payung.domain.errors import DomainError, register
from payung.registry.models import Candidate

BULK_REASON = register(
    "screening.bulk_reason",
    id="Keputusan massal wajib disertai alasan.",
    en="A bulk decision needs a reason.",
)


@dataclass
class Moved:
    """What a bulk action did: candidacies moved per target state, and those refused (per id)."""

    done: Counter[str] = field(default_factory=Counter)
    refused: dict[int, DomainError] = field(default_factory=dict)
    notes: dict[int, DomainError] = field(default_factory=dict)  # e.g. why someone waits


def clock() -> datetime:
    """The time a step is stamped with (``status_changed_at``, ``screened_at``)."""
    return timezone.now()


def bulk_refusal(*, reason: str, bulk: bool) -> DomainError | None:
    """``screening.bulk_reason`` when a decision on several candidacies has no reason."""
    if bulk and not reason.strip():
        return DomainError(BULK_REASON)
    return None


def locked_candidates(candidate_ids: Iterable[int]) -> list[Candidate]:
    """The candidacies ``candidate_ids``, locked for the caller's transaction, in primary-key
    order (one lock order for every bulk action, so two cannot deadlock), with their programme.
    The lock every ``move`` caller takes first (services, places, enrolment and the reactions)."""
    return list(
        Candidate.objects.select_for_update(of=("self",))
        .select_related("programme")
        .filter(pk__in=sorted(set(candidate_ids)))
        .order_by("pk")
    )
