import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.forms import DateInput
from cooperation.models import Partner
from core.validators import date_input_attrs

from .models import DocumentKind, Edition
from .services import validate_report_period


def _period_field(label) -> forms.DateField:
    validator = validate_report_period
    return forms.DateField(
        label=label,
        widget=DateInput(attrs=date_input_attrs(validator.earliest, validator.latest)),
        validators=[validator],
    )


class CouncilReportForm(forms.Form):
    period_from = _period_field(_("Period from"))
    period_until = _period_field(_("Period until"))
    partner = forms.ModelChoiceField(
        label=_("Addressed council"),
        queryset=Partner.objects.none(),
        required=False,
        empty_label=_("The councils of all partners"),
    )
    edition = forms.ChoiceField(
        label=_("Edition"),
        choices=Edition.choices,
        initial=Edition.PUBLIC,
        widget=forms.RadioSelect,
        help_text=_(
            "The public edition leaves out every non-public item. The members' edition "
            "contains them and may only be passed on to the councils in closed session."
        ),
    )
    foreword = forms.CharField(
        label=_("Foreword (optional)"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown: **bold**, *italic*, lists with -, paragraphs with a blank line."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.filter(is_active=True).order_by("name")

    @staticmethod
    def default_initial() -> dict:
        today = timezone.localdate()
        return {"period_from": datetime.date(today.year, 1, 1), "period_until": today}

    def clean(self):
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_until")
        if start and end:
            if end < start:
                self.add_error(
                    "period_until", _("The end of the period must not be before its start.")
                )
            elif (end - start).days > 366 * 10:
                self.add_error("period_until", _("A report covers at most ten years."))
        return data


class MeetingDocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Document"),
        choices=[
            (DocumentKind.INVITATION, DocumentKind.INVITATION.label),
            (DocumentKind.MINUTES, DocumentKind.MINUTES.label),
        ],
    )
    edition = forms.ChoiceField(label=_("Edition"), choices=Edition.choices)
