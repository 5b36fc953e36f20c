"""The edges stay thin (ADR 0036): a view or API module reads through selectors and writes
through services, never ``Model.objects``; what every view needs lives once in ``payung.edge``,
which stands on the foundations only."""

import ast
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "payung"
EDGES = sorted([*SRC.glob("*/views.py"), *SRC.glob("*/api.py")])
# The packages payung.edge may import: it is below every stage app (COMMON layers).
FOUNDATIONS = ("payung.domain", "payung.access", "payung.db", "payung.edge")
# Each exception is "<app>/<module>.py:<line>" with its reason; there is none.
OBJECTS_ALLOWED: dict[str, str] = {}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def _name(path: Path) -> str:
    return str(path.relative_to(SRC))


def test_the_edge_modules_are_found():
    names = {_name(p) for p in EDGES}
    assert {"imports/views.py", "screening/views.py", "registry/api.py", "web/views.py"} <= names


def test_no_view_or_api_module_reaches_for_objects():
    found = {}
    for path in EDGES:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Attribute) and node.attr == "objects":
                found[f"{_name(path)}:{node.lineno}"] = ast.unparse(node)
    assert {place: code for place, code in found.items() if place not in OBJECTS_ALLOWED} == {}


def test_no_view_module_keeps_its_own_language_helper():
    copies = {}
    for path in EDGES:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.FunctionDef) and node.name in ("_lang", "language"):
                copies[_name(path)] = node.name
            elif isinstance(node, ast.ImportFrom) and any(
                alias.name == "get_language" for alias in node.names
            ):
                copies[_name(path)] = "get_language"
    assert copies == {}


def test_no_view_module_imports_another_view_module():
    """What two apps' pages share lives below them (payung.edge, or the app's own labels)."""
    reaching = {}
    for path in EDGES:
        for node in ast.walk(_tree(path)):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("payung.")
                and not node.module.startswith(FOUNDATIONS)
                and node.module.split(".")[-1] in ("views", "api")
            ):
                reaching[_name(path)] = node.module
    assert reaching == {}


def test_the_edge_package_imports_only_the_foundations_and_django():
    offenders = {}
    for path in sorted((SRC / "edge").glob("*.py")):
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top == "payung":
                    if not module.startswith(FOUNDATIONS):
                        offenders[path.name] = module
                elif top != "django" and top not in sys.stdlib_module_names:
                    offenders[path.name] = module
    assert offenders == {}
