"""Form pieces shared by every app: the one upload field and the form that carries it,
and a quicker select box for filter forms."""

from __future__ import annotations

from django import forms
from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
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


def _attributes(attrs: dict) -> SafeString:
    """`django/forms/widgets/attrs.html` in Python: ` name="value"` for each attribute,
    the name alone for True, nothing for False."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class QuickSelect(forms.Select):
    """A select box written in Python with the markup of Django's select templates
    (`select.html`, `select_option.html`, `attrs.html`), every value escaped by
    `format_html`: a filter form's boxes hold about a hundred options, and one template
    per option and two per attribute made them a good part of a list page's time."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        groups = format_html_join(
            "",
            "{}",
            (
                (_option_group(group_name, options),)
                for group_name, options, _ in widget["optgroups"]
            ),
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            widget["name"],
            _attributes(widget["attrs"]),
            groups,
        )


def _option_group(group_name, options) -> SafeString:
    rendered = format_html_join(
        "",
        '\n  <option value="{}"{}>{}</option>\n',
        ((option["value"], _attributes(option["attrs"]), option["label"]) for option in options),
    )
    if group_name:
        return format_html('\n  <optgroup label="{}">{}\n  </optgroup>', group_name, rendered)
    return rendered


def _input_option(option: dict) -> SafeString:
    """`input_option.html` (with `input.html`, as the checkbox option includes it)."""
    attrs = option["attrs"]
    value = option["value"]
    field = format_html(
        '<input type="{}" name="{}"{}{}>\n',
        option["type"],
        option["name"],
        format_html(' value="{}"', value) if value is not None else "",
        _attributes(attrs),
    )
    if not option["wrap_label"]:
        return format_html("{}\n\n", field)
    label_for = format_html(' for="{}"', attrs["id"]) if attrs.get("id") else ""
    return format_html("<label{}>{} {}</label>\n\n", label_for, field, option["label"])


class QuickCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Check boxes written in Python with the markup of Django's templates
    (`multiple_input.html` and the checkbox option's), every value escaped, for the
    same reason as `QuickSelect`."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        box_id, css_class = widget["attrs"].get("id"), widget["attrs"].get("class")
        groups = format_html_join(
            "",
            "{}",
            ((_box_group(group_name, options),) for group_name, options, _ in widget["optgroups"]),
        )
        return format_html(
            "<div{}{}>{}\n</div>",
            format_html(' id="{}"', box_id) if box_id else "",
            format_html(' class="{}"', css_class) if css_class else "",
            groups,
        )


def _box_group(group_name, options) -> SafeString:
    rendered = format_html_join(
        "", "<div>\n    {}</div>", ((_input_option(option),) for option in options)
    )
    if group_name:
        return format_html("\n  <div><label>{}</label>{}\n  </div>", group_name, rendered)
    return rendered
