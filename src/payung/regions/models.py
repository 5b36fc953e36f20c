"""Administrative regions: province, regency/city, district, village (reference data)."""

from __future__ import annotations

from django.db import models

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
