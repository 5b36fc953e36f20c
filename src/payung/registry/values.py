"""A validated row as the registry stores it — free of Django, so row-checking processes use it.

``person_values`` is the one mapping from the domain's ``WorkerData`` to ``Person``'s fields; the
data-entry form, the importer's staging and (through the staged rows) the import's commit all go
through it. ``keys`` defaults to the installation's; a worker process is handed them.
"""

from __future__ import annotations

from typing import Any

from payung.domain.worker_row import Heir, WorkerData
from payung.registry.crypto import Keys, current_keys


def nik_index(nik: str, keys: Keys | None = None) -> str:
    return (keys or current_keys()).blind_index(nik, context="nik")


def kk_index(kk: str, keys: Keys | None = None) -> str:
    return (keys or current_keys()).blind_index(kk, context="kk")


def person_values(data: WorkerData, keys: Keys | None = None) -> dict[str, Any]:
    """``Person`` field name → value for a validated row; identity numbers in clear, with their
    blind indexes."""
    return {
        "nik": data.nik.value,
        "nik_index": nik_index(data.nik.value, keys),
        "family_card": data.family_card.value if data.family_card else None,
        "family_card_index": kk_index(data.family_card.value, keys) if data.family_card else "",
        "full_name": data.full_name,
        "sex": data.sex.value,
        "birth_place": data.birth_place,
        "birth_date": data.birth_date,
        "village_id": data.village_code,
        "hamlet": data.hamlet,
        "rt": data.rt,
        "rw": data.rw,
        "address": data.address,
        "phone": data.phone.e164 if data.phone else "",
        "occupation_code": data.occupation.code if data.occupation else "",
        "occupation_text": data.occupation_text,
        "monthly_income": data.monthly_income,
        "mother_name": data.mother_name,
        "decile": data.decile,
    }


def heir_values(heir: Heir, keys: Keys | None = None) -> dict[str, Any]:
    """An heir's values as ``Heir`` stores them (its NIK in clear, with its blind index)."""
    return {
        "name": heir.name,
        "relation": heir.relation,
        "nik": heir.nik.value if heir.nik else None,
        "nik_index": nik_index(heir.nik.value, keys) if heir.nik else "",
        "phone": heir.phone.e164 if heir.phone else "",
    }
