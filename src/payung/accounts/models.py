"""Users: one role and one working region each."""

from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models

from payung.domain.errors import DomainError
from payung.domain.regions import RegionCode
from payung.domain.roles import Capability, Role


class PayungUserManager(UserManager["User"]):
    def create_superuser(self, username, email=None, password=None, **extra_fields):  # type: ignore[no-untyped-def]
        extra_fields.setdefault("role", Role.SYSTEM_ADMIN.value)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    role = models.CharField(max_length=32, choices=[(r.value, r.label_en) for r in Role])
    region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    display_name = models.CharField(max_length=150, blank=True)
    # The interface language the user chose ("" until they choose: Indonesian, whatever the
    # browser asks for; payung.edge.language)
    language = models.CharField(max_length=8, blank=True, default="")

    objects: ClassVar[PayungUserManager] = PayungUserManager()

    scope_field = "region__code"
    scope_relation = "within"

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    @property
    def region_code(self) -> RegionCode | None:
        return RegionCode(self.region_id) if self.region_id else None

    def can(self, capability: Capability) -> bool:
        return self.is_active and bool(self.role) and self.role_enum.can(capability)

    def clean(self) -> None:
        super().clean()
        try:
            self.role_enum.check_scope(self.region_code)
        except DomainError as error:
            raise ValidationError({"region": error.message()}, code=error.code) from error
