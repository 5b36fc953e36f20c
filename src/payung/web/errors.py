"""Django's error handlers and CSRF failure view: JSON under ``/api/``, the HTML pages elsewhere.

They answer for what fails outside an API view's own checks (``payung.edge.api``): an address
that does not exist, a request refused by the CSRF middleware, a body too large to read
(``RequestDataTooBig``, raised wherever Django first reads it) and any unexpected exception.
Django has logged the failure (and its traceback) before calling them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.views import csrf, defaults

from payung.domain import api as codes
from payung.edge.api import error_response, is_api


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not is_api(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        return error_response(413, codes.TOO_LARGE, {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE})
    return error_response(400, codes.UNREADABLE)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not is_api(request):
        return defaults.permission_denied(request, exception)
    return error_response(403, codes.FORBIDDEN)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not is_api(request):
        return defaults.page_not_found(request, exception)
    return error_response(404, codes.NOT_FOUND)


def server_error(request: HttpRequest) -> HttpResponse:
    if not is_api(request):
        return defaults.server_error(request)
    return error_response(500, codes.SERVER_ERROR)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if not is_api(request):
        return csrf.csrf_failure(request, reason)
    return error_response(403, codes.CSRF)
