"""Forms for findings: they parse input only; the services validate and write."""

from itertools import groupby

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.models import Partner
from core.forms import PrivateFileField, UploadForm
from core.validators import validate_single_line
from functions.models import FunctionArea

from .. import selectors
from ..models import FindingStatus, FindingType

MARKDOWN_HELP = gettext_lazy(
    "Markdown: **bold**, *italic*, lists with “-”, paragraphs with a blank line, "
    "links as [text](https://…)."
)


class FacilityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.partner.short_name or obj.partner.name})"


def _grouped(objects, key, label):
    """Choices grouped under a heading (<optgroup>), in the objects' order."""
    return [
        (heading, [(obj.pk, label(obj)) for obj in members])
        for heading, members in groupby(objects, key=key)
    ]


class FindingForm(forms.Form):
    type = forms.ChoiceField(label=gettext_lazy("Type"), choices=FindingType.choices)
    title = forms.CharField(
        label=gettext_lazy("Title"), max_length=250, validators=[validate_single_line]
    )
    text = forms.CharField(
        label=gettext_lazy("Text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=MARKDOWN_HELP,
    )
    function_area = forms.ModelChoiceField(
        label=gettext_lazy("Function area"), queryset=FunctionArea.objects.none()
    )
    central_function = forms.ModelChoiceField(
        label=gettext_lazy("Central-place function"),
        queryset=selectors.central_function_choices().none(),
        required=False,
        empty_label=gettext_lazy("None (the whole function area)"),
    )
    facilities = FacilityChoiceField(
        label=gettext_lazy("Facilities concerned"),
        queryset=selectors.facility_choices().none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=gettext_lazy("Hold Ctrl (or Cmd) to choose several facilities."),
    )
    partners = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Partners concerned"),
        queryset=Partner.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["function_area"].queryset = FunctionArea.objects.order_by("position", "name")
        functions = selectors.central_function_choices()
        self.fields["central_function"].queryset = functions
        self.fields["central_function"].choices = [
            ("", self.fields["central_function"].empty_label),
            *_grouped(functions, key=lambda f: f.area.name, label=str),
        ]
        facilities = selectors.facility_choices()
        facility_field = self.fields["facilities"]
        facility_field.queryset = facilities
        facility_field.choices = _grouped(
            facilities,
            key=lambda f: f.central_function.name,
            label=facility_field.label_from_instance,
        )
        self.fields["partners"].queryset = Partner.objects.active().in_display_order()

    def service_data(self) -> dict:
        """The cleaned values as keyword arguments for the finding services."""
        data = {
            name: self.cleaned_data[name]
            for name in ("type", "title", "text", "function_area", "central_function")
        }
        return {
            "data": data,
            "facilities": list(self.cleaned_data["facilities"]),
            "partners": list(self.cleaned_data["partners"]),
        }


class FindingUpdateForm(FindingForm):
    """Carries the version that was read, so a concurrent save is noticed."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("version") is None:
            raise ValidationError(
                _("The form is incomplete. Please open the finding again and repeat your change."),
                code="version_missing",
            )
        return cleaned


class FindingStatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=FindingStatus.choices)


class CommentForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


class AttachmentForm(UploadForm):
    """Parses the upload; the file itself is checked by the service (`attachment_add`)."""

    title = forms.CharField(
        label=gettext_lazy("Title"), max_length=250, validators=[validate_single_line]
    )
    file = PrivateFileField()


class FindingFilterForm(forms.Form):
    """The findings list's filters; unknown values make the form invalid (answer 400)."""

    # Field names are the URL's query parameters: German, like the URLs.
    arbeitsgruppe = forms.TypedChoiceField(
        label=gettext_lazy("Working group"), coerce=int, required=False
    )
    art = forms.ChoiceField(label=gettext_lazy("Type"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    bereich = forms.TypedChoiceField(
        label=gettext_lazy("Function area"), coerce=int, required=False
    )
    funktion = forms.TypedChoiceField(
        label=gettext_lazy("Central-place function"), coerce=int, required=False
    )
    partner = forms.TypedChoiceField(
        label=gettext_lazy("Partner concerned"), coerce=int, required=False
    )

    def __init__(self, *args, groups, areas, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.objects = {
            "arbeitsgruppe": {g.pk: g for g in groups},
            "bereich": {a.pk: a for a in areas},
            "funktion": {f.pk: f for a in areas for f in a.functions.all()},
            "partner": {p.pk: p for p in partners},
        }
        self.fields["arbeitsgruppe"].choices = [("", _("All working groups"))] + [
            (g.pk, g.body.name) for g in groups
        ]
        self.fields["art"].choices = [("", _("All types")), *FindingType.choices]
        self.fields["status"].choices = [("", _("All statuses")), *FindingStatus.choices]
        self.fields["bereich"].choices = [("", _("All function areas"))] + [
            (a.pk, a.name) for a in areas
        ]
        self.fields["funktion"].choices = [
            ("", _("All functions")),
            *((a.name, [(f.pk, f.name) for f in a.functions.all()]) for a in areas),
        ]
        self.fields["partner"].choices = [("", _("All partners"))] + [
            (p.pk, p.name) for p in partners
        ]

    def selected(self) -> dict:
        """The chosen filters as keyword arguments of `selectors.finding_list`."""
        if not self.is_bound or not self.is_valid():
            return {}
        selected = {}
        for name, keyword in (
            ("arbeitsgruppe", "group"),
            ("bereich", "area"),
            ("funktion", "function"),
            ("partner", "partner"),
        ):
            if self.cleaned_data[name] not in (None, ""):
                selected[keyword] = self.objects[name][self.cleaned_data[name]]
        for name, keyword in (("art", "type"), ("status", "status")):
            if self.cleaned_data[name]:
                selected[keyword] = self.cleaned_data[name]
        return selected
