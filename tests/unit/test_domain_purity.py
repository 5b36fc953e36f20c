"""The domain core stays pure Python: no Django, no third-party package, no settings or clock."""

import ast
import subprocess
import sys
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[2] / "src" / "payung" / "domain"


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(
                node.module.split(".")[0] if node.module.split(".")[0] != "payung" else node.module
            )
    return names


def test_domain_imports_only_the_standard_library_and_itself():
    offenders = {}
    for path in sorted(DOMAIN.glob("*.py")):
        for name in _imported_modules(path):
            if name.startswith("payung"):
                if not name.startswith("payung.domain"):
                    offenders[path.name] = name
            elif name not in sys.stdlib_module_names:
                offenders[path.name] = name
    assert offenders == {}


def test_importing_the_domain_loads_no_django():
    code = (
        "import sys, pkgutil, importlib, payung.domain as d\n"
        "for m in pkgutil.iter_modules(d.__path__):\n"
        "    importlib.import_module('payung.domain.' + m.name)\n"
        "print('django' in sys.modules)"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_every_error_code_has_both_languages():
    import importlib
    import pkgutil

    import payung.domain as domain
    from payung.domain.errors import catalogue

    for module in pkgutil.iter_modules(domain.__path__):
        importlib.import_module(f"payung.domain.{module.name}")
    codes = catalogue()
    assert len(codes) >= 40
    for code, message in codes.items():
        assert "." in code, code
        assert message.id.strip(), code
        assert message.en.strip(), code
        assert message.id != message.en or code.startswith("x."), code
