"""Typed spreadsheet cells to and from JSON, so a staged row can be re-validated exactly."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from payung.files.table import Formula


def encode_cells(values: list[object]) -> str:
    def encode(value: object) -> Any:
        if isinstance(value, datetime):
            return {"t": "datetime", "v": value.isoformat()}
        if isinstance(value, date):
            return {"t": "date", "v": value.isoformat()}
        if isinstance(value, Formula):
            return {"t": "formula", "v": value.text}
        if isinstance(value, float):
            # JSON keeps floats, but tag them: a NIK typed as a number must stay a number.
            return {"t": "float", "v": repr(value)}
        return value

    return json.dumps([encode(v) for v in values], ensure_ascii=False)


def decode_cells(text: str) -> list[object]:
    def decode(value: Any) -> object:
        if isinstance(value, dict):
            kind, raw = value["t"], value["v"]
            if kind == "datetime":
                return datetime.fromisoformat(raw)
            if kind == "date":
                return date.fromisoformat(raw)
            if kind == "formula":
                return Formula(raw)
            if kind == "float":
                return float(raw)
        return value

    return [decode(v) for v in json.loads(text)]
