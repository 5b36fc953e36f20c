"""The interface language (issue 16 item 5): Indonesian, whatever the browser asks for, until the
user chooses English; the choice is remembered for a signed-in user (``User.language``) and in a
cookie for a visitor. Django's ``LocaleMiddleware`` would follow the browser's Accept-Language,
which gave a Bogor operator on an English-language browser the whole app in English.

The public pages keep their own ``?lang=en`` switch (``reports``, ``complaints``); the JSON API
(``/api/``) answers machine clients in the language they ask for, as HTTP content negotiation
expects.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


def chosen_language(request: HttpRequest) -> str:
    """The signed-in user's choice, else the visitor's cookie, else the default (Indonesian)."""
    known = dict(settings.LANGUAGES)
    user = getattr(request, "user", None)
    saved = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
    if saved in known:
        return str(saved)
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return cookie if cookie in known else str(settings.LANGUAGE_CODE)


class LanguageMiddleware(LocaleMiddleware):
    """``LocaleMiddleware`` without the browser's Accept-Language; after authentication."""

    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith("/api/"):
            translation.activate(translation.get_language_from_request(request))
        else:
            translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()
