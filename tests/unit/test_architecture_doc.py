"""docs/architecture.md stays true: every file its "where is the rule?" index names exists, and
every layer of the checked contract is described."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def _index_rows() -> list[str]:
    section = DOC.split("## Where is the rule?", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| ") and "---" not in line][
        1:
    ]


def test_every_file_the_index_names_exists():
    rows = _index_rows()
    assert len(rows) >= 6  # the six questions of issue 12, at least
    for row in rows:
        answer = row.split("|")[2]
        (path,) = re.findall(r"`([^`]+)`", answer)
        assert (ROOT / path).is_file(), f"{path} (named for: {row.split('|')[1].strip()})"


def test_the_six_questions_are_answered():
    questions = " ".join(row.split("|")[1] for row in _index_rows())
    for asked in (
        "How many places a village has",
        "Rp16,800",
        "NIK is checked",
        "Who may approve",
        "inactive",
        "bill is frozen",
    ):
        assert asked in questions


def test_every_layer_of_the_contract_is_in_the_picture():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(
        c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "process-order"
    )
    picture = DOC.split("## The layers (checked)", 1)[1].split("\n## ", 1)[0]
    for layer in contract["layers"]:
        for name in layer.split(" : "):
            assert name.strip("()") in picture, name
