"""Widgets and fields the meeting forms (and the working-group report form) share."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext as _

from core.validators import datetime_input_attrs


class DateTimeInput(forms.DateTimeInput):
    """A browser date-and-time picker limited to the dates the portal accepts."""

    input_type = "datetime-local"

    def __init__(self, attrs=None, **kwargs):
        super().__init__(
            attrs={**datetime_input_attrs(), **(attrs or {})}, format="%Y-%m-%dT%H:%M", **kwargs
        )


class AgendaItemChoiceField(forms.ModelChoiceField):
    """An agenda item as "TOP 3: Title", marked when non-public; with `with_meeting`
    also the meeting and its date (for items of several meetings in one list)."""

    def __init__(self, *args, with_meeting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.with_meeting = with_meeting

    def label_from_instance(self, obj):
        if self.with_meeting:
            meeting = obj.meeting
            label = _("TOP %(position)s: %(title)s – %(meeting)s, %(date)s") % {
                "position": obj.position,
                "title": obj.title,
                "meeting": meeting.title,
                "date": formats.date_format(meeting.starts_at, "SHORT_DATE_FORMAT", use_l10n=True),
            }
        else:
            label = f"TOP {obj.position}: {obj.title}"
        return label if obj.is_public else f"{label} ({_('non-public')})"
