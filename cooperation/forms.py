from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.validators import date_input_attrs, validate_sane_date

from .models import (
    Body,
    CooperationPhase,
    Membership,
    Partner,
    QuorumRule,
    Role,
    RulesOfProcedure,
    SpatialPlanningContract,
)

PARTNER_ADMIN_FIELDS = [
    "name",
    "short_name",
    "ags",
    "population",
    "street",
    "postal_code",
    "city",
    "website",
    "email",
]


class PartnerForm(forms.ModelForm):
    """What a partner's administrator keeps: the partner's own data."""

    website = forms.URLField(
        label=_("Web site"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Partner
        fields = PARTNER_ADMIN_FIELDS


class PartnerOfficeForm(PartnerForm):
    """The office also sets kind, status and whether the partner takes part."""

    class Meta:
        model = Partner
        fields = [
            *PARTNER_ADMIN_FIELDS[:2],
            "kind",
            "status",
            *PARTNER_ADMIN_FIELDS[2:],
            "is_active",
        ]


class DateInput(forms.DateInput):
    """A browser date picker limited to the dates the portal accepts."""

    input_type = "date"

    def __init__(self, attrs=None, **kwargs):
        super().__init__(attrs={**date_input_attrs(), **(attrs or {})}, format="%Y-%m-%d", **kwargs)


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        # The quorum rule is edited with the rest of the rules of procedure
        # (`RulesOfProcedureForm`); it keeps its one home on the body.
        fields = ["name", "short_code", "description", "rules_of_procedure"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "rules_of_procedure": forms.Textarea(attrs={"rows": 8}),
        }


class RulesOfProcedureForm(forms.ModelForm):
    """The body's rules of procedure: the quorum rule (stored on the body) and the rest
    (`RulesOfProcedure`)."""

    quorum_rule = forms.ChoiceField(label=_("Quorum rule"), choices=QuorumRule.choices)

    field_order = ["quorum_rule"]

    class Meta:
        model = RulesOfProcedure
        fields = [
            "majority_ordinary",
            "majority_financial",
            "majority_contract",
            "majority_rules",
            "deputy_rule",
            "written_procedure_allowed",
            "written_procedure_majority",
            "written_procedure_objection",
            "written_votes_open",
        ]

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quorum_rule"].initial = body.quorum_rule


class ContractForm(forms.ModelForm):
    """The contract's data as the office keeps it (the signed document is uploaded apart)."""

    class Meta:
        model = SpatialPlanningContract
        fields = ["title", "parties", "signed_on", "valid_from", "valid_until", "preamble"]
        widgets = {
            "signed_on": DateInput(),
            "valid_from": DateInput(),
            "valid_until": DateInput(),
            "preamble": forms.Textarea(attrs={"rows": 6}),
        }


class MembershipForm(forms.ModelForm):
    """Add a person to a body; the model's rules (deputies, dates) are checked on validation."""

    class Meta:
        model = Membership
        fields = ["user", "role", "partner", "deputy_for", "valid_from", "valid_until"]
        widgets = {"valid_from": DateInput(), "valid_until": DateInput()}

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, instance=Membership(body=body), **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by(
            "display_name", "username"
        )
        self.fields["partner"].queryset = Partner.objects.active().in_display_order()
        self.fields["deputy_for"].queryset = (
            Membership.objects.current()
            .filter(body=body)
            .exclude(role__in=[Role.DEPUTY_MEMBER, Role.GUEST, Role.OFFICE])
            .select_related("user")
        )
        self.fields["deputy_for"].label_from_instance = lambda m: (
            f"{m.user} ({m.get_role_display()})"
        )


class MembershipEndForm(forms.Form):
    valid_until = forms.DateField(
        label=_("Last day of the membership"),
        widget=DateInput(),
        validators=[validate_sane_date],
    )

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership

    def clean_valid_until(self):
        value = self.cleaned_data["valid_until"]
        if value < self.membership.valid_from:
            raise forms.ValidationError(
                _("The membership cannot end before it started (%(start)s)."),
                code="before_start",
                params={"start": date_format(self.membership.valid_from, "DATE_FORMAT")},
            )
        return value


class PhaseForm(forms.ModelForm):
    class Meta:
        model = CooperationPhase
        fields = ["phase", "since", "reason"]
        widgets = {"since": DateInput(), "reason": forms.Textarea(attrs={"rows": 4})}
