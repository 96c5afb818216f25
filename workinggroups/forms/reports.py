"""Forms for working-group reports: they parse input; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.forms import DateInput
from core.validators import validate_sane_date, validate_single_line
from meetings.forms import AgendaItemChoiceField

from ..models import FindingStatus


class FindingChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_type_display()}: {obj.title}"


class ReportForm(forms.Form):
    period_from = forms.DateField(
        label=gettext_lazy("Period from"), widget=DateInput(), validators=[validate_sane_date]
    )
    period_until = forms.DateField(
        label=gettext_lazy("Period until"), widget=DateInput(), validators=[validate_sane_date]
    )
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Markdown: *italic*, **bold**, lists with “-”."),
    )
    findings = FindingChoiceField(
        label=gettext_lazy("Agreed findings to include"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Only the group's agreed findings can be part of a report."),
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        # Only agreed findings are offered; any other id posted is "not a valid choice".
        self.fields["findings"].queryset = group.findings.filter(
            status=FindingStatus.AGREED
        ).order_by("type", "title", "pk")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_from"), cleaned.get("period_until")
        if start and end and end < start:
            self.add_error(
                "period_until",
                ValidationError(
                    _("The period must not end before it starts."), code="period_order"
                ),
            )
        return cleaned


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("%(meeting)s, %(date)s") % {
            "meeting": obj.title,
            "date": formats.date_format(obj.starts_at, "SHORT_DATE_FORMAT", use_l10n=True),
        }


class ReportSubmitForm(forms.Form):
    EXISTING = "existing"
    NEW = "new"

    target = forms.ChoiceField(
        label=gettext_lazy("Where should the report go?"),
        choices=[
            (EXISTING, gettext_lazy("To an existing agenda item")),
            (NEW, gettext_lazy("To a new agenda item")),
        ],
        initial=EXISTING,
        widget=forms.RadioSelect,
    )
    agenda_item = AgendaItemChoiceField(
        label=gettext_lazy("Agenda item"),
        queryset=None,
        with_meeting=True,
        required=False,
        empty_label=gettext_lazy("Please choose"),
        help_text=gettext_lazy(
            "Agenda items of upcoming board meetings. A report on a non-public item is "
            "seen only by the board's members and the office."
        ),
    )
    meeting = MeetingChoiceField(
        label=gettext_lazy("Board meeting for the new agenda item"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Please choose"),
    )
    title = forms.CharField(
        label=gettext_lazy("Title of the new agenda item"),
        max_length=250,
        required=False,
        help_text=gettext_lazy("The new item is public."),
        validators=[validate_single_line],
    )

    def __init__(self, *args, agenda_items, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = agenda_items
        self.fields["meeting"].queryset = meetings

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target") == self.EXISTING and not cleaned.get("agenda_item"):
            self.add_error(
                "agenda_item",
                ValidationError(_("Please choose an agenda item."), code="required"),
            )
        if cleaned.get("target") == self.NEW:
            if not cleaned.get("meeting"):
                self.add_error(
                    "meeting", ValidationError(_("Please choose a meeting."), code="required")
                )
            if not (cleaned.get("title") or "").strip():
                self.add_error(
                    "title",
                    ValidationError(_("Please give the new agenda item a title."), code="required"),
                )
        return cleaned
