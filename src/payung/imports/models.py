"""Staged imports: a batch per uploaded file, a staged row per line, committed in chunks.

    uploaded ──validate──▶ validated ──commit──▶ committing ──(all chunks)──▶ committed
        │                     │  ▲                    │
        │                     └──┘ re-validate        └─ a crash leaves committed chunks
        └─▶ refused (the file itself is unusable)        recorded; commit again finishes

A staged row keeps its outcome and problem codes in clear (previews and error workbooks need no
decryption for them). The raw cells are kept, encrypted (they hold NIKs), for the rows an operator
will look at again: every row with a problem (the error workbook) and the first valid ones (the
preview). A row that passed every check also carries its clean values exactly as the registry
stores them — identity numbers already encrypted, with blind index and masked form — so the commit
copies them into the registry with a few set-based statements instead of validating again
(``imports/commit.py``; ADR 0016).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.domain.errors import Issue
from payung.registry.fields import EncryptedTextField


class BatchStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    NEEDS_MAPPING = "needs_mapping", _("Columns to be matched")
    VALIDATED = "validated", _("Checked")
    COMMITTING = "committing", _("Saving")
    COMMITTED = "committed", _("Saved")
    REFUSED = "refused", _("Refused")


class CommitMode(models.TextChoices):
    ALL_VALID = "all_valid", _("Only if every row is valid")
    VALID_ONLY = "valid_only", _("Valid rows only")


class ImportBatch(models.Model):
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="import_batches"
    )
    # The region the batch belongs to: the uploader's village, or the regency for agency lists.
    scope_region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    default_village = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size_bytes = models.BigIntegerField()
    file_format = models.CharField(max_length=8, blank=True)
    status = models.CharField(
        max_length=16, choices=BatchStatus.choices, default=BatchStatus.UPLOADED
    )
    refusal_code = models.CharField(max_length=64, blank=True)
    refusal_params = models.JSONField(default=dict, blank=True)
    header_row = models.PositiveIntegerField(null=True, blank=True)
    mapping = models.JSONField(default=dict, blank=True)  # column index → field
    summary = models.JSONField(default=dict, blank=True)  # counts per outcome and per code
    commit_mode = models.CharField(max_length=16, choices=CommitMode.choices, blank=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_committed = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    scope_field = "scope_region__code"
    scope_relation = "within"

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "sha256"], name="import_file_once")
        ]

    def __str__(self) -> str:
        return f"import {self.pk} ({self.status})"

    def rows_left_out(self) -> int:
        """Rows a commit would not save (errors, duplicates within the file)."""
        return self.rows.exclude(outcome__in=COMMITTABLE).count()

    def rows_to_save(self) -> int:
        """Rows "valid rows only" saves (new people and people already registered)."""
        return self.rows.filter(outcome__in=COMMITTABLE).count()


class RowOutcome(models.TextChoices):
    VALID = "valid", _("Valid")
    INVALID = "invalid", _("Has errors")
    DUPLICATE_IN_FILE = "duplicate_in_file", _("Duplicate within the file")
    ALREADY_REGISTERED = "already_registered", _("Already registered (will be linked)")


def issue_json(issue: Issue) -> dict[str, Any]:
    """An issue as ``ImportRow.issues`` keeps it."""
    return {"code": issue.code, "params": dict(issue.params), "severity": issue.severity.value}


# ImportRow's columns holding a new person's blocking keys (``dedupe.blocking``).
MATCH_KEY_FIELDS = tuple(f"match_key_{n}" for n in range(1, 8))

# Rows a commit saves: new people, and known people it links to.
COMMITTABLE = (RowOutcome.VALID, RowOutcome.ALREADY_REGISTERED)


class ImportRow(models.Model):
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    row_number = models.PositiveIntegerField()
    # JSON of the raw cells; NULL for valid rows past the preview's first few.
    payload = EncryptedTextField(context="import_row", null=True, blank=True)
    outcome = models.CharField(max_length=24, choices=RowOutcome.choices)
    issues = models.JSONField(default=list, blank=True)  # [{code, params, severity}]
    nik_index = models.CharField(max_length=64, blank=True, db_index=True)
    person = models.ForeignKey(
        "registry.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    committed = models.BooleanField(default=False)

    # The clean values of a row that passed every check (empty on the others). ``*_sealed`` hold
    # ciphertexts made by ``registry.crypto.encrypt`` with the registry's own contexts, copied
    # unchanged into ``Person``; ``*_masked`` are what the audit trail records.
    # NULL, not "", where there is no ciphertext, as for the registry's own encrypted fields.
    nik_sealed = models.TextField(null=True, blank=True)  # noqa: DJ001
    nik_masked = models.CharField(max_length=16, blank=True)
    family_card_sealed = models.TextField(null=True, blank=True)  # noqa: DJ001
    family_card_index = models.CharField(max_length=64, blank=True)
    family_card_masked = models.CharField(max_length=16, blank=True)
    full_name = models.CharField(max_length=100, blank=True)
    sex = models.CharField(max_length=1, blank=True)
    birth_place = models.CharField(max_length=100, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    village_code = models.CharField(max_length=13, blank=True)
    hamlet = models.CharField(max_length=100, blank=True)
    rt = models.CharField(max_length=3, blank=True)
    rw = models.CharField(max_length=3, blank=True)
    address = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=16, blank=True)
    occupation_code = models.CharField(max_length=40, blank=True)
    occupation_text = models.CharField(max_length=100, blank=True)
    monthly_income = models.BigIntegerField(null=True, blank=True)
    mother_name = models.CharField(max_length=100, blank=True)
    decile = models.PositiveSmallIntegerField(null=True, blank=True)
    # [{name, relation, nik_sealed, nik_index, phone}]
    heirs = models.JSONField(null=True, blank=True)
    # The row's blocking keys as keyed hashes (``dedupe.blocking``): the commit files them under
    # the new person (``dedupe.PersonKey``), so later imports find them.
    match_key_1 = models.BigIntegerField(null=True, blank=True)
    match_key_2 = models.BigIntegerField(null=True, blank=True)
    match_key_3 = models.BigIntegerField(null=True, blank=True)
    match_key_4 = models.BigIntegerField(null=True, blank=True)
    match_key_5 = models.BigIntegerField(null=True, blank=True)
    match_key_6 = models.BigIntegerField(null=True, blank=True)
    match_key_7 = models.BigIntegerField(null=True, blank=True)

    scope_field = "batch__scope_region__code"
    scope_relation = "within"

    class Meta:
        ordering = ["batch", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "row_number"], name="import_row_once")
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.row_number} {self.outcome}"
