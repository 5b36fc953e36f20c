"""The public form's guard: the signed timestamp and the rate limits."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from payung.complaints import guard


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_a_form_sent_too_fast_too_late_or_forged_is_refused():
    token = guard.form_token(now=1000)
    assert not guard.token_fresh(token, now=1002)
    assert guard.token_fresh(token, now=1003)
    assert guard.token_fresh(token, now=1000 + 2 * 3600)
    assert not guard.token_fresh(token, now=1001 + 2 * 3600)
    assert not guard.token_fresh(token + "x", now=1010)


def test_an_address_may_file_five_an_hour():
    assert all(guard.allowed("10.0.0.1", "file") for _ in range(5))
    assert not guard.allowed("10.0.0.1", "file")
    assert guard.allowed("10.0.0.2", "file")
