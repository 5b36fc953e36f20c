"""Registering approved workers with BPJS Ketenagakerjaan, their coverage, early ends, renewal.

Every function is one audited transaction with an explicit ``actor``. Candidacy states change only
through ``payung.screening.places.move`` (``enrol``, ``end``), so the audit rows and the release
of a place (and the waiting list's promotion) stay in one path.

A batch's answer is idempotent: a line already registered with the same KPJ, or refused with the
same reason, is left alone, so importing the same file again changes nothing; a refused line may
later be registered (BPJS corrected its refusal), a registered one is never undone by a file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Final

from django.db import transaction
from django.utils import timezone

from payung.access.actor import Actor, actor_pk
from payung.access.scope import require, require_region
from payung.audit.services import AuditItem, audit_bulk, audit_record, snapshot
from payung.domain.coverage import EndReason, check_no_overlap
from payung.domain.errors import DomainError, register
from payung.domain.kpj import parse_kpj
from payung.domain.nik import parse_nik
from payung.domain.occupations import occupation_by_code
from payung.domain.period import Month, MonthSpan
from payung.domain.roles import Capability
from payung.domain.workflow import Action, State
from payung.enrolment.models import (
    Coverage,
    Enrolment,
    LineStatus,
    RegistrationBatch,
    RegistrationLine,
)
from payung.files.columns import find_columns
from payung.files.reader import read_table, sha256_of
from payung.files.writers import csv_table, xlsx_table
from payung.programmes.models import Programme
from payung.registry import crypto
from payung.registry.models import Candidate
from payung.registry.values import nik_index
from payung.screening.candidacies import locked_candidates
from payung.screening.models import Notice
from payung.screening.places import move
from payung.screening.services import candidates_act

RENEWAL_TARGET = register(
    "renewal.target",
    id="Program {target} tidak dapat menjadi kelanjutan {source}: harus program lain di "
    "kabupaten/kota yang sama.",
    en="Programme {target} cannot renew {source}: it must be another programme of the same "
    "regency.",
)
NOTHING_TO_SEND = register(
    "registration.nothing_to_send",
    id="Tidak ada pekerja disetujui yang belum dikirim ke BPJS Ketenagakerjaan.",
    en="No approved worker is waiting to be sent to BPJS Ketenagakerjaan.",
)
START_OUTSIDE = register(
    "registration.start_outside",
    id="Bulan mulai {month} di luar periode program ({first} s.d. {last}).",
    en="Start month {month} is outside the programme's period ({first} to {last}).",
)
NOT_IN_BATCH = register(
    "registration.not_in_batch",
    id="NIK ini tidak termasuk kiriman ini.",
    en="This NIK is not part of this batch.",
)
NO_ANSWER = register(
    "registration.no_answer",
    id="Baris tanpa nomor KPJ harus menyebut alasan penolakan BPJS.",
    en="A row without a KPJ must give BPJS's reason for refusing.",
)
KPJ_CONFLICT = register(
    "registration.kpj_conflict",
    id="Pekerja ini sudah terdaftar dengan nomor KPJ lain; jawaban ini tidak diubah.",
    en="This worker is already registered with another KPJ; the answer is not applied.",
)
KPJ_TAKEN = register(
    "registration.kpj_taken",
    id="Nomor KPJ ini sudah dipakai pekerja lain.",
    en="This KPJ already belongs to another worker.",
)
NOT_APPROVED = register(
    "registration.not_approved",
    id="Kandidat tidak lagi berstatus disetujui ({state}); jawaban tidak diterapkan.",
    en="The candidacy is no longer approved ({state}); the answer is not applied.",
)
REFUSED_NOTICE: Final = register(
    "registration.refused",
    id="BPJS Ketenagakerjaan menolak pendaftaran (kiriman {batch}): {reason}",
    en="BPJS Ketenagakerjaan refused the registration (batch {batch}): {reason}",
)
NOT_COVERED = register(
    "coverage.not_covered",
    id="Pekerja ini tidak memiliki periode perlindungan yang mencakup {day}.",
    en="This worker has no coverage period that includes {day}.",
)

# BPJS collective registration (pendaftaran kolektif BPU): one row per worker.
EXPORT_HEADERS: Final = (
    "NIK",
    "Nama Lengkap",
    "Tempat Lahir",
    "Tanggal Lahir",
    "Jenis Kelamin",
    "Alamat",
    "Desa/Kelurahan",
    "Kecamatan",
    "Kabupaten/Kota",
    "Provinsi",
    "No. HP",
    "Nama Ibu Kandung",
    "Pekerjaan",
    "Penghasilan per Bulan",
    "Program",
    "Bulan Mulai",
)
_WIDTHS: Final = (20, 28, 16, 12, 8, 36, 22, 20, 22, 16, 16, 24, 24, 14, 10, 10)
PROGRAMMES_COVERED: Final = "JKK, JKM"

# The answer BPJS sends back: the NIK, and the KPJ or the reason for refusing.
ANSWER_COLUMNS: Final = {
    "nik": ("NIK", "No. NIK", "Nomor NIK", "No KTP", "NIK KTP"),
    "kpj": ("KPJ", "No. KPJ", "Nomor KPJ", "No Peserta", "Nomor Peserta", "No. Kartu Peserta"),
    "reason": ("Keterangan", "Alasan", "Alasan Penolakan", "Status", "Catatan", "Reason"),
}


def kpj_index(kpj: str) -> str:
    return crypto.blind_index(kpj, context="kpj")


def _months_from(programme: Programme, start: Month) -> int:
    period = programme.period
    if start not in period:
        raise DomainError(
            START_OUTSIDE, month=str(start), first=str(period.start), last=str(period.end)
        )
    return MonthSpan.between(start, period.end).months


# ---------------------------------------------------------------------------------------------
# Batches and the export


@transaction.atomic
def registration_batch_create(
    *, actor: Actor, programme: Programme, start_month: Month | None = None
) -> RegistrationBatch:
    """A batch of every approved candidacy not yet sent (or refused before and so sent again)."""
    require(actor, Capability.LIAISE_BPJS)
    require_region(actor, programme.regency_id)
    Programme.objects.select_for_update().filter(pk=programme.pk).first()
    start = start_month or programme.period.start
    _months_from(programme, start)
    waiting = list(
        Candidate.objects.filter(programme=programme, status=State.APPROVED)
        .exclude(
            registration_lines__status__in=[LineStatus.SENT, LineStatus.REGISTERED],
        )
        .order_by("village_id", "pk")
        .values_list("pk", "person_id", "village_id")
    )
    if not waiting:
        raise DomainError(NOTHING_TO_SEND)
    last = programme.registration_batches.order_by("-number").first()
    batch = RegistrationBatch.objects.create(
        programme=programme,
        number=(last.number + 1) if last else 1,
        start_month=start.first_day,
        created_by_id=actor_pk(actor),
    )
    RegistrationLine.objects.bulk_create(
        [RegistrationLine(batch=batch, candidate_id=pk) for pk, _, _ in waiting], batch_size=2000
    )
    audit_record(
        actor=actor,
        action="registration_batch.create",
        target=batch,
        after={"number": batch.number, "start_month": str(start), "lines": len(waiting)},
    )
    audit_bulk(
        actor=actor,
        action="registration.send",
        items=[
            AuditItem(
                target=Candidate(pk=pk, village_id=village),
                after={"batch": batch.number, "start_month": str(start)},
                subject_key=f"person:{person}",
            )
            for pk, person, village in waiting
        ],
    )
    return batch


def _export_rows(batch: RegistrationBatch) -> Iterator[list[object]]:
    start = Month.of(batch.start_month)
    lines = (
        RegistrationLine.objects.filter(batch=batch)
        .select_related("candidate__person", "candidate__village__parent__parent__parent")
        .order_by("candidate__village_id", "pk")
    )
    for line in lines.iterator(chunk_size=2000):
        person = line.candidate.person
        village = line.candidate.village
        district = village.parent
        regency = district.parent if district else None
        province = regency.parent if regency else None
        occupation = occupation_by_code(person.occupation_code) if person.occupation_code else None
        address = ", ".join(
            part
            for part in (
                person.address,
                f"RT {person.rt}/RW {person.rw}" if person.rt or person.rw else "",
                person.hamlet,
            )
            if part
        )
        yield [
            person.nik,
            person.full_name,
            person.birth_place,
            person.birth_date.strftime("%d-%m-%Y"),
            "P" if person.sex == "F" else "L",
            address,
            village.name,
            district.name if district else "",
            regency.name if regency else "",
            province.name if province else "",
            "0" + person.phone[3:] if person.phone.startswith("+62") else person.phone,
            person.mother_name,
            occupation.name_id if occupation else person.occupation_text,
            person.monthly_income if person.monthly_income is not None else "",
            PROGRAMMES_COVERED,
            str(start),
        ]


@transaction.atomic
def registration_export(*, actor: Actor, batch: RegistrationBatch, kind: str) -> bytes:
    """The batch as BPJS's collective registration file (``xlsx`` or ``csv``), full NIKs
    included — so reading it is audited like revealing a NIK."""
    require(actor, Capability.LIAISE_BPJS)
    require_region(actor, batch.programme.regency_id)
    rows = _export_rows(batch)
    if kind == "csv":
        data = csv_table(headers=EXPORT_HEADERS, rows=rows, delimiter=";")
    else:
        data = xlsx_table(title="Pendaftaran", headers=EXPORT_HEADERS, rows=rows, widths=_WIDTHS)
    audit_record(
        actor=actor,
        action="registration_batch.export",
        target=batch,
        after={"format": kind, "lines": batch.lines.count()},
    )
    return data


# ---------------------------------------------------------------------------------------------
# BPJS's answer


@dataclass
class AnswerResult:
    registered: int = 0
    refused: int = 0
    unchanged: int = 0
    # (row number, error) for rows not applied; never the NIK or the KPJ.
    problems: list[tuple[int, DomainError]] = field(default_factory=list)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def registration_answer_import(
    *, actor: Actor, batch: RegistrationBatch, path: Path, file_name: str, today: date | None = None
) -> AnswerResult:
    """Apply BPJS's answer file (XLSX or CSV: NIK, and KPJ or the reason for refusing)."""
    require(actor, Capability.LIAISE_BPJS)
    require_region(actor, batch.programme.regency_id)
    today = today or timezone.localdate()
    columns = find_columns(read_table(path), ANSWER_COLUMNS, required=("nik", "kpj"))
    result = AnswerResult()
    answers: dict[str, tuple[int, str | None, str]] = {}
    for number, row in zip(columns.row_numbers, columns.rows, strict=True):
        try:
            nik = parse_nik(columns.cell(row, "nik"), reference_date=today)
            raw_kpj = _text(columns.cell(row, "kpj"))
            kpj = parse_kpj(raw_kpj) if raw_kpj else None
        except DomainError as error:
            result.problems.append((number, error))
            continue
        reason = _text(columns.cell(row, "reason"))
        if kpj is None and not reason:
            result.problems.append((number, DomainError(NO_ANSWER)))
            continue
        answers[nik_index(nik.value)] = (number, kpj, reason)
    with transaction.atomic():
        _apply_answers(actor, batch, answers, result)
        batch = RegistrationBatch.objects.select_for_update().get(pk=batch.pk)
        entry = {
            "sha256": sha256_of(path),
            "file_name": file_name,
            "at": timezone.now().isoformat(),
            "registered": result.registered,
            "refused": result.refused,
            "unchanged": result.unchanged,
            "invalid": len(result.problems),
        }
        batch.answers = [*batch.answers, entry]
        batch.save(update_fields=["answers"])
        audit_record(
            actor=actor,
            action="registration_batch.answer",
            target=batch,
            after={k: v for k, v in entry.items() if k != "at"},
        )
    return result


def _apply_answers(
    actor: Actor,
    batch: RegistrationBatch,
    answers: dict[str, tuple[int, str | None, str]],
    result: AnswerResult,
) -> None:
    lines = {
        line.candidate.person.nik_index: line
        for line in RegistrationLine.objects.select_for_update(of=("self",))
        .filter(batch=batch)
        .select_related("candidate__person")
        .order_by("pk")
    }
    candidates = {c.pk: c for c in locked_candidates(line.candidate_id for line in lines.values())}
    months = _months_from(batch.programme, Month.of(batch.start_month))
    now = timezone.now()
    for index, (number, kpj, reason) in answers.items():
        line = lines.get(index)
        if line is None:
            result.problems.append((number, DomainError(NOT_IN_BATCH)))
            continue
        candidate = candidates[line.candidate_id]
        try:
            with transaction.atomic():
                changed = (
                    _register(actor, line, candidate, kpj, months=months, now=now)
                    if kpj is not None
                    else _refuse(actor, line, candidate, reason, now=now)
                )
        except DomainError as error:
            result.problems.append((number, error))
            continue
        if not changed:
            result.unchanged += 1
        elif kpj is not None:
            result.registered += 1
        else:
            result.refused += 1


def _register(
    actor: Actor, line: RegistrationLine, candidate: Candidate, kpj: str, *, months: int, now: Any
) -> bool:
    index = kpj_index(kpj)
    if line.status == LineStatus.REGISTERED:
        if candidate.enrolment.kpj_index == index:
            return False
        raise DomainError(KPJ_CONFLICT)
    if candidate.status != State.APPROVED:
        raise DomainError(NOT_APPROVED, state=candidate.status)
    if Enrolment.objects.filter(kpj_index=index).exists():
        raise DomainError(KPJ_TAKEN)
    batch = line.batch
    enrolment = Enrolment.objects.create(
        candidate=candidate,
        person_id=candidate.person_id,
        programme_id=candidate.programme_id,
        village_id=candidate.village_id,
        batch=batch,
        kpj=kpj,
        kpj_index=index,
        enrolled_at=now,
    )
    start = Month.of(batch.start_month)
    coverage = Coverage.objects.create(
        enrolment=enrolment,
        programme_id=candidate.programme_id,
        start=start.first_day,
        months=months,
        last_month=start.plus(months - 1).first_day,
    )
    line.status, line.refusal_reason, line.answered_at = LineStatus.REGISTERED, "", now
    line.save(update_fields=["status", "refusal_reason", "answered_at"])
    subject = f"person:{candidate.person_id}"
    audit_record(
        actor=actor,
        action="enrolment.create",
        target=enrolment,
        subject_key=subject,
        after={
            **snapshot(enrolment, ["kpj", "batch", "programme"]),
            "start": str(start),
            "months": months,
        },
    )
    audit_record(
        actor=actor,
        action="coverage.create",
        target=coverage,
        subject_key=subject,
        after={"start": str(start), "months": months, "last_month": str(start.plus(months - 1))},
    )
    move(candidate, Action.ENROL, actor=actor, audit_after={"batch": batch.number})
    return True


def _refuse(
    actor: Actor, line: RegistrationLine, candidate: Candidate, reason: str, *, now: Any
) -> bool:
    if line.status == LineStatus.REFUSED and line.refusal_reason == reason:
        return False
    if line.status == LineStatus.REGISTERED:
        raise DomainError(KPJ_CONFLICT)
    line.status, line.refusal_reason, line.answered_at = LineStatus.REFUSED, reason, now
    line.save(update_fields=["status", "refusal_reason", "answered_at"])
    params = {"batch": line.batch.number, "reason": reason}
    Notice.objects.create(
        region_id=candidate.village_id, candidate=candidate, code=REFUSED_NOTICE, params=params
    )
    audit_record(
        actor=actor,
        action="registration.refuse",
        target=candidate,
        subject_key=f"person:{candidate.person_id}",
        after=params,
        reason=reason,
    )
    return True


# ---------------------------------------------------------------------------------------------
# Early end and renewal


@transaction.atomic
def coverage_end(
    *, actor: Actor, enrolment: Enrolment, on: date, reason: EndReason, note: str = ""
) -> Coverage:
    """End the worker's cover early on ``on`` for ``reason``: the month of ``on`` is still covered
    (and billed); the candidacy ends, which frees its place for the waiting list."""
    require(actor, Capability.VERIFY)
    require_region(actor, enrolment.village_id)
    (candidate,) = locked_candidates([enrolment.candidate_id])
    coverages = list(Coverage.objects.select_for_update().filter(enrolment=enrolment))
    current = next((c for c in coverages if c.period.covered.start <= Month.of(on)), None)
    if current is None or current.ended_on is not None:
        raise DomainError(NOT_COVERED, day=on.isoformat())
    ended = current.period.ended(on, reason)  # refuses a date before the start or after the end
    check_no_overlap([c.period for c in coverages if c.pk != current.pk] + [ended])
    before = {"last_month": str(Month.of(current.last_month)), "ended_on": None}
    current.ended_on, current.end_reason = on, reason.value
    current.last_month = ended.covered.end.first_day
    current.save(update_fields=["ended_on", "end_reason", "last_month"])
    said = f"{reason.value}: {note}".strip(": ")
    audit_record(
        actor=actor,
        action="coverage.end",
        target=current,
        subject_key=f"person:{enrolment.person_id}",
        before=before,
        after={
            "last_month": str(ended.covered.end),
            "ended_on": on.isoformat(),
            "reason": reason.value,
        },
        reason=note,
    )
    if candidate.status == State.ENROLLED:
        move(candidate, Action.END, actor=actor, reason=said)
    return current


@dataclass(frozen=True)
class Renewal:
    created: int
    already: int
    screened: dict[str, int]


@dataclass(frozen=True)
class RenewalPlan:
    """What renewing ``source`` into ``target`` would do: every worker still enrolled in
    ``source`` (person, village), and those of them with no candidacy in ``target`` yet."""

    participants: list[tuple[int, str]]
    new: list[tuple[int, str]]

    @property
    def already(self) -> int:
        return len(self.participants) - len(self.new)


def renewal_plan(source: Programme, target: Programme) -> RenewalPlan:
    if target.pk == source.pk or target.regency_id != source.regency_id:
        raise DomainError(RENEWAL_TARGET, source=str(source), target=str(target))
    participants = list(
        Candidate.objects.filter(programme=source, status=State.ENROLLED)
        .order_by("pk")
        .values_list("person_id", "person__village_id")
    )
    taken = set(Candidate.objects.filter(programme=target).values_list("person_id", flat=True))
    return RenewalPlan(participants, [p for p in participants if p[0] not in taken])


def programme_renew(*, actor: Actor, source: Programme, target: Programme) -> Renewal:
    """Next year's renewal: every worker enrolled in ``source`` whose cover did not end early
    becomes a candidacy in ``target`` (another programme of the same regency), submitted and
    screened under ``target``'s current rules. A programme-level decision: regency admin."""
    require(actor, Capability.MANAGE_PROGRAMMES)
    require_region(actor, target.regency_id)
    with transaction.atomic():
        plan = renewal_plan(source, target)
        new = [
            Candidate(
                person_id=person,
                programme=target,
                village_id=village,
                created_by_id=actor_pk(actor),
            )
            for person, village in plan.new
        ]
        Candidate.objects.bulk_create(new, batch_size=2000)
        audit_bulk(
            actor=actor,
            action="candidate.renew",
            items=[
                AuditItem(
                    target=c,
                    after={"from_programme": source.pk, "programme": target.pk},
                    subject_key=f"person:{c.person_id}",
                )
                for c in new
            ],
        )
        ids: Sequence[int] = [c.pk for c in new]
        moved = (
            candidates_act(actor=actor, candidate_ids=ids, action=Action.SUBMIT) if ids else None
        )
    return Renewal(
        created=len(new),
        already=plan.already,
        screened=dict(moved.done) if moved else {},
    )
