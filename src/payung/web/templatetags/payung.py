"""Template filters for money and roles, in the user's language."""

from __future__ import annotations

from typing import Any

from django import template

from payung.domain.errors import message_for
from payung.domain.money import format_basis_points, format_count, format_rupiah
from payung.domain.roles import Role
from payung.edge.pages import language

register = template.Library()


@register.filter
def rupiah(value: int | None) -> str:
    return "—" if value is None else format_rupiah(int(value))


@register.filter
def role_label(value: str) -> str:
    try:
        role = Role(value)
    except ValueError:
        return value
    return role.label_en if language().startswith("en") else role.label_id


@register.filter
def thousands(value: int | None) -> str:
    return "—" if value is None else format_count(int(value))


@register.filter
def basis_points(value: int | None) -> str:
    """Hundredths of a percent as the reader writes them: 1234 → "12,34%" ("12.34%" in English)."""
    return "—" if value is None else format_basis_points(int(value), language())


@register.filter
def said(issue: Any) -> str:
    """A stored finding (``{"code", "params"}``, or a ``Notice``) in the reader's language."""
    code = issue["code"] if isinstance(issue, dict) else issue.code
    params = issue.get("params", {}) if isinstance(issue, dict) else issue.params
    return message_for(code, language(), **params)
