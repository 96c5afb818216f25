"""Forms of the office's and members' pages and of the public statement form: they
parse input only; the services decide."""

from __future__ import annotations

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.validators import validate_sane_date, validate_single_line
from meetings.forms.fields import DateTimeInput

from ..models import TEXT_LIMIT, WeighingOutcome


class ProcedureForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250, validators=[validate_single_line])
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the procedure is about and how to take part (Markdown)."),
    )
    starts_at = forms.DateTimeField(
        label=_("Statements from"), widget=DateTimeInput(), validators=[validate_sane_date]
    )
    ends_at = forms.DateTimeField(
        label=_("Statements until"), widget=DateTimeInput(), validators=[validate_sane_date]
    )
    public_may_comment = forms.BooleanField(
        label=_("The public may submit statements"),
        required=False,
        help_text=_(
            "While the procedure runs, its public page shows the concept version and a "
            "form for statements of the public."
        ),
    )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The period must end after it starts."))
        return data

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}

    @staticmethod
    def initial_for(procedure) -> dict:
        return {name: getattr(procedure, name) for name in ProcedureForm.base_fields}


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, I confirm this."),
        error_messages={"required": _("Please confirm by ticking the box.")},
    )


class WeighingForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=WeighingOutcome.choices, widget=forms.RadioSelect
    )
    reasoning = forms.CharField(
        label=_("Reasoning"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 6})
    )
    chapter_change = forms.CharField(
        label=_("Change to the chapter"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was changed in the concept because of the statement, if anything."),
    )


WHOLE = "ganz"


class StatementFilterForm(forms.Form):
    """The statements' list: field names are the URL's query parameters."""

    kapitel = forms.ChoiceField(label=_("Chapter"), required=False)
    abgewogen = forms.ChoiceField(
        label=_("Weighing"),
        required=False,
        choices=[("", _("All")), ("nein", _("Not weighed yet")), ("ja", _("Weighed"))],
    )

    def __init__(self, *args, chapters, **kwargs):
        super().__init__(*args, **kwargs)
        self.chapters = {str(c.pk): c for c in chapters}
        self.fields["kapitel"].choices = [
            ("", _("All chapters")),
            (WHOLE, _("The concept as a whole")),
        ] + [(str(c.pk), str(c)) for c in chapters]

    def selected(self) -> dict:
        if not self.is_valid():
            return {}
        selected = {}
        chapter = self.cleaned_data["kapitel"]
        if chapter == WHOLE:
            selected["chapter"] = "whole"
        elif chapter:
            selected["chapter"] = self.chapters[chapter]
        if self.cleaned_data["abgewogen"]:
            selected["weighed"] = self.cleaned_data["abgewogen"] == "ja"
        return selected


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting):
        when = formats.date_format(timezone.localtime(meeting.starts_at), "SHORT_DATETIME_FORMAT")
        return f"{meeting.title} ({when})"


class AgendaForm(forms.Form):
    meeting = MeetingChoiceField(label=_("Board meeting"), queryset=None, empty_label=None)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class DecisionForm(forms.Form):
    decision = forms.ModelChoiceField(
        label=_("Decision of the board"), queryset=None, empty_label=None
    )

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions


class PublicStatementForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200, validators=[validate_single_line])
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("For the receipt only; your name and address are never published."),
    )
    chapter = forms.ChoiceField(label=_("Chapter"), required=False)
    text = forms.CharField(
        label=_("Your statement"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 10})
    )

    def __init__(self, *args, chapters, **kwargs):
        super().__init__(*args, **kwargs)
        self.chapters = {str(c.pk): c for c in chapters}
        self.fields["chapter"].choices = [("", _("The concept as a whole"))] + [
            (str(c.pk), str(c)) for c in chapters
        ]

    def chosen_chapter(self):
        return self.chapters.get(self.cleaned_data["chapter"])
