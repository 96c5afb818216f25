"""Forms for agenda items and the members' proposals."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cooperation.models import Partner

from ..models import AgendaItem, AgendaProposal


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
