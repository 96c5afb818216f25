"""Forms of the decision pages: they parse input; the services enforce the domain rules."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.forms import DateInput
from cooperation.models import Body, BodyKind, DecisionKind
from core.forms import QuickSelect
from core.validators import validate_sane_date, validate_single_line

from ..models import DecisionStatus


def seat_label(membership) -> str:
    partner = f", {membership.partner.short_name}" if membership.partner_id else ""
    return f"{membership.user}{partner} ({membership.get_role_display()})"


class DecisionForm(forms.Form):
    """Record a decision. `seats` are the meeting's voting seats (already loaded for the
    quorum), `present` the number of seats present. The reason for deciding without
    quorum is asked for only with `offer_quorum_override`: the body lacks a quorum and
    the user may override it."""

    title = forms.CharField(label=_("Subject"), max_length=250, validators=[validate_single_line])
    text = forms.CharField(label=_("Decision text"), widget=forms.Textarea(attrs={"rows": 6}))
    # Not required: a request without it (an older form, a script) records an
    # ordinary decision, as every decision was before the kinds existed.
    kind = forms.TypedChoiceField(
        label=_("Kind of decision"),
        choices=DecisionKind.choices,
        initial=DecisionKind.ORDINARY,
        required=False,
        empty_value=DecisionKind.ORDINARY,
        help_text=_(
            "The rules of procedure name the majority each kind needs; the result "
            "(adopted or rejected) follows from the votes."
        ),
    )
    votes_yes = forms.IntegerField(label=_("Yes votes"), min_value=0, initial=0)
    votes_no = forms.IntegerField(label=_("No votes"), min_value=0, initial=0)
    votes_abstain = forms.IntegerField(label=_("Abstentions"), min_value=0, initial=0)
    not_voting = forms.TypedMultipleChoiceField(
        label=_("Did not vote"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Voting members who took no part in the vote (e.g. because of a conflict)."),
    )
    commissioned_groups = forms.ModelMultipleChoiceField(
        label=_("Commissioned working groups"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=DateInput(), validators=[validate_sane_date]
    )
    quorum_override_reason = forms.CharField(
        label=_("Reason for deciding without quorum"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only the chair or the deputy chair, and only when the body does not have a quorum."
        ),
    )

    def __init__(self, *args, seats, present: int, offer_quorum_override=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not offer_quorum_override:
            del self.fields["quorum_override_reason"]
        self.seats = {seat.pk: seat for seat in seats}
        self.present = present
        self.fields["not_voting"].choices = [(seat.pk, seat_label(seat)) for seat in seats]
        self.fields["commissioned_groups"].queryset = Body.objects.filter(
            kind=BodyKind.WORKING_GROUP, is_active=True
        ).order_by("name")

    def clean_not_voting(self):
        return [self.seats[pk] for pk in self.cleaned_data["not_voting"]]

    def clean(self):
        cleaned = super().clean()
        votes = sum(cleaned.get(name) or 0 for name in ("votes_yes", "votes_no", "votes_abstain"))
        if votes > self.present:
            raise ValidationError(
                _(
                    "Votes counted: %(votes)d; voting seats present: %(present)d. There cannot "
                    "be more votes than seats present. Please check the vote or the attendance."
                ),
                code="too_many_votes",
                params={"votes": votes, "present": self.present},
            )
        return cleaned


class DecisionProgressForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput(), validators=[validate_sane_date])
    status = forms.ChoiceField(label=_("Status afterwards"), choices=DecisionStatus.choices)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 5}))

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise ValidationError(_("The date must not lie in the future."), code="future")
        return date


class DecisionFilterForm(forms.Form):
    """The follow-up list's filters. Choices come from the bodies the page already
    loaded; unknown values make the form invalid (the view answers 400)."""

    # Field names are the URL's query parameters: German, like the URLs.
    gremium = forms.TypedChoiceField(
        label=_("Body"), coerce=int, required=False, widget=QuickSelect
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *DecisionStatus.choices],
        widget=QuickSelect,
    )
    arbeitsgruppe = forms.TypedChoiceField(
        label=_("Commissioned working group"), coerce=int, required=False, widget=QuickSelect
    )
    ueberfaellig = forms.BooleanField(label=_("Overdue only"), required=False)
    faellig = forms.BooleanField(label=_("Due for my bodies within 30 days"), required=False)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        groups = [b for b in bodies if b.kind == BodyKind.WORKING_GROUP]
        self.objects = {
            "gremium": {b.pk: b for b in bodies},
            "arbeitsgruppe": {g.pk: g for g in groups},
        }
        self.fields["gremium"].choices = [("", _("All bodies"))] + [(b.pk, b.name) for b in bodies]
        self.fields["arbeitsgruppe"].choices = [("", _("All working groups"))] + [
            (g.pk, g.name) for g in groups
        ]

    def selected(self) -> dict:
        """The chosen filters as keyword arguments of `decision_list` (valid, chosen ones)."""
        if not self.is_valid():
            return {}
        selected = {}
        for name, keyword in (("gremium", "body"), ("arbeitsgruppe", "group")):
            if self.cleaned_data[name] not in (None, ""):
                selected[keyword] = self.objects[name][self.cleaned_data[name]]
        if self.cleaned_data["status"]:
            selected["status"] = self.cleaned_data["status"]
        if self.cleaned_data["ueberfaellig"]:
            selected["overdue"] = True
        if self.cleaned_data.get("faellig"):
            selected["due_for_me"] = True
        return selected
