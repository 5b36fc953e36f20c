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


# The fixtures that give a test the database; a test using none of them cannot have written a row.
_DATABASE_FIXTURES = frozenset(
    {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback"}
)


def audit_rows_unregistered() -> set[tuple[str, str]]:
    """(action, object type) of every audit row whose action is not in the catalogue, or whose
    object type is not the one its action declares. One query: the distinct pairs."""
    from payung.audit.catalogue import actions
    from payung.audit.models import AuditEvent

    declared = actions()
    written = AuditEvent.objects.order_by().values_list("action", "object_type").distinct()
    return {
        (action, object_type)
        for action, object_type in written
        if action not in declared or declared[action].object_type != object_type
    }


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """After each database test (passed so far), while its data is still there: every audit row
    it wrote carries a registered action about the object type that action declares (ADR 0031)."""
    result = yield
    uses_db = item.get_closest_marker("django_db") is not None or bool(
        _DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )
    if uses_db:
        wrong = audit_rows_unregistered()
        if wrong:
            pytest.fail(
                "audit rows with an unregistered action (or another object type than it "
                f"declares; see payung/audit/catalogue.py): {sorted(wrong)}",
                pytrace=False,
            )
    return result


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Hashing with PBKDF2's 1,000,000 rounds in every test would dominate the run; the production
    # hasher is asserted in tests/integration/test_accounts.py.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a test's rolled-back rows may leave ids (a
    programme's, the audit trail's last) that the next test's rows reuse on SQLite, and a key
    made of them must not find the last test's figures (or its rate-limit counters)."""
    from django.core.cache import cache

    cache.clear()


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
