"""The reconciliation report (issue 14 item 2): where what Payung holds and what BPJS
Ketenagakerjaan answered disagree, for one contribution month or for every month BPJS invoiced.

Two kinds of answer are reconciled:

* **BPJS's invoice** against Payung's bills, worker by worker and month — through
  ``finance.selectors.reconciliation`` (the page ``/finance/<programme>/reconciliation/`` reads
  the same), which nets each worker-month's bill lines and adjustments and matches BPJS's lines
  by the KPJ's blind index: billed but not invoiced, invoiced but not billed, amounts differ;
* **BPJS's registration answer**: a worker Payung approved and sent whom BPJS refused, still
  approved (not registered by a later batch, not ended).

Each difference is listed with the worker's name and masked NIK, the village, what Payung holds,
what BPJS answered, the kind in words and the rupiah (invoice − bill); then a summary per kind
and the month totals. Capability ``manage_finance`` (as the reconciliation page); a programme
outside the reader's region is "not found".
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Final

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from payung.access.actor import Actor
from payung.access.scope import require, scoped
from payung.domain import billing as b
from payung.domain.money import format_rupiah
from payung.domain.period import Month, month_range
from payung.domain.roles import Capability
from payung.domain.workflow import State
from payung.edge.pages import language
from payung.enrolment.models import Enrolment, LineStatus, RegistrationLine
from payung.finance.models import BillMonth, InvoiceLine
from payung.finance.selectors import reconciliation
from payung.programmes.models import Programme
from payung.reports.report import Cell, Column, Report, Table
from payung.reports.signing import (
    month_words,
    programme_readable,
    reader_region,
    region_name,
    region_words,
    signature_for,
)

REFUSED: Final = "registration_refused"

# The kinds of difference in words, in the order of the summary table.
KIND_WORDS: Final = {
    b.DifferenceKind.BILLED_NOT_INVOICED.value: _l("Billed by Payung, not invoiced by BPJS"),
    b.DifferenceKind.INVOICED_NOT_BILLED.value: _l("Invoiced by BPJS, not billed by Payung"),
    b.DifferenceKind.AMOUNT_DIFFERS.value: _l("Billed and invoiced amounts differ"),
    REFUSED: _l("Registration refused by BPJS"),
}


def _invoice_months(actor: Actor, programme: Programme) -> list[Month]:
    """The contribution months BPJS's imported invoices hold."""
    days = (
        scoped(InvoiceLine.objects.filter(invoice__programme=programme), actor)
        .order_by()
        .values_list("month", flat=True)
        .distinct()
    )
    return sorted({Month.of(day) for day in days})


def _billed_months(actor: Actor, programme: Programme) -> set[Month]:
    days = (
        scoped(BillMonth.objects.filter(programme=programme), actor)
        .order_by()
        .values_list("month", flat=True)
        .distinct()
    )
    return {Month.of(day) for day in days}


def _refusals(actor: Actor, programme: Programme, month: Month | None) -> list[RegistrationLine]:
    """The latest refusal of each candidacy BPJS refused and that is still approved, with no
    line of a later batch waiting for or given an answer."""
    lines = scoped(
        RegistrationLine.objects.filter(
            batch__programme=programme,
            status=LineStatus.REFUSED,
            candidate__status=State.APPROVED.value,
        ),
        actor,
    ).exclude(
        Exists(
            RegistrationLine.objects.filter(
                candidate=OuterRef("candidate"),
                status__in=[LineStatus.SENT, LineStatus.REGISTERED],
            )
        )
    )
    if month is not None:
        lines = lines.filter(batch__start_month=month.first_day)
    latest: dict[int, RegistrationLine] = {}
    for line in lines.select_related("batch", "candidate__person", "candidate__village").order_by(
        "candidate_id", "batch__number"
    ):
        latest[line.candidate_id] = line
    return list(latest.values())


def _kind_words(kind: str) -> str:
    return str(KIND_WORDS[kind])


def _payung_holds(difference: b.Difference) -> str:
    if difference.billed == 0:
        return _("Not billed")
    return _("Billed %(amount)s") % {"amount": format_rupiah(difference.billed)}


def _bpjs_answered(difference: b.Difference) -> str:
    if difference.invoiced == 0:
        return _("Not invoiced")
    return _("Invoiced %(amount)s") % {"amount": format_rupiah(difference.invoiced)}


def reconciliation_report(
    *,
    actor: Actor,
    programme: Programme,
    month: Month | None = None,
    now: datetime | None = None,
) -> Report:
    """The differences between Payung and BPJS for ``month`` (every month BPJS invoiced when
    ``None``), as ``actor`` may read them."""
    programme_readable(actor, programme)
    require(actor, Capability.MANAGE_FINANCE)
    region = reader_region(actor, programme)
    invoiced = _invoice_months(actor, programme)
    months = [month] if month is not None else invoiced
    detail: list[tuple[Month, str, str, str, str, str, str, int | None]] = []
    per_month: list[tuple[Cell, ...]] = []
    totals = [0, 0, 0, 0, 0]
    for m in months:
        result, rows = reconciliation(user=actor, programme=programme, month=m)
        keys = {row.difference.key for row in rows}
        villages = dict(
            scoped(
                Enrolment.objects.filter(programme=programme, kpj_index__in=keys), actor
            ).values_list("kpj_index", "village__name")
        )
        for row in rows:
            d = row.difference
            detail.append(
                (
                    m,
                    row.worker,
                    villages.get(d.key, ""),
                    _payung_holds(d),
                    _bpjs_answered(d),
                    d.kind.value,
                    row.kpj,
                    d.amount,
                )
            )
        figures = (
            result.billed_total,
            result.invoiced_total,
            result.difference_total,
            result.matched,
            len(result.differences),
        )
        totals = [a + f for a, f in zip(totals, figures, strict=True)]
        per_month.append((month_words(m), *figures))
    refusals = _refusals(actor, programme, month)
    for line in refusals:
        person = line.candidate.person
        detail.append(
            (
                Month.of(line.batch.start_month),
                f"{person.full_name} ({person.nik_masked})",
                line.candidate.village.name,
                _("Approved, sent to BPJS in batch %(number)s") % {"number": line.batch.number},
                _("Refused: %(reason)s") % {"reason": line.refusal_reason or "—"},
                REFUSED,
                "",
                None,
            )
        )
    order = list(KIND_WORDS)
    detail.sort(key=lambda r: (r[0], order.index(r[5]), r[2], r[1]))
    detail_table = Table(
        title=_("Differences between Payung and BPJS"),
        columns=(
            Column(_("Row"), "count"),
            Column(_("Month"), "text"),
            Column(_("Worker (masked NIK)"), "text"),
            Column(_("KPJ (masked)"), "text"),
            Column(_("Village"), "text"),
            Column(_("What Payung holds"), "text"),
            Column(_("What BPJS answered"), "text"),
            Column(_("Kind of difference"), "text"),
            Column(_("Difference (invoice less bill)"), "rupiah"),
        ),
        rows=tuple(
            (n, month_words(m), worker, kpj, village, ours, theirs, _kind_words(kind), amount)
            for n, (m, worker, village, ours, theirs, kind, kpj, amount) in enumerate(detail, 1)
        ),
        total=(
            None,
            _("Total"),
            None,
            None,
            None,
            None,
            None,
            None,
            sum(r[7] or 0 for r in detail),
        ),
    )
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for entry in detail:
        counts[entry[5]][0] += 1
        counts[entry[5]][1] += entry[7] or 0
    summary = Table(
        title=_("Differences per kind"),
        columns=(
            Column(_("Kind of difference"), "text"),
            Column(_("Number"), "count"),
            Column(_("Rupiah (invoice less bill)"), "rupiah"),
        ),
        rows=tuple(
            (_kind_words(kind), counts[kind][0], None if kind == REFUSED else counts[kind][1])
            for kind in order
        ),
        total=(_("Total"), len(detail), sum(c[1] for c in counts.values())),
        note=_("A refused registration has no amount: no contribution was billed for it."),
    )
    month_table = Table(
        title=_("Bills and BPJS's invoice per month"),
        columns=(
            Column(_("Month"), "text"),
            Column(_("Billed by Payung"), "rupiah"),
            Column(_("Invoiced by BPJS"), "rupiah"),
            Column(_("Difference (invoice less bill)"), "rupiah"),
            Column(_("Worker-months that match"), "count"),
            Column(_("Worker-months that differ"), "count"),
        ),
        rows=tuple(per_month),
        total=(_("Total"), *totals),
    )
    notes = [
        _(
            "Each worker's bill lines and adjustments of a month are added up and compared with "
            "BPJS's invoice lines of that month, matched by the participant number (KPJ)."
        ),
        _(
            "Difference: what BPJS invoiced less what Payung billed; negative where BPJS asks "
            "for less."
        ),
        _(
            "Refused registrations: workers approved and sent to BPJS whom BPJS refused, still "
            "waiting to be sent again (their month is the batch's first month)."
        ),
    ]
    unanswered = sorted(_billed_months(actor, programme) - set(invoiced))
    if month is None and unanswered:
        notes.append(
            _("Billed, but no invoice from BPJS imported yet: %(months)s.")
            % {"months": ", ".join(month_words(m) for m in unanswered)}
        )
    if month is not None and month not in invoiced:
        notes.append(
            _("No invoice from BPJS was imported for %(month)s.") % {"month": month_words(month)}
        )
    notes.append(
        _("Read within the working region of the user who made the report (%(region)s).")
        % {"region": region_name(region)}
    )
    seen = sorted({row[0] for row in detail} | set(months))
    period = (
        month_range(seen[0], seen[-1], language())
        if seen
        else month_range(programme.period.start, programme.period.end, language())
    )
    return Report(
        kind="reconciliation",
        title=_("Reconciliation with BPJS Ketenagakerjaan"),
        programme_name=str(programme),
        region_name=region_words(region),
        period=period,
        read_at=now or timezone.now(),
        tables=(detail_table, summary, month_table),
        signature=signature_for(actor, region),
        notes=tuple(notes),
    )


__all__ = ["KIND_WORDS", "reconciliation_report"]
