from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.validators import validate_single_line

from ..models import AgendaItem
from ..uploads import ACCEPT_ATTRIBUTE, max_upload_size, megabytes
from .fields import AgendaItemChoiceField


class PaperForm(forms.Form):
    """Parses the upload; the file itself is checked by the service (`paper_add`)."""

    title = forms.CharField(
        label=gettext_lazy("Title"), max_length=250, validators=[validate_single_line]
    )
    agenda_item = AgendaItemChoiceField(
        label=gettext_lazy("Agenda item"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=gettext_lazy("None (a paper for the whole meeting)"),
        help_text=gettext_lazy("Papers of a non-public item are seen only by the body."),
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )

    def __init__(self, *args, meeting, file_too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("position", "pk")
        self.fields["file"].help_text = _(
            "PDF, ODT, DOCX, XLSX, PNG or JPEG; at most %(limit)s MB."
        ) % {"limit": megabytes(max_upload_size())}
        # The upload handler dropped the file while it arrived: say why, not "required".
        self.file_too_large = file_too_large
        if file_too_large:
            self.fields["file"].required = False

    def clean(self):
        cleaned = super().clean()
        if self.file_too_large:
            self.add_error(
                "file",
                ValidationError(
                    _("The file is larger than the allowed %(limit)s MB."),
                    code="too_large",
                    params={"limit": megabytes(max_upload_size())},
                ),
            )
        return cleaned
