"""Forms of the written procedures: they parse input; the services enforce the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.models import DecisionKind
from core.validators import validate_sane_date, validate_single_line

from ..models import VoteChoice
from .fields import DateTimeInput


class ProcedureForm(forms.Form):
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


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )


class ObjectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the objection"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ConfirmForm(forms.Form):
    """A confirmation without fields (closing a procedure, declaring absence)."""
