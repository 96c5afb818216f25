"""The select boxes and check boxes written in Python (`core.forms.QuickSelect`,
`QuickCheckboxSelectMultiple`) give the markup of Django's widget templates, character
for character, with every value escaped."""

import pytest
from django import forms

from core.forms import QuickCheckboxSelectMultiple, QuickSelect

CHOICES = [
    ("", "Alle"),
    (1, 'Stadt <script>alert("x")</script> & Co'),
    ('a"b', "Zwei"),
    ("Gruppe <b>", [(3, "Drei"), (4, "Vier & mehr")]),
]
VALUES = [None, "", 1, "1", ["1", "3"], ['a"b'], [4]]
ATTRS = [None, {"id": "id_x", "class": "c <&>"}, {"required": True, "disabled": False}]


@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("value", VALUES)
def test_a_quick_select_writes_what_djangos_select_writes(attrs, value):
    quick = QuickSelect(choices=CHOICES, attrs=attrs).render('na"me', value)
    assert quick == forms.Select(choices=CHOICES, attrs=attrs).render('na"me', value)
    assert "<script>" not in quick


@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("value", VALUES)
def test_quick_check_boxes_write_what_djangos_check_boxes_write(attrs, value):
    value = value if isinstance(value, list) or value is None else [value]
    for extra in (None, {"id": "id_y"}):
        quick = QuickCheckboxSelectMultiple(choices=CHOICES, attrs=attrs).render("n<", value, extra)
        django = forms.CheckboxSelectMultiple(choices=CHOICES, attrs=attrs).render(
            "n<", value, extra
        )
        assert quick == django
        assert "<script>" not in quick


def test_a_form_field_renders_its_label_and_box_as_before():
    class Quick(forms.Form):
        art = forms.ChoiceField(choices=CHOICES[:3], required=False, widget=QuickSelect)

    class Plain(forms.Form):
        art = forms.ChoiceField(choices=CHOICES[:3], required=False)

    assert str(Quick({"art": "1"})["art"]) == str(Plain({"art": "1"})["art"])
