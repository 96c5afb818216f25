"""makemessages finds a text only in a gettext call with the text itself as argument: a
call with a variable (`gettext(name)`) would drop the text from the catalogue at the next
makemessages, and the page would show it in English."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The functions whose first arguments makemessages reads: how many of them are texts.
TEXT_ARGUMENTS = {
    "gettext": 1,
    "gettext_lazy": 1,
    "gettext_noop": 1,
    "_": 1,
    "ngettext": 2,
    "ngettext_lazy": 2,
    "pgettext": 2,
    "pgettext_lazy": 2,
    "npgettext": 3,
    "npgettext_lazy": 3,
}


def _app_modules():
    for apps_py in sorted(ROOT.glob("*/apps.py")):
        for path in sorted(apps_py.parent.rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _calls_with_a_variable(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        count = TEXT_ARGUMENTS.get(name)
        if count is None:
            continue
        texts = node.args[:count]
        if len(texts) < count or not all(
            isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in texts
        ):
            lines.append(node.lineno)
    return lines


def test_every_translated_text_is_written_in_the_call():
    found = {
        f"{path.relative_to(ROOT)}:{line}"
        for path in _app_modules()
        for line in _calls_with_a_variable(path.read_text())
    }
    assert found == set()


def test_the_check_sees_a_text_passed_as_a_variable():
    source = (
        "from django.utils.translation import gettext, pgettext\n"
        "ok = gettext('Move up')\n"
        "ok2 = pgettext('verb', 'Record')\n"
        "name = 'Move down'\n"
        "bad = gettext(name)\n"
        "bad2 = pgettext('verb', name)\n"
    )
    assert _calls_with_a_variable(source) == [5, 6]
