"""Payers, their budget lines, and the rates a programme's places are costed and billed at.

Rates and reliefs are effective-dated rows (``programme`` empty: reference data every programme
reads, loaded from ``payung/data/contribution_rates.json``; otherwise a programme's own price).
A ``Payer`` is who pays for a programme's workers (the regency, or each village); a ``Budget`` is
its line for a year. The tables keep the names they had in the finance app (ADR 0033).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateKind(models.TextChoices):
    BPU = "bpu", _("BPU formula (JKK % of income, JKM flat)")
    FLAT = "flat", _("Flat price per worker-month")


class RateVersion(models.Model):
    programme = models.ForeignKey(
        "programmes.Programme",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rate_versions",
    )
    scheme = models.CharField(max_length=40)
    kind = models.CharField(max_length=8, choices=RateKind.choices)
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    jkk_percent = models.DecimalField(max_digits=6, decimal_places=3, null=True, blank=True)
    lowest_income = models.BigIntegerField(null=True, blank=True)
    jkm_monthly = models.BigIntegerField(null=True, blank=True)
    flat_monthly = models.BigIntegerField(null=True, blank=True)
    basis = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # Reference rows (no programme) are national law, read by every programme's rate table.
    scope_field = "programme__regency__code"
    scope_relation = "overlaps"

    class Meta:
        db_table = "finance_rateversion"  # kept from the finance app (ADR 0033)
        ordering = ["scheme", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "scheme", "effective_from"], name="rate_version_once"
            ),
            models.UniqueConstraint(
                fields=["scheme", "effective_from"],
                condition=models.Q(programme=None),
                name="reference_rate_version_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme} from {self.effective_from:%Y-%m}"


class Relief(models.Model):
    """A reduction such as PP 50/2025: ``windows`` maps a sector to ``{"start": "2026-01",
    "months": 15}``; ``excluded_payers`` lists the ``PayerModel`` values it does not apply to."""

    programme = models.ForeignKey(
        "programmes.Programme", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=80)
    percent_off = models.DecimalField(max_digits=6, decimal_places=3)
    windows = models.JSONField()
    excluded_payers = models.JSONField(default=list)
    basis = models.CharField(max_length=300, blank=True)

    scope_field = "programme__regency__code"
    scope_relation = "overlaps"

    class Meta:
        db_table = "finance_relief"  # kept from the finance app (ADR 0033)
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["programme", "name"], name="relief_once")]

    def __str__(self) -> str:
        return self.name


class FinanceTerms(models.Model):
    """A programme's billing parameters: its rate scheme, the arrears rule, the budget warning."""

    programme = models.OneToOneField(
        "programmes.Programme", on_delete=models.CASCADE, related_name="finance_terms"
    )
    scheme = models.CharField(max_length=40, default="bpu")
    arrears_months = models.PositiveSmallIntegerField(default=3)
    warn_at_percent = models.DecimalField(max_digits=5, decimal_places=2, default=90)

    scope_field = "programme__regency__code"
    scope_relation = "overlaps"

    class Meta:
        db_table = "finance_financeterms"  # kept from the finance app (ADR 0033)

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.scheme}"


class Payer(models.Model):
    """Who receives a programme's bills: the regency, or each village (``PayerModel``)."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, related_name="payers"
    )
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")

    scope_field = "region__code"
    scope_relation = "within"

    class Meta:
        db_table = "finance_payer"  # kept from the finance app (ADR 0033)
        ordering = ["programme_id", "region_id"]
        constraints = [models.UniqueConstraint(fields=["programme", "region"], name="payer_once")]

    def __str__(self) -> str:
        return f"{self.programme_id}/{self.region_id}"


class Budget(models.Model):
    payer = models.ForeignKey(Payer, on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField()
    amount = models.BigIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    scope_field = "payer__region__code"
    scope_relation = "within"

    class Meta:
        db_table = "finance_budget"  # kept from the finance app (ADR 0033)
        ordering = ["payer_id", "year"]
        constraints = [
            models.UniqueConstraint(fields=["payer", "year"], name="budget_once"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="budget_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.payer_id} {self.year}: {self.amount}"
