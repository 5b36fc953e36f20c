"""External lists: people already active in BPJS Ketenagakerjaan, covered by another programme,
deceased, moved, or serving as civil servants, soldiers or police — matched against the registry
and kept as flags on people, with their history.

``external_list_import`` reads the list (.xlsx, .xls, .ods or .csv, through the importer's hardened
reader), matches each row on the exact NIK and, through ``payung.domain.matching``, on probable
matches (a NIK typo, a name written another way), and updates the flags of that kind and source
for the region: a person found raises or keeps a flag, a flagged person the newer list no longer
holds has the flag ended (kept as history). The same file again changes nothing; an older list
than the last one of that source is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction

from payung.access.actor import Actor, actor_pk
from payung.access.scope import require
from payung.audit.services import AuditItem, audit_bulk, audit_record
from payung.dedupe.frequencies import frequencies_for
from payung.dedupe.models import ExternalList, PersonFlag
from payung.dedupe.services import person_record
from payung.domain.errors import DomainError, register
from payung.domain.flags import ListKind
from payung.domain.headers import Field, match_header, match_headers
from payung.domain.matching import MatchRecord, find_pairs
from payung.domain.nik import parse_nik
from payung.domain.regions import RegionCode
from payung.domain.roles import Capability
from payung.events import announce
from payung.files.reader import read_table, sha256_of
from payung.registry.selectors import people_in_region

LIST_OLDER = register(
    "lists.older",
    id="Daftar ini bertanggal {list_date}, lebih lama dari daftar terakhir dari sumber yang sama "
    "({latest}).",
    en="This list is dated {list_date}, older than the last list from the same source ({latest}).",
)
LIST_NO_NIK = register(
    "lists.no_nik_column",
    id="Kolom NIK tidak ditemukan dalam daftar.",
    en="The list has no NIK column.",
)


HEADER_ROWS = 15


@dataclass(frozen=True)
class ListImport:
    external_list: ExternalList
    raised: int
    kept: int
    ended: int
    reopened: bool = False


def _people(actor: Actor, region: RegionCode) -> tuple[list[MatchRecord], dict[str, int]]:
    """Match records of the region's people, and NIK → the person it stands for (a record merged
    into another stands for that one)."""
    records: list[MatchRecord] = []
    by_nik: dict[str, int] = {}
    for person in people_in_region(user=actor, region=region, merged=True).iterator(
        chunk_size=5_000
    ):
        by_nik[person.nik] = person.merged_into_id or person.pk
        if person.merged_into_id is None:
            records.append(person_record(person, f"p{person.pk}"))
    return records, by_nik


def _list_rows(path: Path, list_date: date) -> tuple[list[MatchRecord], int, int]:
    """The list's readable rows as match records, with the counts of rows and unreadable rows."""
    table = read_table(path)
    # Lists from other agencies have few columns (NIK, name, a participant number): the header
    # is the first row that names a NIK column, under any title rows.
    header = next(
        (
            i
            for i, row in enumerate(table.rows[:HEADER_ROWS])
            if Field.NIK in map(match_header, row)
        ),
        None,
    )
    if header is None:
        raise DomainError(LIST_NO_NIK)
    columns = {field: index for index, field in match_headers(table.rows[header]).mapping.items()}
    rows = table.rows[header + 1 :]
    records, unreadable = [], 0
    for number, row in enumerate(rows, start=1):

        def cell(field: Field, row: list[object] = row) -> object:
            index = columns.get(field)
            return row[index] if index is not None and index < len(row) else None

        try:
            nik = parse_nik(cell(Field.NIK), reference_date=list_date)
        except DomainError:
            unreadable += 1
            continue
        name = cell(Field.FULL_NAME)
        records.append(
            MatchRecord(
                key=f"r{number}",
                nik=nik.value,
                name=str(name) if name else "",
                birth_date=nik.birth_date,
                sex=nik.sex.value,
            )
        )
    return records, len(rows), unreadable


@transaction.atomic
def external_list_import(
    *,
    actor: Actor,
    kind: ListKind,
    source: str,
    list_date: date,
    region_code: str,
    path: Path,
    file_name: str,
) -> ListImport:
    require(actor, Capability.VERIFY)
    region = RegionCode.parse(region_code)
    digest = sha256_of(path)
    same_source = ExternalList.objects.filter(kind=kind, source=source, region_code=region.code)
    earlier = same_source.filter(sha256=digest).first()
    if earlier is not None:
        return ListImport(earlier, 0, 0, 0, reopened=True)
    latest = same_source.order_by("-list_date").first()
    if latest is not None and list_date < latest.list_date:
        raise DomainError(LIST_OLDER, list_date=list_date, latest=latest.list_date)

    rows, total, unreadable = _list_rows(path, list_date)
    people, by_nik = _people(actor, region)
    found: dict[int, tuple[str, float | None]] = {}
    for row in rows:
        if (person := by_nik.get(row.nik)) is not None:
            found[person] = ("nik", None)
    # weighed as the region's last whole scan weighs, or by the list and people themselves
    for pair in find_pairs([*rows, *people], frequencies=frequencies_for(region)):
        keys = {pair.a[0]: pair.a, pair.b[0]: pair.b}
        if set(keys) != {"p", "r"}:
            continue
        person = int(keys["p"][1:])
        match, score = found.get(person, ("probable", None))
        if match == "probable" and (score is None or score < pair.score):
            found[person] = ("probable", pair.score)
    listed = ExternalList.objects.create(
        kind=kind,
        source=source,
        list_date=list_date,
        region_code=region.code,
        file_name=Path(file_name).name[:255],
        sha256=digest,
        rows_total=total,
        rows_unreadable=unreadable,
        matched_exact=sum(1 for match, _ in found.values() if match == "nik"),
        matched_probable=sum(1 for match, _ in found.values() if match == "probable"),
        imported_by_id=actor_pk(actor),
    )
    return flags_update(actor=actor, listed=listed, found=found, people=set(by_nik.values()))


def flags_update(
    *,
    actor: Actor,
    listed: ExternalList,
    found: dict[int, tuple[str, float | None]],
    people: Iterable[int],
) -> ListImport:
    """Bring the flags of ``listed``'s kind and source in line with who it holds: ``found`` maps
    person → (match, score); flags of the other ``people`` (those the list could have held) end.
    Called inside the caller's transaction, after ``listed`` is saved. Announces
    ``dedupe.flags_changed`` with the people whose flags were raised or ended."""
    kind, source = ListKind(listed.kind), listed.source
    active = {
        flag.person_id: flag
        for flag in PersonFlag.objects.filter(
            kind=kind, source=source, active=True, person__in=list(people)
        ).select_for_update()
    }
    raised: list[PersonFlag] = []
    for person, (match, score) in sorted(found.items()):
        if person in active:
            flag = active[person]
            flag.last_list, flag.match, flag.score = listed, match, score
            flag.save(update_fields=["last_list", "match", "score"])
        else:
            raised.append(
                PersonFlag(
                    person_id=person,
                    kind=kind,
                    source=source,
                    first_list=listed,
                    last_list=listed,
                    match=match,
                    score=score,
                )
            )
    PersonFlag.objects.bulk_create(raised)
    ended = [flag for person, flag in sorted(active.items()) if person not in found]
    for flag in ended:
        flag.active, flag.ended_by = False, listed
    PersonFlag.objects.bulk_update(ended, ["active", "ended_by"])
    audit_record(
        actor=actor,
        action="external_list.import",
        target=listed,
        after={
            "kind": kind.value,
            "source": source,
            "list_date": listed.list_date,
            "rows": listed.rows_total,
            "unreadable": listed.rows_unreadable,
            "raised": len(raised),
            "kept": len(found) - len(raised),
            "ended": len(ended),
        },
    )
    for action, flags in (("flag.raise", raised), ("flag.end", ended)):
        audit_bulk(
            actor=actor,
            action=action,
            items=[
                AuditItem(
                    target=flag,
                    after={"kind": flag.kind, "source": flag.source, "match": flag.match},
                    subject_key=f"person:{flag.person_id}",
                )
                for flag in flags
            ],
            reason=f"{kind.value} {source} {listed.list_date}",
        )
    # What a list says counts for eligibility at once (screening screens them again).
    announce(
        "dedupe.flags_changed",
        actor=actor,
        person_ids=sorted({f.person_id for f in (*raised, *ended)}),
    )
    return ListImport(listed, len(raised), len(found) - len(raised), len(ended))
