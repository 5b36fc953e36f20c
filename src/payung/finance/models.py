"""Monthly bills, payments and BPJS's invoices (payers, budgets and rates: ``payung.budgets``).

A ``BillMonth`` is one payer's bill for one contribution month: once issued its ``BillLine`` rows
never change; corrections are ``AdjustmentLine`` rows on the same bill. ``Price`` keeps each
distinct contribution a month's lines were priced at, with its components and reasons, so 10⁶
lines share a few rows instead of each carrying its own: it is part of the bill (frozen with it),
not a rate, so it stays here (ADR 0033).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from payung.budgets.models import Payer
from payung.domain.occupations import Sector
from payung.domain.period import Month


class Price(models.Model):
    """One worker-month's contribution for a programme, month, sector and declared income
    (``income_key`` -1 when unknown), with its components (``charges``) and reasons (``notes``)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()
    sector = models.CharField(max_length=16, choices=[(s.value, s.value) for s in Sector])
    income_key = models.BigIntegerField()
    amount = models.BigIntegerField()
    full_amount = models.BigIntegerField()
    scheme = models.CharField(max_length=40)
    basis = models.CharField(max_length=300, blank=True)
    charges = models.JSONField()
    notes = models.JSONField(default=list)

    scope_field = "programme__regency__code"
    scope_relation = "overlaps"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "month", "sector", "income_key"], name="price_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.sector} {self.income_key}: {self.amount}"


class BillMonth(models.Model):
    """One payer's bill for one contribution month; frozen once issued (it exists)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="bills"
    )
    payer = models.ForeignKey(Payer, on_delete=models.PROTECT, related_name="bills")
    month = models.DateField()
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    line_count = models.PositiveIntegerField(default=0)
    total = models.BigIntegerField(default=0)  # of the issued lines; adjustments come on top

    scope_field = "payer__region__code"
    scope_relation = "within"

    class Meta:
        ordering = ["programme_id", "month", "payer_id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "payer", "month"], name="bill_month_once")
        ]

    def __str__(self) -> str:
        return f"{self.payer_id} {self.month:%Y-%m}"

    @property
    def contribution_month(self) -> Month:
        return Month.of(self.month)


class BillLine(models.Model):
    # A month of 10^6 lines pays for every index: the bill's is the unique one's first column,
    # a price's lines are never looked up.
    bill = models.ForeignKey(
        BillMonth, on_delete=models.PROTECT, related_name="lines", db_index=False
    )
    enrolment = models.ForeignKey(
        "enrolment.Enrolment", on_delete=models.PROTECT, related_name="bill_lines"
    )
    price = models.ForeignKey(Price, on_delete=models.PROTECT, related_name="+", db_index=False)
    amount = models.BigIntegerField()

    scope_field = "bill__payer__region__code"
    scope_relation = "within"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bill", "enrolment"], name="bill_line_once")]

    def __str__(self) -> str:
        return f"{self.bill_id}/{self.enrolment_id}: {self.amount}"


class AdjustmentLine(models.Model):
    """A correction of a frozen month: ``due`` now instead of ``billed`` so far."""

    bill = models.ForeignKey(BillMonth, on_delete=models.PROTECT, related_name="adjustments")
    enrolment = models.ForeignKey(
        "enrolment.Enrolment", on_delete=models.PROTECT, related_name="adjustments"
    )
    billed = models.BigIntegerField()
    due = models.BigIntegerField()
    amount = models.BigIntegerField()
    # What is due now and why (the components and notes of the contribution; empty when nothing
    # is due any more): a retroactive rate correction must not borrow the price of the issue.
    charges = models.JSONField(default=list)
    notes = models.JSONField(default=list)
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    scope_field = "bill__payer__region__code"
    scope_relation = "within"

    class Meta:
        ordering = ["bill_id", "pk"]

    def __str__(self) -> str:
        return f"{self.bill_id}/{self.enrolment_id}: {self.amount:+}"


class Payment(models.Model):
    bill = models.ForeignKey(BillMonth, on_delete=models.PROTECT, related_name="payments")
    amount = models.BigIntegerField()
    paid_on = models.DateField()
    reference = models.CharField(max_length=100)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    scope_field = "bill__payer__region__code"
    scope_relation = "within"

    class Meta:
        ordering = ["bill_id", "paid_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_positive")
        ]

    def __str__(self) -> str:
        return f"{self.bill_id}: {self.amount} on {self.paid_on}"


class Invoice(models.Model):
    """An invoice (tagihan) file from BPJS Ketenagakerjaan, imported once (by its hash)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="invoices"
    )
    file_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    line_count = models.PositiveIntegerField(default=0)

    scope_field = "programme__regency__code"
    scope_relation = "within"

    class Meta:
        ordering = ["programme_id", "-imported_at"]
        constraints = [models.UniqueConstraint(fields=["programme", "sha256"], name="invoice_once")]

    def __str__(self) -> str:
        return self.file_name


class InvoiceLine(models.Model):
    """One worker-month BPJS invoiced; ``key`` is the KPJ's blind index (or ``nik:`` + the NIK's
    when BPJS gave no KPJ), ``enrolment`` the worker it was matched to, if any."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    month = models.DateField()
    key = models.CharField(max_length=80)
    masked = models.CharField(max_length=20)
    enrolment = models.ForeignKey(
        "enrolment.Enrolment", null=True, on_delete=models.PROTECT, related_name="+"
    )
    amount = models.BigIntegerField()

    scope_field = "invoice__programme__regency__code"
    scope_relation = "within"

    class Meta:
        indexes = [models.Index(fields=["invoice", "month"])]

    def __str__(self) -> str:
        return f"{self.invoice_id} {self.month:%Y-%m} {self.masked}: {self.amount}"
