"""Who acts: a signed-in user, or the server's operator — the command line or the system — by name.

Every service takes ``actor: Actor`` (ADR 0035). There is no ``None`` actor:

* a **user** (``accounts.User``; typed here structurally by :class:`UserActor`, because access sits
  below accounts) may do what their role allows inside their region;
* an **operator** — :class:`CommandLine` (``payung import …``, ``payung demo seed``) or
  :class:`System` (a job with no user behind it) — is whoever holds the server: it may do every
  capability over every region, exactly like a system administrator, and the audit trail records
  it by name (``cli:payung demo seed``, ``system:job import.commit``), never as nobody.

``payung.access.scope`` applies the rule (``require``, ``require_region``, ``scoped``); a service
never asks "is this the command line?" itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, TypeAlias, runtime_checkable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from payung.domain.regions import RegionCode
from payung.domain.roles import Capability


@runtime_checkable
class UserActor(Protocol):
    """What services read of a signed-in user; ``payung.accounts.models.User`` has all of it."""

    @property
    def pk(self) -> int | None: ...

    @property
    def username(self) -> str: ...

    @property
    def role(self) -> str: ...

    @property
    def is_active(self) -> bool: ...

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def region_code(self) -> RegionCode | None: ...

    def can(self, capability: Capability) -> bool: ...


def _checked_name(name: str) -> None:
    if not name.strip():
        raise ValueError("an operator actor needs a name (the command or the job it is)")


@dataclass(frozen=True)
class CommandLine:
    """A management command run on the server, named as it was typed: ``payung import``."""

    name: str

    def __post_init__(self) -> None:
        _checked_name(self.name)

    @property
    def label(self) -> str:
        return f"cli:{self.name}"


@dataclass(frozen=True)
class System:
    """Work the server does by itself, with no user behind it: ``job import.commit``."""

    name: str

    def __post_init__(self) -> None:
        _checked_name(self.name)

    @property
    def label(self) -> str:
        return f"system:{self.name}"


Operator: TypeAlias = CommandLine | System
Actor: TypeAlias = UserActor | CommandLine | System


def actor_user(actor: Actor) -> UserActor | None:
    """The user behind ``actor``, or ``None`` for an operator."""
    return None if isinstance(actor, CommandLine | System) else actor


def actor_pk(actor: Actor) -> int | None:
    """The user id to store in a ``created_by``-like column (``None`` for an operator)."""
    user = actor_user(actor)
    return int(user.pk) if user is not None and user.pk is not None else None


def actor_region(actor: Actor) -> RegionCode | None:
    """The region ``actor`` works in; ``None`` for the whole country (an operator, or a user
    whose role covers the whole installation)."""
    user = actor_user(actor)
    return user.region_code if user is not None else None


def actor_label(actor: Actor) -> str:
    """Who acted, as the audit trail keeps it: the username, or ``cli:…`` / ``system:…``.

    A username never holds ``:`` (Django's username validator), so an operator's label can never
    be mistaken for a user.
    """
    if isinstance(actor, CommandLine | System):
        return actor.label
    return actor.username or ""


def actor_of(request: HttpRequest) -> UserActor:
    """The signed-in user of a request, as an actor; refused (403) for an anonymous visitor.

    Pages are behind ``login_required`` and the JSON API behind its own sign-in check, so the
    refusal only guards against a view that forgot them.
    """
    user = request.user
    if not user.is_authenticated or not isinstance(user, UserActor):
        raise PermissionDenied("login_required")
    return user
