"""Registering workers: one audited path for the form, the importer and (later) the API.

``persons_register`` takes validated rows (``WorkerData`` from the domain) and, per row, either
creates the person (and heirs), or links the existing person with the same NIK, or refuses when
that person belongs to a village outside the actor's region — saying only that the NIK is
registered elsewhere. With a programme it also records the person's candidacy in it. Rows are
written with bulk inserts, so the same function serves one form and a 100,000-row import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import transaction

from payung.access.actor import Actor, actor_pk, actor_region
from payung.access.scope import require
from payung.audit.services import AuditItem, audit_bulk, audit_record, snapshot
from payung.domain.errors import DomainError, register
from payung.domain.regions import RegionCode
from payung.domain.roles import Capability
from payung.domain.worker_row import WorkerData
from payung.events import announce
from payung.programmes.models import Programme
from payung.registry.models import Candidate, Heir, Person, Source
from payung.registry.values import heir_values, person_values

REGISTERED_ELSEWHERE = register(
    "registry.registered_elsewhere",
    id="NIK ini sudah terdaftar di wilayah lain. Hubungi Disnaker bila orang ini pindah.",
    en="This NIK is already registered in another area. Contact the labour office if the "
    "person has moved.",
)
VILLAGE_OUTSIDE_SCOPE = register(
    "registry.village_outside_scope",
    id="Desa {village} berada di luar wilayah kerja Anda.",
    en="Village {village} is outside your working region.",
)
VILLAGE_OUTSIDE_PROGRAMME = register(
    "registry.village_outside_programme",
    id="Desa {village} tidak termasuk wilayah program ini.",
    en="Village {village} is not in this programme's regency.",
)


class Outcome(StrEnum):
    CREATED = "created"  # a new person
    LINKED = "linked"  # the NIK was known in the actor's region: no second record
    REFUSED = "refused"  # see ``error``


@dataclass(frozen=True)
class Registration:
    outcome: Outcome
    person: Person | None
    candidate_created: bool = False
    error: DomainError | None = None


def _person_from(values: dict[str, Any], *, actor: Actor, source: Source, batch: Any) -> Person:
    return Person(
        **values,
        source=source,
        source_batch=batch,
        entered_by_id=actor_pk(actor),
    )


def village_problem(actor: Actor, programme: Programme | None, village: str) -> DomainError | None:
    """Why ``actor`` may not register someone in ``village`` for ``programme``, if they may not."""
    code = RegionCode(village)
    scope = actor_region(actor)
    if scope is not None and not scope.contains(code):
        return DomainError(VILLAGE_OUTSIDE_SCOPE, village=village)
    if programme is not None and not RegionCode(programme.regency_id).contains(code):
        return DomainError(VILLAGE_OUTSIDE_PROGRAMME, village=village)
    return None


@transaction.atomic
def persons_register(
    *,
    actor: Actor,
    rows: Sequence[WorkerData],
    source: Source,
    programme: Programme | None = None,
    batch: Any = None,
    reason: str = "",
) -> list[Registration]:
    """Register ``rows`` (NIKs unique among them — the importer drops in-file duplicates first).

    Returns one :class:`Registration` per row, in order. Everything is one transaction. (The
    importer writes its rows set-based through the same mapping: ``imports/commit.py``.)
    """
    require(actor, Capability.COLLECT_DATA)
    values = [person_values(row) for row in rows]
    indexes = [v["nik_index"] for v in values]
    existing = {
        p.nik_index: p.merged_into or p
        for p in Person.objects.filter(nik_index__in=indexes).select_related("merged_into")
    }
    scope = actor_region(actor)

    results: list[Registration | None] = [None] * len(rows)
    new_people: list[tuple[int, Person]] = []
    for position, (row, row_values) in enumerate(zip(rows, values, strict=True)):
        known = existing.get(row_values["nik_index"])
        if known is not None:
            if scope is not None and not scope.contains(RegionCode(known.village_id)):
                results[position] = Registration(
                    Outcome.REFUSED, None, error=DomainError(REGISTERED_ELSEWHERE)
                )
            else:
                results[position] = Registration(Outcome.LINKED, known)
            continue
        problem = village_problem(actor, programme, row.village_code)
        if problem is not None:
            results[position] = Registration(Outcome.REFUSED, None, error=problem)
            continue
        new_people.append(
            (position, _person_from(row_values, actor=actor, source=source, batch=batch))
        )

    Person.objects.bulk_create([p for _, p in new_people], batch_size=1000)
    # One announcement for the whole call, however many people (matching files their keys).
    if new_people:
        announce(
            "registry.person_registered",
            actor=actor,
            person_ids=[p.pk for _, p in new_people],
        )
    heirs = [
        Heir(person=person, **heir_values(heir))
        for position, person in new_people
        for heir in rows[position].heirs
    ]
    Heir.objects.bulk_create(heirs, batch_size=1000)
    for position, person in new_people:
        results[position] = Registration(Outcome.CREATED, person)
    audit_bulk(
        actor=actor,
        action="person.create",
        items=[
            AuditItem(target=p, after=snapshot(p), subject_key=p.subject_key) for _, p in new_people
        ],
        reason=reason,
    )

    if programme is not None:
        people = [r.person for r in results if r is not None and r.person is not None]
        already = set(
            Candidate.objects.filter(programme=programme, person__in=people).values_list(
                "person_id", flat=True
            )
        )
        candidates = [
            Candidate(
                person=person,
                programme=programme,
                village_id=person.village_id,
                source_batch=batch,
                created_by_id=actor_pk(actor),
            )
            for person in dict.fromkeys(people)
            if person.pk not in already
        ]
        Candidate.objects.bulk_create(candidates, batch_size=1000)
        audit_bulk(
            actor=actor,
            action="candidate.create",
            items=[
                AuditItem(target=c, after=snapshot(c), subject_key=f"person:{c.person_id}")
                for c in candidates
            ],
            reason=reason,
        )
        created_for = {c.person_id for c in candidates}
        results = [
            Registration(r.outcome, r.person, r.person is not None and r.person.pk in created_for)
            if r is not None and r.person is not None
            else r
            for r in results
        ]
    return [r for r in results if r is not None]


def person_register(
    *, actor: Actor, data: WorkerData, source: Source, programme: Programme | None = None
) -> Registration:
    """One person (the data-entry form). Raises the refusal instead of returning it."""
    (result,) = persons_register(actor=actor, rows=[data], source=source, programme=programme)
    if result.error is not None:
        raise result.error
    return result


PERSON_ALREADY_MERGED = register(
    "registry.already_merged",
    id="Data ini sudah digabungkan ke data lain.",
    en="This record has already been merged into another.",
)
MERGE_SAME_RECORD = register(
    "registry.merge_same_record",
    id="Data tidak dapat digabungkan dengan dirinya sendiri.",
    en="A record cannot be merged with itself.",
)


@dataclass(frozen=True)
class Merge:
    kept: Person
    merged: Person
    candidacies_moved: int
    candidacies_set_aside: int
    heirs_moved: int


@transaction.atomic
def persons_merge(*, actor: Actor, keep: Person, duplicate: Person, reason: str) -> Merge:
    """Record that ``duplicate`` is the same person as ``keep``.

    ``duplicate`` stays, with its NIK and its sources, marked ``merged_into`` ``keep``, so its
    number keeps finding the person. Its heirs move to ``keep``; so do its candidacies, except in a
    programme where ``keep`` already takes part: that one is set aside (status ``merged``), since
    one person takes one place. Every change is audited on both people's trails.

    Announces ``registry.persons_merged``: the workflow sets aside the candidacies left on
    ``duplicate`` (``screening/reactions.py``), which also frees a place they may hold.
    """
    require(actor, Capability.VERIFY)
    # Rows locked in one order (primary key) so two merges of the same people cannot deadlock.
    locked = {
        p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk])
    }
    keep, duplicate = locked[keep.pk], locked[duplicate.pk]
    if keep.pk == duplicate.pk:
        raise DomainError(MERGE_SAME_RECORD)
    if keep.merged_into_id or duplicate.merged_into_id:
        raise DomainError(PERSON_ALREADY_MERGED)
    taken = set(keep.candidacies.values_list("programme_id", flat=True))
    moved = set_aside = 0
    items: list[AuditItem] = []
    # A candidacy in a programme ``keep`` already takes part in stays on ``duplicate``, to be set
    # aside by the workflow, which owns candidacy states (the reaction to persons_merged).
    for candidate in duplicate.candidacies.order_by("pk"):
        before = snapshot(candidate, ["person", "status"])
        if candidate.programme_id in taken:
            set_aside += 1
            continue
        candidate.person = keep
        taken.add(candidate.programme_id)
        moved += 1
        candidate.save(update_fields=["person"])
        items.append(
            AuditItem(
                target=candidate,
                before=before,
                after=snapshot(candidate, ["person", "status"]),
                subject_key=duplicate.subject_key,
            )
        )
    heirs_moved = Heir.objects.filter(person=duplicate).update(person=keep)
    duplicate.merged_into = keep
    duplicate.save(update_fields=["merged_into", "updated_at"])
    audit_record(
        actor=actor,
        action="person.merge",
        target=duplicate,
        subject_key=duplicate.subject_key,
        before={"merged_into": None},
        after={"merged_into": keep.pk, "heirs_moved": heirs_moved},
        reason=reason,
    )
    audit_record(
        actor=actor,
        action="person.merge_into",
        target=keep,
        subject_key=keep.subject_key,
        after={"merged": duplicate.pk, "candidacies_moved": moved, "heirs_moved": heirs_moved},
        reason=reason,
    )
    audit_bulk(actor=actor, action="candidate.merge", items=items, reason=reason)
    announce(
        "registry.persons_merged",
        actor=actor,
        kept_id=keep.pk,
        merged_id=duplicate.pk,
        reason=reason,
    )
    return Merge(keep, duplicate, moved, set_aside, heirs_moved)


# What the village may correct on a record. The NIK, sex, birth date and village are the
# person's identity and place: a wrong NIK is a second record for the labour office to merge.
EDITABLE = (
    "full_name",
    "birth_place",
    "hamlet",
    "rt",
    "rw",
    "address",
    "phone",
    "occupation_code",
    "occupation_text",
    "monthly_income",
    "mother_name",
    "decile",
)


@transaction.atomic
def person_update(*, actor: Actor, person: Person, data: WorkerData, reason: str = "") -> Person:
    """Correct ``person`` from a validated row (the edit form), audited field by field; a named
    heir replaces the heirs. Announces ``registry.person_corrected`` (matching refiles a
    corrected name's keys, screening screens the person's candidacies again)."""
    require(actor, Capability.COLLECT_DATA)
    person = Person.objects.select_for_update().get(pk=person.pk)
    scope = actor_region(actor)
    if scope is not None and not scope.contains(RegionCode(person.village_id)):
        raise DomainError(VILLAGE_OUTSIDE_SCOPE, village=person.village_id)
    values = person_values(data)
    before = snapshot(person, EDITABLE)
    for name in EDITABLE:
        setattr(person, name, values[name])
    changed = {k: v for k, v in snapshot(person, EDITABLE).items() if before[k] != v}
    heirs = [heir_values(h) for h in data.heirs]
    if heirs:
        old = list(person.heirs.values_list("name", "relation"))
        if old != [(h["name"], h["relation"]) for h in heirs] or any(h["nik"] for h in heirs):
            person.heirs.all().delete()
            Heir.objects.bulk_create([Heir(person=person, **h) for h in heirs])
            changed["heirs"] = [f"{h['name']} ({h['relation']})" for h in heirs]
    if not changed:
        return person
    person.save(update_fields=[*EDITABLE, "updated_at"])
    audit_record(
        actor=actor,
        action="person.update",
        target=person,
        subject_key=person.subject_key,
        before={k: before.get(k) for k in changed if k in before},
        after=changed,
        reason=reason,
    )
    announce(
        "registry.person_corrected", actor=actor, person_ids=[person.pk], fields=sorted(changed)
    )
    return person
