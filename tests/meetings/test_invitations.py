"""Invitations, updates and cancellations by e-mail, with the calendar entry attached."""

import datetime
import io
import smtplib

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from cooperation.models import Role
from documents.models import Document, DocumentKind, DocumentStatus, Edition
from meetings import services
from meetings.models import Invitation, InvitationKind, MeetingStatus, ProposalStatus
from meetings.services import invitations
from tests import factories as f

BASE = "https://portal.example.org"


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.PORTAL_BASE_URL = BASE + "/"


@pytest.fixture
def planned(world):
    """A planned board meeting with a deputy, a person without e-mail and a double member."""
    meeting = f.MeetingFactory(
        body=world.board,
        title="3. Sitzung des Kooperationsgremiums",
        starts_at=datetime.datetime(2031, 3, 5, 13, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2031, 3, 5, 15, 30, tzinfo=datetime.UTC),
    )
    f.AgendaItemFactory(meeting=meeting, position=1, title="Haushalt 2031")
    f.AgendaItemFactory(meeting=meeting, position=2, title="Grundstücksankauf", is_public=False)
    seat = world.board.memberships.get(user=world.board_member)
    deputy = f.UserFactory(username="greta", display_name="Stellvertretung Halberstadt")
    f.membership(
        deputy, world.board, Role.DEPUTY_MEMBER, partner=world.halberstadt, deputy_for=seat
    )
    # A second role in the same body must not bring a second e-mail.
    f.membership(world.board_member, world.board, Role.GUEST)
    paperless = f.UserFactory(username="hanna", email="")
    f.membership(paperless, world.board, Role.GUEST)
    return meeting


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """Send the invitation and run what follows its commit: the invitation PDF is
    queued, built by the (immediate) worker, and the mails go out with it."""

    def run(meeting, actor):
        with django_capture_on_commit_callbacks(execute=True):
            return invitations.send_invitations(meeting, actor=actor)

    return run


def _ics_parts(message):
    return [part for part in message.attachments if not isinstance(part, tuple)]


def _calendar(message) -> icalendar.Calendar:
    (part,) = _ics_parts(message)
    return icalendar.Calendar.from_ical(part.get_payload(decode=True))


def _event(message):
    (event,) = _calendar(message).walk("VEVENT")
    return event


def test_it_invites_every_member_and_deputy_once(world, planned, invite):
    rows = invite(planned, world.office)

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["charlie@example.org", "dora@example.org", "greta@example.org"]
    assert all(len(message.to) == 1 for message in mail.outbox)
    assert sorted(row.user.username for row in rows) == ["charlie", "dora", "greta"]
    assert (
        Invitation.objects.filter(
            meeting=planned, kind=InvitationKind.INVITATION, sequence=0
        ).count()
        == 3
    )
    planned.refresh_from_db()
    assert planned.status == MeetingStatus.INVITED
    assert planned.invited_at is not None
    assert planned.history.latest().history_user == world.office


def test_it_writes_a_german_mail_with_the_agenda_and_a_link(world, planned, invite):
    invite(planned, world.office)

    message = mail.outbox[0]
    assert message.subject == "Einladung: 3. Sitzung des Kooperationsgremiums am 05.03.2031"
    assert "Mittwoch, 5. März 2031, 14:00–16:30 Uhr" in message.body  # Berlin time
    assert "Rathaus Halberstadt, Ratssaal" in message.body
    assert "TOP 1  Haushalt 2031" in message.body
    assert "TOP 2  Grundstücksankauf (nicht öffentlich)" in message.body
    assert f"{BASE}/sitzungen/{planned.pk}/" in message.body
    assert message.reply_to == [world.office.email]


def test_it_attaches_a_valid_calendar_entry(world, planned, invite):
    invite(planned, world.office)

    message = next(m for m in mail.outbox if m.to == ["greta@example.org"])
    (part,) = _ics_parts(message)
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"
    assert part.get_content_charset() == "utf-8"
    assert part.get_filename() == "einladung.ics"
    assert "text/calendar" in message.message().as_string()
    calendar = _calendar(message)
    assert calendar["METHOD"] == "REQUEST"
    event = _event(message)
    assert event["UID"] == planned.ical_uid
    assert event["SEQUENCE"] == 0
    assert event["STATUS"] == "CONFIRMED"
    assert event.decoded("DTSTART") == planned.starts_at
    assert str(event["DTSTART"].dt.tzinfo) == "Europe/Berlin"
    assert event["ATTENDEE"] == "mailto:greta@example.org"
    assert str(event["ORGANIZER"]).startswith("mailto:")
    # Calendars are often synchronised elsewhere: only the public agenda goes in.
    assert "Haushalt 2031" in event["DESCRIPTION"]
    assert "Grundstücksankauf" not in event["DESCRIPTION"]
    assert "Grundstücksankauf" not in part.get_payload(decode=True).decode().replace("\r\n ", "")


def test_it_refuses_to_invite_to_a_meeting_that_is_not_planned(world):
    with pytest.raises(ValidationError) as caught:
        invitations.send_invitations(world.meeting, actor=world.office)

    assert caught.value.code == "not_planned"
    assert "geplanten Sitzung" in caught.value.messages[0]
    assert mail.outbox == []


def test_it_records_nothing_when_the_mail_server_fails_for_an_update(
    world, planned, invite, monkeypatch
):
    invite(planned, world.office)

    def fail(self, messages):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(EmailBackend, "send_messages", fail)

    with pytest.raises(ValidationError) as caught:
        invitations.send_update(planned, actor=world.office)

    assert caught.value.code == "mail_failed"
    planned.refresh_from_db()
    assert planned.ical_sequence == 0
    assert not Invitation.objects.filter(meeting=planned, kind=InvitationKind.UPDATE).exists()


def test_it_keeps_the_invitations_waiting_when_the_mail_server_fails_in_the_worker(
    world, planned, invite, monkeypatch
):
    def fail(self, messages):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(EmailBackend, "send_messages", fail)

    invite(planned, world.office)

    rows = Invitation.objects.filter(meeting=planned, kind=InvitationKind.INVITATION)
    assert rows.count() == 3
    assert not rows.filter(sent_at__isnull=False).exists()  # shown as "not sent yet"
    monkeypatch.undo()
    # Another run of the worker's delivery (e.g. after the PDF is built again) sends them.
    assert invitations.deliver_waiting(planned.pk, actor=world.office) == 3
    assert len(mail.outbox) == 3
    assert not rows.filter(sent_at__isnull=True).exists()


def test_it_sends_an_update_with_a_higher_sequence_when_the_time_changes(
    world, planned, invite, django_capture_on_commit_callbacks
):
    invite(planned, world.office)
    uid = planned.ical_uid
    mail.outbox.clear()
    later = planned.starts_at + datetime.timedelta(hours=1)

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(
            meeting=planned,
            data={"starts_at": later, "ends_at": later + datetime.timedelta(hours=2)},
            actor=world.office,
        )

    assert len(mail.outbox) == 3
    message = mail.outbox[0]
    assert message.subject.startswith("Aktualisierung: 3. Sitzung")
    assert "15:00–17:00 Uhr" in message.body
    event = _event(message)
    assert event["UID"] == uid
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == later
    assert Invitation.objects.filter(kind=InvitationKind.UPDATE, sequence=1).count() == 3


def test_it_sends_the_changed_agenda_as_an_update(
    world, planned, invite, django_capture_on_commit_callbacks
):
    invite(planned, world.office)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_item_create(meeting=planned, title="Radwegekonzept", actor=world.office)

    assert "TOP 3  Radwegekonzept" in mail.outbox[0].body
    assert _event(mail.outbox[0])["SEQUENCE"] == 1


def test_it_sends_the_cancellation_with_the_reason(
    world, planned, invite, django_capture_on_commit_callbacks
):
    invite(planned, world.office)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(
            meeting=planned, reason="Der Ratssaal ist belegt.", actor=world.office
        )

    assert len(mail.outbox) == 3
    message = mail.outbox[0]
    assert message.subject == "Abgesagt: 3. Sitzung des Kooperationsgremiums am 05.03.2031"
    assert "Der Ratssaal ist belegt." in message.body
    assert message.attachments[0].get_param("method") == "CANCEL"
    assert _calendar(message)["METHOD"] == "CANCEL"
    event = _event(message)
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1
    assert event["UID"] == planned.ical_uid
    assert Invitation.objects.filter(kind=InvitationKind.CANCELLATION).count() == 3


def test_it_tells_the_proposer_that_the_item_was_accepted(
    world, django_capture_on_commit_callbacks
):
    proposal = services.proposal_create(
        meeting=world.meeting,
        proposed_by=world.board_member,
        title="Schulentwicklungsplanung",
        actor=world.board_member,
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_decide(proposal=proposal, accept=True, reason="", actor=world.office)

    to_proposer = [m for m in mail.outbox if "angenommen" in m.subject]
    assert [m.to for m in to_proposer] == [["charlie@example.org"]]
    assert "„Schulentwicklungsplanung“" in to_proposer[0].body
    assert "Er steht als TOP 3 auf der Tagesordnung." in to_proposer[0].body


def test_it_tells_the_proposer_why_the_item_was_declined(world, django_capture_on_commit_callbacks):
    proposal = services.proposal_create(
        meeting=world.meeting, proposed_by=world.board_member, title="Freibad", actor=world.office
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_decide(
            proposal=proposal, accept=False, reason="Gehört in die AG Freizeit.", actor=world.office
        )

    (message,) = mail.outbox
    assert message.to == ["charlie@example.org"]
    assert message.subject == "Ihr Vorschlag für die Tagesordnung wurde abgelehnt: Freibad"
    assert "Begründung: Gehört in die AG Freizeit." in message.body


def test_it_skips_the_outcome_mail_for_a_proposer_without_address(world):
    world.board_member.email = ""
    world.board_member.save()
    proposal = services.proposal_create(
        meeting=world.meeting, proposed_by=world.board_member, title="Freibad", actor=world.office
    )
    proposal.status = ProposalStatus.DECLINED
    proposal.save()

    invitations.send_proposal_outcome(proposal)

    assert mail.outbox == []


# --- The invitation page ---------------------------------------------------------------


def test_it_shows_the_recipients_before_sending(client, world, planned):
    client.force_login(world.office)

    response = client.get(reverse("meetings:meeting_invite", args=[planned.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "greta@example.org" in content
    assert "Hanna" in content and "keine E-Mail-Adresse" in content
    assert "Einladung: 3. Sitzung des Kooperationsgremiums am 05.03.2031" in content
    assert "Einladung versenden" in content
    assert mail.outbox == []


def test_it_sends_the_invitation_and_then_offers_an_update(
    client, world, planned, django_capture_on_commit_callbacks
):
    client.force_login(world.office)
    url = reverse("meetings:meeting_invite", args=[planned.pk])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url, {"action": "invite"}, follow=True)

    assert response.redirect_chain[0] == (planned.get_absolute_url(), 302)
    assert (
        "Einladung an 3 Personen erfasst: Sie wird mit dem PDF versandt, sobald das PDF "
        "fertig ist." in response.content.decode()
    )
    # The request built nothing and mailed nothing: the worker does, after the commit.
    assert mail.outbox == []
    (document,) = Document.objects.filter(meeting=planned)
    assert document.status == DocumentStatus.QUEUED
    assert "wartet auf das Einladungs-PDF" in client.get(url).content.decode()
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 3
    page = client.get(url).content.decode()
    assert "Aktualisierung senden" in page
    assert "Bisher versandt" in page

    again = client.post(url, {"action": "invite"})
    assert again.status_code == 409
    assert len(mail.outbox) == 3

    client.post(url, {"action": "update"})
    assert len(mail.outbox) == 6
    assert _event(mail.outbox[-1])["SEQUENCE"] == 1


def test_it_answers_400_to_an_unknown_action(client, world, planned):
    client.force_login(world.office)

    response = client.post(reverse("meetings:meeting_invite", args=[planned.pk]), {"action": "x"})

    assert response.status_code == 400
    assert mail.outbox == []


def test_it_answers_503_with_the_reason_when_the_mail_server_fails(
    client, world, planned, invite, monkeypatch
):
    invite(planned, world.office)

    def fail(self, messages):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(EmailBackend, "send_messages", fail)
    client.force_login(world.office)

    response = client.post(
        reverse("meetings:meeting_invite", args=[planned.pk]), {"action": "update"}
    )

    assert response.status_code == 503
    assert "Die E-Mails konnten nicht versandt werden" in response.content.decode()
    planned.refresh_from_db()
    assert planned.ical_sequence == 0
    assert not Invitation.objects.filter(meeting=planned, kind=InvitationKind.UPDATE).exists()


def test_it_lets_only_the_office_send(client, world, planned):
    client.force_login(world.board_member)

    response = client.post(reverse("meetings:meeting_invite", args=[planned.pk]))

    assert response.status_code == 403
    assert mail.outbox == []
    planned.refresh_from_db()
    assert planned.status == MeetingStatus.PLANNED


def test_it_shows_the_invitation_page_in_a_fixed_number_of_queries(client, world, planned, invite):
    client.force_login(world.office)
    url = reverse("meetings:meeting_invite", args=[planned.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    invite(planned, world.office)
    before = count()
    for _ in range(30):
        f.membership(f.UserFactory(), world.board, Role.MEMBER, partner=world.wernigerode)
    f.AgendaItemFactory(meeting=planned, position=3)
    invitations.send_update(planned, actor=world.office)

    assert count() == before


def test_it_escapes_markup_of_titles_in_the_mail_preview(client, world, planned, invite):
    """A title typed with markup (a lead's report, an accepted proposal) is shown as text
    in the office's preview and stays plain text in the e-mail itself."""
    planned.title = "Sitzung <b>fett</b>"
    planned.save()
    f.AgendaItemFactory(meeting=planned, position=3, title="<script>alert(1)</script>")
    f.AgendaItemFactory(meeting=planned, position=4, title='<img src=x onerror="alert(2)">')
    client.force_login(world.office)

    response = client.get(reverse("meetings:meeting_invite", args=[planned.pk]))

    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "<img src=x" not in content
    assert "<b>fett</b>" not in content
    assert "TOP 3  &lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in content
    assert "Sitzung &lt;b&gt;fett&lt;/b&gt;" in content
    # The preview keeps the lines of the e-mail.
    assert "TOP 1  Haushalt 2031<br>" in content

    invite(planned, world.office)
    body = mail.outbox[0].body
    assert "TOP 3  <script>alert(1)</script>" in body
    assert '<img src=x onerror="alert(2)">' in body
    assert "&lt;" not in body


def test_it_asks_for_confidentiality_only_when_the_agenda_has_non_public_items(world, planned):
    note = "bitte behandeln Sie sie vertraulich"
    _subject, with_secret = invitations.render_mail(planned, InvitationKind.INVITATION)
    planned.agenda_items.filter(is_public=False).update(is_public=True)
    _subject, all_public = invitations.render_mail(planned, InvitationKind.INVITATION)

    assert note in with_secret and "(nicht öffentlich)" in with_secret
    assert note not in all_public and "nicht öffentlich" not in all_public
    assert "Grundstücksankauf" in all_public


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_it_mails_the_invitation_pdf_built_by_the_worker_with_the_calendar_entry(
    world, planned, invite
):
    invite(planned, world.office)

    (document,) = Document.objects.filter(meeting=planned)
    assert (document.kind, document.edition) == (DocumentKind.INVITATION, Edition.INTERNAL)
    assert document.status == DocumentStatus.DONE
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        pdfs = [part for part in message.attachments if isinstance(part, tuple)]
        assert [(name, mimetype) for name, _content, mimetype in pdfs] == [
            (document.file_name(), "application/pdf")
        ]
        text = " ".join(_pdf_text(pdfs[0][1]).split())
        assert "3. Sitzung des Kooperationsgremiums" in text
        # The members' edition: the mail goes to the members only.
        assert "Grundstücksankauf" in text
        assert _calendar(message)["METHOD"] == "REQUEST"
        assert "als PDF" in message.body
    assert not Invitation.objects.filter(meeting=planned, sent_at__isnull=True).exists()


def test_it_still_mails_the_invitation_when_the_pdf_fails(world, planned, invite, monkeypatch):
    import core.pdf

    def broken(*args, **kwargs):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(core.pdf, "html_to_pdf", broken)

    invite(planned, world.office)

    assert Document.objects.get(meeting=planned).status == DocumentStatus.FAILED
    assert len(mail.outbox) == 3
    message = mail.outbox[0]
    assert len(message.attachments) == 1  # the calendar entry only
    assert _calendar(message)["METHOD"] == "REQUEST"
    assert "als PDF" not in message.body
