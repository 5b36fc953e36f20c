"""Complaints: filing on the public form and by a village, each step and its audit row, the
refusals' codes, the due dates in working days, the counts and the public lookup."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied

from payung.audit.models import AuditEvent
from payung.complaints.models import ComplaintCategory, ComplaintStatus, FiledVia
from payung.complaints.selectors import complaint_by_code, complaint_counts, complaint_list
from payung.complaints.services import (
    PUBLIC_FORM,
    Filing,
    Step,
    complaint_file,
    complaint_move,
    complaint_tell,
    due_dates,
)
from payung.domain.errors import DomainError

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # Monday 2 March 2026, 10:00 in Jakarta
OWN = "32.01.20.2006"
OTHER = "32.01.20.2001"
SECRET = "Anak saya tidak terdaftar padahal tukang ojek"


def filing(village: str = OWN) -> Filing:
    return Filing(village, ComplaintCategory.WORKER_LEFT_OUT, SECRET, "Ujang Warga", "0812")


def test_the_public_files_and_the_steps_are_audited_without_the_text(demo):
    complaint, pin = complaint_file(actor=PUBLIC_FORM, filing=filing(), now=NOW)
    assert complaint.via == FiledVia.PUBLIC
    assert complaint.status == ComplaintStatus.RECEIVED
    assert complaint.code.startswith("ADU-")
    assert len(pin) == 6
    assert complaint.programme == demo["bogor"]
    officer, village = demo["users"]["verifikator"], demo["users"]["operator.desa"]
    complaint_move(actor=officer, complaint=complaint, step=Step.ACKNOWLEDGE, now=NOW)
    complaint_move(actor=officer, complaint=complaint, step=Step.ANSWER, now=NOW, answer="Ya")
    complaint_tell(actor=village, complaint=complaint, now=NOW)
    complaint_move(actor=officer, complaint=complaint, step=Step.CLOSE, now=NOW)
    rows = AuditEvent.objects.filter(object_type="complaints.Complaint").order_by("pk")
    assert [r.action for r in rows] == [
        "complaint.file",
        "complaint.acknowledge",
        "complaint.answer",
        "complaint.tell",
        "complaint.close",
    ]
    assert rows[4].after == {"status": "closed", "told": True}
    assert all(r.region_code == OWN for r in rows)
    for row in rows:
        assert "Ujang" not in str(row.after)
        assert "ojek" not in str(row.after)


def test_a_village_files_for_a_resident_only_in_its_own_village(demo):
    village = demo["users"]["operator.desa"]
    complaint, _pin = complaint_file(actor=village, filing=filing(), now=NOW)
    assert complaint.via == FiledVia.VILLAGE
    with pytest.raises(PermissionDenied):
        complaint_file(actor=village, filing=filing(OTHER), now=NOW)
    with pytest.raises(PermissionDenied):
        complaint_file(actor=demo["users"]["keuangan"], filing=filing(), now=NOW)


def test_an_illegal_step_is_refused_with_its_code(demo):
    complaint, _pin = complaint_file(actor=PUBLIC_FORM, filing=filing(), now=NOW)
    officer = demo["users"]["verifikator"]
    with pytest.raises(DomainError) as refused:
        complaint_move(actor=officer, complaint=complaint, step=Step.CLOSE, now=NOW)
    assert refused.value.code == "complaint.transition"
    assert "diterima" in refused.value.message("id")
    complaint_move(actor=officer, complaint=complaint, step=Step.ACKNOWLEDGE, now=NOW)
    with pytest.raises(DomainError) as empty:
        complaint_move(actor=officer, complaint=complaint, step=Step.ANSWER, now=NOW, answer=" ")
    assert empty.value.code == "complaint.answer_required"
    with pytest.raises(DomainError) as told:
        complaint_tell(actor=officer, complaint=complaint, now=NOW)
    assert told.value.code == "complaint.not_answered"


def test_a_text_too_long_or_an_unknown_village_is_refused(demo):
    long = Filing(OWN, ComplaintCategory.OTHER, "x" * 2001, "A")
    with pytest.raises(DomainError) as refused:
        complaint_file(actor=PUBLIC_FORM, filing=long, now=NOW)
    assert refused.value.code == "complaint.too_long"
    with pytest.raises(DomainError) as unknown:
        complaint_file(actor=PUBLIC_FORM, filing=filing("32.01.20"), now=NOW)
    assert unknown.value.code == "complaint.village"


def test_due_dates_skip_weekends_and_holidays(settings):
    settings.PAYUNG_COMPLAINT_RESPOND_DAYS = 5
    settings.PAYUNG_COMPLAINT_ANSWER_DAYS = 14
    monday = date(2026, 3, 2)
    assert due_dates(monday, frozenset()) == (date(2026, 3, 9), date(2026, 3, 20))
    holiday = frozenset({date(2026, 3, 4)})
    assert due_dates(monday, holiday) == (date(2026, 3, 10), date(2026, 3, 23))


def test_counts_are_scoped_and_overdue_in_working_days(demo):
    complaint_file(actor=PUBLIC_FORM, filing=filing(), now=NOW)
    complaint_file(actor=PUBLIC_FORM, filing=filing(OTHER), now=NOW)
    village = demo["users"]["operator.desa"]
    assert complaint_counts(actor=village, today=date(2026, 3, 3))["received"] == 1
    later = complaint_counts(actor=demo["users"]["verifikator"], today=date(2026, 6, 1))
    assert later["received"] == 2
    assert later["overdue_respond"] == 2
    assert later["overdue_answer"] == 2
    assert complaint_list(actor=village).count() == 1


def test_the_lookup_needs_the_code_and_its_pin(demo):
    complaint, pin = complaint_file(actor=PUBLIC_FORM, filing=filing(), now=NOW)
    _other, other_pin = complaint_file(actor=PUBLIC_FORM, filing=filing(OTHER), now=NOW)
    assert complaint_by_code(code=complaint.code.lower(), pin=pin) == complaint
    wrong = "2" * 6 if pin != "2" * 6 else "3" * 6
    assert complaint_by_code(code=complaint.code, pin=wrong) is None
    assert complaint_by_code(code=complaint.code, pin=other_pin) in (None, complaint)
    assert complaint_by_code(code="ADU-NOTHERE", pin=pin) is None
