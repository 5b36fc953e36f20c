"""The claim lifecycle, its deadlines and the document checklists (issue 13 items 5 and 6)."""

from datetime import date, datetime

import pytest

from payung.domain import claims as c
from payung.domain.claims import Action, Actor, ClaimFacts, DocumentFacts, Kind, State, Step
from payung.domain.errors import DomainError, Severity
from payung.domain.roles import Role
from payung.domain.workdays import Calendar, Holiday, HolidayKind, YearStatus

S = State
A = Action
OFFICE = Actor.LABOUR_OFFICE
PAID_STEP = Step(on=date(2026, 3, 20), reference="TRX-1", amounts={"jkm_lump_sum": 20_000_000})


def test_the_whole_transition_matrix():
    matrix = {
        action: (
            sorted(rule.sources),
            rule.target,
            sorted(rule.actors),
            sorted(rule.needs),
            rule.maker_checker,
        )
        for action, rule in c.TRANSITIONS.items()
    }
    both = sorted({Actor.LABOUR_OFFICE, Actor.BPJS_LIAISON})
    D = c.Detail
    assert matrix == {
        A.REPORT: ([], S.REPORTED, sorted(Actor), [], False),
        A.CHECK: ([S.REPORTED], S.COVERAGE_CHECKED, both, [], False),
        A.COMPLETE: (
            sorted({S.COVERAGE_CHECKED, S.RETURNED}),
            S.DOCUMENTS_COMPLETE,
            both,
            [D.DATE],
            True,
        ),
        A.SUBMIT: (
            [S.DOCUMENTS_COMPLETE],
            S.SUBMITTED,
            both,
            sorted({D.BPJS_NUMBER, D.DATE}),
            True,
        ),
        A.PAY: ([S.SUBMITTED], S.PAID, both, sorted({D.AMOUNTS, D.DATE, D.REFERENCE}), False),
        A.REJECT: (sorted({S.COVERAGE_CHECKED, S.SUBMITTED}), S.REJECTED, both, [D.REASON], False),
        A.RETURN: ([S.SUBMITTED], S.RETURNED, both, [D.REASON], False),
        A.HAND_OVER: (
            [S.PAID],
            S.HANDED_OVER,
            sorted({Actor.VILLAGE, Actor.LABOUR_OFFICE}),
            sorted({D.DATE, D.HANDED_BY}),
            False,
        ),
    }
    assert {S.REJECTED, S.HANDED_OVER} == c.FINAL


def test_the_happy_path():
    state = c.open_claim(Actor.VILLAGE)
    assert state is S.REPORTED
    state = c.transition(state, A.CHECK, actor=OFFICE)
    assert state is S.COVERAGE_CHECKED
    state = c.transition(state, A.COMPLETE, actor=OFFICE, step=Step(on=date(2026, 3, 5)))
    assert state is S.DOCUMENTS_COMPLETE
    state = c.transition(
        state,
        A.SUBMIT,
        actor=Actor.BPJS_LIAISON,
        step=Step(bpjs_number="KL-9", on=date(2026, 3, 6)),
    )
    assert state is S.SUBMITTED
    state = c.transition(state, A.RETURN, actor=OFFICE, step=Step(reason="Buku nikah belum ada"))
    assert state is S.RETURNED
    state = c.transition(state, A.COMPLETE, actor=OFFICE, step=Step(on=date(2026, 3, 9)))
    state = c.transition(
        state, A.SUBMIT, actor=OFFICE, step=Step(bpjs_number="KL-9", on=date(2026, 3, 9))
    )
    state = c.transition(state, A.PAY, actor=Actor.BPJS_LIAISON, step=PAID_STEP)
    assert state is S.PAID
    state = c.transition(
        state, A.HAND_OVER, actor=Actor.VILLAGE, step=Step(on=date(2026, 3, 25), handed_by="Bupati")
    )
    assert state is S.HANDED_OVER


def test_illegal_action_refused_in_words():
    with pytest.raises(DomainError) as refused:
        c.transition(S.REPORTED, A.PAY, actor=OFFICE, step=PAID_STEP)
    assert refused.value.code == "claim.illegal"
    assert (
        refused.value.message("en")
        == "Action 'pay' does not apply to a claim whose status is 'reported'."
    )
    with pytest.raises(DomainError):
        c.transition(
            S.HANDED_OVER, A.HAND_OVER, actor=OFFICE, step=Step(on=date(2026, 1, 1), handed_by="x")
        )


def test_the_village_may_report_and_hand_over_but_not_check():
    with pytest.raises(DomainError) as refused:
        c.transition(S.REPORTED, A.CHECK, actor=Actor.VILLAGE)
    assert refused.value.code == "claim.actor"
    assert refused.value.params == {"action": "check", "actor": "village"}
    with pytest.raises(DomainError):
        c.transition(
            S.PAID,
            A.HAND_OVER,
            actor=Actor.BPJS_LIAISON,
            step=Step(on=date(2026, 1, 1), handed_by="x"),
        )
    assert c.open_claim(Actor.BPJS_LIAISON) is S.REPORTED


def test_open_claim_checks_the_actor():
    report = c.TRANSITIONS[A.REPORT]
    c.TRANSITIONS[A.REPORT] = c.Transition(A.REPORT, frozenset(), S.REPORTED, frozenset({OFFICE}))
    try:
        with pytest.raises(DomainError) as refused:
            c.open_claim(Actor.VILLAGE)
        assert refused.value.code == "claim.actor"
    finally:
        c.TRANSITIONS[A.REPORT] = report


@pytest.mark.parametrize(
    ("state", "action", "step", "missing"),
    [
        (S.SUBMITTED, A.REJECT, Step(reason="   "), "reason"),
        (S.SUBMITTED, A.RETURN, None, "reason"),
        (S.COVERAGE_CHECKED, A.COMPLETE, Step(), "date"),
        (S.DOCUMENTS_COMPLETE, A.SUBMIT, Step(bpjs_number=" "), "bpjs_number, date"),
        (S.DOCUMENTS_COMPLETE, A.SUBMIT, Step(on=date(2026, 1, 1)), "bpjs_number"),
        (S.SUBMITTED, A.PAY, Step(on=date(2026, 1, 1), reference="R", amounts={}), "amounts"),
        (
            S.SUBMITTED,
            A.PAY,
            Step(on=date(2026, 1, 1), reference=" ", amounts={"x": 1}),
            "reference",
        ),
        (S.PAID, A.HAND_OVER, Step(on=date(2026, 1, 1), handed_by=" "), "handed_by"),
    ],
)
def test_details_each_action_needs(state, action, step, missing):
    with pytest.raises(DomainError) as refused:
        c.transition(state, action, actor=OFFICE, step=step)
    assert refused.value.code == "claim.detail_required"
    assert refused.value.params == {"action": action.value, "detail": missing}


def test_a_rejection_with_a_reason_and_for_not_covered():
    assert c.transition(S.SUBMITTED, A.REJECT, actor=OFFICE, step=Step(reason="x")) is S.REJECTED
    assert (
        c.transition(S.COVERAGE_CHECKED, A.REJECT, actor=OFFICE, step=Step(reason="x"))
        is S.REJECTED
    )


def test_whoever_reported_may_not_complete_or_submit():
    for state, action, step in (
        (S.COVERAGE_CHECKED, A.COMPLETE, Step(on=date(2026, 1, 1))),
        (S.DOCUMENTS_COMPLETE, A.SUBMIT, Step(on=date(2026, 1, 1), bpjs_number="1")),
    ):
        with pytest.raises(DomainError) as refused:
            c.transition(state, action, actor=OFFICE, step=step, actor_id=7, reported_by=7)
        assert refused.value.code == "claim.maker_checker"
        assert c.transition(state, action, actor=OFFICE, step=step, actor_id=8, reported_by=7)
        assert c.transition(state, action, actor=OFFICE, step=step, actor_id=None, reported_by=None)
    # The reporter may check coverage and record BPJS's answer.
    assert c.transition(S.REPORTED, A.CHECK, actor=OFFICE, actor_id=7, reported_by=7)
    assert c.transition(S.SUBMITTED, A.PAY, actor=OFFICE, step=PAID_STEP, actor_id=7, reported_by=7)


def test_offered_actions_by_role():
    assert c.offered_actions(S.SUBMITTED, Role.BPJS_LIAISON) == (A.PAY, A.REJECT, A.RETURN)
    assert c.offered_actions(S.SUBMITTED, Role.VILLAGE_OPERATOR) == ()
    assert c.offered_actions(S.PAID, Role.VILLAGE_OPERATOR) == (A.HAND_OVER,)
    assert c.offered_actions(S.PAID, Role.BPJS_LIAISON) == ()
    assert c.offered_actions(S.COVERAGE_CHECKED, Role.VERIFIER) == (A.COMPLETE, A.REJECT)
    assert c.offered_actions(S.REPORTED, Role.AUDITOR) == ()
    assert c.actors_of(Role.REGENCY_ADMIN) == {Actor.VILLAGE}
    assert c.actors_of(Role.SYSTEM_ADMIN) == set(Actor)


def test_kinds():
    assert [k.is_jkk for k in Kind] == [True, True, False]


# --- deadlines -------------------------------------------------------------------------------

EVENT = datetime(2026, 3, 2, 7, 30)  # a Monday morning
# A calendar whose 2026 and 2031 are loaded (here: without holidays unless named), so no caveat.
KNOWN = Calendar(years={2026: YearStatus.DECREED, 2031: YearStatus.DECREED})


def known(*days: date) -> Calendar:
    off = {d: Holiday(d, "Libur", "Holiday", HolidayKind.NATIONAL, "test") for d in days}
    return Calendar(off, KNOWN.years)


def test_report_deadlines_are_48_hours():
    assert c.first_report_due(EVENT) == datetime(2026, 3, 4, 7, 30)
    assert c.closeout_report_due(datetime(2026, 3, 10, 16, 0)) == datetime(2026, 3, 12, 16, 0)


def test_payment_due_counts_7_working_days_for_jkk_and_3_for_jkm():
    # Documents complete Monday 2 March: JKK by Wednesday 11 March, JKM by Thursday 5 March.
    assert c.payment_due(Kind.JKK_ACCIDENT, date(2026, 3, 2), set()) == date(2026, 3, 11)
    assert c.payment_due(Kind.JKK_DEATH, date(2026, 3, 2), set()) == date(2026, 3, 11)
    assert c.payment_due(Kind.JKM_DEATH, date(2026, 3, 2), set()) == date(2026, 3, 5)
    assert c.payment_due(Kind.JKK_ACCIDENT, date(2026, 3, 2), {date(2026, 3, 4)}) == date(
        2026, 3, 12
    )


def test_late_interest_is_1_percent_a_day_of_the_benefit_due():
    assert c.late_interest(70_000_000, date(2026, 3, 11), date(2026, 3, 14)) == c.LateInterest(
        3, 2_100_000
    )
    assert c.late_interest(70_000_000, date(2026, 3, 11), date(2026, 3, 11)) == c.LateInterest(0, 0)
    assert c.late_interest(70_000_000, date(2026, 3, 11), date(2026, 3, 1)) == c.LateInterest(0, 0)
    assert c.late_interest(1_234_567, date(2026, 3, 11), date(2026, 3, 12)) == c.LateInterest(
        1, 12_346
    )


def messages(found: tuple[c.Deadline, ...]) -> list[tuple[str, date, bool, str]]:
    return [(d.code, d.due, d.overdue, d.issue.message("en")) for d in found]


def test_a_fresh_jkk_report_has_the_first_report_and_lapse_deadlines():
    facts = ClaimFacts(Kind.JKK_ACCIDENT, EVENT, S.REPORTED, lapse_last_day=date(2031, 3, 2))
    found = c.deadlines(facts, today=date(2026, 3, 5), holidays=KNOWN)
    assert messages(found) == [
        (
            "claim.deadline_first_report",
            date(2026, 3, 4),
            True,
            "The stage I accident report (Form 3 / KK1) is due by 04-03-2026 (2 × 24 hours "
            "after the event).",
        ),
        (
            "claim.deadline_lapse",
            date(2031, 3, 2),
            False,
            "The JKK claim lapses after 02-03-2031 (5 years from the accident).",
        ),
    ]
    assert all(d.issue.severity is Severity.WARNING for d in found)
    on_the_day = c.deadlines(facts, today=date(2026, 3, 4), holidays=KNOWN)
    assert on_the_day[0].overdue is False


def test_jkm_has_no_report_deadline_and_the_lapse_only_while_open():
    facts = ClaimFacts(Kind.JKM_DEATH, EVENT, S.REPORTED)
    assert c.deadlines(facts, today=date(2026, 3, 5), holidays=KNOWN) == ()
    for state in (S.REPORTED, S.COVERAGE_CHECKED, S.RETURNED):
        facts = ClaimFacts(
            Kind.JKK_ACCIDENT, EVENT, state, first_report_at=EVENT, lapse_last_day=date(2031, 3, 2)
        )
        assert [d.code for d in c.deadlines(facts, today=date(2026, 3, 5), holidays=KNOWN)] == [
            "claim.deadline_lapse"
        ]
    for state in (S.DOCUMENTS_COMPLETE, S.SUBMITTED, S.PAID):
        facts = ClaimFacts(
            Kind.JKK_ACCIDENT, EVENT, state, first_report_at=EVENT, lapse_last_day=date(2031, 3, 2)
        )
        assert c.deadlines(facts, today=date(2026, 3, 5), holidays=KNOWN) == ()


def test_closeout_deadline_until_the_report_is_made():
    statement = datetime(2026, 3, 10, 16, 0)
    facts = ClaimFacts(
        Kind.JKK_ACCIDENT, EVENT, S.REPORTED, first_report_at=EVENT, doctor_statement_at=statement
    )
    (found,) = c.deadlines(facts, today=date(2026, 3, 11), holidays=KNOWN)
    assert (found.code, found.due, found.overdue) == (
        "claim.deadline_closeout",
        date(2026, 3, 12),
        False,
    )
    assert found.issue.message() == (
        "Laporan kecelakaan tahap II (Formulir 3a / KK2) paling lambat 12-03-2026 (2 × 24 jam "
        "sejak surat keterangan dokter)."
    )
    done = ClaimFacts(
        Kind.JKK_ACCIDENT,
        EVENT,
        S.REPORTED,
        first_report_at=EVENT,
        doctor_statement_at=statement,
        closeout_report_at=statement,
    )
    assert c.deadlines(done, today=date(2026, 3, 11), holidays=KNOWN) == ()


def test_payment_deadline_and_late_interest_for_jkk():
    facts = ClaimFacts(
        Kind.JKK_DEATH,
        EVENT,
        S.SUBMITTED,
        first_report_at=EVENT,
        documents_complete_on=date(2026, 3, 2),
        benefit_due=70_000_000,
    )
    on_time = c.deadlines(facts, today=date(2026, 3, 11), holidays=KNOWN)
    assert messages(on_time) == [
        (
            "claim.deadline_payment",
            date(2026, 3, 11),
            False,
            "BPJS must pay by 11-03-2026 (7 working days after the documents were complete).",
        )
    ]
    late = c.deadlines(facts, today=date(2026, 3, 13), holidays=known(date(2026, 3, 11)))
    assert messages(late) == [
        (
            "claim.deadline_payment",
            date(2026, 3, 12),
            True,
            "BPJS must pay by 12-03-2026 (7 working days after the documents were complete).",
        ),
        (
            "claim.payment_late",
            date(2026, 3, 12),
            True,
            "BPJS's payment is 1 days late since 12-03-2026: 1% a day of the benefit "
            "Rp70.000.000 = Rp700.000.",
        ),
    ]


def test_paid_late_keeps_the_interest_owed_and_drops_the_payment_deadline():
    facts = ClaimFacts(
        Kind.JKK_ACCIDENT,
        EVENT,
        S.PAID,
        first_report_at=EVENT,
        documents_complete_on=date(2026, 3, 2),
        paid_on=date(2026, 3, 13),
        benefit_due=10_000_000,
    )
    (found,) = c.deadlines(facts, today=date(2026, 4, 1), holidays=KNOWN)
    assert found.code == "claim.payment_late"
    assert found.issue.params["days"] == 2
    assert found.issue.params["owed"] == "Rp200.000"
    on_time = ClaimFacts(
        Kind.JKK_ACCIDENT,
        EVENT,
        S.PAID,
        first_report_at=EVENT,
        documents_complete_on=date(2026, 3, 2),
        paid_on=date(2026, 3, 11),
        benefit_due=10_000_000,
    )
    assert c.deadlines(on_time, today=date(2026, 4, 1), holidays=KNOWN) == ()


def test_jkm_payment_target_without_interest_and_nothing_once_final():
    facts = ClaimFacts(
        Kind.JKM_DEATH,
        EVENT,
        S.SUBMITTED,
        documents_complete_on=date(2026, 3, 2),
        benefit_due=42_000_000,
    )
    found = c.deadlines(facts, today=date(2026, 3, 20), holidays=KNOWN)
    assert messages(found) == [
        (
            "claim.deadline_payment",
            date(2026, 3, 5),
            True,
            "BPJS must pay by 05-03-2026 (3 working days after the documents were complete).",
        )
    ]
    for state in (S.REJECTED, S.HANDED_OVER):
        bare = ClaimFacts(Kind.JKK_ACCIDENT, EVENT, state, lapse_last_day=date(2031, 3, 2))
        assert c.deadlines(bare, today=date(2026, 3, 3), holidays=KNOWN) == ()
        final = ClaimFacts(
            Kind.JKK_ACCIDENT,
            EVENT,
            state,
            first_report_at=EVENT,
            documents_complete_on=date(2026, 3, 2),
            benefit_due=1,
        )
        assert c.deadlines(final, today=date(2026, 4, 20), holidays=KNOWN) == ()


def test_the_first_late_day_owes_one_percent_and_the_due_day_is_not_late():
    facts = ClaimFacts(
        Kind.JKK_ACCIDENT,
        EVENT,
        S.SUBMITTED,
        first_report_at=EVENT,
        documents_complete_on=date(2026, 3, 2),
        benefit_due=5_000_000,
    )
    (on_the_day,) = c.deadlines(facts, today=date(2026, 3, 11), holidays=KNOWN)
    assert (on_the_day.code, on_the_day.overdue) == ("claim.deadline_payment", False)
    first, late = c.deadlines(facts, today=date(2026, 3, 12), holidays=KNOWN)
    assert (first.code, first.overdue) == ("claim.deadline_payment", True)
    assert late.text("en") == (
        "BPJS's payment is 1 days late since 11-03-2026: 1% a day of the benefit Rp5.000.000 = "
        "Rp50.000."
    )


def test_dates_in_deadlines_read_as_every_page_shows_them():
    facts = ClaimFacts(Kind.JKK_ACCIDENT, datetime(2026, 12, 30, 23, 0), S.REPORTED)
    (found,) = c.deadlines(facts, today=date(2026, 12, 31), holidays=KNOWN)
    assert found.due == date(2027, 1, 1)
    assert found.issue.params["due"] == "01-01-2027"
    assert found.text() == (
        "Laporan kecelakaan tahap I (Formulir 3 / KK1) paling lambat 01-01-2027 (2 × 24 jam "
        "sejak kejadian)."
    )
    assert found.caveats == ()  # hours, not working days: no calendar needed


def test_a_year_without_holidays_is_said_on_the_payment_deadline():
    facts = ClaimFacts(
        Kind.JKK_DEATH,
        datetime(2027, 12, 20, 8, 0),
        S.SUBMITTED,
        first_report_at=datetime(2027, 12, 20, 9, 0),
        documents_complete_on=date(2027, 12, 29),
        benefit_due=1_000_000,
    )
    calendar = Calendar(years={2027: YearStatus.DECREED})
    (payment,) = c.deadlines(facts, today=date(2028, 1, 3), holidays=calendar)
    assert payment.due == date(2028, 1, 7)
    assert [g.code for g in payment.caveats] == ["workdays.year_missing"]
    assert payment.text() == (
        "BPJS wajib membayar paling lambat 07-01-2028 (7 hari kerja sejak dokumen lengkap). "
        "Hari libur tahun 2028 belum dimuat; hanya Sabtu–Minggu dihitung."
    )
    payment_late = c.deadlines(facts, today=date(2028, 1, 9), holidays=calendar)
    assert [d.caveats for d in payment_late] == [payment.caveats, payment.caveats]
    inside = ClaimFacts(
        Kind.JKM_DEATH,
        EVENT,
        S.SUBMITTED,
        documents_complete_on=date(2027, 12, 1),
    )
    (target,) = c.deadlines(inside, today=date(2027, 12, 1), holidays=calendar)
    assert target.caveats == ()
    assert target.text("en") == (
        "BPJS must pay by 06-12-2027 (3 working days after the documents were complete)."
    )


def test_deadlines_are_ordered_by_date():
    facts = ClaimFacts(
        Kind.JKK_ACCIDENT,
        EVENT,
        S.RETURNED,
        documents_complete_on=date(2026, 3, 2),
        doctor_statement_at=datetime(2026, 3, 3, 9, 0),
        lapse_last_day=date(2026, 3, 3),
        benefit_due=1_000_000,
    )
    found = c.deadlines(facts, today=date(2026, 3, 2), holidays=KNOWN)
    assert [(d.code, d.due) for d in found] == [
        ("claim.deadline_lapse", date(2026, 3, 3)),
        ("claim.deadline_first_report", date(2026, 3, 4)),
        ("claim.deadline_closeout", date(2026, 3, 5)),
        ("claim.deadline_payment", date(2026, 3, 11)),
    ]


# --- documents -------------------------------------------------------------------------------


def codes(docs: tuple[c.Document, ...]) -> list[str]:
    return [d.code for d in docs]


def test_jkm_documents_with_and_without_a_spouse():
    base = [
        "kpj_card",
        "ktp_deceased",
        "ktp_heir",
        "family_card",
        "death_certificate",
        "heir_statement",
        "bank_book",
    ]
    assert codes(c.required_documents(DocumentFacts(Kind.JKM_DEATH))) == base
    spouse = codes(c.required_documents(DocumentFacts(Kind.JKM_DEATH, spouse_claims=True)))
    assert spouse == [*base[:6], "marriage_book", "bank_book"]


def test_jkk_accident_documents_police_report_for_traffic_and_npwp_above_50_million():
    base = [
        "kpj_card",
        "ktp_worker",
        "accident_report",
        "closeout_report",
        "doctor_statement",
        "chronology",
        "medical_receipts",
        "bank_book",
    ]
    assert codes(c.required_documents(DocumentFacts(Kind.JKK_ACCIDENT, amount=50_000_000))) == base
    traffic = c.required_documents(
        DocumentFacts(Kind.JKK_ACCIDENT, traffic_accident=True, amount=50_000_001)
    )
    assert codes(traffic) == [*base[:6], "police_report", *base[6:], "npwp"]
    police = traffic[6]
    assert police.label() == "Laporan polisi (kecelakaan lalu lintas)"
    assert police.label("en") == "Police report (traffic accident)"
    assert police.condition is c.Condition.TRAFFIC_ACCIDENT


def test_jkk_death_needs_both_the_heir_and_the_accident_papers():
    docs = codes(
        c.required_documents(DocumentFacts(Kind.JKK_DEATH, spouse_claims=True, amount=70_000_000))
    )
    assert docs == [
        "kpj_card",
        "ktp_deceased",
        "ktp_heir",
        "family_card",
        "death_certificate",
        "heir_statement",
        "marriage_book",
        "accident_report",
        "closeout_report",
        "doctor_statement",
        "chronology",
        "medical_receipts",
        "bank_book",
        "npwp",
    ]


def test_missing_documents_and_a_programmes_own_checklist():
    facts = DocumentFacts(Kind.JKM_DEATH)
    received = ["kpj_card", "ktp_deceased", "ktp_heir", "family_card", "death_certificate"]
    assert codes(c.missing_documents(facts, received)) == ["heir_statement", "bank_book"]
    own = c.parse_checklist(
        '{"npwp_threshold": 10, "documents": [{"code": "x", "kinds": ["jkm_death"], '
        '"condition": "amount_above", "id": "X id", "en": "X en"}]}'
    )
    assert own.npwp_threshold == 10
    assert own.documents == (
        c.Document("x", frozenset({Kind.JKM_DEATH}), c.Condition.AMOUNT_ABOVE, "X id", "X en"),
    )
    assert codes(c.required_documents(DocumentFacts(Kind.JKM_DEATH, amount=11), own)) == ["x"]
    assert codes(c.required_documents(DocumentFacts(Kind.JKM_DEATH, amount=10), own)) == []
    assert codes(c.missing_documents(DocumentFacts(Kind.JKM_DEATH, amount=11), [], own)) == ["x"]
    assert c.CHECKLIST.npwp_threshold == 50_000_000


def test_an_optional_document_is_offered_but_never_required():
    photo = next(doc for doc in c.CHECKLIST.documents if doc.code == "handover_photo")
    assert photo.condition is c.Condition.OPTIONAL
    assert photo.kinds == frozenset(Kind)
    for kind in Kind:
        every = DocumentFacts(kind, spouse_claims=True, traffic_accident=True, amount=10**9)
        assert "handover_photo" not in codes(c.required_documents(every))
        assert "handover_photo" not in codes(c.missing_documents(every, []))


def test_every_shipped_document_has_both_labels():
    assert len(c.CHECKLIST.documents) == 17
    for doc in c.CHECKLIST.documents:
        assert doc.label_id
        assert doc.label_en
        assert doc.label_id != doc.label_en
        assert doc.kinds
