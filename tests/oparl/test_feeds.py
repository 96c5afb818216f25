"""The feeds for calendar and news readers: valid iCalendar and Atom, published
meetings and decisions only, no marker of non-public content, linked from the public
pages' <head>, bounded, read-only."""

import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.conf import settings
from django.urls import reverse

from meetings.models import Decision, Meeting, MeetingStatus

from ..public import helpers as h
from ..public.test_no_leak import _plant
from . import test_query_counts

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(response):
    feed = ET.fromstring(response.content)
    return [
        (entry.find(f"{ATOM}title").text, entry.find(f"{ATOM}link").get("href"))
        for entry in feed.findall(f"{ATOM}entry")
    ]


def test_the_calendar_holds_the_published_meetings_only(client, world):
    markers = _plant(world)
    response = client.get(reverse("oparl:meeting_calendar"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    uids = {str(event["uid"]) for event in calendar.walk("VEVENT")}
    assert uids == set(Meeting.objects.published().values_list("ical_uid", flat=True))
    assert Meeting.objects.exclude(pk__in=Meeting.objects.published()).exists()
    for marker, name in markers.all.items():
        assert marker.encode() not in response.content, f"{name} leaks into the calendar"
    # The cancelled published meeting shows as cancelled, without its reason.
    statuses = {str(e["summary"]): str(e["status"]) for e in calendar.walk("VEVENT")}
    assert statuses["Abgesagt: Abgesagte Sitzung"] == "CANCELLED"
    assert "/oeffentlich/sitzungen/" in str(calendar.walk("VEVENT")[0]["url"])


def test_the_atom_feeds_hold_published_meetings_and_decisions_only(client, world):
    markers = _plant(world)
    meetings = client.get(reverse("oparl:meeting_feed"))
    decisions = client.get(reverse("oparl:decision_feed"))
    for response in (meetings, decisions):
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        for marker, name in markers.all.items():
            assert marker.encode() not in response.content, f"{name} leaks into a feed"
    links = {link for _title, link in _entries(meetings)}
    assert links == {
        settings.PORTAL_BASE_URL + reverse("public:meeting_detail", args=[pk])
        for pk in Meeting.objects.published().values_list("pk", flat=True)
    }
    titles = {title for title, _link in _entries(decisions)}
    assert titles == {f"{d.format_number()}: {d.title}" for d in Decision.objects.published()}
    assert not any("GEHEIM" in title for title in titles)


def test_the_feeds_are_bounded(client, world, monkeypatch):
    from oparl import feeds

    monkeypatch.setattr(feeds, "FEED_ITEMS", 3)
    for n in range(5):
        h.meeting(world.board, title=f"Sitzung {n}", status=MeetingStatus.INVITED)
    assert len(_entries(client.get(reverse("oparl:meeting_feed")))) == 3
    calendar = icalendar.Calendar.from_ical(client.get(reverse("oparl:meeting_calendar")).content)
    assert len(calendar.walk("VEVENT")) == 3


def test_the_feeds_run_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    # The decisions with their councils' consultations (prefetched once there are any).
    test_query_counts._few(world)
    counts = {"oparl:meeting_calendar": 2, "oparl:meeting_feed": 2, "oparl:decision_feed": 4}
    for name, n in counts.items():
        with django_assert_num_queries(n):
            client.get(reverse(name))
    test_query_counts._many(world)
    for name, n in counts.items():
        with django_assert_num_queries(n):
            client.get(reverse(name))


def test_the_public_pages_link_the_feeds_and_the_api_in_their_head(client, world):
    head = client.get(reverse("public:home")).content.decode().split("</head>")[0]
    for name in ("oparl:meeting_feed", "oparl:decision_feed", "oparl:meeting_calendar"):
        assert 'rel="alternate" type="' in head
        assert f'href="{reverse(name)}"' in head
    assert f'href="{reverse("oparl:system")}"' in head


def test_the_feeds_take_no_post(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    for name in ("oparl:meeting_feed", "oparl:decision_feed", "oparl:meeting_calendar"):
        assert client.post(reverse(name)).status_code == 405


def test_the_calendar_answers_a_conditional_get_with_304(client, world):
    first = client.get(reverse("oparl:meeting_calendar"))
    again = client.get(reverse("oparl:meeting_calendar"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
