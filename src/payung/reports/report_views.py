"""The report pages (ADR 0046): ``/laporan/`` (the reports this reader may open, with a form),
``/laporan/desa/`` and ``/laporan/program/``, each a page or, with ``?format=xlsx`` / ``pdf``, a
file (attachment, ``no-store``, audited ``report.download``). GET parameters only: a programme's
number, a village code and a year — never a person."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from payung.access.actor import UserActor, actor_of
from payung.domain.errors import DomainError
from payung.domain.period import Month
from payung.domain.regions import RegionCode
from payung.domain.roles import Capability
from payung.edge.pages import attachment, chosen_pk
from payung.programmes.models import Programme
from payung.programmes.selectors import programme_get, programme_list
from payung.reports.aggregates import month_in_period
from payung.reports.claims_report import claims_report
from payung.reports.district_report import district_report
from payung.reports.programme_report import programme_report
from payung.reports.readings import report_villages, report_years, sees_regency
from payung.reports.reconciliation_report import reconciliation_report
from payung.reports.render import (
    PAGE_TEMPLATE,
    PDF_TYPE,
    XLSX_TYPE,
    file_name,
    report_context,
    report_pdf,
    report_xlsx,
)
from payung.reports.report import Report
from payung.reports.services import report_download
from payung.reports.village_report import village_report

FORMATS = {"xlsx": (XLSX_TYPE, report_xlsx), "pdf": (PDF_TYPE, report_pdf)}


def _year(request: HttpRequest, programme: Programme) -> int:
    text = request.GET.get("year", "")
    return int(text) if text.isdigit() and len(text) == 4 else programme.year


def _programme(request: HttpRequest, actor: UserActor) -> Programme:
    pk = chosen_pk(request, "programme")
    if pk is None:
        raise Http404
    return programme_get(user=actor, pk=pk)


def _answer(
    request: HttpRequest,
    *,
    actor: UserActor,
    programme: Programme,
    report: Report,
    word: str,
    key: str,
    region: str,
    year: int,
    query: dict[str, str],
) -> HttpResponse:
    chosen = request.GET.get("format", "")
    if chosen in FORMATS:
        content_type, make = FORMATS[chosen]
        data = make(report)
        report_download(
            actor=actor,
            programme=programme,
            kind=report.kind,
            file_format=chosen,
            year=year,
            region=region,
            size=len(data),
        )
        name = file_name(word=word, key=key, year=year, suffix=chosen)
        response = attachment(name, content_type, data, no_store=True)
        response["X-Content-Type-Options"] = "nosniff"
        return response
    context = report_context(report)
    context["query"] = urlencode(query)
    response = render(request, PAGE_TEMPLATE, context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def reports_index_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    programmes = list(programme_list(user=actor))
    pk = chosen_pk(request, "programme")
    programme = next((p for p in programmes if p.pk == pk), programmes[0] if programmes else None)
    context: dict[str, object] = {"programmes": programmes, "programme": programme}
    if programme is not None:
        context["villages"] = list(report_villages(actor=actor, programme=programme))
        context["years"] = report_years(programme)
        context["programme_report"] = sees_regency(actor, programme)
        context["can_finance"] = actor.can(Capability.MANAGE_FINANCE)
        month = month_in_period(programme, Month.of(timezone.localdate()))
        context["this_month"] = f"{month.year:04d}-{month.month:02d}"
    return render(request, "reports/report_index.html", context)


@login_required
@require_GET
def village_report_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    programme = _programme(request, actor)
    try:
        village = RegionCode.parse(request.GET.get("village", "")).code
    except DomainError:
        raise Http404 from None
    year = _year(request, programme)
    report = village_report(actor=actor, programme=programme, village_code=village, year=year)
    return _answer(
        request,
        actor=actor,
        programme=programme,
        report=report,
        word="desa",
        key=village,
        region=village,
        year=year,
        query={"programme": str(programme.pk), "village": village, "year": str(year)},
    )


@login_required
@require_GET
def programme_report_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    programme = _programme(request, actor)
    year = _year(request, programme)
    report = programme_report(actor=actor, programme=programme, year=year, now=timezone.now())
    return _answer(
        request,
        actor=actor,
        programme=programme,
        report=report,
        word="program",
        key=str(programme.pk),
        region=programme.regency_id,
        year=year,
        query={"programme": str(programme.pk), "year": str(year)},
    )


def _reader_region(actor: UserActor, programme: Programme) -> str:
    """The region a report read by ``actor`` covers: theirs, or the programme's regency."""
    own = actor.region_code
    inside = own is not None and RegionCode(programme.regency_id).contains(own)
    return own.code if inside and own is not None else programme.regency_id


def _month(request: HttpRequest, programme: Programme, *, default: bool) -> Month | None:
    """``?month=YYYY-MM`` inside the programme's period; else this month held inside it (or
    None, for a report of every month, when ``default`` is False)."""
    text = request.GET.get("month", "")
    try:
        month = Month.parse(text) if text else None
    except DomainError:
        month = None
    if month is None:
        return month_in_period(programme, Month.of(timezone.localdate())) if default else None
    return month_in_period(programme, month)


@login_required
@require_GET
def district_report_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    programme = _programme(request, actor)
    month = _month(request, programme, default=True) or month_in_period(
        programme, Month.of(timezone.localdate())
    )
    report = district_report(actor=actor, programme=programme, month=month, now=timezone.now())
    return _answer(
        request,
        actor=actor,
        programme=programme,
        report=report,
        word="kecamatan",
        key=str(programme.pk),
        region=_reader_region(actor, programme),
        year=month.year,
        query={"programme": str(programme.pk), "month": str(month)},
    )


@login_required
@require_GET
def claims_report_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    programme = _programme(request, actor)
    year = _year(request, programme)
    report = claims_report(actor=actor, programme=programme, year=year, now=timezone.now())
    return _answer(
        request,
        actor=actor,
        programme=programme,
        report=report,
        word="klaim",
        key=str(programme.pk),
        region=_reader_region(actor, programme),
        year=year,
        query={"programme": str(programme.pk), "year": str(year)},
    )


@login_required
@require_GET
def reconciliation_report_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    programme = _programme(request, actor)
    month = _month(request, programme, default=False)
    report = reconciliation_report(
        actor=actor, programme=programme, month=month, now=timezone.now()
    )
    query = {"programme": str(programme.pk)}
    if month is not None:
        query["month"] = str(month)
    return _answer(
        request,
        actor=actor,
        programme=programme,
        report=report,
        word="rekonsiliasi",
        key=str(programme.pk),
        region=_reader_region(actor, programme),
        year=month.year if month is not None else programme.year,
        query=query,
    )
