"""Attributes of a person that several domain modules share (NIK parsing, registry rows, claims)."""

from __future__ import annotations

from enum import StrEnum


class Sex(StrEnum):
    """Sex as recorded on the KTP; the NIK encodes it too (40 added to a woman's birth day).

    Only the two values the KTP and the NIK can carry, so a stated sex can be checked against
    the NIK without a mapping table. A ``StrEnum`` (a ``str`` and an ``Enum``), so the value
    stores and serialises as its letter.
    """

    MALE = "M"
    FEMALE = "F"
