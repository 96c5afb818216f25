"""Forms of the meeting pages: they parse input; the services enforce the domain rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import AttendanceStatus, Meeting
from .fields import DateTimeInput


class MeetingForm(forms.ModelForm):
    video_url = forms.URLField(
        label=_("Video link"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "location", "video_url"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ConfirmForm(forms.Form):
    """An empty form for actions that only need a confirmation."""


class InviteForm(forms.Form):
    """Which message the invitation page sends (its two buttons); none means "invite"."""

    INVITE = "invite"
    UPDATE = "update"

    action = forms.ChoiceField(
        choices=[(INVITE, INVITE), (UPDATE, UPDATE)],
        required=False,
        error_messages={"invalid_choice": _("Unknown action; nothing was sent.")},
    )


class AgendaItemMoveForm(forms.Form):
    """The up and down buttons of an agenda item."""

    richtung = forms.ChoiceField(
        choices=[("hoch", "hoch"), ("runter", "runter")],
        error_messages={
            "required": _("Please choose whether to move the item up or down."),
            "invalid_choice": _("Please choose whether to move the item up or down."),
        },
    )


class AttendanceForm(forms.Form):
    """One status (and the deputy, if represented) per voting or other seat."""

    def __init__(self, *args, seats, current, any_deputy=False, **kwargs):
        """`any_deputy`: the body's rules let any deputy stand in for any member (else
        each member's own deputies only)."""
        super().__init__(*args, **kwargs)
        self.seats = seats
        every_deputy = {d.pk: d for m in seats for d in m.deputies.all() if d.is_current()}
        choices = [("", _("not recorded")), *AttendanceStatus.choices]
        for membership in seats:
            record = current.get(membership.pk)
            self.fields[f"status_{membership.pk}"] = forms.ChoiceField(
                label=_("Attendance of %(person)s") % {"person": membership.user},
                choices=choices,
                required=False,
                initial=record.status if record else "",
            )
            if any_deputy:
                deputies = list(every_deputy.values())
            else:
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

    def selected(self) -> dict:
        """The keyword arguments of `meeting_list`: upcoming meetings of every body unless
        a valid choice says otherwise."""
        period, body = self.UPCOMING, None
        if self.is_bound and self.is_valid():
            period = self.cleaned_data["zeitraum"] or period
            body = self.bodies.get(self.cleaned_data["gremium"])
        return {"period": period, "body": body}
