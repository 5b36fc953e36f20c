"""Payments, BPJS's invoice file, and the arrears flag. Bills are in ``billing.py``, budgets in
``budgets.py``, rates in ``rates.py``; every write is one audited transaction.

A bill counts as paid once its payments cover what it asks (the issued total plus adjustments);
every worker on it then has that month paid. :func:`arrears_update` applies the domain's arrears
rule (``domain.coverage.protection``) to each enrolled worker's covered and paid months and flags
the workers who became inactive (``Enrolment.inactive_from``), or clears the flag when a payment
resumed their protection.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q, Sum

from payung.access.actor import Actor, actor_pk
from payung.access.scope import require, require_region
from payung.audit.services import AuditItem, audit_bulk, audit_record
from payung.budgets.rates import finance_terms
from payung.domain._digits import mask
from payung.domain.coverage import ArrearsRule, Protection, protection
from payung.domain.errors import DomainError, register
from payung.domain.kpj import parse_kpj
from payung.domain.money import rupiah
from payung.domain.nik import parse_nik
from payung.domain.period import Month
from payung.domain.roles import Capability
from payung.enrolment.models import Coverage, Enrolment
from payung.enrolment.services import kpj_index
from payung.files.columns import find_columns
from payung.files.reader import read_table, sha256_of
from payung.finance.models import AdjustmentLine, BillLine, BillMonth, Invoice, InvoiceLine, Payment
from payung.jobs.models import Job, JobStatus
from payung.jobs.services import job_enqueue
from payung.programmes.models import Programme
from payung.registry.values import nik_index

PAYMENT_REFERENCE = register(
    "payment.reference",
    id="Pembayaran wajib disertai nomor referensi (bukti transfer, SP2D).",
    en="A payment needs a reference (transfer slip, SP2D number).",
)
INVOICE_KEY = register(
    "invoice.no_key",
    id="Baris tagihan BPJS tanpa KPJ maupun NIK.",
    en="A BPJS invoice row has neither a KPJ nor a NIK.",
)
INVOICE_MONTH = register(
    "invoice.month",
    id="Bulan iuran '{value}' tidak dikenali; gunakan bentuk 2026-01.",
    en="Contribution month '{value}' is not recognised; use the form 2026-01.",
)

ARREARS_JOB = "finance.arrears"  # the job's kind; its handler is in ``finance.jobs``

INVOICE_COLUMNS = {
    "kpj": ("KPJ", "No. KPJ", "Nomor KPJ", "No Peserta", "Nomor Peserta"),
    "nik": ("NIK", "No. NIK", "Nomor NIK", "No KTP"),
    "month": ("Bulan", "Bulan Iuran", "Periode", "Periode Iuran", "Month"),
    "amount": ("Iuran", "Jumlah", "Jumlah Iuran", "Nominal", "Total Iuran", "Amount"),
}


# ---------------------------------------------------------------------------------------------
# Payments


@transaction.atomic
def payment_record(
    *, actor: Actor, bill: BillMonth, amount: int, paid_on: date, reference: str
) -> Payment:
    require(actor, Capability.MANAGE_FINANCE)
    require_region(actor, bill.payer.region_id)
    if not reference.strip():
        raise DomainError(PAYMENT_REFERENCE)
    payment = Payment.objects.create(
        bill=bill,
        amount=rupiah(amount),
        paid_on=paid_on,
        reference=reference.strip(),
        recorded_by_id=actor_pk(actor),
    )
    audit_record(
        actor=actor,
        action="payment.record",
        target=payment,
        after={
            "bill": bill.pk,
            "month": str(bill.contribution_month),
            "amount": payment.amount,
            "paid_on": paid_on.isoformat(),
            "reference": payment.reference,
        },
    )
    return payment


def _per_bill(rows: Any) -> defaultdict[int, int]:
    """Bill id → the sum of ``rows``' amounts (0 for a bill without any)."""
    return defaultdict(int, rows.values("bill").annotate(s=Sum("amount")).values_list("bill", "s"))


def settled_bills(programme: Programme) -> set[int]:
    """The programme's bills whose payments cover the issued total and the adjustments."""
    adjusted = _per_bill(AdjustmentLine.objects.filter(bill__programme=programme))
    paid = _per_bill(Payment.objects.filter(bill__programme=programme))
    return {
        pk
        for pk, total in BillMonth.objects.filter(programme=programme).values_list("pk", "total")
        if paid[pk] >= total + adjusted[pk]
    }


# ---------------------------------------------------------------------------------------------
# Arrears


def _months(
    programme: Programme, enrolment_ids: list[int] | None = None
) -> tuple[dict[int, set[Month]], dict[int, set[Month]]]:
    """Per enrolment: its covered months, and the months paid (its line's bill settled)."""
    coverages = Coverage.objects.filter(programme=programme)
    lines = BillLine.objects.filter(bill_id__in=settled_bills(programme))
    if enrolment_ids is not None:
        coverages = coverages.filter(enrolment_id__in=enrolment_ids)
        lines = lines.filter(enrolment_id__in=enrolment_ids)
    covered: dict[int, set[Month]] = defaultdict(set)
    for coverage in coverages:
        covered[coverage.enrolment_id].update(coverage.period.covered)
    paid: dict[int, set[Month]] = defaultdict(set)
    for enrolment, month in lines.values_list("enrolment_id", "bill__month"):
        paid[enrolment].add(Month.of(month))
    return covered, paid


def protection_of(enrolment: Enrolment, *, as_of: Month) -> Protection:
    """The worker's covered months due by ``as_of``, each paid, in grace or inactive."""
    programme = enrolment.programme
    covered, paid = _months(programme, [enrolment.pk])
    rule = ArrearsRule(finance_terms(programme).arrears_months)
    return protection(covered[enrolment.pk], paid[enrolment.pk], as_of=as_of, rule=rule)


@dataclass
class ArrearsUpdate:
    inactive: int = 0  # flagged now
    resumed: int = 0  # flag cleared: paid again
    flagged: list[int] = field(default_factory=list)
    checked: int = 0  # enrolments looked at


@transaction.atomic
def arrears_update(*, actor: Actor, programme: Programme, as_of: Month) -> ArrearsUpdate:
    """Flag the workers inactive for unpaid contributions as of ``as_of`` (the last month due)."""
    require(actor, Capability.MANAGE_FINANCE)
    require_region(actor, programme.regency_id)
    rule = ArrearsRule(finance_terms(programme).arrears_months)
    covered, paid = _months(programme)
    result = ArrearsUpdate()
    changes: dict[str, list[AuditItem]] = defaultdict(list)
    enrolments = Enrolment.objects.select_for_update().filter(programme=programme).order_by("pk")
    for enrolment in enrolments:
        result.checked += 1
        state = protection(covered[enrolment.pk], paid[enrolment.pk], as_of=as_of, rule=rule)
        since = state.inactive_from.first_day if state.inactive_from else None
        if since == enrolment.inactive_from:
            continue
        before = enrolment.inactive_from
        enrolment.inactive_from = since
        enrolment.save(update_fields=["inactive_from"])
        action = "enrolment.inactive" if since else "enrolment.active"
        if since:
            result.inactive += 1
            result.flagged.append(enrolment.pk)
        else:
            result.resumed += 1
        changes[action].append(
            AuditItem(
                target=enrolment,
                before={"inactive_from": before.isoformat() if before else None},
                after={
                    "inactive_from": since.isoformat() if since else None,
                    "as_of": str(as_of),
                    "gap": [str(m) for m in state.gap],
                },
                subject_key=f"person:{enrolment.person_id}",
            )
        )
    for action, items in changes.items():
        audit_bulk(actor=actor, action=action, items=items)
    # One row per run, changes or not: who checked the programme's arrears, as of when.
    audit_record(
        actor=actor,
        action="arrears.update",
        target=programme,
        after={
            "as_of": str(as_of),
            "checked": result.checked,
            "inactive": result.inactive,
            "resumed": result.resumed,
        },
    )
    return result


def arrears_job_enqueue(*, actor: Actor, programme: Programme, as_of: Month) -> Job:
    """Queue :func:`arrears_update` as a background job (``finance.arrears``); the same update
    already queued or running is given back instead of a second one."""
    require(actor, Capability.MANAGE_FINANCE)
    require_region(actor, programme.regency_id)
    params = {"programme": programme.pk, "as_of": str(as_of)}
    pending = Job.objects.filter(
        kind=ARREARS_JOB,
        params__programme=programme.pk,
        params__as_of=str(as_of),
        status__in=[JobStatus.QUEUED, JobStatus.RUNNING],
    ).first()
    if pending is not None:
        return pending
    return job_enqueue(
        actor=actor, kind=ARREARS_JOB, params=params, region_code=programme.regency_id
    )


# ---------------------------------------------------------------------------------------------
# BPJS's invoice


@dataclass
class InvoiceImport:
    invoice: Invoice
    already: bool = False  # the same file was imported before: nothing changed
    problems: list[tuple[int, DomainError]] = field(default_factory=list)


def _invoice_month(value: object) -> Month:
    if isinstance(value, datetime | date):
        return Month.of(value)
    try:
        return Month.parse(str(value).strip()[:7])
    except DomainError:
        raise DomainError(INVOICE_MONTH, value=str(value)) from None


def _amount(value: object) -> int:
    # A spreadsheet's number arrives as a float; a whole one is taken, a fraction is refused.
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return rupiah(value if not isinstance(value, str) else value.strip())


def invoice_import(
    *, actor: Actor, programme: Programme, path: Path, file_name: str
) -> InvoiceImport:
    """Store BPJS's invoice (KPJ or NIK, month, amount per worker), matched to enrolments.

    The file is recognised by its hash: importing it again changes nothing.
    """
    require(actor, Capability.MANAGE_FINANCE)
    require_region(actor, programme.regency_id)
    digest = sha256_of(path)
    known = Invoice.objects.filter(programme=programme, sha256=digest).first()
    if known is not None:
        return InvoiceImport(known, already=True)
    columns = find_columns(read_table(path), INVOICE_COLUMNS, required=("month", "amount"))
    enrolments = Enrolment.objects.filter(programme=programme)
    by_kpj = dict(enrolments.values_list("kpj_index", "pk"))
    by_nik = {
        nik: (pk, kpj)
        for nik, pk, kpj in enrolments.values_list("person__nik_index", "pk", "kpj_index")
    }
    problems: list[tuple[int, DomainError]] = []
    lines: list[InvoiceLine] = []
    for number, row in zip(columns.row_numbers, columns.rows, strict=True):
        try:
            month = _invoice_month(columns.cell(row, "month"))
            amount = _amount(columns.cell(row, "amount"))
            raw_kpj, raw_nik = columns.cell(row, "kpj"), columns.cell(row, "nik")
            if raw_kpj not in (None, ""):
                kpj = parse_kpj(raw_kpj)
                key, masked, enrolment = kpj_index(kpj), mask(kpj), by_kpj.get(kpj_index(kpj))
            elif raw_nik not in (None, ""):
                nik = parse_nik(raw_nik, reference_date=month.first_day).value
                match = by_nik.get(nik_index(nik))
                key = match[1] if match else "nik:" + nik_index(nik)
                masked, enrolment = mask(nik), match[0] if match else None
            else:
                raise DomainError(INVOICE_KEY)
        except DomainError as error:
            problems.append((number, error))
            continue
        lines.append(
            InvoiceLine(
                month=month.first_day, key=key, masked=masked, enrolment_id=enrolment, amount=amount
            )
        )
    with transaction.atomic():
        invoice = Invoice.objects.create(
            programme=programme,
            file_name=file_name,
            sha256=digest,
            imported_by_id=actor_pk(actor),
            line_count=len(lines),
        )
        for line in lines:
            line.invoice = invoice
        InvoiceLine.objects.bulk_create(lines, batch_size=2000)
        audit_record(
            actor=actor,
            action="invoice.import",
            target=invoice,
            after={
                "file_name": file_name,
                "sha256": digest,
                "lines": len(lines),
                "invalid": len(problems),
                "total": sum(line.amount for line in lines),
            },
        )
    return InvoiceImport(invoice, problems=problems)


def invoice_lines(programme: Programme, month: Month) -> Any:
    """BPJS's lines for ``month`` from the latest invoice that has any."""
    latest = (
        Invoice.objects.filter(programme=programme, lines__month=month.first_day)
        .order_by("-imported_at", "-pk")
        .first()
    )
    if latest is None:
        return InvoiceLine.objects.none()
    return latest.lines.filter(Q(month=month.first_day))
