"""The installation's holiday calendar: the shipped national list, and the regency's own file
(``PAYUNG_HOLIDAYS_FILE`` or ``<var>/holidays.json``), read again when it changes."""

import json
import os
from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured

from payung.domain.workdays import HolidayKind, YearStatus
from payung.holidays import holiday_calendar, local_file, national_calendar


def _write(path, days):
    path.write_text(
        json.dumps(
            {"years": [{"year": 2026, "holidays": [{"date": d, "id": "Hari Jadi"} for d in days]}]}
        ),
        encoding="utf-8",
    )


def test_without_a_regency_file_the_national_list(settings, tmp_path):
    settings.HOLIDAYS_FILE = ""
    settings.VAR_DIR = tmp_path
    assert local_file() is None
    assert holiday_calendar() is national_calendar()
    assert holiday_calendar().years[2026] is YearStatus.DECREED
    assert date(2026, 8, 17) in holiday_calendar()


def test_the_var_file_is_added_and_read_again_when_it_changes(settings, tmp_path):
    settings.HOLIDAYS_FILE = ""
    settings.VAR_DIR = tmp_path
    path = tmp_path / "holidays.json"
    _write(path, ["2026-04-20"])
    assert local_file() == path
    first = holiday_calendar()
    assert first.holidays[date(2026, 4, 20)].kind is HolidayKind.LOCAL
    assert date(2026, 8, 17) in first
    _write(path, ["2026-04-21"])
    later = os.stat(path).st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(later, later))
    again = holiday_calendar()
    assert date(2026, 4, 21) in again
    assert date(2026, 4, 20) not in again


def test_a_named_file_must_exist(settings, tmp_path):
    named = tmp_path / "libur-bogor.json"
    settings.HOLIDAYS_FILE = str(named)
    with pytest.raises(ImproperlyConfigured):
        holiday_calendar()
    _write(named, ["2026-06-03"])
    assert date(2026, 6, 3) in holiday_calendar()
