from django import forms
from django.utils.translation import gettext_lazy

from core.forms import PrivateFileField, UploadForm
from core.validators import validate_single_line

from ..models import AgendaItem
from .fields import AgendaItemChoiceField


class PaperForm(UploadForm):
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
    file = PrivateFileField()

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("position", "pk")


class PaperWithholdForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for withholding"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("E.g. the paper contains personal data. Members still see it."),
    )
