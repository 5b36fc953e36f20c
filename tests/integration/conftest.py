"""Fixtures the integration tests share (the demo fixture itself is in tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def users(demo):
    return demo["users"]


@pytest.fixture
def bogor(demo):
    return demo["bogor"]
