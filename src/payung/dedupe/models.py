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
