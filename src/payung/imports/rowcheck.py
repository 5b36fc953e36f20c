"""Checking an upload's rows: the domain's validation plus the registry's staged values, on every
core.

Each data row is validated by the domain (``validate_worker_row``) and, when it passes, turned
into the values the registry will store (``registry.values.person_values``), with its identity
numbers already sealed and masked, ready to be staged on its ``ImportRow`` (ADR 0016). That is
almost all of an import's Python work, and rows are independent of each other, so a large file is
checked by a pool of worker processes, one per core (ADR 0017).

This module imports no Django model and reads no settings: everything a row needs travels in a
:class:`RowContext` (the column mapping, the reference date, the regency's villages, the known
district codes and the data keys). Worker processes are *spawned*, never forked, so a web
server's threads, locks and database connections are never copied into them. What depends on the
database or on other rows — in-file duplicates, NIKs already registered, the user's region — is
decided afterwards by the importing process (``services.batch_validate``).
"""

from __future__ import annotations

import multiprocessing
import operator
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, NamedTuple

from payung.db import json_text
from payung.dedupe.blocking import blocking_record, key_hashes
from payung.domain._digits import mask
from payung.domain.errors import Issue, Severity, register
from payung.domain.headers import Field
from payung.domain.matching import MatchRecord
from payung.domain.villages import VillageIndex
from payung.domain.worker_row import WorkerData, validate_worker_row
from payung.files.table import Formula
from payung.registry.crypto import Keys
from payung.registry.values import heir_values, person_values

ROW_FORMULA: Final = register(
    "row.formula",
    id="Sel berisi rumus ({formula}); Payung tidak menjalankan rumus. Isi dengan nilainya.",
    en="A cell holds a formula ({formula}); Payung does not run formulas. Enter the value.",
)

# ImportRow's clean-value columns, in the order of CheckedRow.clean.
CLEAN_FIELDS: Final = (
    "nik_sealed",
    "nik_masked",
    "family_card_sealed",
    "family_card_index",
    "family_card_masked",
    "full_name",
    "sex",
    "birth_place",
    "birth_date",
    "village_code",
    "hamlet",
    "rt",
    "rw",
    "address",
    "phone",
    "occupation_code",
    "occupation_text",
    "monthly_income",
    "mother_name",
    "decile",
    "heirs",
)
_CLEAN_VALUES: Final = operator.itemgetter(*CLEAN_FIELDS)
# Rows per piece of work handed to a worker, and the file size from which workers are used
# (below it, starting them costs more than they save).
CHUNK_ROWS: Final = 2_000
PARALLEL_MIN_ROWS: Final = 10_000

Row = tuple[int, Sequence[object]]


@dataclass(frozen=True)
class RowContext:
    """What checking a row needs, as plain data a worker process can receive."""

    columns: Mapping[int, Field]
    today: date
    villages: VillageIndex
    districts: frozenset[str]
    default_village: str | None
    keys: Keys


class CheckedRow(NamedTuple):
    """One row after the checks that need nothing but the row itself (a tuple: it crosses
    from worker processes by the hundred thousand)."""

    number: int
    issues: list[Issue]
    nik_index: str  # "" when the row has no readable NIK
    village: str  # the row's village code, "" when it has none
    clean: tuple[object, ...] | None  # CLEAN_FIELDS' values; None when the row has errors
    nik_text: str | None  # the NIK cell as typed, when typed as text (the column damage check)
    nik: str  # the valid NIK, for matching; "" when the row has errors
    match_keys: tuple[int, ...]  # the blocking keys' hashes (dedupe.blocking); () with errors


def _clean(data: WorkerData, values: dict[str, Any], keys: Keys) -> tuple[object, ...]:
    nik, family_card = values["nik"], values["family_card"]
    heirs = [
        {
            **{k: v for k, v in heir_values(heir, keys).items() if k != "nik"},
            "nik_sealed": keys.encrypt(heir.nik.value, context="nik") if heir.nik else None,
        }
        for heir in data.heirs
    ]
    staged = {
        **values,
        "nik_sealed": keys.encrypt(nik, context="nik"),
        "nik_masked": mask(nik),
        "family_card_sealed": keys.encrypt(family_card, context="kk") if family_card else None,
        "family_card_masked": mask(family_card) if family_card else "",
        "village_code": values["village_id"],
        "heirs": json_text(heirs) if heirs else None,
    }
    clean: tuple[object, ...] = _CLEAN_VALUES(staged)
    return clean


def check_row(context: RowContext, number: int, row: Sequence[object]) -> CheckedRow:
    values = {field: row[i] if i < len(row) else None for i, field in context.columns.items()}
    result = validate_worker_row(
        values,
        reference_date=context.today,
        resolve_village=context.villages,
        district_exists=context.districts.__contains__,
        default_village=context.default_village,
    )
    issues = list(result.issues)
    for field, value in values.items():
        if isinstance(value, Formula):
            issues.append(Issue(ROW_FORMULA, {"field": field.value, "formula": value.text[:40]}))
    raw_nik = values.get(Field.NIK)
    nik_text = raw_nik.strip() if isinstance(raw_nik, str) else None
    data = result.data
    if data is None:
        return CheckedRow(number, issues, "", "", None, nik_text, "", ())
    person = person_values(data, context.keys)
    index = person["nik_index"]
    if any(issue.severity is Severity.ERROR for issue in issues):
        return CheckedRow(number, issues, index, data.village_code, None, nik_text, "", ())
    nik = person["nik"]
    hashes = key_hashes(
        blocking_record(
            nik,
            person["full_name"],
            person["birth_date"],
            person["sex"],
            person["village_id"],
            person["family_card"],
        ),
        context.keys,
    )
    clean = _clean(data, person, context.keys)
    return CheckedRow(number, issues, index, data.village_code, clean, nik_text, nik, hashes)


_RECORD_VALUES: Final = operator.itemgetter(
    *(
        CLEAN_FIELDS.index(name)
        for name in ("full_name", "birth_date", "sex", "village_code", "phone", "mother_name")
    )
)


def row_record(number: int, nik: str, clean: tuple[object, ...] | None) -> MatchRecord:
    """What matching reads of a valid row (a ``CheckedRow``'s number, NIK and clean values),
    under the key ``r<row number>``."""
    if clean is None:
        raise ValueError("only a valid row is matched")
    name, born, sex, village, phone, mother = _RECORD_VALUES(clean)
    return MatchRecord(
        key=f"r{number}",
        nik=nik,
        name=str(name),
        birth_date=born if isinstance(born, date) else None,
        sex=str(sex),
        village=str(village),
        phone=str(phone),
        mother_name=str(mother),
    )


_worker_context: RowContext | None = None


def _start_worker(context: RowContext) -> None:
    global _worker_context  # one context per worker process, set once
    _worker_context = context


def _check_chunk(rows: Sequence[Row]) -> list[CheckedRow]:
    if _worker_context is None:
        raise RuntimeError("the worker was started without a row context")
    return [check_row(_worker_context, number, row) for number, row in rows]


def check_rows(
    context: RowContext,
    rows: Sequence[Row],
    *,
    processes: int = 1,
    min_rows: int = PARALLEL_MIN_ROWS,
) -> Iterator[list[CheckedRow]]:
    """Check ``rows`` ((row number, cells) pairs); yield the results chunk by chunk, in order.

    With ``processes`` > 1 and at least ``min_rows`` rows, the chunks are checked by that many
    spawned worker processes while the caller handles the chunks already done.
    """
    chunks = [rows[start : start + CHUNK_ROWS] for start in range(0, len(rows), CHUNK_ROWS)]
    if processes < 2 or len(rows) < min_rows:
        for chunk in chunks:
            yield [check_row(context, number, row) for number, row in chunk]
        return
    spawn = multiprocessing.get_context("spawn")
    with spawn.Pool(processes, initializer=_start_worker, initargs=(context,)) as pool:
        yield from pool.imap(_check_chunk, chunks)
