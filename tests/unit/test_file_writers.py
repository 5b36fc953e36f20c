"""Every CSV and XLSX Payung writes goes through ``payung.files``: nothing else builds one.

The safe writer neutralises formula-like text (ADR 0025); a module that opened its own
``csv.writer`` or openpyxl ``Workbook`` would bypass it. Reading files is not checked here.
"""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "src" / "payung"
WRITERS_HOME = SOURCE / "files"

# (module, name) pairs that write a spreadsheet or a CSV.
FORBIDDEN_NAMES = {
    ("csv", "writer"),
    ("csv", "DictWriter"),
    ("openpyxl", "Workbook"),
    ("openpyxl.workbook", "Workbook"),
    ("openpyxl.workbook.workbook", "Workbook"),
    ("openpyxl.cell", "WriteOnlyCell"),
    ("openpyxl.cell.cell", "WriteOnlyCell"),
}
FORBIDDEN_MODULES = {"xlsxwriter", "pandas"}


def writers_used(code: str) -> set[str]:
    """The spreadsheet and CSV writers ``code`` builds, as ``module.name``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                if (node.module, alias.name) in FORBIDDEN_NAMES:
                    found.add(f"{node.module}.{alias.name}")
            if node.module.split(".")[0] in FORBIDDEN_MODULES:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(
                alias.name for alias in node.names if alias.name.split(".")[0] in FORBIDDEN_MODULES
            )
        elif isinstance(node, ast.Attribute):
            owner = _dotted(node.value)
            if owner is not None and (owner, node.attr) in FORBIDDEN_NAMES:
                found.add(f"{owner}.{node.attr}")
    return found


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        owner = _dotted(node.value)
        return f"{owner}.{node.attr}" if owner else None
    return None


def test_only_payung_files_builds_csv_or_xlsx_writers():
    offenders = {
        str(path.relative_to(SOURCE)): sorted(used)
        for path in sorted(SOURCE.rglob("*.py"))
        if WRITERS_HOME not in path.parents and (used := writers_used(path.read_text()))
    }
    assert offenders == {}


def test_the_check_sees_each_way_of_building_a_writer():
    assert writers_used("import csv\nw = csv.writer(f)") == {"csv.writer"}
    assert writers_used("from csv import DictWriter") == {"csv.DictWriter"}
    assert writers_used("import openpyxl\nb = openpyxl.Workbook()") == {"openpyxl.Workbook"}
    assert writers_used("from openpyxl import Workbook") == {"openpyxl.Workbook"}
    assert writers_used("from openpyxl.cell import WriteOnlyCell") == {
        "openpyxl.cell.WriteOnlyCell"
    }
    assert writers_used("import xlsxwriter") == {"xlsxwriter"}
    # Reading is not writing.
    assert (
        writers_used("import csv\nr = csv.reader(f)\nfrom openpyxl import load_workbook") == set()
    )


def test_the_safe_writer_itself_is_where_the_check_looks():
    assert writers_used((WRITERS_HOME / "writers.py").read_text()) >= {
        "csv.writer",
        "openpyxl.Workbook",
    }


def test_payung_files_imports_no_payung_app():
    imported = set()
    for path in WRITERS_HOME.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    payung = {name for name in imported if name.split(".")[0] == "payung"}
    # A foundation: only the pure domain below it, and its own modules.
    assert {
        name for name in payung if not name.startswith(("payung.domain.", "payung.files."))
    } == set()
    assert "payung.files.cells" in payung  # the check sees the package's own imports
    assert "django" not in {name.split(".")[0] for name in imported}
