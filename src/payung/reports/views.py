"""The public transparency page and the open data: no login, aggregates only (ADR 0044).

Every answer is built once per programme, language and kind, kept in Django's cache for
:data:`MAX_AGE` seconds, and sent with ``Cache-Control: public, max-age=300`` so a proxy may keep
it too. The language is in the address (``?lang=en``), not in a cookie or a form: the page is
linkable in either language and holds no CSRF token, so one copy serves every visitor.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Final

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from payung.domain.disclosure import EXPLAINED_COMPLEMENTARY, EXPLAINED_SMALL
from payung.domain.errors import message_for
from payung.domain.money import format_basis_points
from payung.domain.period import Month, month_range
from payung.edge.pages import address_language
from payung.files.writers import csv_table
from payung.programmes.models import Programme
from payung.regions.boundaries import boundary_in_use
from payung.reports.aggregates import PUBLIC, Benefit, month_in_period, programme_aggregates
from payung.reports.maps import Area, coverage_area, district_map
from payung.reports.opendata import FIELDS, datastore, metadata, tidy_rows
from payung.reports.publication import Publication, Row, publication
from payung.reports.selectors import public_programme_get, public_programme_list

MAX_AGE: Final = 300


def _publication(programme: Programme) -> Publication:
    now = timezone.now()
    month = month_in_period(programme, Month.of(timezone.localdate(now)))
    aggregates = programme_aggregates(actor=PUBLIC, programme=programme, month=month)
    return publication(aggregates, now=now)


def _cached(
    key: str, content_type: str, build: Callable[[], bytes], *, lang: str = "id"
) -> HttpResponse:
    content = cache.get(key)
    if content is None:
        content = build()
        cache.set(key, content, MAX_AGE)
    response = HttpResponse(content, content_type=content_type)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response["Content-Language"] = lang
    return response


def cache_key(pk: int | str, lang: str, kind: str) -> str:
    return f"publik:{pk}:{lang}:{kind}"


@require_GET
def public_programme_list_view(request: HttpRequest) -> HttpResponse:
    lang = address_language(request)

    def build() -> bytes:
        with translation.override(lang):
            return render_to_string(
                "reports/public_list.html",
                {"programmes": list(public_programme_list()), "lang": lang},
            ).encode()

    return _cached(cache_key("list", lang, "html"), "text/html; charset=utf-8", build, lang=lang)


@require_GET
def public_programme_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = public_programme_get(pk)
    lang = address_language(request)

    def build() -> bytes:
        pub = _publication(programme)
        limit = pub.threshold
        with translation.override(lang):
            boundary = boundary_in_use(programme.regency_id)
            return render_to_string(
                "reports/public_programme.html",
                {
                    "map": district_map(
                        _("Workers covered of places per district"),
                        boundary,
                        [_area(d, lang, limit) for d in pub.districts],
                    ),
                    "map_boundary": boundary,
                    "pub": pub,
                    "programme": programme,
                    "lang": lang,
                    "regency": _said(pub.regency, lang, limit),
                    "districts": [_said(d, lang, limit) for d in pub.districts],
                    "benefits": [
                        (name, *(c.text(lang, limit) for c in pub.claims_by_benefit[key]))
                        for key, name in ((Benefit.JKK, "JKK"), (Benefit.JKM, "JKM"))
                    ],
                    "indicator": format_basis_points(pub.indicator.value, lang)
                    if pub.indicator and pub.indicator.value is not None
                    else (pub.indicator.text(lang, limit) if pub.indicator else None),
                    "small_explained": message_for(EXPLAINED_SMALL, lang, threshold=limit),
                    "complementary_explained": message_for(EXPLAINED_COMPLEMENTARY, lang),
                    "period": list(programme.period),
                    "period_words": month_range(programme.period.start, programme.period.end, lang),
                    "month_words": month_range(pub.aggregates.month, pub.aggregates.month, lang),
                },
            ).encode()

    return _cached(cache_key(pk, lang, "html"), "text/html; charset=utf-8", build, lang=lang)


def _area(row: Row, lang: str, limit: int) -> Area:
    """A district on the public map: hatched where its covered count is withheld (its share
    would give the count away)."""
    covered, places = row.cells["covered"], row.cells["places"]
    if covered.withheld is not None or covered.value is None:
        return Area(row.code, row.name, None, covered.text(lang, limit), withheld=True)
    return coverage_area(row.code, row.name, covered.value, places.value or 0, lang)


def _said(row: Row, lang: str, limit: int) -> dict[str, object]:
    return {
        "code": row.code,
        "name": row.name,
        "cells": {k: c.text(lang, limit) for k, c in row.cells.items()},
        "children": [_said(c, lang, limit) for c in row.children],
    }


@require_GET
def public_data_csv_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = public_programme_get(pk)

    def build() -> bytes:
        rows = tidy_rows(_publication(programme))
        return csv_table(headers=FIELDS, rows=[r.values() for r in rows])

    response = _cached(cache_key(pk, "id", "csv"), "text/csv; charset=utf-8", build)
    response["Content-Disposition"] = f'inline; filename="payung-{pk}-data.csv"'
    return response


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1).encode()


@require_GET
def public_data_json_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = public_programme_get(pk)
    return _cached(
        cache_key(pk, "id", "json"),
        "application/json",
        lambda: _json(datastore(_publication(programme))),
    )


@require_GET
def public_metadata_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = public_programme_get(pk)
    base = request.build_absolute_uri(f"/publik/{pk}/")
    return _cached(
        cache_key(pk, "id", "metadata"),
        "application/json",
        lambda: _json(metadata(_publication(programme), base_url=base)),
    )
