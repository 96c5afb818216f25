from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cooperation.forms import DateInput
from cooperation.models import Partner
from core.validators import datetime_input_attrs, validate_sane_date

from .models import AgendaItem, AgendaProposal, AttendanceStatus, Meeting


class DateTimeInput(forms.DateTimeInput):
    """A browser date-and-time picker limited to the dates the portal accepts."""

    input_type = "datetime-local"

    def __init__(self, attrs=None, **kwargs):
        super().__init__(
            attrs={**datetime_input_attrs(), **(attrs or {})}, format="%Y-%m-%dT%H:%M", **kwargs
        )


class MeetingForm(forms.ModelForm):
    video_url = forms.URLField(
        label=_("Video link"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "location", "video_url"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "description", "is_public", "presenting_partner", "presenter"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenting_partner"].queryset = Partner.objects.active().in_display_order()
        self.fields["presenter"].queryset = User.objects.filter(is_active=True).order_by(
            "display_name", "username"
        )


class ProposalForm(forms.ModelForm):
    class Meta:
        model = AgendaProposal
        fields = ["title", "description", "is_public"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class ProposalDecisionForm(forms.Form):
    ACCEPT, DECLINE = "accept", "decline"
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ACCEPT, _("Accept: add to the agenda")), (DECLINE, _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when declining; the proposer sees it."),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ConfirmForm(forms.Form):
    """An empty form for actions that only need a confirmation."""


class AttendanceForm(forms.Form):
    """One status (and the deputy, if represented) per voting or other seat."""

    def __init__(self, *args, seats, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.seats = seats
        choices = [("", _("not recorded")), *AttendanceStatus.choices]
        for membership in seats:
            record = current.get(membership.pk)
            self.fields[f"status_{membership.pk}"] = forms.ChoiceField(
                label=_("Attendance of %(person)s") % {"person": membership.user},
                choices=choices,
                required=False,
                initial=record.status if record else "",
            )
            deputies = [d for d in membership.deputies.all() if d.is_current()]
            if deputies:
                self.fields[f"deputy_{membership.pk}"] = forms.TypedChoiceField(
                    label=_("Deputy for %(person)s") % {"person": membership.user},
                    choices=[("", "—"), *((d.pk, str(d.user)) for d in deputies)],
                    coerce=int,
                    required=False,
                    initial=record.represented_by_id if record else "",
                )

    def rows(self):
        """(membership, status field, deputy field or None) for the template."""
        for membership in self.seats:
            deputy = self.fields.get(f"deputy_{membership.pk}")
            yield (
                membership,
                self[f"status_{membership.pk}"],
                self[f"deputy_{membership.pk}"] if deputy else None,
            )

    def entries(self):
        deputies = {d.pk: d for m in self.seats for d in m.deputies.all()}
        for membership in self.seats:
            status = self.cleaned_data.get(f"status_{membership.pk}")
            if not status:
                continue
            deputy_pk = self.cleaned_data.get(f"deputy_{membership.pk}")
            yield membership, status, deputies.get(deputy_pk) if deputy_pk else None


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
    approved_at = forms.ModelChoiceField(
        label=_("Approved at the meeting"), queryset=Meeting.objects.none(), required=False
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_at"].queryset = (
            Meeting.objects.filter(body=meeting.body, starts_at__gt=meeting.starts_at)
            .exclude(status="cancelled")
            .order_by("starts_at")
        )


class MinutesCorrectionForm(forms.Form):
    text = forms.CharField(label=_("Correction"), widget=forms.Textarea(attrs={"rows": 6}))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class MeetingFilterForm(forms.Form):
    UPCOMING, PAST = "kommend", "vergangen"
    zeitraum = forms.ChoiceField(
        label=_("Period"),
        choices=[(UPCOMING, _("Upcoming")), (PAST, _("Past"))],
        required=False,
    )
    gremium = forms.TypedChoiceField(label=_("Body"), coerce=int, required=False)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies = {b.pk: b for b in bodies}
        self.fields["gremium"].choices = [("", _("All bodies")), *((b.pk, b.name) for b in bodies)]
