from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.validators import date_input_attrs, validate_sane_date

from .models import EventKind


class AccessLogFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices]
    )
    account = forms.CharField(label=_("Account (user name)"), required=False, max_length=150)
    since = forms.DateField(
        label=_("From"),
        required=False,
        validators=[validate_sane_date],
        widget=forms.DateInput(attrs={"type": "date", **date_input_attrs()}, format="%Y-%m-%d"),
    )
    until = forms.DateField(
        label=_("Until"),
        required=False,
        validators=[validate_sane_date],
        widget=forms.DateInput(attrs={"type": "date", **date_input_attrs()}, format="%Y-%m-%d"),
    )

    def clean_account(self):
        return self.cleaned_data["account"].strip()

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise ValidationError(
                _("The start of the period must not be after its end."), code="period"
            )
        return data

    def selected(self) -> dict:
        """The chosen filters as keyword arguments of `access_events` ({} when invalid)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class ConfirmForm(forms.Form):
    """Nothing to enter: the button confirms (the CSRF token is checked by Django)."""
