"""The probable duplicates an import found, turned into pairs for the labour office's review.

Validation stages each probable match as a ``dedupe.ImportMatch`` (``probable.py``); when the
rows are committed, this turns the chunk's matches into ``dedupe.DuplicatePair``s through
``dedupe.services.pairs_record`` (never-seen pairs only, audited ``duplicate.found``). It lives
here, not in dedupe, because it reads the import's rows: the import stage sits above matching.
"""

from __future__ import annotations

from typing import Any

from payung.access.actor import Actor
from payung.dedupe.models import ImportMatch
from payung.dedupe.services import Found, pairs_record
from payung.imports.models import ImportRow
from payung.registry.models import Person


def import_pairs_record(*, actor: Actor, batch: Any, first_row: int, last_row: int) -> int:
    """Turn the probable duplicates an import's validation found (``ImportMatch``) among the rows
    ``first_row``…``last_row`` just committed into pairs for review; return how many are new.

    Runs inside the commit's chunk transaction. A row refused at commit, or matched with an
    earlier row that was not saved, makes no pair; a row linked to the very person it matched
    neither.
    """
    matches = list(
        ImportMatch.objects.filter(
            batch=batch, row_number__gte=first_row, row_number__lte=last_row
        ).values_list("row_number", "person_id", "other_row_number", "score", "reasons")
    )
    if not matches:
        return 0
    numbers = {m[0] for m in matches} | {m[2] for m in matches if m[2] is not None}
    people = dict(
        ImportRow.objects.filter(
            batch=batch, row_number__in=numbers, committed=True, person__isnull=False
        ).values_list("row_number", "person_id")
    )
    found = []
    for number, person, other_row, score, reasons in matches:
        other = person if person is not None else people.get(other_row)
        if number in people and other is not None:
            found.append(Found(people[number], other, score, reasons))
    # A person merged into another since validation stands for that one.
    stands_for, villages = {}, {}
    for pk, merged_into, village, kept_village in Person.objects.filter(
        pk__in={p for f in found for p in (f.a, f.b)}
    ).values_list("pk", "merged_into_id", "village_id", "merged_into__village_id"):
        stands_for[pk] = merged_into or pk
        villages[merged_into or pk] = kept_village or village
    found = [Found(stands_for[f.a], stands_for[f.b], f.score, f.reasons) for f in found]
    return len(
        pairs_record(actor=actor, found=found, villages=villages, reason=f"import {batch.pk}")
    )
