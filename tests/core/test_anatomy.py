"""The same anatomy in every app: views reach objects only through selectors and gates
(no ORM in views), and module names say what is inside (packages, not `views_x.py`)."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "core",
    "accounts",
    "cooperation",
    "functions",
    "meetings",
    "workinggroups",
    "councils",
    "priorities",
    "overview",
    "documents",
    "winwin",
    "participation",
    "legal",
    "search",
    "demo",
)


def _modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def _view_modules():
    for app in APPS:
        for path in _modules(app):
            relative = path.relative_to(ROOT / app)
            if relative.parts[0] in ("views", "views.py"):
                yield path


VIEW_MODULES = list(_view_modules())


def _orm_uses(path: Path) -> list[str]:
    """`<anything>.objects.` and `get_object_or_404(` / `get_list_or_404(` in a module."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else ""
            name = node.func.id if isinstance(node.func, ast.Name) else name
            if name in ("get_object_or_404", "get_list_or_404"):
                found.append(f"line {node.lineno}: {name}(…)")
    return found


def test_it_finds_the_views_of_every_app_with_pages():
    apps = {path.relative_to(ROOT).parts[0] for path in VIEW_MODULES}
    assert {"accounts", "cooperation", "functions", "meetings", "workinggroups"} <= apps
    assert {"overview", "documents", "core"} <= apps


@pytest.mark.parametrize("path", VIEW_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_views_do_not_use_the_orm(path):
    assert _orm_uses(path) == [], "use a selector or a gate (permissions.py)"


def test_the_check_sees_orm_calls(tmp_path):
    module = tmp_path / "views.py"
    module.write_text(
        "from django.shortcuts import get_object_or_404\n"
        "def view(request, pk):\n"
        "    a = Meeting.objects.filter(pk=pk)\n"
        "    return get_object_or_404(Meeting, pk=pk)\n"
    )
    assert len(_orm_uses(module)) == 2


MISLEADING = re.compile(r"^(views_.+|services_.+|forms_.+|selectors_.+|.+_selectors|.+_services)$")


def test_module_names_say_what_is_inside():
    misnamed = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in _modules(app)
        if MISLEADING.match(path.stem) or MISLEADING.match(path.parent.name)
    ]
    assert misnamed == []
