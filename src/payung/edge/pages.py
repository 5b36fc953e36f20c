"""What every page view needs: the reader's language, a refusal said in it, a page of a list,
and the few request values every stage's pages read the same way.

Written once here instead of in each app's ``views.py``: a view parses its input, calls one
service or selector, and says the outcome with these.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from payung.domain.errors import DomainError
from payung.domain.period import Month

T = TypeVar("T")

PER_PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"


def language() -> str:
    """The reader's language (``id``, the default, or ``en``), for the domain's messages."""
    return get_language() or "id"


def address_language(request: HttpRequest) -> str:
    """The language a page's address asks for (``?lang=en``; ``id`` otherwise): for the public
    pages, which are cached and linkable per language and carry no language form (ADR 0044)."""
    return "en" if request.GET.get("lang") == "en" else "id"


def say_refusal(request: HttpRequest, error: DomainError) -> None:
    """Say a service's refusal on the next page, in the reader's language (never its code)."""
    messages.error(request, error.message(language()))


def run_and_say(
    request: HttpRequest, action: Callable[[], T], said: Callable[[T], str]
) -> T | None:
    """Call a service; say what it did (``said(result)``), or its refusal. ``None`` if refused."""
    try:
        result = action()
    except DomainError as error:
        say_refusal(request, error)
        return None
    messages.success(request, said(result))
    return result


def page_of(request: HttpRequest, items: Any, per_page: int = PER_PAGE) -> Page[Any]:
    """The page of ``items`` the request asks for (``?page=``; the first or last when out of
    range)."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def attachment(
    name: str, content_type: str, content: bytes | str = b"", *, no_store: bool = False
) -> HttpResponse:
    """A file to download as ``name`` (write more into it, e.g. a CSV). ``no_store`` for one
    holding full NIKs: never kept by a browser or a proxy."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    if no_store:
        response["Cache-Control"] = "no-store"
    return response


def chosen_pk(request: HttpRequest, name: str) -> int | None:
    """The id named ``name`` in the query or the form (``?programme=3``), if it is a number."""
    value = request.GET.get(name) or request.POST.get(name)
    return int(value) if value and value.isdigit() else None


def month_or_none(text: str) -> Month | None:
    """A month typed as ``2026-01``; ``None`` when empty or not a month."""
    try:
        return Month.parse(text) if text.strip() else None
    except DomainError:
        return None
