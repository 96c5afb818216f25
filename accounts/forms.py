from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Please enter a correct user name and password. Both fields are case-sensitive."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django sets only the widget's maxlength: a longer name (no account has one) is
        # refused by the form before authenticate(), whose failure signal would make
        # django-axes store it in a column of 255 characters.
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class TokenForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The six-digit code of your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class EnrolForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        help_text=_("The six-digit code the app shows after you added the account."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        min_length=5,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded with your name, e.g. how the person asked and why."),
    )


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form; the mail is sent by the background worker (accounts.tasks), so a
    request for a known address takes as long as one for an unknown address."""

    def save(self, **kwargs):
        from .tasks import send_password_reset

        send_password_reset.enqueue(self.cleaned_data["email"])
