"""The holidays Payung counts working days with (ADR 0042): the national public holidays and
cuti bersama shipped in ``payung/data/public_holidays.json`` (from each year's SKB 3 Menteri),
plus the regency's own file — ``settings.HOLIDAYS_FILE`` (``PAYUNG_HOLIDAYS_FILE``), which must
then exist, or else ``<var>/holidays.json`` when it exists. Same format
(``domain.workdays.parse_calendar``); a day in both is the regency's. The regency's file is read
again when it changes (its modification time), so an added holiday needs no restart.

A foundation (below every stage): claims' payment deadline uses it, and so will complaints'
response time limits. The arithmetic is the domain's (``payung.domain.workdays``).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from payung.domain.workdays import Calendar, parse_calendar

LOCAL_FILE_NAME = "holidays.json"


@lru_cache(maxsize=1)
def national_calendar() -> Calendar:
    """The shipped national list (read once)."""
    text = resources.files("payung.data").joinpath("public_holidays.json").read_text("utf-8")
    return parse_calendar(text)


@lru_cache(maxsize=4)
def _local_calendar(path: str, modified_ns: int) -> Calendar:
    return parse_calendar(Path(path).read_text("utf-8"))


def local_file() -> Path | None:
    """The regency's holidays file, or None when it has none."""
    named = str(getattr(settings, "HOLIDAYS_FILE", "") or "")
    if named:
        path = Path(named)
        if not path.is_file():
            raise ImproperlyConfigured(f"PAYUNG_HOLIDAYS_FILE {named} does not exist")
        return path
    default = Path(settings.VAR_DIR) / LOCAL_FILE_NAME
    return default if default.is_file() else None


def holiday_calendar() -> Calendar:
    """The national list with the regency's own days added."""
    path = local_file()
    if path is None:
        return national_calendar()
    local = _local_calendar(str(path), path.stat().st_mtime_ns)
    return national_calendar().merged(local)
