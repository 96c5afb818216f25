from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.validators import date_input_attrs, validate_sane_date, validate_single_line

from .models import AccessibilityFeedback, Conformity, LegalTextKind
from .validators import validate_page_address

MARKDOWN_HELP = _("Markdown: **bold**, *italic*, lists with “-”, paragraphs with a blank line.")


class LegalTextForm(forms.Form):
    """A legal text; the accessibility statement also has the parts the law asks for."""

    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_single_line])
    text = forms.CharField(
        label=_("Text"),
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=MARKDOWN_HELP,
    )
    conformity = forms.ChoiceField(
        label=_("State of conformity"),
        choices=Conformity.choices,
        widget=forms.RadioSelect,
        help_text=_("How far the site meets the requirements of BITV 2.0 (EN 301 549)."),
    )
    reviewed_on = forms.DateField(
        label=_("Last reviewed on"),
        validators=[validate_sane_date],
        widget=forms.DateInput(attrs={"type": "date", **date_input_attrs()}, format="%Y-%m-%d"),
        help_text=_("The day the statement was last checked against the site."),
    )
    feedback_email = forms.EmailField(
        label=_("E-mail address for feedback"),
        help_text=_("Published in the statement; it also receives the feedback form's messages."),
    )
    enforcement_body = forms.CharField(
        label=_("Enforcement body"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Name and postal address, one line each; plain text."),
    )
    # The version the edit started from (0: the text is written for the first time).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        if kind != LegalTextKind.ACCESSIBILITY:
            for name in ("conformity", "reviewed_on", "feedback_email", "enforcement_body"):
                del self.fields[name]

    @staticmethod
    def initial_for(text) -> dict:
        return {
            "title": text.title or text.get_kind_display(),
            "text": text.text,
            "conformity": text.conformity,
            "reviewed_on": text.reviewed_on,
            "feedback_email": text.feedback_email,
            "enforcement_body": text.enforcement_body,
            "version": text.version,
        }

    def data_for_service(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class FeedbackForm(forms.Form):
    """The public form for reporting a barrier. `website` is a trap for robots: hidden
    from people (and from screen readers), it must stay empty."""

    message = forms.CharField(
        label=_("Your message"),
        max_length=AccessibilityFeedback.MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Describe the barrier: what did you want to do, and what did not work?"),
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=200,
        required=False,
        validators=[validate_single_line],
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        help_text=_("Only if you would like an answer."),
    )
    page_address = forms.CharField(
        label=_("Address of the page (optional)"),
        max_length=500,
        required=False,
        validators=[validate_page_address],
        help_text=_("The page on which you met the barrier."),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(
                _("Your message could not be sent. Please write to us by e-mail."),
                code="trap",
            )
        return cleaned


class FeedbackAnswerForm(forms.Form):
    note = forms.CharField(
        label=_("Note on the answer"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("How and when the office answered, or why no answer was possible."),
    )


class FeedbackFilterForm(forms.Form):
    stand = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("all")),
            ("offen", _("open")),
            ("beantwortet", _("answered")),
        ],
    )

    def selected(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        state = {"offen": "open", "beantwortet": "answered"}.get(self.cleaned_data["stand"])
        return {"state": state} if state else {}
