"""Payers and their budget lines: who pays for a programme's workers, and how much a year.

Setting a budget line announces ``budgets.budget_changed`` (``payung.events``); the stages above
react in the table ``payung/reactions.py`` — screening offers the free places to the payer's
waiting list again when the line of the programme's year was raised. This app never calls them.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from payung.access.actor import Actor
from payung.access.scope import require, require_region
from payung.audit.services import audit_record
from payung.budgets.models import Budget, Payer
from payung.domain.money import rupiah
from payung.domain.programme import QuotaModel
from payung.domain.roles import Capability
from payung.events import announce
from payung.programmes.models import Programme


def payers_ensure(programme: Programme, regions: Iterable[str]) -> dict[str, Payer]:
    """Region code → the programme's payer there, created when missing."""
    wanted = set(regions)
    Payer.objects.bulk_create(
        [Payer(programme=programme, region_id=code) for code in sorted(wanted)],
        ignore_conflicts=True,
    )
    return {p.region_id: p for p in Payer.objects.filter(programme=programme, region__in=wanted)}


def payer_region(programme: Programme, village_code: str) -> str:
    """Who receives the bill for a worker of ``village_code``: the village, or the regency."""
    return village_code if programme.payer.bills_villages else programme.regency_id


@transaction.atomic
def budget_set(
    *, actor: Actor, programme: Programme, region: str, year: int, amount: int
) -> Budget:
    """Set the budget line of the programme's payer in ``region`` for ``year``."""
    require(actor, Capability.MANAGE_FINANCE)
    require_region(actor, programme.regency_id)
    amount = rupiah(amount)
    payer = payers_ensure(programme, [region])[region]
    budget = Budget.objects.select_for_update().filter(payer=payer, year=year).first()
    before = {"amount": budget.amount} if budget else None
    if budget is None:
        budget = Budget.objects.create(payer=payer, year=year, amount=amount)
    else:
        budget.amount = amount
        budget.save(update_fields=["amount", "updated_at"])
    audit_record(
        actor=actor,
        action="budget.set",
        target=budget,
        before=before,
        after={"payer": region, "year": year, "amount": amount},
    )
    announce(
        "budgets.budget_changed",
        actor=actor,
        programme=programme,
        region=region,
        year=year,
        before=None if before is None else before["amount"],
        after=amount,
    )
    return budget


def budgets_from_programme(*, actor: Actor, programme: Programme) -> list[Budget]:
    """Budget lines from the programme's stated figures: each village's budget (per-village
    programmes billed to villages), or the regency's total."""
    if programme.payer.bills_villages and programme.quotas is QuotaModel.PER_VILLAGE:
        stated = [
            (code, programme.budget_per_village)
            for code in programme.areas.order_by("region_id").values_list("region_id", flat=True)
        ]
    elif programme.budget_total_stated is not None:
        stated = [(programme.regency_id, programme.budget_total_stated)]
    else:
        stated = []
    return [
        budget_set(
            actor=actor, programme=programme, region=region, year=programme.year, amount=amount
        )
        for region, amount in stated
        if amount is not None
    ]


def payer_list(programme: Programme) -> list[Payer]:
    return list(Payer.objects.filter(programme=programme).select_related("region"))
