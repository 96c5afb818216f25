"""Meetings, decisions and minutes keep to the portal's range of dates (1990–2100).

Far-off times were accepted before: a start early on 1 January of the year 1 became a
"BC" timestamp on PostgreSQL that broke every page loading the meeting (the dashboard
too), and an end on 31 December 9999 broke the calendars (test_far_off_rows.py).
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.timezone import BERLIN
from meetings import services
from meetings.models import Decision, DecisionProgress, Meeting, Minutes

pytestmark = pytest.mark.django_db

RANGE_MESSAGE = "Bitte geben Sie ein Datum zwischen dem 01.01.1990 und dem 31.12.2100 an."
NEXT_YEAR = timezone.localdate().year + 1


def _meeting_data(starts, ends):
    return {"title": "Sondersitzung", "starts_at": starts, "ends_at": ends, "location": "Rathaus"}


def _stored(meeting):
    row = Meeting.objects.get(pk=meeting.pk)
    return (row.title, row.starts_at, row.ends_at, row.history.count())


FAR_OFF = [
    ("0001-01-01T00:00", "0001-01-01T02:00", "starts_at"),
    ("0001-01-01T10:00", "0001-01-01T12:00", "starts_at"),
    ("1989-12-31T23:59", f"{NEXT_YEAR}-01-01T12:00", "starts_at"),
    (f"{NEXT_YEAR}-05-04T10:00", "9999-12-31T12:00", "ends_at"),
    (f"{NEXT_YEAR}-05-04T10:00", "2101-01-01T00:00", "ends_at"),
]


@pytest.mark.parametrize(("starts", "ends", "field"), FAR_OFF)
def test_it_refuses_to_create_a_meeting_outside_the_range(client, world, starts, ends, field):
    client.force_login(world.office)
    before = Meeting.objects.count()

    response = client.post(
        reverse("meetings:meeting_create", args=[world.board.pk]), _meeting_data(starts, ends)
    )

    assert response.status_code == 400
    assert RANGE_MESSAGE in response.content.decode()
    assert field in response.context["form"].errors
    assert Meeting.objects.count() == before


@pytest.mark.parametrize(("starts", "ends", "field"), FAR_OFF)
def test_it_refuses_to_move_a_meeting_outside_the_range(client, world, starts, ends, field):
    client.force_login(world.office)
    before = _stored(world.meeting)

    response = client.post(
        reverse("meetings:meeting_update", args=[world.meeting.pk]), _meeting_data(starts, ends)
    )

    assert response.status_code == 400
    assert RANGE_MESSAGE in response.content.decode()
    assert field in response.context["form"].errors
    assert _stored(world.meeting) == before


def test_it_accepts_the_first_and_the_last_day_of_the_range(client, world):
    client.force_login(world.office)
    url = reverse("meetings:meeting_create", args=[world.board.pk])

    first = client.post(url, _meeting_data("1990-01-01T00:00", "1990-01-01T02:00"))
    last = client.post(url, _meeting_data("2100-12-31T20:00", "2100-12-31T23:59"))

    assert (first.status_code, last.status_code) == (302, 302)
    assert Meeting.objects.filter(title="Sondersitzung").count() == 2


@pytest.mark.parametrize(
    "value", ["2026-02-30T10:00", "99999-01-01T10:00", "10000-01-01T00:00", "2026-13-01T10:00"]
)
def test_it_refuses_an_impossible_date_in_german(client, world, value):
    client.force_login(world.office)
    before = _stored(world.meeting)

    response = client.post(
        reverse("meetings:meeting_update", args=[world.meeting.pk]),
        _meeting_data(value, f"{NEXT_YEAR}-01-01T12:00"),
    )

    assert response.status_code == 400
    assert "Bitte ein gültiges Datum und Uhrzeit eingeben." in (response.content.decode())
    assert _stored(world.meeting) == before


def test_the_date_pickers_offer_only_the_range(client, world):
    client.force_login(world.office)

    page = client.get(reverse("meetings:meeting_update", args=[world.meeting.pk])).content.decode()

    assert 'min="1990-01-01T00:00"' in page
    assert 'max="2100-12-31T23:59"' in page


@pytest.mark.parametrize(
    "starts_at",
    [
        datetime.datetime(1, 1, 1, 0, 0, tzinfo=BERLIN),  # year 0 in UTC
        datetime.datetime(1, 1, 1, 0, 0, tzinfo=datetime.UTC),
        datetime.datetime(9999, 12, 31, 23, 59, tzinfo=datetime.UTC),  # year 10000 in Berlin
        datetime.datetime(1989, 12, 31, 12, 0, tzinfo=BERLIN),
    ],
)
def test_the_service_refuses_a_far_off_time_without_crashing(world, starts_at):
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            body=world.board,
            title="Sondersitzung",
            starts_at=starts_at,
            ends_at=datetime.datetime(2030, 1, 1, 12, 0, tzinfo=BERLIN),
            location="Rathaus",
            actor=world.office,
        )

    assert error.value.error_dict["starts_at"][0].code == "date_range"
    assert not Meeting.objects.filter(title="Sondersitzung").exists()


def test_the_service_refuses_to_move_a_meeting_to_the_year_9999(world):
    before = _stored(world.meeting)

    with pytest.raises(ValidationError) as error:
        services.meeting_update(
            meeting=world.meeting,
            data={"ends_at": datetime.datetime(9999, 12, 31, 12, 0, tzinfo=BERLIN)},
            actor=world.office,
        )

    assert "ends_at" in error.value.error_dict
    assert _stored(world.meeting) == before


# --- Decisions and minutes -------------------------------------------------------------


@pytest.mark.parametrize("due_date", ["9999-12-31", "0001-01-01", "2101-01-01"])
def test_it_refuses_a_far_off_due_date(client, world, due_date):
    client.force_login(world.office)
    before = Decision.objects.count()

    response = client.post(
        reverse("meetings:decision_create", args=[world.public_item.pk]),
        {
            "title": "Radverkehrskonzept beauftragen",
            "text": "Die AG erarbeitet ein Konzept.",
            "votes_yes": "1",
            "votes_no": "0",
            "votes_abstain": "0",
            "due_date": due_date,
        },
    )

    assert response.status_code == 400
    assert RANGE_MESSAGE in response.content.decode()
    assert Decision.objects.count() == before


def test_it_refuses_a_progress_note_dated_in_the_year_1(client, world):
    client.force_login(world.office)

    response = client.post(
        reverse("meetings:decision_progress", args=[world.decision.pk]),
        {"date": "0001-01-01", "status": "in_progress", "note": "Begonnen."},
    )

    assert response.status_code == 400
    assert RANGE_MESSAGE in response.content.decode()
    assert not DecisionProgress.objects.exists()


def test_the_decision_service_refuses_a_far_off_due_date(world):
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            item=world.public_item,
            title="Beschluss",
            text="Text",
            votes_yes=1,
            due_date=datetime.date(9999, 12, 31),
            actor=world.office,
        )

    assert "due_date" in error.value.error_dict
    assert Decision.objects.count() == 1


@pytest.fixture
def held_meeting(world):
    services.minutes_save(
        item=world.public_item, text="Bericht zur Kenntnis.", expected_version=0, actor=world.office
    )
    services.meeting_mark_held(meeting=world.meeting, actor=world.office)
    services.minutes_circulate(meeting=world.meeting, actor=world.office)
    return world.meeting


@pytest.mark.parametrize("approved_on", ["0001-01-01", "9999-12-31"])
def test_it_refuses_to_approve_minutes_on_a_far_off_day(client, world, held_meeting, approved_on):
    client.force_login(world.office)

    response = client.post(
        reverse("meetings:minutes_approve", args=[held_meeting.pk]), {"approved_on": approved_on}
    )

    assert response.status_code == 400
    assert RANGE_MESSAGE in response.content.decode()
    held_meeting.refresh_from_db()
    assert (held_meeting.status, held_meeting.minutes_approved_on) == ("held", None)


def test_the_minutes_service_refuses_a_far_off_day_and_approves_nothing(world, held_meeting):
    with pytest.raises(ValidationError) as error:
        services.minutes_approve(
            meeting=held_meeting,
            approved_on=datetime.date(9999, 12, 31),
            approved_in=None,
            actor=world.office,
        )

    assert "minutes_approved_on" in error.value.error_dict
    assert Meeting.objects.get(pk=held_meeting.pk).status == "held"
    assert Minutes.objects.get(agenda_item=world.public_item).status == "circulated"
