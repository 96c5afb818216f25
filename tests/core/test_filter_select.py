"""core.forms.QuickSelect writes exactly the markup of Django's template-rendered select
(it only saves the template per option), escaping every name, value and label."""

import pytest
from django import forms

from core.forms import QuickSelect

CHOICES = [
    ("", "Alle <Gremien>"),
    ('Gruppe "A" & B', [(1, "Eins & zwei"), (2, "<b>fett</b>")]),
    (3, 'Drei "Anführung"'),
    ("x'<y", "Wert mit Zeichen"),
]


@pytest.mark.parametrize("value", [None, "", "1", 2, ["3"], "x'<y", "unbekannt"])
@pytest.mark.parametrize(
    "attrs", [{}, {"class": "wide", "disabled": True, "data-off": False, "title": 'a"b<'}]
)
def test_it_renders_what_djangos_select_renders(value, attrs):
    expected = forms.Select(attrs=attrs, choices=CHOICES).render(
        "feld<", value, {"id": "id_feld", "aria-invalid": "true"}
    )
    written = QuickSelect(attrs=attrs, choices=CHOICES).render(
        "feld<", value, {"id": "id_feld", "aria-invalid": "true"}
    )
    assert written == expected
    assert "<b>" not in written


def test_a_bound_field_renders_the_same():
    class Form(forms.Form):
        plain = forms.TypedChoiceField(choices=CHOICES, coerce=str, required=False)
        quick = forms.TypedChoiceField(
            choices=CHOICES, coerce=str, required=False, widget=QuickSelect
        )

    form = Form({"plain": "zz", "quick": "zz"})  # invalid: aria-invalid, errors
    assert not form.is_valid()
    assert str(form["quick"]).replace("quick", "plain") == str(form["plain"])
