"""Claims: a work accident or a death reported for a registered worker, the coverage decision on
the event's date, and the documents that prove it (issue 13).

A claim's lifecycle (the transition table is the domain's, ``payung.domain.claims``, merged
separately)::

    reported → coverage_checked → documents_complete → submitted → paid ─────┐
                                                                 ├ rejected    ├→ handed_over
                                                                 └ returned ───┘ (documents again)

This app sets only ``reported`` and ``coverage_checked`` (at report time, in one transaction).
Place, cause and chronology are specific personal data (UU 27/2022): encrypted at rest, never in
a URL or a log, masked in the audit trail; so are the documents' bytes.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.domain.errors import Issue, Severity
from payung.registry.fields import EncryptedTextField


class ClaimKind(models.TextChoices):
    JKK_ACCIDENT = "jkk_accident", _("Work accident (JKK)")
    JKK_DEATH = "jkk_death", _("Death from a work accident (JKK)")
    JKM_DEATH = "jkm_death", _("Death from another cause (JKM)")


class ClaimStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    COVERAGE_CHECKED = "coverage_checked", _("Coverage checked")
    DOCUMENTS_COMPLETE = "documents_complete", _("Documents complete")
    SUBMITTED = "submitted", _("Submitted to BPJS")
    PAID = "paid", _("Paid")
    REJECTED = "rejected", _("Rejected")
    RETURNED = "returned", _("Returned for documents")
    HANDED_OVER = "handed_over", _("Handed over")


class Claim(models.Model):
    """What Permenaker 1/2025 Pasal 48A asks of a report (the worker by NIK or KPJ; the
    chronology with place, cause, date and time; the reporter's name and phone), who recorded it
    and when, and the coverage decision on the event date with its reasons."""

    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="claims")
    village = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=ClaimKind.choices)
    on_the_way = models.BooleanField(default=False)  # JKK: on the way to or from work
    status = models.CharField(
        max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.REPORTED
    )
    event_date = models.DateField()
    event_time = models.TimeField()
    place = EncryptedTextField(context="claim_place")
    cause = EncryptedTextField(context="claim_cause")
    chronology = EncryptedTextField(context="claim_chronology")
    reporter_name = models.CharField(max_length=200)
    reporter_phone = models.CharField(max_length=20)  # E.164
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_by_label = models.CharField(max_length=200)  # the actor as the audit trail names it
    reported_at = models.DateTimeField()
    # The coverage decision on ``event_date`` (``claims.coverage.coverage_decision``).
    covered = models.BooleanField(null=True)
    enrolment = models.ForeignKey(
        "enrolment.Enrolment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    programme = models.ForeignKey(
        "programmes.Programme", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    coverage_reasons = models.JSONField(default=list, blank=True)  # [{code, params, severity}]
    coverage_checked_at = models.DateTimeField(null=True, blank=True)
    # The lifecycle's later steps (``domain.claims.TRANSITIONS``), each what its step carries.
    traffic_accident = models.BooleanField(default=False)  # a police report is then required
    claimant = models.ForeignKey(
        "registry.Heir", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )  # a death claim's claiming heir, recorded at submission
    documents_complete_on = models.DateField(null=True, blank=True)
    bpjs_claim_number = models.CharField(max_length=60, blank=True)  # BPJS's receipt number
    submitted_on = models.DateField(null=True, blank=True)
    paid_amounts = models.JSONField(default=dict, blank=True)  # {component: rupiah} as paid
    paid_on = models.DateField(null=True, blank=True)
    paid_reference = models.CharField(max_length=100, blank=True)
    rejection_reason = models.TextField(blank=True)
    return_reason = models.TextField(blank=True)  # what BPJS says is missing
    handed_over_on = models.DateField(null=True, blank=True)
    handed_over_by = models.CharField(max_length=200, blank=True)
    status_changed_by_label = models.CharField(max_length=200, blank=True)
    # What a JKK accident's benefits are computed on (issue 13 item 3), recorded as the claim's
    # documents establish it: days unable to work (STMB), a total permanent disability or the
    # partial-disability rows of ``data/benefit_tables.json`` (injuries: specific personal data,
    # encrypted, codes separated by commas), and the transport (mode and the amount claimed).
    days_off_work = models.PositiveIntegerField(default=0)
    total_disability = models.BooleanField(default=False)
    disabilities = EncryptedTextField(context="claim_disabilities", null=True, blank=True)
    transport_mode = models.CharField(max_length=8, blank=True)  # land | sea | air
    transport_claimed = models.BigIntegerField(default=0)

    scope_field = "village__code"
    scope_relation = "within"

    class Meta:
        ordering = ["-reported_at", "-pk"]
        indexes = [models.Index(fields=["village", "status"])]

    def __str__(self) -> str:
        return f"claim {self.pk} ({self.kind}, {self.status})"

    @property
    def reasons(self) -> tuple[Issue, ...]:
        """The coverage decision's reasons, to be said in the reader's language."""
        return tuple(
            Issue(r["code"], r.get("params", {}), Severity(r.get("severity", "info")))
            for r in self.coverage_reasons
        )

    def reasons_in(self, lang: str) -> list[dict[str, Any]]:
        return [{"severity": str(i.severity), "text": i.message(lang)} for i in self.reasons]

    @property
    def disability_codes(self) -> tuple[str, ...]:
        """The partial-disability rows recorded (``data/benefit_tables.json`` codes)."""
        return tuple(code for code in (self.disabilities or "").split(",") if code)


class ClaimDocument(models.Model):
    """One uploaded document of a claim: its type checked from its bytes, the bytes sealed with
    the installation's data key (``registry.crypto.seal``), never served to another region."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=40)  # the checklist's code (domain data, merged later)
    file_type = models.CharField(max_length=8)  # pdf | jpeg | png (payung.files.documents)
    file_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()  # sealed; read only through ``claims.services.document_open``
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    scope_field = "claim__village__code"
    scope_relation = "within"

    class Meta:
        ordering = ["claim_id", "pk"]

    def __str__(self) -> str:
        return f"{self.claim_id}/{self.kind}: {self.file_name}"


class SchoolLevelChoice(models.TextChoices):
    """``payung.domain.benefits.SchoolLevel``, with its labels."""

    TK = "tk", _("Kindergarten (TK)")
    SD = "sd", _("Primary school (SD)")
    SMP = "smp", _("Junior secondary (SMP)")
    SMA = "sma", _("Senior secondary (SMA)")
    HIGHER = "higher", _("Higher education or training")


class ClaimChild(models.Model):
    """A child of the deceased (or of a totally disabled worker) for the education benefit:
    the school level and grade in the school year the event falls in, and the day schooling
    support ends early (marriage or work) when known."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="children")
    name = models.CharField(max_length=100)
    birth_date = models.DateField()
    level = models.CharField(max_length=8, choices=SchoolLevelChoice.choices)
    grade = models.PositiveSmallIntegerField(default=1)
    ends_on = models.DateField(null=True, blank=True)

    scope_field = "claim__village__code"
    scope_relation = "within"

    class Meta:
        ordering = ["claim_id", "birth_date", "pk"]

    def __str__(self) -> str:
        return f"{self.claim_id}/child {self.pk}"


class UnclaimedStatus(models.TextChoices):
    OPEN = "open", _("Awaiting a decision")
    CLAIMED = "claimed", _("Claim reported")
    CLOSED = "closed", _("Closed")


class UnclaimedDeath(models.Model):
    """A "kemungkinan JKM belum diklaim" case: a death the regency learned of (a deaths list, a
    coverage ended because the worker died) of a worker covered on the death date, for whom no
    death claim was reported. Not a :class:`Claim`: it has none of what Pasal 48A asks of a
    report (the reporter, the chronology); the labour office turns it into one by reporting, or
    closes it with a reason. One per person: a person dies once, so a re-run opens nothing."""

    person = models.OneToOneField(
        "registry.Person", on_delete=models.PROTECT, related_name="unclaimed_death"
    )
    village = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    death_date = models.DateField()
    date_exact = models.BooleanField(default=False)  # False: at the latest (the list's date)
    enrolment = models.ForeignKey("enrolment.Enrolment", on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="+"
    )
    reasons = models.JSONField(default=list)  # [{code, params, severity}]: the match in words
    status = models.CharField(
        max_length=10, choices=UnclaimedStatus.choices, default=UnclaimedStatus.OPEN
    )
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    close_reason = models.CharField(max_length=500, blank=True)
    found_at = models.DateTimeField()
    found_by_label = models.CharField(max_length=200)
    decided_by_label = models.CharField(max_length=200, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    scope_field = "village__code"
    scope_relation = "within"

    class Meta:
        ordering = ["death_date", "pk"]
        indexes = [models.Index(fields=["village", "status"])]

    def __str__(self) -> str:
        return f"unclaimed death {self.pk} ({self.person_id}, {self.status})"

    def reasons_in(self, lang: str) -> list[dict[str, Any]]:
        return [
            {
                "severity": r.get("severity", "info"),
                "text": Issue(
                    r["code"], r.get("params", {}), Severity(r.get("severity", "info"))
                ).message(lang),
            }
            for r in self.reasons
        ]
