"""Shared fixtures. The national region list is loaded once per test session (91,599 rows)."""

from __future__ import annotations

import pytest

from payung.demo.seed import DEMO_PASSWORD
from tests.builders import COMMAND_LINE


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from payung.regions.services import regions_load

    with django_db_blocker.unblock():
        regions_load(actor=COMMAND_LINE)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Hashing with PBKDF2's 1,000,000 rounds in every test would dominate the run; the production
    # hasher is asserted in tests/integration/test_accounts.py.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db):
    """The demo programmes and users, as `make demo` seeds them."""
    from payung.demo.seed import seed_demo

    seed_demo()
    from payung.accounts.models import User
    from payung.programmes.models import Programme

    return {
        "users": {u.username: u for u in User.objects.all()},
        "bogor": Programme.objects.get(regency_id="32.01"),
        "lebak": Programme.objects.get(regency_id="36.02"),
        "password": DEMO_PASSWORD,
    }
