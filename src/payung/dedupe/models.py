"""Pairs of registry records that are probably one person, and the labour office's decision.

    open ──decide "same person"──▶ same        (the newer record is merged into the older)
      └───decide "different people"──▶ different   (remembered: never proposed again)

A pair is visible to a user whose region holds both people: ``region_code`` is the smallest
region containing both villages (empty when they lie in different provinces).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.domain.flags import ListKind


class PairStatus(models.TextChoices):
    OPEN = "open", _("To be reviewed")
    SAME = "same", _("Same person (merged)")
    DIFFERENT = "different", _("Different people")


class DuplicatePair(models.Model):
    person_a = models.ForeignKey(
        "registry.Person", on_delete=models.PROTECT, related_name="+"
    )  # the older record (smaller id): the one kept on a merge
    person_b = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list)  # [{code, weight, params}]
    region_code = models.CharField(max_length=13, blank=True, db_index=True)
    status = models.CharField(max_length=16, choices=PairStatus.choices, default=PairStatus.OPEN)
    found_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    scope_field = "region_code"
    scope_relation = "within"

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="duplicate_pair_once"),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")), name="duplicate_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id}~{self.person_b_id} {self.score} ({self.status})"


class ExternalList(models.Model):
    """One list received from another source, for one region (usually the regency)."""

    kind = models.CharField(max_length=24, choices=[(k.value, k.value) for k in ListKind])
    source = models.CharField(max_length=200)  # e.g. "BPJS Ketenagakerjaan Cabang Cibinong"
    list_date = models.DateField()
    region_code = models.CharField(max_length=13)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    rows_total = models.PositiveIntegerField(default=0)
    rows_unreadable = models.PositiveIntegerField(default=0)
    matched_exact = models.PositiveIntegerField(default=0)
    matched_probable = models.PositiveIntegerField(default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    scope_field = "region_code"
    scope_relation = "within"

    class Meta:
        ordering = ["-list_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "source", "region_code", "sha256"], name="external_list_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.source} {self.list_date}"


class PersonFlag(models.Model):
    """A person found on an external list. A newer list of the same kind and source that no
    longer holds the person ends the flag (``ended_by``); the row stays as history."""

    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="flags")
    kind = models.CharField(max_length=24, choices=[(k.value, k.value) for k in ListKind])
    source = models.CharField(max_length=200)
    first_list = models.ForeignKey(ExternalList, on_delete=models.PROTECT, related_name="+")
    last_list = models.ForeignKey(ExternalList, on_delete=models.PROTECT, related_name="+")
    match = models.CharField(max_length=8)  # "nik" or "probable"
    score = models.FloatField(null=True, blank=True)  # for a probable match
    active = models.BooleanField(default=True)
    ended_by = models.ForeignKey(
        ExternalList, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    scope_field = "person__village__code"
    scope_relation = "within"

    class Meta:
        ordering = ["person", "kind", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "source"],
                condition=models.Q(active=True),
                name="one_active_flag_per_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind} ({'active' if self.active else 'ended'})"


class PersonKey(models.Model):
    """One blocking key of a person (``domain.matching.blocking_keys``) as a keyed hash
    (``dedupe.blocking``), so an import finds the people a row may be with one indexed look-up.

    Written whenever people are created (the form, the import's commit); a record merged into
    another keeps its keys (its NIK still stands for the person); ``payung matchkeys`` fills in
    people without keys and rebuilds them all after a data-key change.
    """

    # The primary key is the one index: it serves the import's look-up (key → person) without
    # reading the table, and every index more would slow the commit that writes 4 keys a person.
    pk = models.CompositePrimaryKey("key", "person")
    key = models.BigIntegerField()
    person = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="+", db_index=False
    )

    scope_field = "person__village__code"
    scope_relation = "within"

    def __str__(self) -> str:
        return f"{self.person_id}:{self.key}"


class ImportMatch(models.Model):
    """A row of an import that is probably a person already registered, or another row of the
    same file, as validation found it: the commit turns it into a ``DuplicatePair`` for review.

    ``person`` is the registered person (the one a merged record was merged into); for a match
    within the file, ``other_row_number`` is the earlier row. Never shown as such: the preview
    shows the row's warning, which says only what the uploader may see.
    """

    batch = models.ForeignKey(
        "imports.ImportBatch", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    row_number = models.PositiveIntegerField()
    person = models.ForeignKey(
        "registry.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    other_row_number = models.PositiveIntegerField(null=True, blank=True)
    score = models.FloatField()
    reasons = models.JSONField(default=list)  # [{code, weight, params}], as DuplicatePair's

    scope_field = "batch__scope_region__code"
    scope_relation = "within"

    class Meta:
        indexes = [models.Index(fields=["batch", "row_number"], name="import_match_rows")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(other_row_number__isnull=False),
                name="import_match_has_other",
            )
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.row_number} ~ {self.person_id or self.other_row_number}"


class MatchFrequencies(models.Model):
    """How often each name and birth date occurs among a region's people, as its last whole
    scan counted them (``dedupe.frequencies``): the import, the data-entry form and the list
    checks weigh a common name or date as the scan does. Names are kept as keyed hashes of their
    matching key, never as names."""

    region = models.CharField(max_length=20, db_index=True)
    counted_at = models.DateTimeField()
    records = models.PositiveIntegerField()
    key_version = models.CharField(max_length=40)  # the data key the name hashes are under
    name_typical = models.FloatField()
    date_typical = models.FloatField()
    names = models.JSONField()  # {name hash: count}
    dates = models.JSONField()  # {"YYYY-MM-DD": count}

    # A regency's counts weigh the rows of each of its villages (they are never shown).
    scope_field = "region"
    scope_relation = "overlaps"

    class Meta:
        ordering = ("-counted_at", "-pk")

    def __str__(self) -> str:
        return f"{self.region} {self.counted_at:%Y-%m-%d %H:%M} ({self.records})"
