"""Forms of the participants' pages and of the office's invitations (part-participant)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PrivateFileField, UploadForm
from core.validators import validate_single_line

from ..models import TEXT_LIMIT, ParticipantKind


class InviteForm(forms.Form):
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        validators=[validate_single_line],
        help_text=_("E.g. the neighbouring municipality or the agency; public once published."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ParticipantKind.choices)
    contact_name = forms.CharField(
        label=_("Contact person"), max_length=100, validators=[validate_single_line]
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_(
            "The invitation with a one-time link goes here. An account with this address "
            "is reused and told by e-mail."
        ),
    )


class StatementForm(forms.Form):
    chapter = forms.ModelChoiceField(
        label=_("Chapter"),
        queryset=None,
        required=False,
        empty_label=_("The concept as a whole"),
    )
    text = forms.CharField(
        label=_("Statement"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Saved as a draft: only you see it until you submit it."),
    )

    def __init__(self, *args, chapters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chapter"].queryset = chapters


class AttachmentForm(UploadForm):
    title = forms.CharField(label=_("Title"), max_length=250, validators=[validate_single_line])
    file = PrivateFileField()
