from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CentralFunction, Facility


class FacilityForm(forms.ModelForm):
    class Meta:
        model = Facility
        fields = [
            "name",
            "central_function",
            "partner",
            "significance",
            "street",
            "postal_code",
            "city",
            "latitude",
            "longitude",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.fields["central_function"].queryset = CentralFunction.objects.select_related("area")
        self.fields["central_function"].label_from_instance = lambda f: f"{f.area} – {f.name}"


class FacilityFilterForm(forms.Form):
    """The facility list's filters. Choices come from lists the page already
    loaded, so filtering costs no extra queries; unknown values are reported."""

    # Field names are the URL's query parameters: German, like the URLs.
    bereich = forms.TypedChoiceField(label=_("Function area"), required=False, coerce=int)
    funktion = forms.TypedChoiceField(label=_("Central-place function"), required=False, coerce=int)
    partner = forms.TypedChoiceField(label=_("Located in"), required=False, coerce=int)
    # The selector's keyword for each filter.
    KEYWORDS = {"bereich": "area", "funktion": "function", "partner": "partner"}

    def __init__(self, *args, areas, functions, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.objects = {
            "bereich": {a.pk: a for a in areas},
            "funktion": {f.pk: f for f in functions},
            "partner": {p.pk: p for p in partners},
        }
        self.fields["bereich"].choices = [("", _("All areas"))] + [(a.pk, a.name) for a in areas]
        self.fields["funktion"].choices = [("", _("All functions"))] + [
            (f.pk, f"{f.area} – {f.name}") for f in functions
        ]
        self.fields["partner"].choices = [("", _("All partners"))] + [
            (p.pk, p.name) for p in partners
        ]

    def selected(self) -> dict:
        """The chosen objects by filter name (only valid, chosen filters)."""
        if not self.is_valid():
            return {}
        return {
            self.KEYWORDS[name]: self.objects[name][value]
            for name, value in self.cleaned_data.items()
            if value not in (None, "")
        }
