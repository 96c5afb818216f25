"""The public pages' filter forms. Field names are the URL's query parameters (German,
like the URLs); `selected()` maps them to the selectors' keywords. An unknown value
makes a form invalid, which `core.views.FilteredListView` answers with 400."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import QuickSelect
from meetings.forms import DecisionFilterForm


def _year_field():
    return forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, widget=QuickSelect)


def _year_choices(years):
    return [("", _("All years")), *((y, str(y)) for y in years)]


class PublicMeetingFilterForm(forms.Form):
    jahr = _year_field()
    gremium = forms.TypedChoiceField(label=_("Body"), coerce=int, required=False)

    def __init__(self, *args, bodies, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies = {b.pk: b for b in bodies}
        self.fields["jahr"].choices = _year_choices(years)
        self.fields["gremium"].choices = [("", _("All bodies")), *((b.pk, b.name) for b in bodies)]

    def selected(self) -> dict:
        if not (self.is_bound and self.is_valid()):
            return {}
        selected = {}
        if self.cleaned_data["jahr"] not in (None, ""):
            selected["year"] = self.cleaned_data["jahr"]
        if self.cleaned_data["gremium"] not in (None, ""):
            selected["body"] = self.bodies[self.cleaned_data["gremium"]]
        return selected


class PublicDecisionFilterForm(DecisionFilterForm):
    """The members' follow-up filters (body, status, working group, overdue) and the year."""

    jahr = _year_field()
    faellig = None  # "due for my bodies" means nothing to the public
    field_order = ["gremium", "jahr", "status", "arbeitsgruppe", "ueberfaellig"]

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jahr"].choices = _year_choices(years)

    def selected(self) -> dict:
        selected = super().selected()
        if self.is_bound and self.is_valid() and self.cleaned_data["jahr"] not in (None, ""):
            selected["year"] = self.cleaned_data["jahr"]
        return selected


class PublicFindingFilterForm(forms.Form):
    bereich = forms.TypedChoiceField(label=_("Function area"), coerce=int, required=False)
    funktion = forms.TypedChoiceField(label=_("Central-place function"), coerce=int, required=False)
    partner = forms.TypedChoiceField(label=_("Partner"), coerce=int, required=False)

    def __init__(self, *args, areas, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.objects = {
            "bereich": {a.pk: a for a in areas},
            "funktion": {f.pk: f for a in areas for f in a.functions.all()},
            "partner": {p.pk: p for p in partners},
        }
        self.fields["bereich"].choices = [("", _("All areas")), *((a.pk, a.name) for a in areas)]
        self.fields["funktion"].choices = [
            ("", _("All functions")),
            *((a.name, [(f.pk, f.name) for f in a.functions.all()]) for a in areas),
        ]
        self.fields["partner"].choices = [
            ("", _("All partners")),
            *((p.pk, p.name) for p in partners),
        ]

    def selected(self) -> dict:
        if not (self.is_bound and self.is_valid()):
            return {}
        selected = {}
        for name, keyword in (
            ("bereich", "area"),
            ("funktion", "function"),
            ("partner", "partner"),
        ):
            if self.cleaned_data[name] not in (None, ""):
                selected[keyword] = self.objects[name][self.cleaned_data[name]]
        return selected
