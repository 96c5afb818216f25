from django import forms
from django.utils.translation import gettext_lazy as _

from .query import MAX_QUERY_LENGTH
from .selectors import kind_choices


class SearchForm(forms.Form):
    """The search box and the kind filters (`?q=`, `?art=`); parses input only."""

    q = forms.CharField(
        label=_("Search text"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    art = forms.MultipleChoiceField(
        label=_("Kind of result"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, public: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["art"].choices = kind_choices(public=public)
        self.fields["art"].error_messages["invalid_choice"] = _(
            "Unknown kind of result: %(value)s."
        )
