"""The function matrix's filters."""

from django import forms
from django.utils.translation import gettext as _

from core.forms import QuickCheckboxSelectMultiple


class MatrixFilterForm(forms.Form):
    """Which partners (columns) and areas (blocks) the matrix shows. Choices come
    from the lists the page already loaded; unknown values make the form invalid."""

    partner = forms.TypedMultipleChoiceField(
        label=_("Partners"), required=False, coerce=int, widget=QuickCheckboxSelectMultiple
    )
    # Query parameters in German, like the URLs ("partner" is German too).
    bereich = forms.TypedMultipleChoiceField(
        label=_("Function areas"), required=False, coerce=int, widget=QuickCheckboxSelectMultiple
    )

    def __init__(self, *args, areas, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [(p.pk, p.short_name or p.name) for p in partners]
        self.fields["bereich"].choices = [(a.pk, a.name) for a in areas]

    def filter(self, *, areas, partners):
        """The areas and partners to show: all of them unless valid filters are chosen."""
        if not self.is_bound or not self.is_valid():
            return areas, partners
        chosen_partners = set(self.cleaned_data["partner"])
        chosen_areas = set(self.cleaned_data["bereich"])
        if chosen_partners:
            partners = [p for p in partners if p.pk in chosen_partners]
        if chosen_areas:
            areas = [a for a in areas if a.pk in chosen_areas]
        return areas, partners

    @property
    def filtered(self) -> bool:
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())
