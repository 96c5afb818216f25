from django.urls import path

from . import feeds, views

app_name = "oparl"

urlpatterns = [
    path("v1/", views.SystemView.as_view(), name="system"),
    path("v1/<str:kind>/", views.ObjectListView.as_view(), name="list"),
    path("v1/<str:kind>/<str:key>/", views.ObjectView.as_view(), name="object"),
    # Feeds for calendar and news readers: published meetings and decisions.
    path("feeds/sitzungen.ics", feeds.MeetingCalendarView.as_view(), name="meeting_calendar"),
    path("feeds/sitzungen.atom", feeds.MeetingFeedView.as_view(), name="meeting_feed"),
    path("feeds/beschluesse.atom", feeds.DecisionFeedView.as_view(), name="decision_feed"),
]
