"""Forms of the written procedures: they parse input; the services enforce the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.models import DecisionKind
from core.forms import PrivateFileField, UploadForm
from core.validators import validate_sane_date, validate_single_line

from ..models import VoteChoice
from .fields import DateTimeInput


class ProcedureForm(UploadForm):
    title = forms.CharField(label=_("Subject"), max_length=250, validators=[validate_single_line])
    text = forms.CharField(label=_("Proposed decision"), widget=forms.Textarea(attrs={"rows": 8}))
    kind = forms.ChoiceField(
        label=_("Kind of decision"), choices=DecisionKind.choices, initial=DecisionKind.ORDINARY
    )
    deadline = forms.DateTimeField(
        label=_("Deadline"),
        widget=DateTimeInput(),
        validators=[validate_sane_date],
        help_text=_("Between one day and 90 days from now (Berlin time)."),
    )
    paper_title = forms.CharField(
        label=_("Title of the paper"),
        max_length=250,
        required=False,
        validators=[validate_single_line],
    )
    paper = PrivateFileField(
        label=_("Paper (optional; more can be added on the procedure's page)"), required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("paper") and not cleaned.get("paper_title", "").strip():
            self.add_error("paper_title", _("Please give the paper a title."))
        return cleaned

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        paper, title = data.pop("paper", None), data.pop("paper_title", "")
        data["papers"] = [(title, paper)] if paper else []
        return data


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )


class ObjectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the objection"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ProcedurePaperForm(UploadForm):
    """Parses the upload; the file itself is checked by the service."""

    title = forms.CharField(label=_("Title"), max_length=250, validators=[validate_single_line])
    file = PrivateFileField()


class ConfirmForm(forms.Form):
    """A confirmation without fields (closing a procedure, declaring absence)."""
