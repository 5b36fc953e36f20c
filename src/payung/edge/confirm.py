"""Two steps for a decision that destroys or ends something (ADR 0027).

The first POST of a return, a rejection, an end of coverage, a merge, a quota move or any bulk
decision changes nothing: the view checks what it can and renders ``web/confirm.html``, which
says what will happen to whom and how many, and carries a signed token holding exactly that
decision. Only a POST with a valid token (the same user, the same kind of decision, at most
:data:`MAX_AGE` seconds old) performs it, and it performs what the token holds, not what the form
fields say. The confirmation page has no text field, so no Enter key can submit it.

The token is signed, not encrypted: it carries ids and the reason the user typed, never a NIK or
a name, and travels in a POST body only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

SALT = "payung.confirm"
MAX_AGE = 30 * 60  # seconds: long enough to read a list of 50, short enough not to linger
FIELD = "confirm"


@dataclass(frozen=True)
class Confirmation:
    """What the confirmation page says. ``people`` are lines naming whom the decision touches
    (masked NIKs only); ``details`` are (label, value) lines such as the reason."""

    title: str
    summary: str
    button: str
    action_url: str
    cancel_url: str
    people: list[str] = field(default_factory=list)
    details: list[tuple[str, str]] = field(default_factory=list)
    consequences: list[str] = field(default_factory=list)
    not_applicable: list[str] = field(default_factory=list)
    not_applicable_title: str = ""
    destructive: bool = True


def token_for(request: HttpRequest, kind: str, decision: dict[str, Any]) -> str:
    user = request.user
    return signing.dumps(
        {"kind": kind, "user": user.pk, "decision": decision}, salt=SALT, compress=True
    )


def confirmed(request: HttpRequest, kind: str) -> dict[str, Any] | None:
    """The decision the user confirmed, or ``None`` when the POST carries no valid token for
    ``kind`` (no token, another user's, another kind's, tampered or expired)."""
    token = request.POST.get(FIELD, "")
    if not token:
        return None
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    if data.get("kind") != kind or data.get("user") != request.user.pk:
        return None
    decision: dict[str, Any] = data.get("decision", {})
    return decision


def has_token(request: HttpRequest) -> bool:
    return bool(request.POST.get(FIELD))


def refuse(request: HttpRequest) -> None:
    """Say that a token was refused (expired, tampered, another user's or decision's)."""
    messages.error(
        request,
        _("The confirmation was not valid or has expired; nothing was changed. Choose again."),
    )


def ask(
    request: HttpRequest, confirmation: Confirmation, kind: str, decision: dict[str, Any]
) -> HttpResponse:
    """The confirmation page for ``decision``; nothing has changed yet."""
    return render(
        request,
        "web/confirm.html",
        {
            "confirmation": confirmation,
            "token": token_for(request, kind, decision),
            "field": FIELD,
        },
    )
