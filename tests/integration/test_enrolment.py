"""Registration batches with BPJS, KPJ answers, coverage, early ends and renewal (issue 6)."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied

from payung.audit.models import AuditEvent
from payung.domain.coverage import EndReason
from payung.domain.eligibility import RuleSet
from payung.domain.errors import DomainError
from payung.domain.period import Month
from payung.domain.workflow import Action
from payung.enrolment.models import Coverage, Enrolment, RegistrationLine
from payung.enrolment.selectors import coverage_on
from payung.enrolment.services import (
    EXPORT_HEADERS,
    coverage_end,
    kpj_index,
    programme_renew,
    registration_answer_import,
    registration_batch_create,
    registration_export,
)
from payung.programmes.models import ProgrammeArea
from payung.programmes.services import programme_create
from payung.registry.models import Candidate, Person
from payung.screening.models import Notice, Screening
from payung.screening.places import candidates_approve
from payung.screening.rules import ruleset_save
from payung.screening.services import candidates_act
from tests.integration.test_screening import VILLAGE, candidacy, person

pytestmark = pytest.mark.django_db


def approved(users, programme, people):
    """Candidacies of ``people`` taken through the workflow up to ``approved``."""
    candidates = [candidacy(programme, p) for p in people]
    ids = [c.pk for c in candidates]
    candidates_act(actor=users["operator.desa"], candidate_ids=ids, action=Action.SUBMIT)
    candidates_act(
        actor=users["verifikator"], candidate_ids=ids, action=Action.VERIFY, reason="ok", bulk=True
    )
    moved = candidates_approve(
        actor=users["verifikator"], candidate_ids=ids, reason="ok", bulk=True
    )
    assert not moved.refused
    for c in candidates:
        c.refresh_from_db()
    return candidates


def answer_file(tmp_path, rows, name="jawaban.csv"):
    path = tmp_path / name
    lines = ["NIK;No. KPJ;Keterangan"] + [";".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def kpj(serial):
    return f"2600{serial:07d}"


def enrol(users, programme, people, tmp_path, *, start=None):
    """Approve, batch, and register everyone with a KPJ; return the enrolments."""
    candidates = approved(users, programme, people)
    batch = registration_batch_create(actor=users["bpjs"], programme=programme, start_month=start)
    path = answer_file(
        tmp_path, [(c.person.nik, kpj(c.person_id)) for c in candidates], f"b{batch.pk}.csv"
    )
    result = registration_answer_import(
        actor=users["bpjs"], batch=batch, path=path, file_name=path.name
    )
    assert not result.problems
    return [Enrolment.objects.get(candidate=c) for c in candidates]


def test_a_batch_exports_what_bpjs_collective_registration_asks_for(users, bogor):
    candidates = approved(
        users,
        bogor,
        [
            person(1, birth_place="Bogor", phone="+6281234567890", monthly_income=1_500_000),
            person(2, born=date(1985, 2, 3)),
        ],
    )
    batch = registration_batch_create(actor=users["bpjs"], programme=bogor)

    assert batch.number == 1
    assert batch.start_month == date(2026, 1, 1)
    assert set(batch.lines.values_list("candidate_id", "status")) == {
        (c.pk, "sent") for c in candidates
    }
    event = AuditEvent.objects.get(action="registration_batch.create")
    assert event.after == {"number": 1, "start_month": "2026-01", "lines": 2}
    sends = AuditEvent.objects.filter(action="registration.send")
    assert {e.subject_key for e in sends} == {f"person:{c.person_id}" for c in candidates}

    book = openpyxl.load_workbook(
        io.BytesIO(registration_export(actor=users["bpjs"], batch=batch, kind="xlsx"))
    )
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == EXPORT_HEADERS
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["NIK"] == candidates[0].person.nik  # as text: all 16 digits
    assert first["Nama Lengkap"] == "Pekerja 1"
    assert (first["Tempat Lahir"], first["Tanggal Lahir"]) == ("Bogor", "05-08-1980")
    assert first["Jenis Kelamin"] == "L"
    assert first["Desa/Kelurahan"] == "Parungpanjang"
    assert first["Kecamatan"] == "Parungpanjang"
    assert first["Kabupaten/Kota"] == "Kabupaten Bogor"
    assert first["Provinsi"] == "Jawa Barat"
    assert first["No. HP"] == "081234567890"
    assert first["Nama Ibu Kandung"] == "Ibu"
    assert first["Penghasilan per Bulan"] == 1_500_000
    assert (first["Program"], first["Bulan Mulai"]) == ("JKK, JKM", "2026-01")

    text = registration_export(actor=users["bpjs"], batch=batch, kind="csv").decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[0] == list(EXPORT_HEADERS)
    assert table[2][0] == candidates[1].person.nik
    assert AuditEvent.objects.filter(action="registration_batch.export").count() == 2
    # Nothing left to send: a second batch is refused with its code.
    with pytest.raises(DomainError) as refused:
        registration_batch_create(actor=users["bpjs"], programme=bogor)
    assert refused.value.code == "registration.nothing_to_send"


def test_only_the_bpjs_liaison_of_the_regency_sends_batches(users, demo):
    approved(users, demo["bogor"], [person(1)])
    with pytest.raises(PermissionDenied):
        registration_batch_create(actor=users["verifikator"], programme=demo["bogor"])
    with pytest.raises(PermissionDenied):
        registration_batch_create(actor=users["bpjs"], programme=demo["lebak"])


def test_the_answer_registers_with_a_kpj_refuses_with_a_reason_and_is_idempotent(
    users, bogor, tmp_path
):
    ok, refused_one, other = approved(users, bogor, [person(1), person(2), person(3)])
    batch = registration_batch_create(actor=users["bpjs"], programme=bogor)
    path = answer_file(
        tmp_path,
        [
            (ok.person.nik, kpj(1)),
            (refused_one.person.nik, "", "NIK tidak ditemukan di Dukcapil"),
            ("3201204508800009", kpj(9)),  # not in the batch
            ("3.20120E+15", kpj(8)),  # Excel-damaged NIK
            (other.person.nik, ""),  # neither KPJ nor reason
        ],
    )

    result = registration_answer_import(
        actor=users["bpjs"], batch=batch, path=path, file_name="jawaban.csv"
    )

    assert (result.registered, result.refused, result.unchanged) == (1, 1, 0)
    assert [(n, e.code) for n, e in result.problems] == [
        (5, "nik.excel_damaged"),
        (6, "registration.no_answer"),
        (4, "registration.not_in_batch"),
    ]
    ok.refresh_from_db()
    refused_one.refresh_from_db()
    assert (ok.status, refused_one.status) == ("enrolled", "approved")
    enrolment = Enrolment.objects.get(candidate=ok)
    assert enrolment.kpj == kpj(1)
    assert enrolment.kpj_index == kpj_index(kpj(1))
    coverage = enrolment.coverages.get()
    assert (coverage.start, coverage.months, coverage.last_month) == (
        date(2026, 1, 1),
        12,
        date(2026, 12, 1),
    )
    line = RegistrationLine.objects.get(candidate=refused_one)
    assert (line.status, line.refusal_reason) == ("refused", "NIK tidak ditemukan di Dukcapil")
    notice = Notice.objects.get(candidate=refused_one)
    assert notice.code == "registration.refused"
    assert notice.params == {"batch": 1, "reason": "NIK tidak ditemukan di Dukcapil"}
    created = AuditEvent.objects.get(action="enrolment.create")
    assert created.after["kpj"] == "2600•••0001"  # masked, never in clear
    assert created.subject_key == f"person:{ok.person_id}"
    enrol_event = AuditEvent.objects.get(action="candidate.enrol", object_id=str(ok.pk))
    assert (enrol_event.before, enrol_event.after) == (
        {"status": "approved"},
        {"status": "enrolled", "batch": 1},
    )
    assert AuditEvent.objects.get(action="registration.refuse").reason == (
        "NIK tidak ditemukan di Dukcapil"
    )

    events = AuditEvent.objects.exclude(action="registration_batch.answer").count()
    again = registration_answer_import(
        actor=users["bpjs"], batch=batch, path=path, file_name="jawaban.csv"
    )
    assert (again.registered, again.refused, again.unchanged) == (0, 0, 2)
    assert AuditEvent.objects.exclude(action="registration_batch.answer").count() == events
    assert Enrolment.objects.count() == 1
    assert Coverage.objects.count() == 1
    assert Notice.objects.filter(code="registration.refused").count() == 1
    batch.refresh_from_db()
    assert [a["registered"] for a in batch.answers] == [1, 0]
    assert batch.answers[0]["sha256"] == batch.answers[1]["sha256"]

    # BPJS cannot change a registered worker's KPJ by a file, nor give one KPJ twice.
    conflict = answer_file(
        tmp_path, [(ok.person.nik, kpj(2)), (refused_one.person.nik, kpj(1))], "dua.csv"
    )
    third = registration_answer_import(
        actor=users["bpjs"], batch=batch, path=conflict, file_name="dua.csv"
    )
    assert [e.code for _, e in third.problems] == [
        "registration.kpj_conflict",
        "registration.kpj_taken",
    ]
    assert Enrolment.objects.get(candidate=ok).kpj == kpj(1)


def test_a_refused_worker_goes_in_the_next_batch(users, bogor, tmp_path):
    (candidate,) = approved(users, bogor, [person(1)])
    first = registration_batch_create(actor=users["bpjs"], programme=bogor)
    path = answer_file(tmp_path, [(candidate.person.nik, "", "data ganda")])
    registration_answer_import(actor=users["bpjs"], batch=first, path=path, file_name="a.csv")

    second = registration_batch_create(
        actor=users["bpjs"], programme=bogor, start_month=Month(2026, 3)
    )
    assert list(second.lines.values_list("candidate_id", flat=True)) == [candidate.pk]
    path = answer_file(tmp_path, [(candidate.person.nik, kpj(5))], "b.csv")
    registration_answer_import(actor=users["bpjs"], batch=second, path=path, file_name="b.csv")
    coverage = Coverage.objects.get(enrolment__candidate=candidate)
    # Cover runs from the batch's start month to the end of the programme's period.
    assert (coverage.start, coverage.months, coverage.last_month) == (
        date(2026, 3, 1),
        10,
        date(2026, 12, 1),
    )
    with pytest.raises(DomainError) as outside:
        registration_batch_create(actor=users["bpjs"], programme=bogor, start_month=Month(2027, 1))
    assert outside.value.code == "registration.start_outside"


def test_an_early_end_frees_the_place_and_promotes_the_waiting_list(users, bogor, tmp_path):
    ProgrammeArea.objects.filter(programme=bogor, region_id=VILLAGE).update(quota=1)
    (enrolment,) = enrol(users, bogor, [person(1)], tmp_path)
    (waiting,) = [candidacy(bogor, person(2))]
    candidates_act(actor=users["operator.desa"], candidate_ids=[waiting.pk], action=Action.SUBMIT)
    candidates_act(actor=users["verifikator"], candidate_ids=[waiting.pk], action=Action.VERIFY)
    candidates_approve(actor=users["verifikator"], candidate_ids=[waiting.pk])
    waiting.refresh_from_db()
    assert waiting.status == "waitlisted"

    coverage = coverage_end(
        actor=users["verifikator"],
        enrolment=enrolment,
        on=date(2026, 4, 15),
        reason=EndReason.DIED,
        note="akta kematian 12/2026",
    )

    assert (coverage.ended_on, coverage.end_reason, coverage.last_month) == (
        date(2026, 4, 15),
        "died",
        date(2026, 4, 1),
    )
    enrolment.candidate.refresh_from_db()
    waiting.refresh_from_db()
    assert (enrolment.candidate.status, waiting.status) == ("ended", "approved")
    area = ProgrammeArea.objects.get(programme=bogor, region_id=VILLAGE)
    assert (area.quota, area.taken) == (1, 1)
    end = AuditEvent.objects.get(action="coverage.end")
    assert end.before == {"last_month": "2026-12", "ended_on": None}
    assert end.after == {"last_month": "2026-04", "ended_on": "2026-04-15", "reason": "died"}
    assert end.reason == "akta kematian 12/2026"
    moved = AuditEvent.objects.get(action="candidate.end")
    assert moved.after == {"status": "ended"}
    assert moved.reason == "died: akta kematian 12/2026"
    assert AuditEvent.objects.filter(action="place.release").count() == 1
    assert AuditEvent.objects.get(action="candidate.promote").object_id == str(waiting.pk)

    nik = enrolment.person.nik
    on_day = coverage_on(user=users["verifikator"], nik=nik, day=date(2026, 4, 15))
    assert on_day.covered
    assert on_day.programme == bogor
    assert not coverage_on(user=users["verifikator"], nik=nik, day=date(2026, 4, 16)).covered
    assert not coverage_on(user=users["verifikator"], nik=nik, day=date(2025, 12, 31)).covered
    # Another regency's staff learn nothing.
    assert not coverage_on(user=users["admin.lebak"], nik=nik, day=date(2026, 4, 1)).covered

    with pytest.raises(DomainError) as twice:
        coverage_end(
            actor=users["verifikator"],
            enrolment=enrolment,
            on=date(2026, 5, 1),
            reason=EndReason.WITHDREW,
        )
    assert twice.value.code == "coverage.not_covered"


def test_an_end_date_outside_the_period_is_refused_with_its_code(users, bogor, tmp_path):
    (enrolment,) = enrol(users, bogor, [person(1)], tmp_path, start=Month(2026, 3))
    with pytest.raises(DomainError) as early:
        coverage_end(
            actor=users["verifikator"],
            enrolment=enrolment,
            on=date(2026, 2, 10),
            reason=EndReason.MOVED_AWAY,
        )
    assert early.value.code == "coverage.not_covered"
    with pytest.raises(DomainError) as late:
        coverage_end(
            actor=users["verifikator"],
            enrolment=enrolment,
            on=date(2027, 1, 2),
            reason=EndReason.MOVED_AWAY,
        )
    assert late.value.code == "coverage.end_after_period"
    assert Coverage.objects.get().ended_on is None


def _next_year(admin, bogor):
    return programme_create(
        actor=admin,
        regency_code="32.01",
        name="Perlindungan 2027",
        legal_basis="Perbup Bogor 2026",
        year=2027,
        coverage_start=date(2027, 1, 1),
        payer_model=bogor.payer,
        quota_model=bogor.quotas,
        quota_per_village=250,
        budget_per_village=50_400_000,
    )


def test_renewal_rescreens_participants_under_next_years_rules(users, bogor, tmp_path):
    enrolled = enrol(users, bogor, [person(1, decile=3), person(2, decile=6)], tmp_path)
    coverage_end(
        actor=users["verifikator"],
        enrolment=enrolled[0],
        on=date(2026, 6, 1),
        reason=EndReason.WAGE_EMPLOYMENT,
    )
    enrol(users, bogor, [person(3, decile=2)], tmp_path)
    admin = users["admin.bogor"]
    next_year = _next_year(admin, bogor)
    ruleset_save(actor=admin, programme=next_year, rules=RuleSet(max_decile=4), note="2027")

    renewal = programme_renew(actor=admin, source=bogor, target=next_year)

    assert (renewal.created, renewal.already) == (2, 0)
    assert renewal.screened == {"screened": 2}
    renewed = Candidate.objects.filter(programme=next_year).select_related("screening")
    decisions = {c.person.full_name: (c.status, c.screening.decision) for c in renewed}
    assert decisions == {
        "Pekerja 2": ("screened", "ineligible"),
        "Pekerja 3": ("screened", "eligible"),
    }
    assert {s.rule_set.version for s in Screening.objects.filter(candidate__in=renewed)} == {1}
    assert AuditEvent.objects.filter(action="candidate.renew").count() == 2
    again = programme_renew(actor=admin, source=bogor, target=next_year)
    assert (again.created, again.already) == (0, 2)


def test_the_renewal_page_shows_the_counts_then_renews_once(users, bogor, tmp_path, client):
    enrolled = enrol(users, bogor, [person(1), person(2), person(3)], tmp_path)
    coverage_end(
        actor=users["verifikator"],
        enrolment=enrolled[0],
        on=date(2026, 6, 1),
        reason=EndReason.WAGE_EMPLOYMENT,
    )
    admin = users["admin.bogor"]
    next_year = _next_year(admin, bogor)
    candidacy(next_year, Person.objects.get(pk=enrolled[2].person_id))  # already collected
    client.force_login(admin)
    url = f"/programmes/{bogor.pk}/renew/"

    page = client.get(url)

    assert page.status_code == 200
    assert page.context["target"] == next_year
    preview = page.context["preview"]
    assert (len(preview.participants), preview.already, len(preview.new)) == (2, 1, 1)
    assert Candidate.objects.filter(programme=next_year).count() == 1  # a preview writes nothing

    response = client.post(url, {"target": next_year.pk})

    assert response.status_code == 302
    assert response["Location"] == f"{url}?target={next_year.pk}"
    renewed = Candidate.objects.get(programme=next_year, person_id=enrolled[1].person_id)
    assert renewed.status == "screened"
    event = AuditEvent.objects.get(action="candidate.renew")
    assert (event.object_id, event.actor_id) == (str(renewed.pk), admin.pk)
    assert event.after == {"from_programme": bogor.pk, "programme": next_year.pk}
    after = client.get(f"{url}?target={next_year.pk}")
    (said,) = [str(m) for m in after.context["messages"]]
    assert str(next_year) in said
    assert (after.context["preview"].already, len(after.context["preview"].new)) == (2, 0)
    client.post(url, {"target": next_year.pk})
    assert AuditEvent.objects.filter(action="candidate.renew").count() == 1


def test_renewal_needs_the_regency_admin_and_another_programme_of_the_regency(
    users, demo, tmp_path, client
):
    bogor, lebak = demo["bogor"], demo["lebak"]
    next_year = _next_year(users["admin.bogor"], bogor)
    url = f"/programmes/{bogor.pk}/renew/"
    for outsider in ("verifikator", "keuangan", "operator.desa"):
        client.force_login(users[outsider])
        assert client.get(url).status_code == 403, outsider
        assert client.post(url, {"target": next_year.pk}).status_code == 403, outsider
    client.force_login(users["admin.bogor"])
    # Lebak's programme is not a target of Bogor's (another regency, outside the scope).
    assert client.get(f"{url}?target={lebak.pk}").status_code == 404
    assert client.post(url, {"target": lebak.pk}).status_code == 404
    assert Candidate.objects.filter(programme=next_year).count() == 0
    with pytest.raises(DomainError) as itself:
        programme_renew(actor=users["admin.bogor"], source=bogor, target=bogor)
    assert itself.value.code == "renewal.target"
    with pytest.raises(PermissionDenied):
        programme_renew(actor=users["operator.desa"], source=bogor, target=next_year)
