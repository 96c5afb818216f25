"""Forms of the council pages: they parse input; the services enforce the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.forms import DateInput
from cooperation.models import Partner
from core.forms import PrivateFileField, UploadForm
from core.validators import validate_sane_date, validate_single_line

from .models import COUNCIL_NAMES, ApprovalRule, ConsultationStatus, Scope

MAX_APPROVALS = 50


class RequirementForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Councils asked"), choices=Scope.choices, widget=forms.RadioSelect
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Named partners"),
        queryset=Partner.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only when the councils of named partners are asked."),
    )
    rule = forms.ChoiceField(
        label=_("Rule"), choices=ApprovalRule.choices, initial=ApprovalRule.ALL
    )
    required_approvals = forms.IntegerField(
        label=_("Approvals needed"),
        required=False,
        min_value=1,
        max_value=MAX_APPROVALS,
        help_text=_("Only for the rule “a minimum number of councils approves”."),
    )
    planned_date = forms.DateField(
        label=_("Planned session"),
        required=False,
        widget=DateInput(),
        validators=[validate_sane_date],
        help_text=_("The date by which the councils are expected to decide."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Partner.objects.filter(
            is_active=True, kind__in=list(COUNCIL_NAMES)
        ).order_by("name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == Scope.NAMED and not cleaned.get("partners"):
            self.add_error("partners", _("Please choose at least one partner."))
        if cleaned.get("rule") == ApprovalRule.MINIMUM and not cleaned.get("required_approvals"):
            self.add_error("required_approvals", _("Please give how many councils must approve."))
        return cleaned


class ConsultationForm(UploadForm):
    council_name = forms.CharField(
        label=_("Council"), max_length=150, validators=[validate_single_line]
    )
    planned_date = forms.DateField(
        label=_("Planned session"),
        required=False,
        widget=DateInput(),
        validators=[validate_sane_date],
    )
    status = forms.ChoiceField(label=_("Status"), choices=ConsultationStatus.choices)
    resolution_number = forms.CharField(
        label=_("Council's resolution number"),
        max_length=50,
        required=False,
        validators=[validate_single_line],
    )
    resolution_date = forms.DateField(
        label=_("Date of the council's resolution"),
        required=False,
        widget=DateInput(),
        validators=[validate_sane_date],
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    extract = PrivateFileField(label=_("Extract of the council's minutes"), required=False)


class CouncilFilterForm(forms.Form):
    """The councils' list: field names are the URL's query parameters."""

    partner = forms.TypedChoiceField(label=_("Partner"), coerce=int, required=False)
    stand = forms.ChoiceField(
        label=_("Consultations"),
        required=False,
        choices=[("", _("Still to be decided")), ("alle", _("All"))],
    )
    ueberfaellig = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = {p.pk: p for p in partners}
        self.fields["partner"].choices = [("", _("All partners"))] + [
            (p.pk, p.name) for p in partners
        ]

    def selected(self) -> dict:
        if not self.is_valid():
            return {}
        selected = {}
        if self.cleaned_data["partner"] not in (None, ""):
            selected["partner"] = self.partners[self.cleaned_data["partner"]]
        if self.cleaned_data["stand"] == "alle":
            selected["all_states"] = True
        if self.cleaned_data["ueberfaellig"]:
            selected["overdue"] = True
        return selected
