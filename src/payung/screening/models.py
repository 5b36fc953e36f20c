"""Rule sets, each candidate's latest screening, and notices to villages.

The workflow itself (which state a candidacy is in) lives on ``registry.Candidate``; its rules
are ``payung.domain.workflow``. The history of every screening and transition is the audit trail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.domain.eligibility import Decision


class RuleSetVersion(models.Model):
    """One version of a programme's eligibility rules (``domain.eligibility.RuleSet`` as JSON).

    A change makes a new version; screenings keep the version they were made under.
    """

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="rule_sets"
    )
    version = models.PositiveIntegerField()
    rules = models.JSONField()
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    scope_field = "programme__regency__code"
    scope_relation = "overlaps"

    class Meta:
        ordering = ["programme_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "version"], name="rule_set_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} v{self.version}"


class Screening(models.Model):
    """The latest screening of one candidacy: decision, every finding, the rule-set version."""

    candidate = models.OneToOneField(
        "registry.Candidate", on_delete=models.CASCADE, primary_key=True, related_name="screening"
    )
    rule_set = models.ForeignKey(RuleSetVersion, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(
        max_length=12,
        choices=[
            (Decision.ELIGIBLE.value, _("Eligible")),
            (Decision.REVIEW.value, _("To be checked")),
            (Decision.INELIGIBLE.value, _("Not eligible")),
        ],
    )
    findings = models.JSONField(default=list)  # [{rule, outcome, code, params}]
    # The waiting-list order (``domain.eligibility.priority_key``): smallest first.
    priority_key = models.CharField(max_length=64, blank=True)
    screened_at = models.DateTimeField()

    scope_field = "candidate__village__code"
    scope_relation = "within"

    class Meta:
        indexes = [models.Index(fields=["decision"]), models.Index(fields=["priority_key"])]

    def __str__(self) -> str:
        return f"{self.candidate_id}: {self.decision}"


class Notice(models.Model):
    """Something a village must know: a place offered from the waiting list, a return."""

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    candidate = models.ForeignKey(
        "registry.Candidate", on_delete=models.CASCADE, related_name="notices"
    )
    code = models.CharField(max_length=64)
    params = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    scope_field = "region__code"
    scope_relation = "within"

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.region_id}: {self.code}"
