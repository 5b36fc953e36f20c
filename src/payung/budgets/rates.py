"""Rates as stored rows and the domain's ``RateTable`` built from them.

Reference rows (no programme: the BPU formula, PP 50/2025) come from the shipped
``payung/data/contribution_rates.json`` through :func:`reference_rates_load` (a data migration
and ``payung rates load``); a programme adds its own price (Lebak's Rp16,200) with
:func:`rate_version_add`. The arithmetic is ``payung.domain.contributions``'; this module only
translates rows into its values.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any

from django.db import transaction
from django.db.models import Q

from payung.access.actor import Actor
from payung.access.scope import require, require_region
from payung.audit.services import audit_record, snapshot
from payung.budgets.models import FinanceTerms, RateKind, RateVersion, Relief
from payung.domain import contributions as c
from payung.domain.occupations import Sector
from payung.domain.period import Month, MonthSpan
from payung.domain.programme import PayerModel
from payung.domain.roles import Capability
from payung.programmes.models import Programme

REFERENCE_SCHEME = "bpu"


def _month(text: str | None) -> date | None:
    return None if text is None else Month.parse(text).first_day


def reference_data() -> dict[str, Any]:
    text = resources.files("payung.data").joinpath("contribution_rates.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def reference_rates_load(rate_model: Any = RateVersion, relief_model: Any = Relief) -> int:
    """Add the shipped reference rates and reliefs that are not stored yet (idempotent).

    The models are parameters so a data migration can pass its historical ones.
    """
    data = reference_data()
    added = 0
    for row in data["rates"]:
        _, created = rate_model.objects.get_or_create(
            programme=None,
            scheme=row["scheme"],
            effective_from=_month(row["effective_from"]),
            defaults={
                "kind": row["kind"],
                "effective_to": _month(row["effective_to"]),
                "jkk_percent": Decimal(row["jkk_percent"]),
                "lowest_income": row["lowest_income"],
                "jkm_monthly": row["jkm_monthly"],
                "basis": row["basis"],
            },
        )
        added += created
    for row in data["reliefs"]:
        _, created = relief_model.objects.get_or_create(
            programme=None,
            name=row["name"],
            defaults={
                "percent_off": Decimal(row["percent_off"]),
                "windows": row["windows"],
                "excluded_payers": row["excluded_payers"],
                "basis": row["basis"],
            },
        )
        added += created
    return added


def _version(row: RateVersion) -> c.RateVersion:
    rate: c.Rate
    if row.kind == RateKind.FLAT:
        rate = c.FlatRate(int(row.flat_monthly or 0))
    else:
        rate = c.BpuRate(
            jkk_percent=Decimal(row.jkk_percent or 0),
            lowest_income=int(row.lowest_income or 0),
            jkm_monthly=int(row.jkm_monthly or 0),
        )
    return c.RateVersion(
        row.scheme,
        Month.of(row.effective_from),
        rate,
        Month.of(row.effective_to) if row.effective_to else None,
        row.basis,
    )


def _relief(row: Relief) -> c.Relief:
    return c.Relief(
        name=row.name,
        percent_off=Decimal(row.percent_off),
        windows={
            Sector(sector): MonthSpan(Month.parse(span["start"]), int(span["months"]))
            for sector, span in row.windows.items()
        },
        excluded_payers=frozenset(PayerModel(p) for p in row.excluded_payers),
    )


def rate_table(programme: Programme | None, *, extra: c.RateVersion | None = None) -> c.RateTable:
    """The reference rows and ``programme``'s own (``None``: the reference rows alone)."""
    mine = Q(programme=None) | Q(programme=programme) if programme else Q(programme=None)
    versions = [_version(v) for v in RateVersion.objects.filter(mine)]
    reliefs = [_relief(r) for r in Relief.objects.filter(mine)]
    return c.RateTable([*versions, *([extra] if extra else [])], reliefs)


def finance_terms(programme: Programme) -> FinanceTerms:
    """The programme's billing parameters (the reference BPU scheme, 3 months, 90% unless set)."""
    terms, _ = FinanceTerms.objects.get_or_create(programme=programme)
    return terms


def contribution_terms(
    programme: Programme, *, sector: Sector = Sector.OTHER, income: int | None = None
) -> c.ContributionTerms:
    return c.ContributionTerms(
        scheme=finance_terms(programme).scheme,
        payer=programme.payer,
        sector=sector,
        declared_income=income,
    )


@transaction.atomic
def rate_version_add(
    *,
    actor: Actor,
    programme: Programme,
    scheme: str,
    effective_from: Month,
    flat_monthly: int,
    basis: str,
    effective_to: Month | None = None,
    use: bool = True,
) -> RateVersion:
    """A programme's own price per worker-month from ``effective_from`` (Lebak: Rp16,200 from
    January 2026, its MoU); refused when it overlaps a version of the same scheme. With ``use``
    the programme bills under ``scheme`` from now on."""
    require(actor, Capability.MANAGE_FINANCE)
    require_region(actor, programme.regency_id)
    version = c.RateVersion(scheme, effective_from, c.FlatRate(flat_monthly), effective_to, basis)
    rate_table(programme, extra=version)  # the domain refuses overlaps and bad dates
    row = RateVersion.objects.create(
        programme=programme,
        scheme=scheme,
        kind=RateKind.FLAT,
        effective_from=effective_from.first_day,
        effective_to=effective_to.first_day if effective_to else None,
        flat_monthly=flat_monthly,
        basis=basis,
    )
    audit_record(actor=actor, action="rate_version.create", target=row, after=snapshot(row))
    if use:
        terms = finance_terms(programme)
        before = snapshot(terms)
        terms.scheme = scheme
        terms.save(update_fields=["scheme"])
        audit_record(
            actor=actor,
            action="finance_terms.update",
            target=terms,
            before=before,
            after=snapshot(terms),
        )
    return row
