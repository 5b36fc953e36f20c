"""What keeps the public complaint form usable without an outside service (ADR 0043): a signed
timestamp a form carries (refused when sent faster than :data:`MIN_SECONDS` or older than
:data:`MAX_SECONDS`), and rate limits per client address and overall, counted in the cache.

The client address is ``REMOTE_ADDR``: behind the trusted proxy ``payung serve`` (waitress) has
already put the client's address there (ADR 0026)."""

from __future__ import annotations

import time
from typing import Final

from django.core import signing
from django.core.cache import cache

SALT: Final = "payung.complaints.form"
MIN_SECONDS: Final = 3
MAX_SECONDS: Final = 2 * 60 * 60
PER_ADDRESS: Final = 5  # submissions per address per hour
PER_MINUTE: Final = 30  # submissions overall per minute


def form_token(now: float | None = None) -> str:
    """The token a freshly shown form carries."""
    return signing.dumps({"t": int(time.time() if now is None else now)}, salt=SALT)


def token_fresh(token: str, now: float | None = None) -> bool:
    """Whether ``token`` is ours and the form was filled in a human time."""
    try:
        shown = int(signing.loads(token, salt=SALT)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return False
    age = (time.time() if now is None else now) - shown
    return MIN_SECONDS <= age <= MAX_SECONDS


def _spend(key: str, limit: int, seconds: int) -> bool:
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        count = 1
    return count <= limit


def allowed(address: str, scope: str) -> bool:
    """Count one submission of ``scope`` from ``address``; ``False`` past either limit."""
    minute = int(time.time() // 60)
    overall = _spend(f"complaints:{scope}:all:{minute}", PER_MINUTE, 120)
    own = _spend(f"complaints:{scope}:ip:{address}", PER_ADDRESS, 3600)
    return overall and own
