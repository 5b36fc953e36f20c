"""Protection programmes and their places per village or district."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.domain.period import Month, MonthSpan
from payung.domain.programme import PayerModel, ProgrammeTerms, QuotaModel


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class Programme(models.Model):
    """A regency's programme, as its legal basis sets it up.

    Rates, eligibility rules, budgets per payer and bills hang off a programme in later stages;
    the figures kept here are the ones the legal basis states.
    """

    regency = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    legal_basis = models.CharField(max_length=300)
    year = models.PositiveSmallIntegerField()
    coverage_start = models.DateField(help_text="first day of the first covered month")
    coverage_months = models.PositiveSmallIntegerField(default=12)
    payer_model = models.CharField(max_length=32, choices=[(p.value, p.value) for p in PayerModel])
    quota_model = models.CharField(max_length=32, choices=[(q.value, q.value) for q in QuotaModel])
    quota_per_village = models.PositiveIntegerField(null=True, blank=True)
    quota_total = models.PositiveIntegerField(null=True, blank=True)
    # Whole rupiah. A per-village programme states its budget per village; otherwise in total.
    budget_per_village = models.BigIntegerField(null=True, blank=True)
    budget_total_stated = models.BigIntegerField(null=True, blank=True)
    target_workers = models.PositiveIntegerField(null=True, blank=True)
    target_note = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=16, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_field = "regency__code"
    scope_relation = "overlaps"

    class Meta:
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["regency", "name", "year"], name="programme_unique"),
            models.CheckConstraint(
                condition=models.Q(budget_per_village__gte=0) | models.Q(budget_per_village=None),
                name="programme_budget_per_village_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(budget_total_stated__gte=0) | models.Q(budget_total_stated=None),
                name="programme_budget_total_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    @property
    def payer(self) -> PayerModel:
        return PayerModel(self.payer_model)

    @property
    def quotas(self) -> QuotaModel:
        return QuotaModel(self.quota_model)

    @property
    def period(self) -> MonthSpan:
        return MonthSpan(Month.of(self.coverage_start), self.coverage_months)

    def terms(self, *, village_count: int) -> ProgrammeTerms:
        per_village = self.quotas is QuotaModel.PER_VILLAGE
        budget = (
            (self.budget_per_village or 0) * village_count
            if per_village
            else (self.budget_total_stated or 0)
        )
        district_quotas = None
        if self.quotas is QuotaModel.TOTAL_BY_DISTRICT:
            district_quotas = {
                a.region_id: a.quota for a in self.areas.all() if a.region_id != self.regency_id
            }
        return ProgrammeTerms(
            quota_model=self.quotas,
            period=self.period,
            budget_total=budget,
            quota_per_village=self.quota_per_village,
            quota_total=self.quota_total,
            district_quotas=district_quotas,
            village_count=village_count,
        )


class ProgrammeArea(models.Model):
    """Places of one area: a village for a per-village quota, a district for a split total, the
    regency itself for a plain total. (An area's budget is its payer's budget line, in
    ``payung.budgets``: ADR 0033.)

    ``taken`` counts the candidacies holding one of the places (approved or enrolled). Approval
    raises it with one conditional ``UPDATE … WHERE taken < quota`` (``screening.places``), so
    concurrent approvals cannot pass the quota; the check constraint is the database's own guard.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="areas")
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    quota = models.PositiveIntegerField()
    taken = models.PositiveIntegerField(default=0)

    scope_field = "region__code"
    scope_relation = "within"

    class Meta:
        ordering = ["region_id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "region"], name="area_unique"),
            models.CheckConstraint(
                condition=models.Q(taken__lte=models.F("quota")), name="area_taken_within_quota"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_id}/{self.region_id}: {self.taken}/{self.quota}"

    @property
    def free(self) -> int:
        return self.quota - self.taken
