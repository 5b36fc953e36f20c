"""Logins: hashed passwords, throttled guessing, expiring sessions, roles that fit regions."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import override_settings

import payung.settings as production_settings
from payung.accounts.models import User
from payung.accounts.services import user_create, user_set_active
from payung.audit.models import AuditEvent
from payung.domain.errors import DomainError
from payung.domain.roles import Role
from tests.builders import COMMAND_LINE

pytestmark = pytest.mark.django_db


def _new_user(actor, username, role, region_code):
    return user_create(
        actor=actor,
        username=username,
        password="p",
        role=role,
        region_code=region_code,
        check_password=False,
    )


def test_production_settings_hash_with_pbkdf2_and_expire_sessions():
    assert production_settings.PASSWORD_HASHERS[0].endswith("PBKDF2PasswordHasher")
    assert settings.SESSION_COOKIE_AGE == 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


@override_settings(PASSWORD_HASHERS=production_settings.PASSWORD_HASHERS)
def test_passwords_are_stored_hashed(demo):
    user = user_create(
        actor=COMMAND_LINE,
        username="baru",
        password="kata-sandi-panjang-77",
        role=Role.VERIFIER,
        region_code="32.01",
    )
    stored = User.objects.get(pk=user.pk).password
    assert stored.startswith("pbkdf2_sha256$")
    assert "kata-sandi-panjang-77" not in stored


def test_login_then_session_expires_after_an_hour_of_inactivity(client, demo):
    response = client.post("/login/", {"username": "operator.desa", "password": demo["password"]})
    assert response.status_code == 302
    assert response["Location"] == "/dasbor/"
    assert client.session.get_expiry_age() == 3600
    assert client.session.get_expire_at_browser_close()


def test_five_wrong_passwords_lock_the_account_for_that_address(client, demo):
    for _ in range(4):
        response = client.post("/login/", {"username": "operator.desa", "password": "salah"})
        assert response.status_code == 200
        assert response.context["form"].errors["__all__"]
    locked = client.post("/login/", {"username": "operator.desa", "password": "salah"})
    assert locked.status_code == 429
    # Even the right password is refused while the lock lasts.
    right = client.post("/login/", {"username": "operator.desa", "password": demo["password"]})
    assert right.status_code == 429
    assert 'data-code="auth.locked"' in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_role_needs_a_region_of_the_right_level(demo):
    with pytest.raises(DomainError) as error:
        _new_user(None, "x", Role.VILLAGE_OPERATOR, "32.01")
    assert error.value.code == "role.scope"
    assert not User.objects.filter(username="x").exists()


def test_regency_administrator_manages_users_of_the_regency_only(demo):
    admin = demo["users"]["admin.bogor"]
    operator = _new_user(admin, "op.baru", Role.VILLAGE_OPERATOR, "32.01.01.1001")
    event = AuditEvent.objects.get(action="user.create", object_id=str(operator.pk))
    assert event.actor_username == "admin.bogor"
    assert event.region_code == "32.01.01.1001"
    with pytest.raises(PermissionDenied):
        _new_user(admin, "op.lebak", Role.VILLAGE_OPERATOR, "36.02.01.2002")
    with pytest.raises(PermissionDenied):
        _new_user(admin, "root2", Role.SYSTEM_ADMIN, None)
    with pytest.raises(PermissionDenied):
        _new_user(demo["users"]["operator.desa"], "y", Role.VILLAGE_OPERATOR, "32.01.20.2006")


def test_deactivation_is_audited_with_its_reason_and_ends_access(client, demo):
    operator = demo["users"]["operator.desa"]
    user_set_active(
        actor=demo["users"]["admin.bogor"], user=operator, active=False, reason="pindah tugas"
    )
    event = AuditEvent.objects.get(action="user.deactivate", object_id=str(operator.pk))
    assert (event.before, event.after, event.reason) == (
        {"is_active": True},
        {"is_active": False},
        "pindah tugas",
    )
    response = client.post("/login/", {"username": "operator.desa", "password": demo["password"]})
    assert response.status_code == 200  # the form again, not a redirect into the app


def test_navigation_follows_the_role(client, demo):
    def menu(username):
        client.force_login(demo["users"][username])
        return [item["url"] for item in client.get("/programmes/").context["nav_items"]]

    read = ["/dasbor/", "/programmes/", "/registry/"]
    assert menu("operator.desa") == [
        *read,
        "/imports/",
        "/candidates/",
        "/coverage/",
        "/laporan/",
        "/claims/",
        "/pengaduan/",
    ]
    assert menu("pengawas.kecamatan") == [*read, "/candidates/", "/coverage/", "/laporan/"]
    assert menu("auditor") == [*read, "/candidates/", "/coverage/", "/laporan/", "/audit/"]
    assert menu("verifikator") == [
        *read,
        "/candidates/",
        "/coverage/",
        "/laporan/",
        "/claims/",
        "/pengaduan/",
        "/duplicates/",
        "/lists/",
    ]
    assert menu("bpjs") == [
        *read,
        "/candidates/",
        "/coverage/",
        "/laporan/",
        "/enrolment/",
        "/claims/",
    ]
    assert menu("keuangan") == [*read, "/candidates/", "/coverage/", "/laporan/", "/finance/"]
    # Who manages the programmes uploads the district boundaries the maps are drawn from.
    assert "/wilayah/batas/" in menu("admin.bogor")
    assert menu("sysadmin") == [
        *read,
        "/imports/",
        "/candidates/",
        "/coverage/",
        "/laporan/",
        "/wilayah/batas/",
        "/enrolment/",
        "/claims/",
        "/pengaduan/",
        "/finance/",
        "/duplicates/",
        "/lists/",
        "/audit/",
        "/admin/",
    ]
