"""Forms of the partner profile and the win-win view: they parse input only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from functions.models import CentralFunction

from .models import TEXT_LIMIT, EntryKind, PartnerProfile, ProfileEntry, Urgency


class ProfileForm(forms.ModelForm):
    class Meta:
        model = PartnerProfile
        fields = ["strengths", "weaknesses"]
        widgets = {
            "strengths": forms.Textarea(attrs={"rows": 5, "maxlength": TEXT_LIMIT}),
            "weaknesses": forms.Textarea(attrs={"rows": 5, "maxlength": TEXT_LIMIT}),
        }
        help_texts = {
            "strengths": _("What the partner does well and brings into the cooperation."),
            "weaknesses": _("Where the partner cannot carry a function alone."),
        }


class EntryForm(forms.ModelForm):
    """A need (with urgency) or an offer (with capacity and conditions): the kind is
    fixed by the page, and the form shows only that kind's fields."""

    NEED_FIELDS = ["central_function", "title", "description", "urgency"]
    OFFER_FIELDS = ["central_function", "title", "description", "capacity", "conditions"]

    class Meta:
        model = ProfileEntry
        fields = ["central_function", "title", "description", "urgency", "capacity", "conditions"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_LIMIT}),
            "conditions": forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_LIMIT}),
        }

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        keep = self.NEED_FIELDS if kind == EntryKind.NEED else self.OFFER_FIELDS
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        function = self.fields["central_function"]
        function.queryset = CentralFunction.objects.select_related("area").order_by(
            "area__position", "position", "name"
        )
        function.label_from_instance = lambda f: f"{f.area} – {f.name}"
        if kind == EntryKind.NEED:
            urgency = self.fields["urgency"]
            urgency.required = True
            urgency.choices = [("", "---------"), *Urgency.choices]

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class AreaFilterForm(forms.Form):
    """The win-win view's filter: one function of the area (`?funktion=`)."""

    funktion = forms.TypedChoiceField(label=_("Central-place function"), required=False, coerce=int)

    def __init__(self, *args, functions, **kwargs):
        super().__init__(*args, **kwargs)
        self.functions = {f.pk: f for f in functions}
        self.fields["funktion"].choices = [("", _("All functions of the area"))] + [
            (f.pk, f.name) for f in functions
        ]

    def selected(self) -> dict:
        if not self.is_valid() or self.cleaned_data["funktion"] in (None, ""):
            return {}
        return {"function": self.functions[self.cleaned_data["funktion"]]}


class MatchForm(forms.Form):
    """The pair a match action names (`bedarf`, `angebot`); the view checks that it is
    a match of the area."""

    bedarf = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    angebot = forms.IntegerField(min_value=1, max_value=2**31 - 1)


class MatchFindingForm(MatchForm):
    arbeitsgruppe = forms.TypedChoiceField(label=_("Working group"), coerce=int)

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = {g.pk: g for g in groups}
        self.fields["arbeitsgruppe"].choices = [(g.pk, g.body.name) for g in groups]

    @property
    def group(self):
        return self.groups[self.cleaned_data["arbeitsgruppe"]]
