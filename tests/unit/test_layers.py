"""The process order is a checked law (ADR 0037), and so is the order inside screening (ADR 0038).

The layers are written once, in pyproject.toml's ``[tool.importlinter]`` contracts, and `make test`
runs ``lint-imports`` over them. These tests keep the contract honest: its exception list can only
shrink (a new exception fails here, a healed one fails in ``lint-imports`` as unmatched until it
is struck off), and the contract is run here too, so a plain ``pytest`` catches a wrong import.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The exceptions the contract allows. It held sixteen when it was written (ADR 0037); issue 12
# healed them all. Never add one: fix the import (an event, a lower home for what is shared).
ALLOWED_EXCEPTIONS: frozenset[str] = frozenset()


def _contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def _contract(contract_id: str = "process-order") -> dict:
    (contract,) = (c for c in _contracts() if c["id"] == contract_id)
    return contract


def test_the_exception_list_only_shrinks():
    added = set(_contract()["ignore_imports"]) - ALLOWED_EXCEPTIONS
    assert not added, f"new exceptions to the layers (fix the import instead): {sorted(added)}"
    assert _contract()["ignore_imports"] == []


def test_the_layers_run_from_the_domain_up_to_the_edges():
    layers = _contract()["layers"]
    assert layers[-1] == "domain"
    assert layers[0].startswith("web ")
    order = [name.strip("()") for layer in layers for name in layer.split(" : ")]
    process = ["registry", "dedupe", "imports", "budgets", "screening", "enrolment", "finance"]
    assert [order.index(stage) for stage in process] == sorted(
        (order.index(stage) for stage in process), reverse=True
    )


def test_screening_runs_one_way_down_with_no_exception():
    """Inside screening the write path ``move`` and the places it frees are one module (their
    recursion needs no hidden import); acting and screening sit above it, the rules and what every
    step shares below (ADR 0038). Every module of screening has its layer."""
    contract = _contract("screening-order")
    assert contract["type"] == "layers"
    assert contract["containers"] == ["payung.screening"]
    assert contract["layers"] == [
        "views | reactions",
        "services | selectors | forms",
        "places",
        "rules | candidacies",
        "models | audit_actions",
    ]
    assert contract["exhaustive"] is True
    assert contract.get("ignore_imports", []) == []


def test_the_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(  # noqa: S603 - our own venv's lint-imports
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    kept = {c["name"] for c in _contracts() if f"{c['name']} KEPT" in result.stdout}
    assert kept == {c["name"] for c in _contracts()}  # each one was run
