"""Small builders of domain values that several tests need."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from payung.access.actor import CommandLine
from payung.domain.nik import parse_nik
from payung.domain.person import Sex
from payung.domain.worker_row import WorkerData

# What a test that acts "from the command line" passes as the actor (ADR 0035).
COMMAND_LINE = CommandLine(name="pytest")


def worker_data(nik: str, name: str, village: str, *, sex: Sex = Sex.MALE) -> WorkerData:
    """A validated row with only what the registry requires, born on the NIK's date."""
    parsed = parse_nik(nik, reference_date=date(2026, 11, 21))
    return WorkerData(
        nik=parsed,
        family_card=None,
        full_name=name,
        sex=sex,
        birth_place="",
        birth_date=parsed.birth_date,
        village_code=village,
        hamlet="",
        rt="",
        rw="",
        address="",
        phone=None,
        occupation=None,
        occupation_text="",
        monthly_income=None,
        mother_name="",
        heirs=(),
        decile=None,
    )


def xlsx(path: Path, headers: list[object], rows: list[list[object]]) -> Path:
    """A workbook with a header row and ``rows`` on its first sheet."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def village_operator(village: str, username: str = "operator.lain") -> Any:
    """A village operator of another village (the demo's own is ``operator.desa``)."""
    from payung.accounts.services import user_create
    from payung.domain.roles import Role

    return user_create(
        actor=COMMAND_LINE,
        username=username,
        password="p",
        role=Role.VILLAGE_OPERATOR,
        region_code=village,
        check_password=False,
    )
