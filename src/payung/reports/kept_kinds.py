"""The kinds of report that can be built in the background and kept (ADR 0046): each adapts a
builder to the parameters a kept report stores (a year or a month)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from payung.access.actor import Actor
from payung.domain.period import Month
from payung.programmes.models import Programme
from payung.reports.claims_report import claims_report
from payung.reports.district_report import district_report
from payung.reports.kept import kind
from payung.reports.programme_report import programme_report
from payung.reports.report import Report


@kind("programme", lambda: _("Realisation report"))
def _programme(actor: Actor, programme: Programme, params: dict[str, Any]) -> Report:
    return programme_report(actor=actor, programme=programme, year=int(params["year"]))


@kind("district", lambda: _("District report: places, waiting list and coverage"), period="month")
def _district(actor: Actor, programme: Programme, params: dict[str, Any]) -> Report:
    return district_report(actor=actor, programme=programme, month=Month.parse(params["month"]))


@kind("claims", lambda: _("Claims report: work accidents and deaths"))
def _claims(actor: Actor, programme: Programme, params: dict[str, Any]) -> Report:
    return claims_report(actor=actor, programme=programme, year=int(params["year"]))
