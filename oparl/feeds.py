"""Feeds of the published record for calendar and news readers (filled in below)."""

from django.contrib.syndication.views import Feed
from django.views import View


class MeetingCalendarView(View):
    pass


class MeetingFeed(Feed):
    pass


class DecisionFeed(Feed):
    pass
