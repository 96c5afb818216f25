"""Placeholder: implemented by a work package in progress."""

from django.views import View


class MeetingInviteView(View):
    pass


class MeetingIcsView(View):
    pass


class CalendarFeedView(View):
    pass


class CalendarSettingsView(View):
    pass
