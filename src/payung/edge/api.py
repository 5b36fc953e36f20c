"""The JSON API's edge: one shape for every answer that is not a success.

Under ``/api/`` every failure is JSON, whichever layer refuses (ADR 0026)::

    {"error": "<code>", "message": "<text in the request's language>",
     "messages": {"id": "…", "en": "…"}, …extra}

``code`` is a registered code (``payung.domain.api`` or a domain rule's), so the text comes from
the error catalogue with its placeholders filled. The views use :func:`api_endpoint` (method,
session, 404/403) and :func:`json_object` (content type, size, depth, syntax); Django's error
handlers and the CSRF failure view (``payung.web.errors``) answer the same way for what fails
before or around a view: an unknown address, a refused CSRF token, a body too large for
``DATA_UPLOAD_MAX_MEMORY_SIZE``, an unexpected exception (500, traceback logged by Django).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse

from payung.domain import api as codes
from payung.domain.errors import LANGUAGES, DomainError, Issue, message_for
from payung.edge.pages import language

PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(PREFIX)


def messages(code: str, params: Mapping[str, object] | None = None) -> dict[str, str]:
    """The code's message in every language, placeholders filled."""
    return {lang: message_for(code, lang, **(params or {})) for lang in LANGUAGES}


def issue_json(issue: Issue, **extra: object) -> dict[str, Any]:
    """One finding (a validation problem) in the API's shape."""
    return {
        "code": issue.code,
        **extra,
        "message": issue.message(language()),
        "messages": {lang: issue.message(lang) for lang in LANGUAGES},
    }


def error_response(
    status: int,
    code: str,
    params: Mapping[str, object] | None = None,
    **extra: Any,
) -> JsonResponse:
    return JsonResponse(
        {
            "error": code,
            "message": message_for(code, language(), **(params or {})),
            "messages": messages(code, params),
            **extra,
        },
        status=status,
    )


class ApiRefusal(Exception):
    """Raised inside an API view to answer ``status`` with ``code`` (caught by api_endpoint)."""

    def __init__(self, status: int, code: str, /, **params: object) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.params = params

    def response(self) -> JsonResponse:
        return error_response(self.status, self.code, self.params)


def method_not_allowed(request: HttpRequest, allowed: tuple[str, ...]) -> JsonResponse:
    response = error_response(
        405, codes.METHOD, {"method": request.method or "?", "allowed": ", ".join(allowed)}
    )
    response["Allow"] = ", ".join(allowed)
    return response


def api_endpoint(
    *methods: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """An API view: only ``methods`` (else 405), a session (else 401), and 404 / 403 / refusals
    as JSON. Real bugs are not caught here: they reach the 500 handler, which logs them."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in methods:
                return method_not_allowed(request, methods)
            if not request.user.is_authenticated:
                return error_response(401, codes.AUTH_REQUIRED)
            try:
                return view(request, *args, **kwargs)
            except ApiRefusal as refusal:
                return refusal.response()
            except Http404:
                return error_response(404, codes.NOT_FOUND)
            except PermissionDenied:
                return error_response(403, codes.FORBIDDEN)

        return wrapper

    return decorate


def json_object(request: HttpRequest) -> dict[str, Any]:
    """The body as a JSON object, or an :class:`ApiRefusal` saying what is wrong with it."""
    content_type = request.content_type or ""
    if content_type != "application/json":
        raise ApiRefusal(415, codes.CONTENT_TYPE, received=content_type or "—")
    try:
        raw = request.body
    except RequestDataTooBig:
        raise ApiRefusal(413, codes.TOO_LARGE, limit=settings.DATA_UPLOAD_MAX_MEMORY_SIZE) from None
    try:
        text = raw.decode("utf-8")
        codes.check_json_depth(text)
        body = json.loads(text or "{}")
    except DomainError as error:
        raise ApiRefusal(400, error.code, **error.params) from None
    except ValueError:  # not UTF-8, not JSON, or a number beyond int's digits limit
        raise ApiRefusal(400, codes.JSON) from None
    if not isinstance(body, dict):
        raise ApiRefusal(400, codes.JSON)
    return body
