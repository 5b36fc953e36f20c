"""Creating and changing users (audited; passwords never enter the trail)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.db import transaction

from payung.access.actor import Actor, actor_user
from payung.access.scope import require
from payung.accounts.models import User
from payung.audit.services import audit_record, snapshot
from payung.domain.regions import RegionCode
from payung.domain.roles import Capability, Role
from payung.regions.models import Region


def _check_actor_may_manage(actor: Actor, role: Role, region: RegionCode | None) -> None:
    require(actor, Capability.MANAGE_USERS)
    user = actor_user(actor)
    if user is None or user.role == Role.SYSTEM_ADMIN:  # an operator manages every user
        return
    # A regency administrator manages the regency's users, never installation-wide roles.
    actor_region = user.region_code
    if region is None or actor_region is None or not actor_region.contains(region):
        raise PermissionDenied("user.outside_scope")
    if role in (Role.SYSTEM_ADMIN, Role.REGENCY_ADMIN, Role.AUDITOR):
        raise PermissionDenied("user.role_not_allowed")


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    username: str,
    password: str,
    role: Role,
    region_code: str | None,
    display_name: str = "",
    email: str = "",
    check_password: bool = True,
) -> User:
    region = RegionCode.parse(region_code) if region_code else None
    role.check_scope(region)
    _check_actor_may_manage(actor, role, region)
    user = User(
        username=username,
        role=role.value,
        region=Region.objects.get(code=region.code) if region else None,
        display_name=display_name,
        email=email,
        is_staff=role is Role.SYSTEM_ADMIN,
        is_superuser=role is Role.SYSTEM_ADMIN,
    )
    if check_password:
        validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_record(actor=actor, action="user.create", target=user, after=snapshot(user))
    return user


@transaction.atomic
def user_set_active(*, actor: Actor, user: User, active: bool, reason: str) -> User:
    _check_actor_may_manage(actor, user.role_enum, user.region_code)
    user = User.objects.select_for_update().get(pk=user.pk)
    before = snapshot(user, ["is_active"])
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="user.activate" if active else "user.deactivate",
        target=user,
        before=before,
        after=snapshot(user, ["is_active"]),
        reason=reason,
    )
    return user


def user_language_set(*, user: User, language: str) -> None:
    """Remember the interface language ``user`` chose (one of ``settings.LANGUAGES``). A display
    preference of their own, about no one else: not audited."""
    if language not in dict(settings.LANGUAGES):
        return
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language
