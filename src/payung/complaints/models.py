"""Complaints (pengaduan): anyone may file one on the public page, or a village files it for a
resident; the labour office or the village answers it within time limits counted in working
days (issue 14 item 6, ADR 0043).

A complaint's lifecycle (``payung.complaints.services.TRANSITIONS``)::

    received ──acknowledge──→ in_progress ──answer──→ answered ──close──→ closed
                                   ↑                      │
                                   └───────reopen─────────┘

``tell`` (the village told the complainant the answer) is recorded on an answered or closed
complaint and changes no status. The complaint's text, the complainant's name and contact and
the answer are personal data: encrypted at rest, never in a URL, a log or the audit trail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.registry.fields import EncryptedTextField

TEXT_MAX = 2000  # characters of a complaint's text or an answer
NAME_MAX = 120
CONTACT_MAX = 120


class ComplaintCategory(models.TextChoices):
    WORKER_LEFT_OUT = "worker_left_out", _("A worker was left out")
    WRONG_DATA = "wrong_data", _("Wrong data")
    LATE_CLAIM = "late_claim", _("A claim is late")
    OTHER = "other", _("Something else")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class FiledVia(models.TextChoices):
    PUBLIC = "public", _("Public form")
    VILLAGE = "village", _("Filed by the village")


class Complaint(models.Model):
    """One complaint, its public tracking code (the PIN only as a hash), its time limits and
    each step's moment and who took it."""

    code = models.CharField(max_length=16, unique=True)  # ADU-XXXXXXXX, given to the complainant
    pin_hash = models.CharField(max_length=128)  # the PIN, given once, kept as a password hash
    programme = models.ForeignKey(
        "programmes.Programme", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    village = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=20, choices=ComplaintCategory.choices)
    text = EncryptedTextField(context="complaint_text")
    complainant_name = EncryptedTextField(context="complaint_name")
    complainant_contact = EncryptedTextField(context="complaint_contact", null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    via = models.CharField(max_length=8, choices=FiledVia.choices)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_by_label = models.CharField(max_length=200)
    filed_at = models.DateTimeField()
    respond_due = models.DateField()  # acknowledged by then (PAYUNG_COMPLAINT_RESPOND_DAYS)
    answer_due = models.DateField()  # answered by then (PAYUNG_COMPLAINT_ANSWER_DAYS)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = EncryptedTextField(context="complaint_answer", null=True, blank=True)
    answered_by_label = models.CharField(max_length=200, blank=True)
    told_at = models.DateTimeField(null=True, blank=True)  # the village told the complainant
    told_by_label = models.CharField(max_length=200, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by_label = models.CharField(max_length=200, blank=True)

    scope_field = "village__code"
    scope_relation = "within"

    class Meta:
        ordering = ["-filed_at", "-pk"]
        indexes = [models.Index(fields=["village", "status"])]

    def __str__(self) -> str:
        return f"complaint {self.pk} ({self.category}, {self.status})"
