"""Stable error codes with their messages in Indonesian and English.

Every rule in the domain reports a problem as an :class:`Issue` (a code, its parameters and a
severity) or raises a :class:`DomainError` carrying one. The code is the contract: screens, import
error workbooks, the API and the audit trail show it, and tests assert it. Messages are templates
filled from the parameters; Indonesian is the default language, English the alternative.

Each domain module registers its own codes with :func:`register` at import time, so the catalogue
is the union of what the modules define and a test can check that every code has both languages.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Final

LANGUAGES: Final = ("id", "en")
DEFAULT_LANGUAGE: Final = "id"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"  # a reason given with a result (why a bill line costs what it costs)


@dataclass(frozen=True)
class Message:
    id: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang.lower().startswith("en") else self.id


_CATALOGUE: dict[str, Message] = {}


def register(code: str, *, id: str, en: str) -> str:
    """Add ``code`` to the catalogue and return it, so modules can write ``X = register(...)``."""
    if code in _CATALOGUE and _CATALOGUE[code] != Message(id, en):
        raise ValueError(f"error code {code!r} registered twice with different messages")
    for template in (id, en):
        # A template names only {placeholders}; a stray brace is a bug caught at import.
        list(string.Formatter().parse(template))
    _CATALOGUE[code] = Message(id, en)
    return code


def catalogue() -> Mapping[str, Message]:
    """All registered codes (read-only view)."""
    return MappingProxyType(_CATALOGUE)


def message_for(code: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    message = _CATALOGUE.get(code)
    if message is None:
        raise KeyError(f"unknown error code {code!r}")
    return message.text(lang).format(**params)


@dataclass(frozen=True)
class Issue:
    """One finding about a value: an error (refused), a warning (kept) or a note (a reason)."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        if self.code not in _CATALOGUE:
            raise KeyError(f"unknown error code {self.code!r}")

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return message_for(self.code, lang, **self.params)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class DomainError(ValueError):
    """A rule refused a value. ``code`` is stable; ``message(lang)`` is for people."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.issue = Issue(code, dict(params))
        super().__init__(f"{code}: {self.issue.message('en')}")

    @property
    def code(self) -> str:
        return self.issue.code

    @property
    def params(self) -> Mapping[str, object]:
        return self.issue.params

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.issue.message(lang)


def warning(code: str, /, **params: object) -> Issue:
    return Issue(code, dict(params), Severity.WARNING)


def note(code: str, /, **params: object) -> Issue:
    """A reason that explains a result; neither refuses nor questions the value."""
    return Issue(code, dict(params), Severity.INFO)
