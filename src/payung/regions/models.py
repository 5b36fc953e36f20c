"""Administrative regions: province, regency/city, district, village (reference data)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.domain.regions import Level, RegionCode


class Region(models.Model):
    """One region of the Kemendagri list. The dotted code is the key and encodes the parents."""

    code = models.CharField(max_length=13, primary_key=True)
    name = models.CharField(max_length=120)
    level = models.PositiveSmallIntegerField(choices=[(lv.value, lv.label_en) for lv in Level])
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # A code dropped by a later Kepmendagri stays (records may point at it) but is retired.
    active = models.BooleanField(default=True)

    # Public reference data; scoping it only narrows pick-lists to the user's own villages.
    scope_field = "code"
    scope_relation = "within"

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["parent", "name"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def region_code(self) -> RegionCode:
        return RegionCode(self.code)

    @property
    def is_kelurahan(self) -> bool:
        return self.region_code.is_kelurahan


class Licence(models.TextChoices):
    """The licences a regency's boundary file may come under (ADR 0047): the map is shown on the
    public page, so the licence must allow showing it."""

    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    ODBL = "odbl-1.0", "ODbL 1.0"
    GOVERNMENT = "government", _("Government open data or public domain")
    OTHER = "other", _("Other (stated in words)")


class Boundary(models.Model):
    """A regency's district boundaries as uploaded (``regions.boundaries``), kept as the drawing
    (one SVG path per district code), with where it came from and under which licence. One is
    in use per regency; an upload replaces it and the old one stays, ended, for the record."""

    regency = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="boundaries")
    source = models.CharField(max_length=300)
    licence = models.CharField(max_length=20, choices=Licence.choices)
    licence_text = models.CharField(max_length=500, blank=True)
    code_property = models.CharField(max_length=60)
    sha256 = models.CharField(max_length=64)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    paths = models.JSONField()  # district code → SVG path in width × height
    missing = models.JSONField(default=list)  # the regency's districts the file does not draw
    points = models.PositiveIntegerField()
    uploaded_by = models.CharField(max_length=150)  # who, as the audit trail names them
    uploaded_at = models.DateTimeField()
    active = models.BooleanField(default=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    # Public once in use (the public page draws it); the upload page narrows it to the regency.
    scope_field = "regency__code"
    scope_relation = "within"

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["regency"],
                condition=models.Q(active=True),
                name="regions_one_boundary_in_use",
            )
        ]

    def __str__(self) -> str:
        return f"{self.regency_id} {self.uploaded_at:%Y-%m-%d}"
