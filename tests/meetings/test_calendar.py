"""The .ics download, the personal calendar feed and renewing its address."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.services import calendar_token_renew
from cooperation.models import Role
from meetings.models import MeetingStatus
from meetings.services import invitations
from tests import factories as f


def _feed(client, user):
    return client.get(reverse("meetings:calendar_feed", args=[user.calendar_token]))


def _descriptions(response) -> str:
    """All event descriptions, unfolded and unescaped."""
    calendar = icalendar.Calendar.from_ical(response.content)
    return "\n".join(str(event["DESCRIPTION"]) for event in calendar.walk("VEVENT"))


def _summaries(response) -> list[str]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]


# --- The iCalendar file ----------------------------------------------------------------


def test_it_writes_valid_icalendar(world):
    meeting = world.meeting
    meeting.title = "Sitzung zur gemeinsamen Wahrnehmung oberzentraler Funktionen im Harz 2031"
    meeting.video_url = "https://video.example.org/raum/kooperationsgremium"
    meeting.save()

    data = invitations.meeting_ics(meeting)

    lines = data.split(b"\r\n")
    assert data.endswith(b"\r\n")
    assert b"\n" not in b"".join(lines)  # every line ends with CRLF
    assert max(len(line) for line in lines) <= 75  # folded at 75 octets
    assert any(line.startswith(b" ") for line in lines)  # the long title was folded
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["PRODID"] == "-//IMPULS Kooperationsportal//DE"
    assert calendar["VERSION"] == "2.0"
    assert calendar["METHOD"] == "PUBLISH"
    (tz,) = calendar.walk("VTIMEZONE")
    assert tz["TZID"] == "Europe/Berlin"
    (event,) = calendar.walk("VEVENT")
    assert event["UID"] == meeting.ical_uid
    assert event["SUMMARY"] == meeting.title
    assert event.decoded("DTSTART") == meeting.starts_at
    assert event.decoded("DTEND") == meeting.ends_at
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTAMP").utcoffset() == datetime.timedelta(0)
    assert event["LOCATION"] == "Rathaus Halberstadt, Ratssaal"
    assert meeting.video_url in event["DESCRIPTION"]
    assert event["URL"].endswith(f"/sitzungen/{meeting.pk}/")
    assert event["STATUS"] == "CONFIRMED"
    assert str(event["ORGANIZER"]).startswith("mailto:")


def test_it_keeps_the_uid_and_describes_only_the_public_agenda(world):
    first = icalendar.Calendar.from_ical(invitations.meeting_ics(world.meeting))
    second = icalendar.Calendar.from_ical(invitations.meeting_ics(world.meeting))

    (event,) = first.walk("VEVENT")
    assert event["UID"] == second.walk("VEVENT")[0]["UID"] == world.meeting.ical_uid
    assert "TOP 1: Bericht der Geschäftsstelle" in event["DESCRIPTION"]
    assert "Personalangelegenheit" not in event["DESCRIPTION"]


def test_it_downloads_the_meeting_as_a_calendar_file(client, world):
    world.meeting.title = 'Sitzung 1/2031: "Haushalt" & Ziele'
    world.meeting.save()
    client.force_login(world.admin_wernigerode)

    response = client.get(reverse("meetings:meeting_ics", args=[world.meeting.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition == 'attachment; filename="Sitzung 12031 Haushalt Ziele.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar.walk("VEVENT")[0]["UID"] == world.meeting.ical_uid
    # A partner administrator is no member of the board: nothing confidential.
    assert "Personalangelegenheit" not in _descriptions(response)


def test_it_keeps_umlauts_in_the_file_name(client, world):
    world.meeting.title = "Sitzung in Blankenburg (Harz) – Gäste"
    world.meeting.save()
    client.force_login(world.board_member)

    response = client.get(reverse("meetings:meeting_ics", args=[world.meeting.pk]))

    assert (
        "filename*=utf-8''Sitzung%20in%20Blankenburg%20%28Harz%29%20G%C3%A4ste.ics"
        in (response["Content-Disposition"])
    )


# --- The personal feed -----------------------------------------------------------------


@pytest.fixture
def group_meeting(world):
    meeting = f.MeetingFactory(body=world.working_group.body, title="AG-Sitzung Bahnhöfe")
    f.AgendaItemFactory(
        meeting=meeting, position=1, title="Vertrauliche Kostenschätzung", is_public=False
    )
    return meeting


def test_it_serves_the_feed_of_the_users_bodies(client, world, group_meeting):
    response = _feed(client, world.board_member)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-cache"
    assert _summaries(response) == [world.meeting.title]
    # A member of the board sees the non-public items of the board's meetings.
    assert "TOP 2: Personalangelegenheit (nicht öffentlich)" in _descriptions(response)


def test_it_leaves_other_bodies_out_of_the_feed(client, world, group_meeting):
    response = _feed(client, world.wg_member)

    assert response.status_code == 200
    assert _summaries(response) == ["AG-Sitzung Bahnhöfe"]
    assert "Vertrauliche Kostenschätzung" in _descriptions(response)  # their own group's
    assert "Personalangelegenheit" not in _descriptions(response)
    assert world.meeting.ical_uid.encode() not in response.content


def test_it_gives_the_office_every_body(client, world, group_meeting):
    assert sorted(_summaries(_feed(client, world.office))) == sorted(
        [world.meeting.title, "AG-Sitzung Bahnhöfe"]
    )


def test_it_hides_non_public_items_from_a_feed_owner_without_the_right(client, world):
    # The membership began today and the nightly permission sync has not run yet:
    # the meeting is in the feed, its non-public item is not.
    seat = f.membership(
        world.admin_halberstadt,
        world.board,
        Role.GUEST,
        valid_from=timezone.localdate() + datetime.timedelta(days=1),
    )
    type(seat).objects.filter(pk=seat.pk).update(valid_from=timezone.localdate())

    response = _feed(client, world.admin_halberstadt)

    assert _summaries(response) == [world.meeting.title]
    assert "TOP 1: Bericht der Geschäftsstelle" in _descriptions(response)
    assert "Personalangelegenheit" not in _descriptions(response)


def test_it_lists_cancelled_meetings_and_leaves_out_old_ones(client, world):
    cancelled = f.MeetingFactory(
        body=world.board,
        title="Sondersitzung",
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Kein Beratungsbedarf",
    )
    long_ago = timezone.now() - datetime.timedelta(days=61)
    f.MeetingFactory(
        body=world.board,
        title="Alte Sitzung",
        starts_at=long_ago,
        ends_at=long_ago + datetime.timedelta(hours=2),
    )
    recent = timezone.now() - datetime.timedelta(days=59)
    f.MeetingFactory(
        body=world.board,
        title="Letzte Sitzung",
        starts_at=recent,
        ends_at=recent + datetime.timedelta(hours=2),
    )

    response = _feed(client, world.board_member)

    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert events[cancelled.ical_uid]["STATUS"] == "CANCELLED"
    assert "Kein Beratungsbedarf" in events[cancelled.ical_uid]["DESCRIPTION"]
    summaries = _summaries(response)
    assert "Alte Sitzung" not in summaries
    assert summaries[0] == "Letzte Sitzung"  # in order of time


@pytest.mark.parametrize("token", ["x" * 43, "", "%00"])
def test_it_answers_404_to_an_unknown_token(client, world, token):
    response = client.get(f"/kalender/{token}.ics")

    assert response.status_code == 404


def test_it_answers_404_for_inactive_users_and_users_without_a_role(client, world):
    world.board_member.is_active = False
    world.board_member.save()

    assert _feed(client, world.board_member).status_code == 404
    assert _feed(client, world.no_membership).status_code == 404


def test_it_stops_the_old_address_when_the_token_is_renewed(client, world):
    old_url = reverse("meetings:calendar_feed", args=[world.board_member.calendar_token])

    calendar_token_renew(user=world.board_member, actor=world.board_member)

    assert client.get(old_url).status_code == 404
    assert _feed(client, world.board_member).status_code == 200
    record = world.board_member.history.latest()
    assert record.history_user == world.board_member
    assert record.history_change_reason == "Kalender-Adresse erneuert"


# --- The settings page -----------------------------------------------------------------


def test_it_shows_the_personal_feed_address(client, world):
    client.force_login(world.wg_member)

    response = client.get(reverse("meetings:calendar_settings"))

    content = response.content.decode()
    token = world.wg_member.calendar_token
    assert f"http://testserver/kalender/{token}.ics" in content
    assert f"webcal://testserver/kalender/{token}.ics" in content
    assert "Kalender-Adresse erneuern" in content


def test_it_renews_the_address_from_the_settings_page(client, world):
    client.force_login(world.wg_member)
    old_token = world.wg_member.calendar_token

    response = client.post(reverse("meetings:calendar_settings"), follow=True)

    world.wg_member.refresh_from_db()
    new_token = world.wg_member.calendar_token
    assert new_token != old_token
    assert len(new_token) == 43
    content = response.content.decode()
    assert "Die alte Adresse funktioniert nicht mehr" in content
    assert new_token in content and old_token not in content
    assert client.get(f"/kalender/{old_token}.ics").status_code == 404
    assert client.get(f"/kalender/{new_token}.ics").status_code == 200
