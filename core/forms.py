"""Form pieces shared by every app: the one upload field and the form that carries it,
and the select of the list pages' filters."""

from __future__ import annotations

from django import forms
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from .uploads import ACCEPT_ATTRIBUTE, too_large_error, upload_help_text


class PrivateFileField(forms.FileField):
    """The upload field: the accepted types in the file picker and the types and the
    limit (read when the form is shown) in the help text. The file itself is checked
    by the service (`core.uploads.store_upload`), so the demo and the shell get the
    same checks."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("File"))
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}))
        kwargs.setdefault("help_text", lazy(upload_help_text, str)())
        super().__init__(**kwargs)


class UploadForm(forms.Form):
    """A form with `PrivateFileField`s.

    `too_large` names the fields whose file the upload limit dropped while it arrived
    (`core.views.UploadFormView` passes them): the form says why instead of "This
    field is required".
    """

    def __init__(self, *args, too_large=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = {name for name in too_large if name in self.fields}
        for name in self.too_large:
            self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        for name in self.too_large:
            self.add_error(name, too_large_error())
        return cleaned


def _attrs(attrs: dict) -> str:
    """Django's `attrs.html`: ` name="value"` per attribute, ` name` for True, none for
    False (names and values escaped)."""
    return "".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False
    )


class FilterSelect(forms.Select):
    """A select written here in one pass: the same markup as Django's `select.html` and
    `select_option.html` (byte for byte, even the option template's closing line break),
    every name, value and label escaped alike, without rendering
    a template per option (a list page's filters have dozens of options, and those
    templates cost more than the list's own rows)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [
            format_html('<select name="{}"{}>', widget["name"], mark_safe(_attrs(widget["attrs"])))
        ]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            parts.extend(
                format_html(
                    '\n  <option value="{}"{}>{}</option>\n',
                    str(option["value"]),
                    mark_safe(_attrs(option["attrs"])),
                    option["label"],
                )
                for option in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        # Every part is escaped by format_html above; joining keeps it so.
        return mark_safe("".join(parts))
