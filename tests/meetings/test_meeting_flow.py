"""A board meeting from planning to approved, frozen minutes, as the office and members see it."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cooperation.models import Role
from meetings import services as meeting_services
from meetings.models import (
    AgendaItem,
    AgendaProposal,
    Decision,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesCorrection,
    MinutesStatus,
    ProposalStatus,
)

from .. import factories as f

pytestmark = pytest.mark.django_db


def ics_attachment(message) -> bytes:
    """The calendar entry attached to an e-mail (as tuple or as MIME part)."""
    for attachment in message.attachments:
        if isinstance(attachment, tuple):
            name, content = attachment[0], attachment[1]
        else:
            name, content = attachment.get_filename(), attachment.get_payload(decode=True)
        if name and name.endswith(".ics"):
            return content if isinstance(content, bytes) else content.encode()
    raise AssertionError("no .ics attachment")


def local(dt: datetime.datetime) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def test_it_takes_a_meeting_from_planning_to_frozen_minutes(
    client, world, django_capture_on_commit_callbacks
):
    deputy = f.UserFactory(username="stellvertretung", email="stv@example.org")
    seat = world.board.memberships.get(user=world.board_member)
    f.membership(deputy, world.board, Role.DEPUTY_MEMBER, deputy_for=seat)
    client.force_login(world.office)
    starts = (timezone.now() + datetime.timedelta(days=10)).replace(
        hour=15, minute=0, second=0, microsecond=0
    )

    # The office plans the meeting and builds the agenda.
    response = client.post(
        reverse("meetings:meeting_create", args=[world.board.pk]),
        {
            "title": "3. Sitzung des Kooperationsgremiums",
            "starts_at": local(starts),
            "ends_at": local(starts + datetime.timedelta(hours=2)),
            "location": "Rathaus Wernigerode",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="3. Sitzung des Kooperationsgremiums")
    for title, public in [("Bericht der Geschäftsstelle", True), ("Personalfragen", False)]:
        response = client.post(
            reverse("meetings:agenda_item_create", args=[meeting.pk]),
            {"title": title, "is_public": "on" if public else ""},
        )
        assert response.status_code == 302
    report, personnel = meeting.agenda_items.order_by("position")
    assert (report.position, personnel.position, personnel.is_public) == (1, 2, False)

    # Invitations go to the members and the deputy, with a calendar entry.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:meeting_invite", args=[meeting.pk]))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.INVITED
    recipients = {address for message in mail.outbox for address in message.to}
    assert {world.board_member.email, deputy.email, world.office.email} <= recipients
    content = ics_attachment(mail.outbox[0])
    event = next(c for c in Calendar.from_ical(content).walk("VEVENT"))
    assert str(event["UID"]) == meeting.ical_uid

    # The deputy stands in for the member: the seat counts for the quorum.
    deputy_seat = world.board.memberships.get(user=deputy)
    response = client.post(
        reverse("meetings:attendance", args=[meeting.pk]),
        {f"status_{seat.pk}": "represented", f"deputy_{seat.pk}": deputy_seat.pk},
    )
    assert response.status_code == 302
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Beschlussfähig" in page

    # Minutes and a decision with the next number of the year.
    response = client.post(
        reverse("meetings:minutes_edit", args=[report.pk]),
        {
            "text": "Die Geschäftsstelle berichtet über den **Stand der Arbeitsgruppen**.",
            "version": 0,  # the item has no minutes yet
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("meetings:decision_create", args=[report.pk]),
        {
            "title": "Bericht zur Kenntnis genommen",
            "text": "Das Gremium nimmt den Bericht zur Kenntnis.",
            "votes_yes": 1,
            "votes_no": 0,
            "votes_abstain": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    decision = Decision.objects.get(agenda_item=report)
    year = timezone.localtime(meeting.starts_at).year
    assert decision.number == f"KG-{year}/002"  # the fixture's decision took 001

    # Held, circulated, approved: from now on the record is frozen.
    assert client.post(reverse("meetings:meeting_held", args=[meeting.pk])).status_code == 302
    assert client.post(reverse("meetings:minutes_circulate", args=[meeting.pk])).status_code == 302
    response = client.post(
        reverse("meetings:minutes_approve", args=[meeting.pk]),
        {"approved_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    assert Minutes.objects.get(agenda_item=report).status == MinutesStatus.APPROVED

    response = client.post(
        reverse("meetings:minutes_edit", args=[report.pk]), {"text": "Neu", "version": 1}
    )
    assert response.status_code == 409
    assert Minutes.objects.get(agenda_item=report).text.startswith("Die Geschäftsstelle")
    response = client.post(
        reverse("meetings:agenda_item_create", args=[meeting.pk]), {"title": "Nachtrag"}
    )
    assert response.status_code == 409
    assert not AgendaItem.objects.filter(meeting=meeting, title="Nachtrag").exists()

    # A later correction is a separate, dated entry; both stay in the record.
    response = client.post(
        reverse("meetings:minutes_correction", args=[report.pk]),
        {"text": "Es berichtete die Leitung der Geschäftsstelle.", "reason": "Name berichtigt"},
    )
    assert response.status_code == 302
    assert MinutesCorrection.objects.filter(minutes__agenda_item=report).count() == 1
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Stand der Arbeitsgruppen" in page
    assert "Es berichtete die Leitung der Geschäftsstelle." in page


def test_it_hides_non_public_items_from_members_of_other_bodies(client, world):
    client.force_login(world.wg_member)
    page = client.get(world.meeting.get_absolute_url()).content.decode()
    assert world.public_item.title in page
    assert world.confidential_item.title not in page
    assert world.confidential_paper.title not in page

    client.force_login(world.board_member)
    page = client.get(world.meeting.get_absolute_url()).content.decode()
    assert world.confidential_item.title in page


def test_it_rejects_a_meeting_that_ends_before_it_starts(client, world):
    client.force_login(world.office)
    starts = timezone.now() + datetime.timedelta(days=3)
    response = client.post(
        reverse("meetings:meeting_create", args=[world.board.pk]),
        {
            "title": "Falsch",
            "starts_at": local(starts),
            "ends_at": local(starts - datetime.timedelta(hours=1)),
            "location": "Rathaus",
        },
    )
    assert response.status_code == 400
    assert "Die Sitzung muss nach ihrem Beginn enden." in response.content.decode()
    assert not Meeting.objects.filter(title="Falsch").exists()


def test_it_moves_agenda_items_with_buttons(client, world):
    client.force_login(world.office)
    response = client.post(
        reverse("meetings:agenda_item_move", args=[world.confidential_item.pk]),
        {"richtung": "hoch"},
    )
    assert response.status_code == 302
    world.public_item.refresh_from_db()
    world.confidential_item.refresh_from_db()
    assert (world.confidential_item.position, world.public_item.position) == (1, 2)


def test_it_refuses_an_unknown_move_direction_in_german_and_moves_nothing(client, world):
    client.force_login(world.office)
    response = client.post(
        reverse("meetings:agenda_item_move", args=[world.confidential_item.pk]),
        {"richtung": "seitwärts"},
    )
    assert response.status_code == 400
    assert "Bitte wählen Sie, ob" in response.content.decode()
    world.public_item.refresh_from_db()
    world.confidential_item.refresh_from_db()
    assert (world.public_item.position, world.confidential_item.position) == (1, 2)


def test_it_lets_the_office_decide_on_a_members_proposal(client, world):
    client.force_login(world.board_member)
    response = client.post(
        reverse("meetings:proposal_create", args=[world.meeting.pk]),
        {"title": "Gemeinsames Radverkehrskonzept", "is_public": "on"},
    )
    assert response.status_code == 302
    proposal = AgendaProposal.objects.get(title="Gemeinsames Radverkehrskonzept")

    client.force_login(world.office)
    url = reverse("meetings:proposal_decide", args=[proposal.pk])
    response = client.post(url, {"outcome": "decline", "reason": ""})
    assert response.status_code == 400
    assert "Bitte teilen Sie" in response.content.decode() or "Begründung" in (
        response.content.decode()
    )
    response = client.post(url, {"outcome": "decline", "reason": "Erst in der nächsten Sitzung"})
    assert response.status_code == 302

    client.force_login(world.board_member)
    page = client.get(world.meeting.get_absolute_url()).content.decode()
    assert "Erst in der nächsten Sitzung" in page
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED


def test_it_puts_an_accepted_proposal_on_the_agenda(client, world):
    proposal = AgendaProposal.objects.create(
        meeting=world.meeting, proposed_by=world.board_member, title="Theaterkooperation"
    )
    client.force_login(world.office)
    response = client.post(
        reverse("meetings:proposal_decide", args=[proposal.pk]), {"outcome": "accept"}
    )
    assert response.status_code == 302
    item = world.meeting.agenda_items.get(title="Theaterkooperation")
    assert item.position == 3
    assert item.presenter == world.board_member


def test_it_refuses_a_deputy_who_does_not_stand_in_for_that_member(client, world):
    other = f.UserFactory(username="fremd")
    seat = world.board.memberships.get(user=world.board_member)
    office_seat = world.board.memberships.get(user=world.office)
    wrong = f.membership(other, world.board, Role.DEPUTY_MEMBER, deputy_for=seat)
    wrong.deputy_for = office_seat
    wrong.save()
    client.force_login(world.office)
    response = client.post(
        reverse("meetings:attendance", args=[world.meeting.pk]),
        {f"status_{seat.pk}": "represented"},
    )
    assert response.status_code == 400
    assert "Bitte wählen Sie die Stellvertretung" in response.content.decode()


def test_it_keeps_both_texts_when_two_people_save_the_minutes_at_once(client, world):
    Minutes.objects.create(agenda_item=world.public_item, text="Erste Fassung", version=1)
    client.force_login(world.office)
    url = reverse("meetings:minutes_edit", args=[world.public_item.pk])
    first = client.post(url, {"text": "Fassung von Tab A", "version": 1})
    assert first.status_code == 302
    second = client.post(url, {"text": "Fassung von Tab B", "version": 1})
    assert second.status_code == 409
    page = second.content.decode()
    assert "Fassung von Tab A" in page and "Fassung von Tab B" in page
    assert Minutes.objects.get(agenda_item=world.public_item).text == "Fassung von Tab A"


def test_it_renders_minutes_markdown_without_scripts(client, world):
    Minutes.objects.create(
        agenda_item=world.public_item,
        text="**Ergebnis** <script>alert(1)</script> [Link](javascript:alert(1))",
    )
    client.force_login(world.board_member)
    page = client.get(world.meeting.get_absolute_url()).content.decode()
    assert "<strong>Ergebnis</strong>" in page
    assert "<script>alert(1)" not in page
    assert "javascript:alert" not in page


def test_it_lists_decisions_on_non_public_items_in_nobodys_recent_changes(client, world):
    secret = meeting_services.decision_record(
        votes_yes=1,
        item=world.confidential_item,
        title="Stellenbesetzung Geschäftsstelle",
        text="Vertraulich.",
        actor=world.office,
    )
    client.force_login(world.wg_member)
    page = client.get(reverse("overview:dashboard")).content.decode()
    assert world.decision.title in page
    assert secret.title not in page
