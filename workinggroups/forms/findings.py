"""Forms for findings: they parse input only; the services validate and write."""

from itertools import groupby

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.models import Partner
from core.validators import validate_single_line
from functions.models import FunctionArea
from meetings.uploads import ACCEPT_ATTRIBUTE, max_upload_size, megabytes

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


class AttachmentForm(forms.Form):
    """Parses the upload; the file itself is checked by the service (`attachment_add`)."""

    title = forms.CharField(
        label=gettext_lazy("Title"), max_length=250, validators=[validate_single_line]
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )

    def __init__(self, *args, file_too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, ODT, DOCX, XLSX, PNG or JPEG; at most %(limit)s MB."
        ) % {"limit": megabytes(max_upload_size())}
        # The upload handler dropped the file while it arrived: say why, not "required".
        self.file_too_large = file_too_large
        if file_too_large:
            self.fields["file"].required = False

    def clean(self):
        cleaned = super().clean()
        if self.file_too_large:
            self.add_error(
                "file",
                ValidationError(
                    _("The file is larger than the allowed %(limit)s MB."),
                    code="too_large",
                    params={"limit": megabytes(max_upload_size())},
                ),
            )
        return cleaned


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

    def __init__(self, *args, groups, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.objects = {
            "arbeitsgruppe": {g.pk: g for g in groups},
            "bereich": {a.pk: a for a in areas},
        }
        self.fields["arbeitsgruppe"].choices = [("", _("All working groups"))] + [
            (g.pk, g.body.name) for g in groups
        ]
        self.fields["art"].choices = [("", _("All types")), *FindingType.choices]
        self.fields["status"].choices = [("", _("All statuses")), *FindingStatus.choices]
        self.fields["bereich"].choices = [("", _("All function areas"))] + [
            (a.pk, a.name) for a in areas
        ]

    def selected(self) -> dict:
        """The chosen filters as keyword arguments of `selectors.finding_list`."""
        if not self.is_bound or not self.is_valid():
            return {}
        selected = {}
        for name, keyword in (("arbeitsgruppe", "group"), ("bereich", "area")):
            if self.cleaned_data[name] not in (None, ""):
                selected[keyword] = self.objects[name][self.cleaned_data[name]]
        for name, keyword in (("art", "type"), ("status", "status")):
            if self.cleaned_data[name]:
                selected[keyword] = self.cleaned_data[name]
        return selected
