"""The office invites participants: a new account with a one-time link, a notice for an
existing account, the group, resending, and the refusals (state, duplicates, mail)."""

import re
import smtplib

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from accounts import invitations
from accounts.models import AccountInvitation, User
from participation.models import Participant

from .participant_helpers import draft_procedure, opened_procedure, participant_of

LINK = re.compile(r"http://[^/\s]+(/konto/einladung/([A-Za-z0-9_-]+)/)")


@pytest.fixture
def procedure(world):
    return opened_procedure(world)


def _url(procedure):
    return reverse("participation:participant_list", args=[procedure.pk])


def _data(**changes):
    return {
        "organisation": "Stadt Quedlinburg",
        "kind": "neighbour",
        "contact_name": "Erika Muster",
        "email": "bauamt@quedlinburg.example",
        **changes,
    }


def test_the_office_invites_a_new_account_with_a_one_time_link(client, world, procedure):
    client.force_login(world.office)
    mail.outbox.clear()

    response = client.post(_url(procedure), _data())

    assert response.status_code == 302
    participant = Participant.objects.get(procedure=procedure)
    user = participant.user
    assert participant.organisation == "Stadt Quedlinburg"
    assert participant.invited_by == world.office
    assert user.email == "bauamt@quedlinburg.example"
    assert not user.has_usable_password()
    assert user.groups.filter(name=settings.PARTICIPANT_GROUP).exists()
    assert not user.has_perm(settings.MEMBER_PERMISSION)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["bauamt@quedlinburg.example"]
    assert procedure.title in message.subject
    path, token = LINK.search(message.body).groups()
    assert path == reverse("invitation_accept", args=[token])
    invitation = invitations.invitation_for_token(token)
    assert invitation.user == user
    assert invitation.next_url == reverse("participation:my_procedure", args=[procedure.pk])
    assert "Stadt Quedlinburg" in message.body and "14 Tage" in message.body
    # The link is only in the e-mail.
    assert token not in str(list(AccountInvitation.objects.values()))


def test_the_list_shows_the_participants_to_the_office(client, world, procedure):
    participant_of(procedure, organisation="Stadt Thale")
    client.force_login(world.office)
    html = client.get(_url(procedure)).content.decode()
    assert "Stadt Thale" in html
    assert 'name="email"' in html


def test_an_existing_account_is_reused_and_told(client, world, procedure):
    client.force_login(world.office)
    mail.outbox.clear()

    response = client.post(_url(procedure), _data(email=world.participant.email.upper()))

    assert response.status_code == 302
    assert Participant.objects.get(procedure=procedure).user == world.participant
    assert not AccountInvitation.objects.exists()
    body = mail.outbox[0].body
    assert "/konto/einladung/" not in body
    assert reverse("participation:my_procedure", args=[procedure.pk]) in body
    assert User.objects.filter(email__iexact=world.participant.email).count() == 1


def test_inviting_the_same_account_twice_is_refused(client, world, procedure):
    participant_of(procedure, world.participant)
    client.force_login(world.office)
    mail.outbox.clear()
    response = client.post(_url(procedure), _data(email=world.participant.email))
    assert response.status_code == 400
    assert "bereits am Verfahren beteiligt" in response.content.decode()
    assert Participant.objects.filter(procedure=procedure).count() == 1
    assert not mail.outbox


@pytest.mark.parametrize("state", ["draft", "ended"])
def test_invitations_need_a_procedure_put_out_and_not_ended(client, world, state):
    if state == "draft":
        procedure = draft_procedure(world)
    else:
        procedure = opened_procedure(world, running=False)
    client.force_login(world.office)
    mail.outbox.clear()
    users = User.objects.count()
    response = client.post(_url(procedure), _data())
    assert response.status_code == 409
    assert not Participant.objects.exists() and User.objects.count() == users
    assert not mail.outbox


def test_a_failing_mail_server_saves_nothing(client, world, procedure, monkeypatch):
    def fail(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("weg")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", fail)
    client.force_login(world.office)
    users = User.objects.count()
    response = client.post(_url(procedure), _data())
    assert response.status_code == 503
    assert not Participant.objects.exists()
    assert User.objects.count() == users and not AccountInvitation.objects.exists()


def test_resending_replaces_the_link(client, world, procedure):
    client.force_login(world.office)
    mail.outbox.clear()
    client.post(_url(procedure), _data())
    first = LINK.search(mail.outbox[0].body).group(2)
    participant = Participant.objects.get(procedure=procedure)

    response = client.post(
        reverse("participation:participant_resend", args=[participant.pk]), {"confirm": "on"}
    )

    assert response.status_code == 302
    second = LINK.search(mail.outbox[1].body).group(2)
    assert first != second
    assert invitations.invitation_for_token(first) is None
    assert invitations.invitation_for_token(second).user == participant.user


def test_members_who_are_no_office_may_not_invite(client, world, procedure):
    client.force_login(world.board_member)
    assert client.get(_url(procedure)).status_code == 403
    assert client.post(_url(procedure), _data()).status_code == 403
    assert not Participant.objects.exists()
