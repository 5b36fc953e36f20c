"""Was the worker covered on the event's date? The existing coverage reading, said in words.

Enrolment's :func:`~payung.enrolment.selectors.coverage_on` finds the coverage period holding the
day (and so the programme and the KPJ); finance's :func:`~payung.finance.services.protection_of`
says whether the contributions were paid enough for it to protect: a run of the arrears rule's
unpaid months (3 unless the branch says otherwise) makes a worker inactive until a month is paid
again (``domain.coverage``). The decision is a fact about the worker, not a reading for the
reporter: it is made over every region (the system as actor), and shows only the programme and
the masked KPJ.

Each reason is an :class:`~payung.domain.errors.Issue` whose code is registered here with its
Indonesian and English words, so a claim stores codes and parameters and a page says them in its
reader's language: ``tidak aktif: iuran Maret–Mei 2026 belum dibayar``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from payung.access.actor import System
from payung.domain._digits import mask
from payung.domain.coverage import MonthState, Protection
from payung.domain.errors import Issue, note, register, warning
from payung.domain.period import Month, day_text, month_range
from payung.enrolment.models import Enrolment
from payung.enrolment.selectors import coverage_on
from payung.finance.services import protection_of
from payung.registry.models import Person

COVERED: Final = register(
    "claim_coverage.covered",
    id="Terlindungi pada {day} oleh program {programme}, KPJ {kpj}.",
    en="Covered on {day} by the programme {programme}, KPJ {kpj}.",
)
GRACE: Final = register(
    "claim_coverage.grace",
    id="Masih terlindungi, tetapi iuran {months_id} belum dibayar (masa tenggang).",
    en="Still protected, but the contributions of {months_en} are unpaid (grace).",
)
INACTIVE: Final = register(
    "claim_coverage.inactive",
    id="Tidak aktif: iuran {months_id} belum dibayar ({programme}, KPJ {kpj}).",
    en="Inactive: contributions for {months_en} unpaid ({programme}, KPJ {kpj}).",
)
NOT_ENROLLED: Final = register(
    "claim_coverage.not_enrolled",
    id="Tidak terlindungi pada {day}: tidak terdaftar pada program mana pun.",
    en="Not covered on {day}: not enrolled in any programme.",
)
OUTSIDE_PERIOD: Final = register(
    "claim_coverage.outside_period",
    id="Tidak terlindungi pada {day}: di luar periode perlindungan {programme} ({start} – {last}).",
    en="Not covered on {day}: outside the cover period of {programme} ({start} – {last}).",
)


def unpaid_run(state: Protection) -> tuple[Month, ...]:
    """The consecutive unpaid months up to the last month read (the event's month)."""
    if not state.months or state.months[-1].state is MonthState.PAID:
        return ()
    return tuple(s.month for s in state.months[-state.months[-1].unpaid_run :])


@dataclass(frozen=True)
class CoverageDecision:
    day: date
    covered: bool
    enrolment: Enrolment | None
    reasons: tuple[Issue, ...]


def coverage_decision(*, person: Person, day: date) -> CoverageDecision:
    """Covered or not on ``day``, by which programme and KPJ, and why."""
    answer = coverage_on(user=System("claims coverage check"), nik=person.nik, day=day)
    shown = day_text(day)
    if answer.enrolment is None:
        if not answer.periods:
            return CoverageDecision(day, False, None, (warning(NOT_ENROLLED, day=shown),))
        last = answer.periods[-1]
        outside = warning(
            OUTSIDE_PERIOD,
            day=shown,
            programme=str(last.enrolment.programme),
            start=f"{last.start:%Y-%m}",
            last=f"{last.last_month:%Y-%m}",
        )
        return CoverageDecision(day, False, last.enrolment, (outside,))
    enrolment = answer.enrolment
    programme, kpj = str(enrolment.programme), mask(enrolment.kpj)
    state = protection_of(enrolment, as_of=Month.of(day))
    run = unpaid_run(state)
    words = {
        "months_id": month_range(run[0], run[-1], "id") if run else "",
        "months_en": month_range(run[0], run[-1], "en") if run else "",
    }
    if state.inactive_from is not None:
        reason = warning(INACTIVE, programme=programme, kpj=kpj, **words)
        return CoverageDecision(day, False, enrolment, (reason,))
    reasons = [note(COVERED, day=shown, programme=programme, kpj=kpj)]
    if run:
        reasons.append(warning(GRACE, **words))
    return CoverageDecision(day, True, enrolment, tuple(reasons))
