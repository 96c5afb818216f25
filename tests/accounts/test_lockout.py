"""Lock-out after failed logins (django-axes): per account and per address, the same
answer for unknown accounts, a growing cool-off, and the office lifting a lock."""

import datetime
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts import signals
from accounts.lockout import cool_off
from accounts.models import LockoutLift

from .. import factories as f
from ..second_factor import verify_session

LOCKED = "Zu viele fehlgeschlagene Anmeldeversuche"


@pytest.fixture
def user(db):
    return f.UserFactory(username="greta")


def attempt(client, username, password="falsch", ip="203.0.113.5"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def logged_in(client):
    return "_auth_user_id" in client.session


def test_the_sixth_attempt_is_refused_even_with_the_right_password(client, user, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(5):
        response = attempt(client, "greta")
        assert response.status_code in (200, 429)
    assert not logged_in(client)

    response = attempt(client, "greta", f.PASSWORD)

    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not logged_in(client)


def test_four_failures_then_the_right_password_log_in(client, user):
    for _ in range(4):
        assert attempt(client, "greta").status_code == 200

    response = attempt(client, "greta", f.PASSWORD)

    assert response.status_code == 302
    assert logged_in(client)


def test_a_name_longer_than_any_account_is_refused_by_the_form_not_a_500(client, user):
    # Found by tests/test_bad_input.py: django-axes stored the name in 255 characters.
    response = attempt(client, "x" * 300, f.PASSWORD)

    assert response.status_code == 200
    assert "höchstens 150 Zeichen" in response.content.decode()
    assert not logged_in(client)
    assert not AccessAttempt.objects.exists()


def test_an_account_is_locked_from_every_address(client, user):
    for i in range(5):
        attempt(client, "greta", ip=f"198.51.100.{i + 1}")

    response = attempt(client, "greta", f.PASSWORD, ip="192.0.2.200")

    assert response.status_code == 429
    assert not logged_in(client)


def test_an_address_is_locked_for_every_account(client, user):
    for i in range(5):
        attempt(client, f"rate{i}", ip="203.0.113.9")

    response = attempt(client, "greta", f.PASSWORD, ip="203.0.113.9")
    assert response.status_code == 429
    assert not logged_in(client)
    # From another address the account logs in.
    assert attempt(client, "greta", f.PASSWORD, ip="203.0.113.10").status_code == 302


def test_unknown_and_existing_accounts_get_the_same_answers(client, user):
    def answers(username, ip):
        statuses, bodies = [], []
        for _ in range(6):
            response = attempt(client, username, ip=ip)
            statuses.append(response.status_code)
            bodies.append(response.content.decode())
        return statuses, bodies

    known_statuses, known_bodies = answers("greta", "198.51.100.1")
    unknown_statuses, unknown_bodies = answers("niemand", "198.51.100.2")

    assert known_statuses == unknown_statuses
    assert known_statuses[-1] == 429
    # The lock-out page names neither the account nor the address: equal but for the
    # CSRF token of the language form.
    assert _normalised(known_bodies[-1], "") == _normalised(unknown_bodies[-1], "")
    assert "greta" not in known_bodies[-1]
    # The wrong-password page is the same apart from the entered name and the CSRF token.
    assert "Bitte geben Sie" in known_bodies[0]
    assert _normalised(known_bodies[0], "greta") == _normalised(unknown_bodies[0], "niemand")


def _normalised(body, username):
    import re

    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    return body.replace(f'value="{username}"', "") if username else body


def test_an_unknown_account_costs_a_password_hash_like_a_real_one(client, user):
    """No enumeration by timing: Django's backend hashes for unknown names as well."""
    from django.contrib.auth import base_user

    with mock.patch.object(base_user, "make_password", wraps=base_user.make_password) as hashed:
        attempt(client, "niemand")
    assert hashed.call_count == 1


def test_the_lock_ends_after_the_cool_off(client, user, settings, time_machine):
    settings.LOCKOUT_MINUTES = 15
    time_machine.move_to(timezone.now(), tick=False)
    for _ in range(5):
        attempt(client, "greta")
    assert attempt(client, "greta", f.PASSWORD).status_code == 429

    time_machine.shift(datetime.timedelta(minutes=16))

    assert attempt(client, "greta", f.PASSWORD).status_code == 302


def test_the_cool_off_grows_with_each_lock_out_within_a_day(client, user, settings):
    settings.LOCKOUT_MINUTES = 15
    request = RequestFactory().post("/", {"username": "greta"})
    request.axes_ip_address = "203.0.113.5"
    assert cool_off(request) == datetime.timedelta(minutes=15)
    for _ in range(5):
        attempt(client, "greta")
    assert cool_off(request) == datetime.timedelta(minutes=15)

    AccessAttempt.objects.all().delete()  # the first lock has run out
    for _ in range(5):
        attempt(client, "greta")
    assert cool_off(request) == datetime.timedelta(minutes=30)
    for _ in range(5):
        attempt(client, "greta", ip="203.0.113.6")
    assert cool_off(request) == datetime.timedelta(minutes=60)


def test_the_password_reset_answers_the_same_for_a_locked_account(client, user):
    for _ in range(5):
        attempt(client, "greta")
    known = client.post(reverse("password_reset"), {"email": user.email})
    unknown = client.post(reverse("password_reset"), {"email": "niemand@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url


# --- The office lifts a lock ----------------------------------------------------------


def _office_client(client, world):
    client.force_login(world.office)
    session = client.session
    verify_session(session, world.office)
    session.save()
    return client


def test_the_office_lifts_a_lock_with_a_recorded_reason(
    client, world, django_capture_on_commit_callbacks
):
    received = []

    def receiver(**kwargs):
        received.append(kwargs)

    signals.lockout_lifted.connect(receiver)
    visitor = type(client)()
    for _ in range(5):
        attempt(visitor, world.board_member.username)
    assert attempt(visitor, world.board_member.username, f.PASSWORD).status_code == 429

    office = _office_client(client, world)
    listing = office.get(reverse("lockout_list"))
    assert listing.status_code == 200
    assert world.board_member.username in listing.content.decode()
    locked = AccessAttempt.objects.get(username=world.board_member.username)
    url = reverse("lockout_lift", args=[locked.pk])
    assert office.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(url, {"reason": "Anruf, Rückfrage im Rathaus."})

    assert response.status_code == 302
    lift = LockoutLift.objects.get()
    assert (lift.username, lift.ip_address, lift.actor) == (
        world.board_member.username,
        "203.0.113.5",
        world.office,
    )
    assert lift.reason == "Anruf, Rückfrage im Rathaus."
    assert lift.history.get().history_user == world.office
    assert attempt(visitor, world.board_member.username, f.PASSWORD).status_code == 302
    assert [(kw["username"], kw["actor"]) for kw in received] == [
        (world.board_member.username, world.office)
    ]
    signals.lockout_lifted.disconnect(receiver)


def test_lifting_a_lock_needs_a_reason(client, world):
    for _ in range(5):
        attempt(client, "greta")
    locked = AccessAttempt.objects.get()
    office = _office_client(type(client)(), world)

    response = office.post(reverse("lockout_lift", args=[locked.pk]), {"reason": ""})

    assert response.status_code == 400
    assert AccessAttempt.objects.filter(pk=locked.pk).exists()
    assert not LockoutLift.objects.exists()


@pytest.mark.parametrize("persona", ["board_member", "chair", "admin_halberstadt", "wg_lead"])
def test_only_the_office_lifts_a_lock(client, world, persona):
    for _ in range(5):
        attempt(type(client)(), "greta")
    locked = AccessAttempt.objects.get()
    client.force_login(world.personas[persona])

    response = client.post(reverse("lockout_lift", args=[locked.pk]), {"reason": "Bitte."})

    assert response.status_code == 403
    assert AccessAttempt.objects.filter(pk=locked.pk).exists()
    assert not LockoutLift.objects.exists()


@pytest.fixture(scope="module")
def world_options():
    return {"deputy_and_chair": True}


def test_the_office_sees_and_lifts_a_lock_spread_over_several_addresses(client, world):
    # One wrong password from each of five addresses: axes locks the name, with five
    # rows of one failure each.
    for i in range(5):
        attempt(type(client)(), world.board_member.username, ip=f"10.6.6.{i}")
    assert (
        attempt(type(client)(), world.board_member.username, f.PASSWORD, ip="10.6.7.1").status_code
        == 429
    )

    office = _office_client(client, world)
    listing = office.get(reverse("lockout_list")).content.decode()
    assert listing.count(world.board_member.username) >= 5
    some_row = AccessAttempt.objects.filter(username=world.board_member.username).first()
    response = office.post(reverse("lockout_lift", args=[some_row.pk]), {"reason": "Anruf."})

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=world.board_member.username).exists()
    assert (
        attempt(type(client)(), world.board_member.username, f.PASSWORD, ip="10.6.7.1").status_code
        == 302
    )
