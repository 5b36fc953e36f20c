"""No import of Payung code hides inside a function (issue 12, item 1; ADR 0034).

An import inside a function is how a lower stage reaches a higher one without the module-level
import that would make the cycle visible. A lower stage that must tell a higher one something
announces an event (``payung.events``) and the top wires the reaction (``payung/reactions.py``).

``DJANGO_REQUIRES`` lists the few places where Django itself needs the import to wait, each with
its reason; they stay. ``NOT_YET`` lists those other branches of issue 12 are removing: it may only
shrink (an entry that no longer occurs fails the test too, so the list is kept exact).

Not checked here: ``domain/`` (it imports only itself and the standard library, see
``test_domain_purity.py``) and migrations (a data migration imports the code it runs inside its
function, against the historical models Django hands it).
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "payung"

DJANGO_REQUIRES: dict[tuple[str, str], str] = {
    ("web/apps.py", "payung.events"): "the reaction table is wired in AppConfig.ready(): its "
    "reactions import models, which may be imported only once the app registry is ready",
    ("web/apps.py", "payung.reactions"): "as above (payung.events.wire(reactions.REACTIONS))",
    ("finance/apps.py", "payung.finance.jobs"): "job handlers register in AppConfig.ready(), "
    "after the models are loaded",
    ("imports/apps.py", "payung.imports.jobs"): "as above",
    ("reports/apps.py", "payung.reports.kept"): "as above (the job handler report.build)",
    ("reports/apps.py", "payung.reports.kept_kinds"): "as above (the kinds report.build builds)",
    ("web/management/commands/serve.py", "payung.wsgi"): "importing payung.wsgi builds the WSGI "
    "application; it happens when `payung serve` runs, not whenever Django lists its commands",
}

# Issue 12 healed the last one (the circle inside screening, ADR 0038). Never add one.
NOT_YET: dict[tuple[str, str], str] = {}


def _payung_modules(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.split(".")[0] == "payung"]
    if node.level:  # a relative import is Payung's own code
        return [f".{node.module or ''}"]
    if node.module and node.module.split(".")[0] == "payung":
        # ``from payung.finance import jobs`` imports the module payung.finance.jobs.
        return [
            f"{node.module}.{a.name}" if _is_module(f"{node.module}.{a.name}") else node.module
            for a in node.names
        ]
    return []


def _is_module(dotted: str) -> bool:
    path = SRC.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _hidden_imports(path: Path) -> set[str]:
    """The Payung modules ``path`` imports inside a function (at any depth)."""
    found: set[str] = set()
    for function in ast.walk(ast.parse(path.read_text())):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    found.update(_payung_modules(node))
    return found


def _all_hidden_imports() -> set[tuple[str, str]]:
    found = set()
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if relative.startswith("domain/") or "/migrations/" in relative:
            continue
        found.update((relative, module) for module in _hidden_imports(path))
    return found


def test_no_payung_import_hides_inside_a_function():
    hidden = _all_hidden_imports() - set(DJANGO_REQUIRES) - set(NOT_YET)
    assert sorted(hidden) == []


def test_the_exception_lists_name_only_imports_that_still_exist():
    found = _all_hidden_imports()
    assert sorted(set(DJANGO_REQUIRES) - found) == []
    assert sorted(set(NOT_YET) - found) == [], "an exception was removed: shrink NOT_YET"


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "lower.py"
    module.write_text(
        "from payung.registry.models import Person\n"
        "def react():\n"
        "    if True:\n"
        "        from payung.screening.services import people_rescreen\n"
        "        from payung import reactions\n"
        "    from .sibling import thing\n"
    )
    assert _hidden_imports(module) == {
        "payung.screening.services",
        "payung.reactions",
        ".sibling",
    }
