"""Forms of the priority rounds: they parse input only; the services decide."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from core.validators import validate_sane_date, validate_single_line
from functions.models import FunctionArea
from meetings.forms.fields import DateTimeInput

from .models import MAX_POINTS, MAX_TOPICS, PriorityRound

MEASURE_MAX_LENGTH = 200


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[validate_single_line])
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    deadline = forms.DateTimeField(
        label=_("Deadline"), widget=DateTimeInput(), validators=[validate_sane_date]
    )
    points_total = forms.IntegerField(
        label=_("Points per partner"),
        min_value=1,
        max_value=MAX_POINTS,
        initial=10,
        help_text=_("Each partner distributes exactly this many points over the topics."),
    )
    function_areas = forms.ModelMultipleChoiceField(
        label=_("Function areas as topics"),
        queryset=FunctionArea.objects.order_by("position", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    measures = forms.CharField(
        label=_("Proposed measures as topics"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One measure per line."),
    )

    def __init__(self, *args, round_: PriorityRound | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_

    def clean_measures(self):
        lines = [line.strip() for line in self.cleaned_data["measures"].splitlines()]
        lines = [line for line in lines if line]
        for line in lines:
            if len(line) > MEASURE_MAX_LENGTH:
                raise forms.ValidationError(
                    _("A measure has at most %(count)d characters."),
                    code="too_long",
                    params={"count": MEASURE_MAX_LENGTH},
                )
        if len(lines) > MAX_TOPICS:
            raise forms.ValidationError(
                _("A round has at most %(count)d topics."),
                code="too_many",
                params={"count": MAX_TOPICS},
            )
        return lines

    def topics(self) -> list[tuple]:
        """(function area or None, title) in order: the areas, then the measures."""
        data = self.cleaned_data
        return [(area, area.name) for area in data["function_areas"]] + [
            (None, line) for line in data["measures"]
        ]

    @staticmethod
    def initial_for(round_: PriorityRound, topics) -> dict:
        return {
            "title": round_.title,
            "description": round_.description,
            "deadline": round_.deadline,
            "points_total": round_.points_total,
            "function_areas": [t.function_area for t in topics if t.function_area_id],
            "measures": "\n".join(t.title for t in topics if not t.function_area_id),
        }


class BallotForm(forms.Form):
    """One number field per topic (`thema_<id>`); an empty field counts as 0 points."""

    def __init__(self, *args, round_: PriorityRound, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_
        self.topic_list = topics
        for topic in topics:
            self.fields[self.field_name(topic)] = forms.IntegerField(
                label=topic.title,
                required=False,
                min_value=0,
                max_value=round_.points_total,
                validators=[MinValueValidator(0), MaxValueValidator(round_.points_total)],
            )

    @staticmethod
    def field_name(topic) -> str:
        return f"thema_{topic.pk}"

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        total = sum(data.get(self.field_name(t)) or 0 for t in self.topic_list)
        if total != self.round.points_total:
            raise forms.ValidationError(
                _("The points must add up to exactly %(total)d; you have distributed %(given)d."),
                code="sum",
                params={"total": self.round.points_total, "given": total},
            )
        return data

    def points(self) -> dict[int, int]:
        return {t.pk: self.cleaned_data.get(self.field_name(t)) or 0 for t in self.topic_list}


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, I confirm this."),
        error_messages={"required": _("Please confirm by ticking the box.")},
    )
