"""Meetings stored with far-off times before dates were limited (written here with
update(), past every validation) do not break the pages, the .ics, the invitation or
the calendar feeds: the year 9999 has no next year for the calendar's time zone."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from core.timezone import BERLIN
from meetings.models import Meeting
from meetings.services import invitations

from .. import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def far_off_meetings(world):
    """What the forms let in before: an end in the year 9999 of an upcoming meeting, and
    a meeting in the year 1. Written with update(), past every validation."""
    endless = f.MeetingFactory(body=world.board, title="Endlose Sitzung")
    f.AgendaItemFactory(meeting=endless, position=1, title="Öffentlicher Punkt")
    Meeting.objects.filter(pk=endless.pk).update(
        ends_at=datetime.datetime(9999, 12, 31, 23, 30, tzinfo=BERLIN)
    )
    ancient = f.MeetingFactory(body=world.board, title="Uralte Sitzung")
    Meeting.objects.filter(pk=ancient.pk).update(
        starts_at=datetime.datetime(1, 1, 1, 10, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(1, 1, 1, 12, 0, tzinfo=BERLIN),
    )
    return endless, ancient


def _event(content: bytes, meeting):
    calendar = icalendar.Calendar.from_ical(content)
    return next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == meeting.ical_uid)


def test_the_pages_answer_with_far_off_meetings_in_the_database(client, world, far_off_meetings):
    client.force_login(world.office)
    urls = [reverse("overview:dashboard"), reverse("meetings:meeting_list")]
    for meeting in far_off_meetings:
        urls += [
            meeting.get_absolute_url(),
            reverse("meetings:meeting_update", args=[meeting.pk]),
            reverse("meetings:meeting_invite", args=[meeting.pk]),
        ]

    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 200)


def test_the_meeting_ics_of_a_far_off_meeting_is_served(client, world, far_off_meetings):
    client.force_login(world.board_member)
    endless, ancient = far_off_meetings

    for meeting, year in ((endless, 9999), (ancient, 1)):
        response = client.get(reverse("meetings:meeting_ics", args=[meeting.pk]))
        assert response.status_code == 200
        assert _event(response.content, meeting)["DTEND"].dt.year == year


def test_the_calendar_feed_stays_small_with_a_far_off_meeting(client, world, far_off_meetings):
    endless, _ancient = far_off_meetings

    response = client.get(reverse("meetings:calendar_feed", args=[world.office.calendar_token]))

    assert response.status_code == 200
    assert _event(response.content, endless)["DTEND"].dt.year == 9999
    # The time zone covers the portal's years, not eight thousand years of transitions.
    assert len(response.content) < 20_000


def test_the_feed_survives_the_last_moment_python_can_hold(client, world):
    """Past anything a form could store: Berlin time would be the year 10000."""
    meeting = f.MeetingFactory(body=world.board, title="Bis ans Ende")
    Meeting.objects.filter(pk=meeting.pk).update(
        ends_at=datetime.datetime.max.replace(tzinfo=datetime.UTC)
    )
    client.force_login(world.office)

    feed = client.get(reverse("meetings:calendar_feed", args=[world.office.calendar_token]))
    ics = client.get(reverse("meetings:meeting_ics", args=[meeting.pk]))

    assert (feed.status_code, ics.status_code) == (200, 200)
    assert _event(feed.content, meeting)["DTEND"].dt == datetime.datetime.max.replace(
        microsecond=0, tzinfo=datetime.UTC
    )


def test_the_update_to_a_far_off_meeting_is_sent(world, far_off_meetings):
    endless, _ancient = far_off_meetings
    endless.status = "invited"
    endless.save(update_fields=["status"])

    rows = invitations.send_update(Meeting.objects.get(pk=endless.pk), actor=world.office)

    assert rows
    attachment = mail.outbox[0].attachments[0]
    assert _event(attachment.get_payload(decode=True), endless)["DTEND"].dt.year == 9999
