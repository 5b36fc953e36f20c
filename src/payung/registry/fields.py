"""A model field that stores a text value encrypted (see :mod:`payung.registry.crypto`)."""

from __future__ import annotations

from typing import Any

from django.db import models

from payung.domain._digits import mask
from payung.registry import crypto


class EncryptedTextField(models.TextField):
    """Encrypted at rest, plain text in Python. Not searchable: pair it with a blind index.

    The audit trail records such a field masked (``audit_value``), never in clear.
    """

    def __init__(self, *args: Any, context: str, **kwargs: Any) -> None:
        self.context = context
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[Any, ...]:
        name, path, args, kwargs = super().deconstruct()
        kwargs["context"] = self.context
        return name, path, args, kwargs

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        return None if value is None else crypto.decrypt(value, context=self.context)

    def get_prep_value(self, value: Any) -> str | None:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return None
        return crypto.encrypt(str(value), context=self.context)

    @staticmethod
    def audit_value(value: str | None) -> str | None:
        return None if value is None else mask(value)
