"""Forms for minutes: the text (with its version), approval and corrections."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.forms import DateInput
from core.validators import validate_sane_date

from ..models import Meeting


class MinutesForm(forms.Form):
    text = forms.CharField(
        label=_("Minutes"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Markdown: **bold**, *italic*, lists with “-”, paragraphs with a blank line."),
    )
    # The version the text was read at; 0 while the item has no minutes yet.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("version") is None:
            raise forms.ValidationError(
                _("The form is incomplete. Please open the minutes again and repeat your change."),
                code="version_missing",
            )
        return cleaned


class MinutesApproveForm(forms.Form):
    approved_on = forms.DateField(
        label=_("Approved on"), widget=DateInput(), validators=[validate_sane_date]
    )
    approved_in = forms.ModelChoiceField(
        label=_("Approved at the meeting"), queryset=Meeting.objects.none(), required=False
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_in"].queryset = (
            Meeting.objects.filter(body=meeting.body, starts_at__gt=meeting.starts_at)
            .not_cancelled()
            .order_by("starts_at")
        )


class MinutesCorrectionForm(forms.Form):
    text = forms.CharField(label=_("Correction"), widget=forms.Textarea(attrs={"rows": 6}))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
