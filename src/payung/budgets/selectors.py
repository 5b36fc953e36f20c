"""Reading rates and budget lines within the reader's region.

An area's budget has one home, the budget line of its payer (``Budget``, ADR 0033): a village of a
per-village programme shows its line for the programme's year once the finance officer set it,
and until then the figure the legal basis states for every village
(``Programme.budget_per_village``, from which ``budgets_from_programme`` makes the lines).
"""

from __future__ import annotations

from collections.abc import Iterable

from payung.access.actor import Actor
from payung.access.scope import require, scoped
from payung.budgets.models import Budget, RateVersion, Relief
from payung.domain.programme import QuotaModel
from payung.domain.roles import Capability
from payung.programmes.models import Programme
from payung.programmes.selectors import ProgrammeFigures, programme_area_list


def rate_list(*, user: Actor, programme: Programme) -> tuple[list[RateVersion], list[Relief]]:
    """The reference rows (national, read by every programme) and the programme's own."""
    require(user, Capability.VIEW_PROGRAMMES)
    own_rates = scoped(RateVersion.objects.filter(programme=programme), user)
    own_reliefs = scoped(Relief.objects.filter(programme=programme), user)
    return (
        [*RateVersion.objects.filter(programme=None), *own_rates],
        [*Relief.objects.filter(programme=None), *own_reliefs],
    )


def area_budgets(*, programme: Programme, regions: Iterable[str]) -> dict[str, int | None]:
    """Region code → the budget of that area of ``programme`` (None: the programme states its
    budget in total, not per area)."""
    wanted = list(regions)
    if programme.quotas is not QuotaModel.PER_VILLAGE:
        return dict.fromkeys(wanted)
    lines = dict(
        Budget.objects.filter(
            payer__programme=programme, payer__region_id__in=wanted, year=programme.year
        ).values_list("payer__region_id", "amount")
    )
    return {code: lines.get(code, programme.budget_per_village) for code in wanted}


def budget_visible(*, user: Actor, programme: Programme, figures: ProgrammeFigures) -> int | None:
    """The part of the programme's budget ``user`` sees: the whole stated budget for a reader of
    the whole programme, else the budgets of the areas they see added up."""
    if figures.sees_whole:
        return figures.budget_total
    regions = programme_area_list(user=user, programme=programme).values_list(
        "region_id", flat=True
    )
    budgets = area_budgets(programme=programme, regions=regions).values()
    amounts = [amount for amount in budgets if amount is not None]
    return sum(amounts) if amounts else None
