from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.validators import validate_single_line
from functions.models import FunctionArea
from workinggroups.models import Finding, FindingStatus
from workinggroups.permissions import visible_findings


class ChapterForm(forms.Form):
    """A chapter of the development concept. Findings to cite: the agreed ones (and
    those the chapter already cites, so that saving never drops one silently)."""

    position = forms.IntegerField(label=_("Position"), min_value=1)
    title = forms.CharField(label=_("Title"), max_length=250, validators=[validate_single_line])
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Markdown: **bold**, *italic*, lists with “-”, paragraphs with a blank line."),
    )
    function_areas = forms.ModelMultipleChoiceField(
        label=_("Function areas"),
        queryset=FunctionArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    findings = forms.ModelMultipleChoiceField(
        label=_("Findings cited"),
        queryset=Finding.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only agreed findings of the working groups can be cited."),
    )
    # The version an edit started from (an edit must name it; a new chapter has none).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, user, chapter=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = chapter is not None and chapter.pk is not None
        self.fields["function_areas"].queryset = FunctionArea.objects.order_by("position", "name")
        citable = Q(status=FindingStatus.AGREED)
        if chapter is not None and chapter.pk:
            citable |= Q(chapters=chapter)
        # A cited finding its group has taken back to a draft stays hidden from others.
        self.fields["findings"].queryset = (
            visible_findings(user, Finding.objects.filter(citable))
            .distinct()
            .select_related("group__body", "function_area")
            .order_by("function_area__position", "title", "pk")
        )
        self.fields["findings"].label_from_instance = lambda f: (
            f"{f.function_area} – {f.title} ({f.group})"
        )

    def clean(self):
        cleaned = super().clean()
        if self.editing and cleaned.get("version") is None:
            raise forms.ValidationError(
                _("The form is incomplete. Please open the chapter again and repeat your change."),
                code="version_missing",
            )
        return cleaned

    @staticmethod
    def initial_for(chapter) -> dict:
        return {
            "position": chapter.position,
            "title": chapter.title,
            "text": chapter.text,
            "function_areas": list(chapter.function_areas.all()),
            "findings": list(chapter.findings.all()),
            "version": chapter.version,
        }


class ChapterPublishForm(forms.Form):
    """Confirms publishing the version shown (refused with 409 if saved since)."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
