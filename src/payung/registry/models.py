"""The worker registry: a person once, their heirs, and their participation in programmes.

A person (``Person``) is recorded once for the whole installation — one NIK, one record, enforced
by a unique blind index — and takes part in a programme through a ``Candidate`` row, so next
year's programme needs no re-entry. Screening, verification and quotas (issue 5) and enrolment
(issue 6) move a candidate along; the person stays.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.domain._digits import mask
from payung.domain.occupations import CATALOGUE
from payung.registry.fields import EncryptedTextField


class Source(models.TextChoices):
    VILLAGE_ENTRY = "village_entry", _("Village data entry")
    FILE_IMPORT = "file_import", _("File import")
    AGENCY_LIST = "agency_list", _("Agency list")


class Person(models.Model):
    nik = EncryptedTextField(context="nik")
    nik_index = models.CharField(max_length=64, unique=True)
    family_card = EncryptedTextField(context="kk", null=True, blank=True)
    family_card_index = models.CharField(max_length=64, blank=True, db_index=True)
    full_name = models.CharField(max_length=100)
    sex = models.CharField(max_length=1, choices=[("M", _("Male")), ("F", _("Female"))])
    birth_place = models.CharField(max_length=100, blank=True)
    birth_date = models.DateField()
    village = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    hamlet = models.CharField(max_length=100, blank=True)
    rt = models.CharField(max_length=3, blank=True)
    rw = models.CharField(max_length=3, blank=True)
    address = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=16, blank=True)
    occupation_code = models.CharField(
        max_length=40, blank=True, choices=[(o.code, o.name_en) for o in CATALOGUE]
    )
    occupation_text = models.CharField(max_length=100, blank=True)
    monthly_income = models.BigIntegerField(null=True, blank=True)
    mother_name = models.CharField(max_length=100, blank=True)
    decile = models.PositiveSmallIntegerField(null=True, blank=True)
    source = models.CharField(max_length=16, choices=Source.choices)
    source_batch = models.ForeignKey(
        "imports.ImportBatch", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when the labour office decided this record is the same person as another (a NIK typo,
    # a name written twice): the record stays, with its NIK, so that number keeps finding the
    # person, and everything else now lives on ``merged_into``.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )

    scope_field = "village__code"
    scope_relation = "within"

    class Meta:
        ordering = ["village_id", "full_name"]
        indexes = [models.Index(fields=["village", "full_name"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decile__gte=1, decile__lte=10) | models.Q(decile=None),
                name="person_decile_1_10",
            ),
            models.CheckConstraint(
                condition=models.Q(monthly_income__gte=0) | models.Q(monthly_income=None),
                name="person_income_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.nik_masked})"

    @property
    def nik_masked(self) -> str:
        return mask(self.nik)

    @property
    def subject_key(self) -> str:
        return f"person:{self.pk}"


class Heir(models.Model):
    """An heir (ahli waris) named for a JKM death benefit."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="heirs")
    name = models.CharField(max_length=100)
    relation = models.CharField(max_length=16)
    nik = EncryptedTextField(context="nik", null=True, blank=True)
    nik_index = models.CharField(max_length=64, blank=True, db_index=True)
    phone = models.CharField(max_length=16, blank=True)

    scope_field = "person__village__code"
    scope_relation = "within"

    def __str__(self) -> str:
        return f"{self.name} ({self.relation})"


class CandidateStatus(models.TextChoices):
    """The states of ``payung.domain.workflow.State``, with their labels."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted by the village")
    SCREENED = "screened", _("Screened")
    RETURNED = "returned", _("Returned to the village")
    REJECTED = "rejected", _("Rejected")
    VERIFIED = "verified", _("Verified")
    APPROVED = "approved", _("Approved")
    WAITLISTED = "waitlisted", _("Waiting list")
    ENROLLED = "enrolled", _("Enrolled")
    ENDED = "ended", _("Ended")
    MERGED = "merged", _("Merged: the person already takes part")


class Candidate(models.Model):
    """A person's participation in one programme, moved along ``payung.domain.workflow``.

    ``status_reason`` is the reason given with the last transition that needed one (what the
    village reads when a candidacy comes back); the full history is the audit trail.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="candidacies")
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="candidates"
    )
    village = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=16, choices=CandidateStatus.choices, default=CandidateStatus.DRAFT
    )
    source_batch = models.ForeignKey(
        "imports.ImportBatch", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    status_reason = models.TextField(blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    scope_field = "village__code"
    scope_relation = "within"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "programme"], name="candidate_once")
        ]
        indexes = [models.Index(fields=["programme", "status", "village"])]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.programme_id}"
