"""Finding probable duplicates in the registry and deciding them (see models.py for the states).

``duplicates_scan`` compares every person of a region with every other through
``payung.domain.matching`` and records new pairs for review; pairs already decided — "different
people" above all — are never proposed again. ``pair_decide`` records the labour office's
decision; "same person" merges the newer record into the older one through
``registry.services.persons_merge``. ``pairs_decide`` decides many obvious pairs at once.

Announces ``dedupe.pairs_found`` (a scan recorded new pairs) and ``dedupe.pair_decided``; what
the later stages do in answer is wired in ``payung/reactions.py``. The pairs an import found are
turned into pairs by the import's commit (``imports/pairs.py``), through ``pairs_record``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from payung.access.actor import Actor, actor_pk
from payung.access.scope import require
from payung.audit.services import AuditItem, audit_bulk, audit_record
from payung.dedupe.frequencies import frequencies_keep
from payung.dedupe.models import DuplicatePair, PairStatus
from payung.domain.errors import DomainError, register
from payung.domain.matching import (
    CERTAIN,
    TF_FEWEST_RECORDS,
    Frequencies,
    MatchRecord,
    Reason,
    find_pairs,
)
from payung.domain.regions import RegionCode
from payung.domain.roles import Capability
from payung.events import announce
from payung.registry.models import Person
from payung.registry.selectors import people_in_region
from payung.registry.services import persons_merge

PAIR_DECIDED = register(
    "dedupe.already_decided",
    id="Pasangan ini sudah diputuskan ({status}).",
    en="This pair has already been decided ({status}).",
)
BULK_REASON = register(
    "dedupe.bulk_reason",
    id="Keputusan massal wajib disertai alasan.",
    en="A bulk decision needs a reason.",
)
BULK_NOT_CERTAIN = register(
    "dedupe.bulk_not_certain",
    id="Pasangan dengan skor di bawah {threshold} harus diperiksa satu per satu ({pairs}).",
    en="Pairs scoring below {threshold} must be reviewed one by one ({pairs}).",
)


def common_region(a: str, b: str) -> str:
    """The smallest region holding both dotted codes ("" when they share no province)."""
    shared = []
    for x, y in zip(a.split("."), b.split("."), strict=False):
        if x != y:
            break
        shared.append(x)
    return ".".join(shared)


def audit_region(*, actor: Actor, action: str, region: RegionCode, after: dict[str, Any]) -> None:
    """An audit row about work over a whole region (a scan, an exchange), not one record."""
    audit_record(
        actor=actor,
        action=action,
        object_type="region",
        object_id=region.code,
        region_code=region.code,
        after=after,
    )


def person_record(person: Person, key: str) -> MatchRecord:
    """What matching reads of a registry person, under the caller's ``key``."""
    return MatchRecord(
        key=key,
        nik=person.nik,
        name=person.full_name,
        birth_date=person.birth_date,
        sex=person.sex,
        village=person.village_id,
        phone=person.phone,
        mother_name=person.mother_name,
        family_card=person.family_card or "",
    )


@dataclass(frozen=True)
class Scan:
    people: int
    found: int  # pairs at or above the review threshold
    new: int  # of which not seen before


def reasons_json(reasons: Iterable[Reason]) -> list[dict[str, Any]]:
    """A match's reasons as ``DuplicatePair.reasons`` (and ``ImportMatch.reasons``) keep them."""
    return [{"code": r.code, "weight": r.weight, "params": dict(r.params)} for r in reasons]


@dataclass(frozen=True)
class Found:
    """A pair of people found probably to be one, to be recorded for review."""

    a: int
    b: int
    score: float
    reasons: list[dict[str, Any]]


def pairs_record(
    *, actor: Actor, found: Sequence[Found], villages: dict[int, str], reason: str = ""
) -> list[DuplicatePair]:
    """Record the pairs never seen before — in any status, so a pair decided "different" is not
    proposed again — each audited (``duplicate.found``); return the new ones."""
    ordered = {(min(f.a, f.b), max(f.a, f.b)): f for f in found if f.a != f.b}
    known = set(
        DuplicatePair.objects.filter(person_a__in={a for a, _ in ordered}).values_list(
            "person_a_id", "person_b_id"
        )
    )
    new = [
        DuplicatePair(
            person_a_id=a,
            person_b_id=b,
            score=f.score,
            reasons=f.reasons,
            region_code=common_region(villages[a], villages[b]),
        )
        for (a, b), f in ordered.items()
        if (a, b) not in known
    ]
    DuplicatePair.objects.bulk_create(new, batch_size=2_000)
    audit_bulk(
        actor=actor,
        action="duplicate.found",
        items=[
            AuditItem(
                target=pair,
                after={
                    "person_a": pair.person_a_id,
                    "person_b": pair.person_b_id,
                    "score": pair.score,
                },
                subject_key=f"person:{pair.person_b_id}",
            )
            for pair in new
        ],
        reason=reason,
    )
    return new


@transaction.atomic
def duplicates_scan(*, actor: Actor, region_code: str) -> Scan:
    """Compare the people of ``region_code`` (within the actor's region) and record new pairs."""
    require(actor, Capability.VERIFY)
    region = RegionCode.parse(region_code)
    people = people_in_region(user=actor, region=region)
    records = [person_record(p, str(p.pk)) for p in people.iterator(chunk_size=5_000)]
    frequencies = Frequencies.of(records) if len(records) >= TF_FEWEST_RECORDS else None
    matches = find_pairs(records, frequencies=frequencies)
    if frequencies is not None:  # the import, the form and list checks weigh by them too
        frequencies_keep(frequencies, region=region, records=len(records))
    new = pairs_record(
        actor=actor,
        found=[Found(int(m.a), int(m.b), m.score, reasons_json(m.reasons)) for m in matches],
        villages={int(r.key): r.village for r in records},
    )
    # An open pair asks the verifier to look before approving (screening screens them again).
    announce(
        "dedupe.pairs_found",
        actor=actor,
        person_ids=sorted({p for pair in new for p in (pair.person_a_id, pair.person_b_id)}),
    )
    result = Scan(people=len(records), found=len(matches), new=len(new))
    audit_region(
        actor=actor,
        action="duplicates.scan",
        region=region,
        after={"people": result.people, "found": result.found, "new": result.new},
    )
    return result


@transaction.atomic
def pair_decide(
    *, actor: Actor, pair: DuplicatePair, same: bool, reason: str = ""
) -> DuplicatePair:
    """Decide one pair: "same person" merges B into A; "different people" is remembered."""
    require(actor, Capability.VERIFY)
    pair = (
        DuplicatePair.objects.select_for_update(of=("self",))
        .select_related("person_a__merged_into", "person_b__merged_into")
        .get(pk=pair.pk)
    )
    if pair.status != PairStatus.OPEN:
        raise DomainError(PAIR_DECIDED, status=pair.status)
    if same:
        # Either may have been merged meanwhile (A~B and B~C decided together): merge what
        # each has become, unless that is already one record.
        keep = pair.person_a.merged_into or pair.person_a
        duplicate = pair.person_b.merged_into or pair.person_b
        if keep.pk != duplicate.pk:
            keep, duplicate = sorted((keep, duplicate), key=lambda p: p.pk)
            persons_merge(actor=actor, keep=keep, duplicate=duplicate, reason=reason)
    before = {"status": pair.status}
    pair.status = PairStatus.SAME if same else PairStatus.DIFFERENT
    pair.decided_by_id = actor_pk(actor)
    pair.decided_at = timezone.now()
    pair.decision_reason = reason
    pair.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    audit_record(
        actor=actor,
        action="duplicate.decide",
        target=pair,
        subject_key=f"person:{pair.person_b_id}",
        before=before,
        after={"status": pair.status, "person_a": pair.person_a_id, "person_b": pair.person_b_id},
        reason=reason,
    )
    announce(
        "dedupe.pair_decided",
        actor=actor,
        pair_id=pair.pk,
        same=same,
        person_ids=[pair.person_a_id, pair.person_b_id],
    )
    return pair


def pairs_decide_check(
    *, pairs: Sequence[DuplicatePair], same: bool, reason: str
) -> DomainError | None:
    """The refusal :func:`pairs_decide` raises for this choice, or None: a reason is required,
    and "same person" only for pairs whose score is at least ``CERTAIN`` (obvious cases). The
    confirmation page asks it first, so it refuses what the service would, in the same words."""
    if not reason.strip():
        return DomainError(BULK_REASON)
    if same:
        doubtful = [p.pk for p in sorted(pairs, key=lambda p: p.pk) if p.score < CERTAIN]
        if doubtful:
            return DomainError(
                BULK_NOT_CERTAIN, threshold=CERTAIN, pairs=", ".join(map(str, doubtful[:10]))
            )
    return None


@transaction.atomic
def pairs_decide(
    *, actor: Actor, pairs: Sequence[DuplicatePair], same: bool, reason: str
) -> list[DuplicatePair]:
    """Decide many pairs at once, each with :func:`pair_decide`, once :func:`pairs_decide_check`
    finds nothing to refuse."""
    require(actor, Capability.VERIFY)
    refusal = pairs_decide_check(pairs=pairs, same=same, reason=reason)
    if refusal is not None:
        raise refusal
    ordered = sorted(pairs, key=lambda p: p.pk)
    return [pair_decide(actor=actor, pair=p, same=same, reason=reason) for p in ordered]
