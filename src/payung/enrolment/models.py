"""Registration with BPJS Ketenagakerjaan in batches, the KPJ it returns, and coverage periods.

An approved candidacy is sent in a ``RegistrationBatch`` (one ``RegistrationLine`` each). BPJS's
answer gives each line a KPJ (the candidacy becomes ``enrolled``: an ``Enrolment`` with its first
``Coverage`` period) or a refusal with BPJS's reason (the candidacy stays approved, back with the
labour office). A coverage period is whole months from ``start`` to ``last_month``; an early end
keeps its date and reason and moves ``last_month`` to the month of the end.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.domain._digits import mask
from payung.domain.coverage import CoveragePeriod, EarlyEnd, EndReason
from payung.domain.period import Month
from payung.registry.fields import EncryptedTextField


class RegistrationBatch(models.Model):
    """Approved workers sent to BPJS together; ``answers`` records each answer file imported."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="registration_batches"
    )
    number = models.PositiveIntegerField()
    start_month = models.DateField(help_text="first day of the first covered month")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # [{sha256, file_name, at, registered, refused, unchanged, invalid}], oldest first.
    answers = models.JSONField(default=list, blank=True)

    scope_field = "programme__regency__code"
    scope_relation = "within"

    class Meta:
        ordering = ["programme_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="registration_batch_once")
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} #{self.number}"


class LineStatus(models.TextChoices):
    SENT = "sent", _("Sent, awaiting BPJS")
    REGISTERED = "registered", _("Registered by BPJS")
    REFUSED = "refused", _("Refused by BPJS")


class RegistrationLine(models.Model):
    batch = models.ForeignKey(RegistrationBatch, on_delete=models.CASCADE, related_name="lines")
    candidate = models.ForeignKey(
        "registry.Candidate", on_delete=models.PROTECT, related_name="registration_lines"
    )
    status = models.CharField(max_length=12, choices=LineStatus.choices, default=LineStatus.SENT)
    refusal_reason = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    scope_field = "candidate__village__code"
    scope_relation = "within"

    class Meta:
        ordering = ["batch_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "candidate"], name="registration_line_once")
        ]
        indexes = [models.Index(fields=["candidate", "status"])]

    def __str__(self) -> str:
        return f"{self.batch_id}/{self.candidate_id}: {self.status}"


class Enrolment(models.Model):
    """A candidacy BPJS registered: the KPJ (encrypted, found by its blind index) and, set by the
    finance app's arrears check, the month the worker became inactive for unpaid contributions."""

    candidate = models.OneToOneField(
        "registry.Candidate", on_delete=models.PROTECT, related_name="enrolment"
    )
    person = models.ForeignKey(
        "registry.Person", on_delete=models.PROTECT, related_name="enrolments"
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="enrolments"
    )
    village = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    batch = models.ForeignKey(RegistrationBatch, on_delete=models.PROTECT, related_name="+")
    kpj = EncryptedTextField(context="kpj")
    kpj_index = models.CharField(max_length=64, unique=True)
    enrolled_at = models.DateTimeField()
    inactive_from = models.DateField(null=True, blank=True)

    scope_field = "village__code"
    scope_relation = "within"

    class Meta:
        ordering = ["programme_id", "village_id", "pk"]
        indexes = [models.Index(fields=["programme", "village"])]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.programme_id} ({self.kpj_masked})"

    @property
    def kpj_masked(self) -> str:
        return mask(self.kpj)


class CoverageEnd(models.TextChoices):
    """``payung.domain.coverage.EndReason`` with labels."""

    DIED = EndReason.DIED.value, _("Died")
    MOVED_AWAY = EndReason.MOVED_AWAY.value, _("Moved away")
    WAGE_EMPLOYMENT = EndReason.WAGE_EMPLOYMENT.value, _("Took wage employment")
    WITHDREW = EndReason.WITHDREW.value, _("Withdrew")
    INELIGIBLE = EndReason.INELIGIBLE.value, _("Found ineligible")


class Coverage(models.Model):
    """One coverage period: ``months`` granted from ``start``; ``last_month`` is the last month
    covered and billed (the granted end, or the month of an early end)."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="coverages")
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateField()
    months = models.PositiveSmallIntegerField(default=12)
    last_month = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=16, blank=True, choices=CoverageEnd.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_field = "enrolment__village__code"
    scope_relation = "within"

    class Meta:
        ordering = ["enrolment_id", "start"]
        indexes = [models.Index(fields=["programme", "start", "last_month"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_month__gte=models.F("start")),
                name="coverage_last_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.start:%Y-%m}..{self.last_month:%Y-%m}"

    @property
    def period(self) -> CoveragePeriod:
        early = (
            EarlyEnd(self.ended_on, EndReason(self.end_reason))
            if self.ended_on is not None
            else None
        )
        return CoveragePeriod(Month.of(self.start), self.months, early)
