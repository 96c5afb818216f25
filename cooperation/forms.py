from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Partner

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
