"""Form pieces shared by every app: the one upload field and the form that carries it."""

from __future__ import annotations

from django import forms
from django.utils.functional import lazy
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
