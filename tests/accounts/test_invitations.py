"""One-time invitation links (accounts.invitations): the first password through Django's
validators, single use, expiry, only the token's hash stored, one answer for every
unusable link, the rate limit, then the second factor before anything else."""

import datetime
import hashlib
import re
from urllib.parse import urlencode

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import invitations
from accounts.models import AccountInvitation, HistoricalAccountInvitation, User
from accounts.second_factor import SETUP_KEY_SESSION_KEY
from core.errors import Conflict
from tests import factories as f

pytestmark = pytest.mark.unverified_login

PASSWORD = "Harzer Wandernadel 2030!"
NEXT = "/beteiligung/verfahren/"


@pytest.fixture
def invited(world):
    """A new participant account without a password, and its link's token."""
    user = f.participant_account(username="quedlinburg", email="bauamt@quedlinburg.example")
    user.set_unusable_password()
    user.save(update_fields=["password"])
    token = invitations.invitation_create(user, actor=world.office, next_url=NEXT)
    return user, token


def url(token):
    return reverse("invitation_accept", args=[token])


def post(client, token, password=PASSWORD, again=None):
    return client.post(url(token), {"new_password1": password, "new_password2": again or password})


def _comparable(page, token) -> str:
    """The page without what differs by design: the address and the CSRF token."""
    html = page.content.decode().replace(token, "")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def reloaded(user):
    return User.objects.get(pk=user.pk)


def test_it_stores_only_the_hash_of_the_token(invited):
    user, token = invited
    invitation = AccountInvitation.objects.get(user=user)
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(AccountInvitation.objects.filter(pk=invitation.pk).values().get())
    # The history keeps no trace of the hash either.
    assert not hasattr(HistoricalAccountInvitation, "token_hash")
    assert invitation.expires_at - timezone.now() > datetime.timedelta(days=13, hours=23)
    assert invitation.used_at is None


def test_it_sets_the_password_once_and_sends_on_to_the_second_factor(client, invited):
    user, token = invited
    page = client.get(url(token))
    assert page.status_code == 200
    assert 'name="new_password1"' in page.content.decode()

    response = post(client, token)

    assert response.status_code == 302
    assert response.url == f"{reverse('second_factor_setup')}?{urlencode({'next': NEXT})}"
    assert reloaded(user).check_password(PASSWORD)
    assert AccountInvitation.objects.get(user=user).used_at is not None
    assert client.session["_auth_user_id"] == str(user.pk)
    # Logged in with the password alone: every page leads to the second factor's set-up.
    blocked = client.get(reverse("participation:my_procedures"))
    assert blocked.status_code == 302
    assert blocked.url.startswith(reverse("second_factor_setup"))


def test_a_second_use_of_the_link_fails_and_changes_nothing(client, invited):
    user, token = invited
    post(client, token)
    client.logout()

    page = client.get(url(token))
    again = post(client, token, "Ein ganz anderes Kennwort 99")

    assert page.status_code == 404 and again.status_code == 404
    assert reloaded(user).check_password(PASSWORD)
    assert "_auth_user_id" not in client.session


def test_the_service_refuses_a_used_token_too(invited):
    user, token = invited
    invitations.invitation_accept(token=token, password=PASSWORD)
    with pytest.raises(Conflict):
        invitations.invitation_accept(token=token, password="Ein ganz anderes Kennwort 99")
    assert reloaded(user).check_password(PASSWORD)


def test_an_expired_link_fails(client, invited):
    user, token = invited
    with time_machine.travel(timezone.now() + datetime.timedelta(days=14, minutes=1)):
        page = client.get(url(token))
        response = post(client, token)
    assert page.status_code == 404 and response.status_code == 404
    assert not reloaded(user).has_usable_password()


def test_a_new_invitation_ends_the_earlier_link(client, world, invited):
    user, token = invited
    newer = invitations.invitation_create(user, actor=world.office, next_url=NEXT)

    assert post(client, token).status_code == 404
    assert not reloaded(user).has_usable_password()
    assert post(client, newer).status_code == 302


def test_a_deactivated_account_cannot_use_its_link(client, invited):
    user, token = invited
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert post(client, token).status_code == 404
    assert not reloaded(user).has_usable_password()


def test_every_unusable_link_gets_the_same_page_that_names_no_account(client, invited):
    user, token = invited
    unknown = "A" * 43
    malformed = "kein-token"
    post(client, token)
    client.logout()
    pages = [client.get(url(t)) for t in (token, unknown, malformed)]
    assert {page.status_code for page in pages} == {404}
    tokens = (token, unknown, malformed)
    bodies = {_comparable(page, t) for page, t in zip(pages, tokens, strict=True)}
    assert len(bodies) == 1, "used, unknown and malformed links must look alike"
    body = bodies.pop()
    assert user.username not in body and user.email not in body


@pytest.mark.parametrize(
    ("password", "again"),
    [
        ("kurz", None),  # too short
        ("password123", None),  # too common
        ("quedlinburg", None),  # too like the user name
        ("12345678901234", None),  # only digits
        (PASSWORD, "Ein anderes Kennwort 2030!"),  # the two do not match
    ],
)
def test_it_refuses_passwords_that_djangos_validators_refuse(client, invited, password, again):
    user, token = invited
    response = post(client, token, password, again)
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert not reloaded(user).has_usable_password()
    assert AccountInvitation.objects.get(user=user).used_at is None
    assert "_auth_user_id" not in client.session


def test_it_limits_requests_per_client_address(client, invited, settings):
    settings.INVITATION_LIMIT_PER_IP = 3
    user, token = invited
    for _ in range(3):
        assert client.get(url("B" * 43)).status_code == 404
    # Over the limit even the valid link is refused, and nothing is set.
    assert client.get(url(token)).status_code == 429
    assert post(client, token).status_code == 429
    assert not reloaded(user).has_usable_password()


def test_after_the_second_factor_the_participant_reaches_the_invitations_page(
    client, world, invited
):
    from tests.participation.participant_helpers import opened_procedure, participant_of

    user, _unused = invited
    procedure = opened_procedure(world)
    participant_of(procedure, user)
    page = reverse("participation:my_procedure", args=[procedure.pk])
    token = invitations.invitation_create(user, actor=world.office, next_url=page)

    response = post(client, token)
    setup = client.get(response.url)
    assert setup.status_code == 200
    key = client.session[SETUP_KEY_SESSION_KEY]
    device = TOTPDevice(key=key)
    code = f"{totp(device.bin_key, t0=device.t0, step=device.step):06d}"
    enrolled = client.post(response.url, {"otp_token": code, "next": page})

    assert enrolled.status_code == 302
    codes = client.get(enrolled.url)
    assert f'href="{page}"' in codes.content.decode()
    assert client.get(page).status_code == 200
