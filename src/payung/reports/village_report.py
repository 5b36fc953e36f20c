"""The village report (issue 14 item 2, ADR 0046): the annex a village attaches to its
accountability report (laporan pertanggungjawaban) for the aid it spent on its workers' cover.

For one village of a programme and one year: the places and the village's budget, per month the
workers covered, billed and paid, the claims reported and paid, and the list of the workers
covered — by name and masked NIK only, since the annex must show whom the aid covered and no more
(no full NIK, KPJ, address, birth date, occupation or claim detail; ADR 0046). A pure function of
the reader and the parameters: a page, a download or a later background job calls it alike.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from payung.access.actor import Actor, actor_user
from payung.access.scope import require, scoped
from payung.budgets.commitment import committed
from payung.budgets.selectors import area_budgets
from payung.budgets.services import payer_region
from payung.claims.models import ClaimKind
from payung.domain.period import month_range
from payung.domain.roles import Capability, Role
from payung.domain.workflow import HOLDS_PLACE
from payung.edge.pages import language
from payung.programmes.models import Programme, ProgrammeArea
from payung.registry.models import Candidate
from payung.reports.readings import (
    claims_by_kind,
    covered_by_month,
    covered_workers,
    money_by_month,
    month_name,
    months_of,
    period_text,
    region_words,
    village_get,
    visible_payers,
)
from payung.reports.report import Column, Report, Signature, Table


def _places_table(actor: Actor, programme: Programme, village: str) -> tuple[Table, int | None]:
    area = scoped(ProgrammeArea.objects.filter(programme=programme, region_id=village), actor)
    quota = area.aggregate(q=Sum("quota"))["q"]
    filled = scoped(
        Candidate.objects.filter(
            programme=programme, village_id=village, status__in=[s.value for s in HOLDS_PLACE]
        ),
        actor,
    ).count()
    budget = area_budgets(programme=programme, regions=[village])[village]
    need = committed(programme, quota) if quota is not None else None
    table = Table(
        title=_("Places and budget"),
        columns=(
            Column(_("Places (quota)"), "count"),
            Column(_("Places filled"), "count"),
            Column(_("Places free"), "count"),
            Column(_("Village budget"), "rupiah"),
            Column(_("Contributions the quota needs"), "rupiah"),
        ),
        rows=((quota, filled, None if quota is None else quota - filled, budget, need),),
        note=""
        if quota is not None
        else _("The programme's places are set for the district or the regency, not per village."),
    )
    return table, budget


def village_report(
    *, actor: Actor, programme: Programme, village_code: str, year: int, now: datetime | None = None
) -> Report:
    """The village report of ``village_code`` for ``year`` as ``actor`` may read it (404 for a
    village outside their region, or a year the programme does not cover)."""
    require(actor, Capability.VIEW_PROGRAMMES)
    village = village_get(actor=actor, programme=programme, code=village_code)
    months = months_of(programme, year)
    read_at = now or timezone.now()
    code = village.code

    places, _budget = _places_table(actor, programme, code)

    covered = covered_by_month(actor=actor, programme=programme, months=months, village=code)
    village_pays = payer_region(programme, code) == code
    money = (
        money_by_month(
            actor=actor,
            programme=programme,
            year=year,
            payers=visible_payers(actor=actor, programme=programme).filter(region_id=code),
        )
        if village_pays
        else {}
    )
    rows = []
    for month in months:
        figures = money.get(month)
        billed = (figures.billed if figures else 0) if village_pays else None
        paid = (figures.paid if figures else 0) if village_pays else None
        outstanding = None if billed is None or paid is None else billed - paid
        rows.append((month_name(month), covered[month], billed, paid, outstanding))
    totals = [r[2:] for r in rows]
    monthly = Table(
        title=_("Covered workers, contributions billed and paid, per month"),
        columns=(
            Column(_("Month"), "text"),
            Column(_("Workers covered"), "count"),
            Column(_("Contributions billed"), "rupiah"),
            Column(_("Paid"), "rupiah"),
            Column(_("Not yet paid"), "rupiah"),
        ),
        rows=tuple(rows),
        total=(
            _("Total"),
            None,
            *((sum(int(t[i] or 0) for t in totals) if village_pays else None) for i in range(3)),
        ),
        note=_("Workers covered: those whose coverage period holds the month.")
        if village_pays
        else _(
            "The contributions of this village's workers are billed to and paid by the regency: "
            "see the programme's realisation report."
        ),
    )

    claims = claims_by_kind(actor=actor, programme=programme, village=code, year=year)
    kinds = [(k.value, str(k.label)) for k in ClaimKind]
    claim_rows = tuple(
        (label, claims[k].reported, claims[k].paid, claims[k].rupiah)
        if k in claims
        else (label, 0, 0, 0)
        for k, label in kinds
    )
    claim_table = Table(
        title=_("Claims"),
        columns=(
            Column(_("Kind of claim"), "text"),
            Column(_("Reported"), "count"),
            Column(_("Paid by BPJS"), "count"),
            Column(_("Benefits paid"), "rupiah"),
        ),
        rows=claim_rows,
        total=(_("Total"), *(sum(int(r[i]) for r in claim_rows) for i in (1, 2, 3))),
        note=_("Claims whose event fell in the year, by the programme that covered it."),
    )

    workers = covered_workers(actor=actor, programme=programme, village=code, months=months)
    lang = language()
    worker_table = Table(
        title=_("Workers covered (beneficiaries)"),
        columns=(
            Column(_("No."), "count"),
            Column(_("Name"), "text"),
            Column(_("NIK (masked)"), "text"),
            Column(_("Coverage"), "text"),
        ),
        rows=tuple(
            (n, w.name, w.nik_masked, month_range(w.first, w.last, lang))
            for n, w in enumerate(workers, 1)
        ),
        note=_(
            "Names and masked NIKs only, as an accountability annex needs (UU 27/2022): "
            "no full NIK, participant number, address or birth date."
        ),
    )

    user = actor_user(actor)
    is_operator = user is not None and user.role == Role.VILLAGE_OPERATOR.value
    head = (
        _("Head of urban village %(name)s")
        if village.is_kelurahan
        else _("Head of village %(name)s")
    )
    return Report(
        kind="village",
        title=_("Village report: protection of vulnerable workers"),
        programme_name=str(programme),
        region_name=region_words(village),
        period=period_text(months),
        read_at=read_at,
        tables=(places, monthly, claim_table, worker_table),
        signature=Signature(
            made_by_title=_("Village operator %(name)s") % {"name": village.name},
            made_by_name=str(user) if is_operator and user is not None else "",
            acknowledged_by_title=head % {"name": village.name},
            place=village.name,
        ),
        notes=(
            _("Figures as recorded in Payung when the data was read (%(legal_basis)s).")
            % {"legal_basis": programme.legal_basis},
        ),
    )


__all__ = ["village_report"]
