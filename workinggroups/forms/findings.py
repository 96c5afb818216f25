"""Forms for findings: they parse input only; the services validate and write."""

from itertools import groupby

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.models import Partner
from core.forms import PrivateFileField, QuickSelect, UploadForm
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


def _as_id(value) -> int | None:
    """A primary key from the address or the form, or None (never an error: a bad value
    only leaves the choices unnarrowed)."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return pk if 0 < pk < 2**31 else None


def _refresh_attrs(target: str) -> dict:
    """htmx: when the field changes, the page is asked for again with the scope fields
    (GET, nothing saved) and the narrowed fields are swapped in: `scope` replaces the
    function and the facilities (a new area), `facilities` the facilities only (a new
    function), so that the field in use keeps the focus. Without JavaScript the choices
    follow the area the page was loaded with (and are narrowed again after a submit); the
    model refuses a function of another area either way."""
    include = ", ".join(f"[name={name}]" for name in FindingForm.SCOPE_FIELDS)
    attrs = {
        "hx-get": "",
        "hx-trigger": "change",
        "hx-include": include,
        "hx-swap": "outerHTML",
    }
    if target == "scope":
        attrs |= {
            "hx-target": "#field-central_function",
            "hx-select": "#field-central_function",
            "hx-select-oob": "#field-facilities",
        }
    else:
        attrs |= {"hx-target": "#field-facilities", "hx-select": "#field-facilities"}
    return attrs


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
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "The facilities of the chosen function area, and of the chosen function if "
            "there is one."
        ),
    )
    partners = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Partners concerned"),
        queryset=Partner.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    # The fields that narrow the choices of the others (the form page asks for itself
    # again with these when one of them changes: templates/workinggroups/finding_form.html).
    SCOPE_FIELDS = ("function_area", "central_function", "facilities")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["function_area"].queryset = FunctionArea.objects.order_by("position", "name")
        # The functions of the chosen area only, and the facilities of the chosen area (or
        # function); facilities already chosen stay on offer, so that an edit never drops
        # one silently.
        area, function = self._chosen("function_area"), self._chosen("central_function")
        functions = list(
            selectors.central_function_choices().filter(**({"area": area} if area else {}))
        )
        if function not in {f.pk for f in functions}:
            function = None
        self.fields["central_function"].queryset = selectors.central_function_choices()
        self.fields["central_function"].choices = [
            ("", self.fields["central_function"].empty_label),
            *_grouped(functions, key=lambda f: f.area.name, label=str),
        ]
        offered = Q()
        if function:
            offered = Q(central_function=function)
        elif area:
            offered = Q(central_function__area=area)
        chosen = self._chosen_list("facilities")
        if chosen:
            offered |= Q(pk__in=chosen)
        facilities = list(selectors.facility_choices().filter(offered))
        facility_field = self.fields["facilities"]
        facility_field.queryset = selectors.facility_choices()
        facility_field.choices = _grouped(
            facilities,
            key=lambda f: f.central_function.name,
            label=facility_field.label_from_instance,
        )
        self.fields["partners"].queryset = Partner.objects.active().in_display_order()
        for name, target in (("function_area", "scope"), ("central_function", "facilities")):
            self.fields[name].widget.attrs.update(_refresh_attrs(target))

    def _raw(self, name):
        if self.is_bound:
            return self.data.get(self.add_prefix(name))
        return self.initial.get(name)

    def _chosen(self, name) -> int | None:
        """The id chosen in `name` (bound data, else the initial value), if it is one."""
        return _as_id(getattr(self._raw(name), "pk", self._raw(name)))

    def _chosen_list(self, name) -> list[int]:
        if self.is_bound:
            values = self.data.getlist(self.add_prefix(name))
        else:
            values = self.initial.get(name) or []
        ids = (_as_id(getattr(value, "pk", value)) for value in values)
        return [pk for pk in ids if pk is not None]

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
        label=gettext_lazy("Working group"), coerce=int, required=False, widget=QuickSelect
    )
    art = forms.ChoiceField(label=gettext_lazy("Type"), required=False, widget=QuickSelect)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False, widget=QuickSelect)
    bereich = forms.TypedChoiceField(
        label=gettext_lazy("Function area"), coerce=int, required=False, widget=QuickSelect
    )
    funktion = forms.TypedChoiceField(
        label=gettext_lazy("Central-place function"),
        coerce=int,
        required=False,
        widget=QuickSelect,
    )
    partner = forms.TypedChoiceField(
        label=gettext_lazy("Partner concerned"), coerce=int, required=False, widget=QuickSelect
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
