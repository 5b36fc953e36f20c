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


# The view modules whose input is parsed by their app's forms (issue 12 item 6).
FORM_VIEWS = [
    "registry/views.py",
    "imports/views.py",
    "screening/views.py",
    "enrolment/views.py",
    "finance/views.py",
    "dedupe/views.py",
    "web/people.py",
    "claims/views.py",
    "complaints/views.py",
]
# What a view still reads from the request by hand, as "<module>:<function>" → (code, reason).
# Binding a form (``Form(request.POST)``) is not reading by hand. The confirmation token
# (``payung.edge.confirm``) and the shared ``?page=`` and ``?programme=`` (``payung.edge.pages``)
# are read in ``payung.edge``, not here.
_UPLOAD = (
    "the file is handed to payung.files.uploads as it came: its size, emptiness and kind are "
    "judged there and by the reader, in the catalogue's words (a FileField would refuse an empty "
    "file in Django's words first)"
)
READ_BY_HAND_ALLOWED: dict[str, tuple[str, str]] = {
    "imports/views.py:import_new_view": ("request.FILES.get", _UPLOAD),
    "enrolment/views.py:registration_answer_view": ("request.FILES.get", _UPLOAD),
    "finance/views.py:invoice_import_view": ("request.FILES.get", _UPLOAD),
    "dedupe/views.py:external_list_view": ("request.FILES.get", _UPLOAD),
    "claims/views.py:claim_document_upload_view": (
        "request.FILES.get",
        "the document's size is judged before it is read, its kind by its bytes, both in "
        "payung.files.documents' words",
    ),
}


def _read_by_hand(tree: ast.Module) -> dict[str, str]:
    """``"<function>": code`` for each ``request.POST/GET/FILES`` indexed or called on
    (``request.POST["x"]``, ``request.POST.get("x")``, ``request.GET.getlist("x")``)."""
    found = {}
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Subscript | ast.Attribute) and _is_request_data(node.value):
                found.setdefault(function.name, ast.unparse(node))
            elif isinstance(node, ast.Assign) and _is_request_data(node.value):
                found.setdefault(function.name, ast.unparse(node))  # read through another name
    return found


def _is_request_data(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr in ("POST", "GET", "FILES")
        and isinstance(node.value, ast.Name)
        and node.value.id == "request"
    )


def test_reading_by_hand_is_found():
    tree = ast.parse(
        "def a(request):\n    return request.POST.get('x')\n"
        "def b(request):\n    return request.GET['y']\n"
        "def c(request):\n    return request.POST.getlist('z')\n"
        "def d(request):\n    return Form(request.POST if request.method == 'POST' else None)\n"
        "def e(request):\n    post = request.POST\n    return post.get('x')\n"
    )
    assert _read_by_hand(tree) == {
        "a": "request.POST.get",
        "b": "request.GET['y']",
        "c": "request.POST.getlist",
        "e": "post = request.POST",
    }


def test_views_parse_their_input_with_forms():
    """A view binds a form and hands ``form.cleaned_data`` to one service or selector; it reads
    no ``request.POST`` / ``request.GET`` value by hand (each exception has its reason)."""
    found = {}
    for name in FORM_VIEWS:
        for function, code in _read_by_hand(_tree(SRC / name)).items():
            found[f"{name}:{function}"] = code
    assert found == {place: code for place, (code, _reason) in READ_BY_HAND_ALLOWED.items()}
