"""The audit action catalogue: every action a service writes to the trail, declared once.

An action's code (``candidate.return``) is the contract, like an error code: tests and filters use
it, and it is kept on every row. Its label is what people read (Indonesian by default, English on
request: the label is a lazy gettext string whose msgid is the English text and whose Indonesian
translation is in ``locale/id/LC_MESSAGES/django.po``). ``object_type`` is what the row is about
(``app_label.Model``, as :func:`payung.audit.services.audit_record` writes it, or ``region`` for
work over a whole region), and ``before``/``after`` say in one sentence each what those JSON
columns hold.

The audit app is low in the layers and imports no app: each app declares its own actions in an
``audit_actions.py`` module (calling :func:`register`), and :func:`discover`, run when Django
starts (``AuditConfig.ready``), imports those modules through the installed app configs. The
writers refuse a code that is not registered (:class:`UnknownAuditAction`), and the test suite
checks that every row written during a test carries a registered action and its object type.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules

# The module each app declares its actions in (not ``events.py``: that name is payung.events').
MODULE_NAME = "audit_actions"


class UnknownAuditAction(LookupError):
    """A programming error: an action written to the trail without being registered."""


@dataclass(frozen=True)
class AuditAction:
    code: str
    label: str | Promise  # gettext_lazy("English"), translated in the Indonesian catalogue
    object_type: str  # "app_label.Model" of the row's record, or "region"
    before: str  # what the row's `before` holds, one sentence
    after: str  # what the row's `after` holds, one sentence

    def text(self) -> str:
        """The label in the active language."""
        return str(self.label)


_CATALOGUE: dict[str, AuditAction] = {}


def register(code: str, *, label: str | Promise, object_type: str, before: str, after: str) -> str:
    """Add ``code`` to the catalogue and return it. Registering a code twice with a different
    declaration is a bug (two apps claiming one action), caught when Django starts."""
    action = AuditAction(code, label, object_type, before, after)
    known = _CATALOGUE.get(code)
    if known is not None and known != action:
        raise ValueError(f"audit action {code!r} registered twice with different declarations")
    if not code or code != code.strip() or "." not in code:
        raise ValueError(f"audit action {code!r} is not of the form 'record.verb'")
    _CATALOGUE[code] = action
    return code


def actions() -> Mapping[str, AuditAction]:
    """Every registered action (read-only view)."""
    return MappingProxyType(_CATALOGUE)


def action_get(code: str) -> AuditAction:
    action = _CATALOGUE.get(code)
    if action is None:
        raise UnknownAuditAction(
            f"audit action {code!r} is not registered: declare it in its app's {MODULE_NAME}.py"
        )
    return action


def require_registered(code: str) -> None:
    action_get(code)


def label_of(code: str) -> str:
    """The words for ``code`` in the active language; the code itself for a row written before
    its action was declared (or after it was retired), so an old trail still reads."""
    action = _CATALOGUE.get(code)
    return action.text() if action is not None else code


def discover() -> None:
    """Import every installed app's ``audit_actions`` module (each registers its actions)."""
    autodiscover_modules(MODULE_NAME)
