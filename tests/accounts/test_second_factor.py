"""The second factor: enrolment forced by role, login step 2, recovery codes, the office's
recorded reset and the fresh check before sensitive actions."""

import re
import time
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.models import AccessEvent, EventKind, Session
from accounts import signals
from accounts.models import SecondFactorReset
from accounts.second_factor import SETUP_KEY_SESSION_KEY, VERIFIED_AT_SESSION_KEY

from .. import factories as f
from ..second_factor import device_for, verify_session

pytestmark = pytest.mark.unverified_login


@pytest.fixture(scope="module")
def world_options():
    return {"deputy_and_chair": True}


def password_login(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": f.PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def code(device, offset=0):
    return f"{totp(device.bin_key, t0=device.t0, step=device.step, drift=offset):06d}"


def setup_url():
    return reverse("second_factor_setup")


def verify_url():
    return reverse("second_factor_verify")


@pytest.fixture
def received():
    """The account-security signals sent during the test: (signal name, kwargs)."""
    sent = []
    names = ["second_factor_enrolled", "second_factor_reset", "lockout_lifted"]
    receivers = {}
    for name in names:

        def receiver(name=name, **kwargs):
            sent.append((name, kwargs))

        receivers[name] = receiver
        getattr(signals, name).connect(receiver)
    yield sent
    for name, receiver in receivers.items():
        getattr(signals, name).disconnect(receiver)


REQUIRED = ["board_member", "deputy", "chair", "office", "admin_halberstadt"]


@pytest.mark.parametrize("persona", REQUIRED)
def test_it_sends_every_required_role_to_enrolment_after_the_password(client, world, persona):
    password_login(client, world.personas[persona])

    response = client.get(reverse("overview:dashboard"))

    assert response.status_code == 302
    assert response.url.startswith(setup_url())


def test_it_sends_staff_to_enrolment(client, db):
    staff = f.UserFactory(is_staff=True)
    password_login(client, staff)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(setup_url())


@pytest.mark.parametrize("persona", ["wg_member", "wg_lead", "no_membership"])
def test_it_lets_others_in_without_a_second_factor(client, world, persona):
    password_login(client, world.personas[persona])

    assert client.get(reverse("overview:dashboard")).status_code == 200
    assert client.get(reverse("second_factor")).status_code == 200


def test_a_required_user_without_second_factor_reaches_nothing_but_enrolment(client, world):
    password_login(client, world.office)
    urls = [
        reverse("overview:dashboard"),
        reverse("cooperation:partner_list"),
        reverse("meetings:meeting_detail", args=[world.meeting.pk]),
        reverse("password_change"),
        reverse("second_factor_recovery_codes"),
        reverse("second_factor_reset_list"),
        reverse("admin:index"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(setup_url()), url
    post = client.post(reverse("cooperation:membership_create", args=[world.board.pk]), {})
    assert post.status_code == 302 and post.url.startswith(setup_url())

    assert client.get(setup_url()).status_code == 200
    feed = client.get(reverse("meetings:calendar_feed", args=[world.office.calendar_token]))
    assert feed.status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_it_enrols_with_a_code_from_the_app_and_shows_the_recovery_codes_once(
    client, world, django_capture_on_commit_callbacks, received
):
    password_login(client, world.board_member)
    page = client.get(setup_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<img src="{reverse("second_factor_qr")}"' in html
    assert "<svg" not in html  # no markup drawn from the account's data on the page
    image = client.get(reverse("second_factor_qr"))
    assert image["Content-Type"] == "image/svg+xml"
    svg = image.content.decode()
    assert "<path" in svg and "script" not in svg and "style=" not in svg
    assert world.board_member.username not in svg  # only the code's modules
    key = client.session[SETUP_KEY_SESSION_KEY]
    assert re.search(r"<code>[A-Z2-7]{32}</code>", html)

    candidate = TOTPDevice(key=key)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(setup_url(), {"otp_token": code(candidate)})

    assert response.status_code == 302
    # The codes' page leads on to where the person was going (here: no `next`, the
    # dashboard).
    next_query = urlencode({"next": reverse("overview:dashboard")})
    assert response.url == f"{reverse('second_factor_recovery_codes')}?{next_query}"
    device = TOTPDevice.objects.get(user=world.board_member)
    assert device.confirmed and device.key == key
    codes_page = client.get(response.url).content.decode()
    tokens = StaticToken.objects.filter(device__user=world.board_member)
    assert tokens.count() == 10
    assert all(token.token in codes_page for token in tokens)
    again = client.get(response.url).content.decode()
    assert not any(token.token in again for token in tokens)
    assert client.get(reverse("overview:dashboard")).status_code == 200
    assert [(name, kw["user"], kw["actor"]) for name, kw in received] == [
        ("second_factor_enrolled", world.board_member, world.board_member)
    ]


def test_it_refuses_enrolment_with_a_wrong_code(client, world):
    password_login(client, world.board_member)
    client.get(setup_url())

    response = client.post(setup_url(), {"otp_token": "12345x"})

    assert response.status_code == 400
    assert "Der Code ist nicht korrekt" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=world.board_member).exists()
    assert client.get(reverse("overview:dashboard")).url.startswith(setup_url())


def test_an_enrolled_user_enters_a_code_after_the_password_before_any_page(
    client, world, time_machine
):
    time_machine.move_to(timezone.now(), tick=True)
    device = device_for(world.wg_member)  # enrolled voluntarily
    password_login(client, world.wg_member)
    target = reverse("cooperation:partner_list")

    response = client.get(target)
    assert response.status_code == 302
    assert response.url.startswith(verify_url())

    wrong = client.post(verify_url(), {"otp_token": "000000", "next": target})
    assert wrong.status_code == 400
    assert "Der Code ist nicht korrekt" in wrong.content.decode()
    assert client.get(target).status_code == 302

    time_machine.shift(2)  # django-otp refuses every code for a second after a wrong one
    right = client.post(verify_url(), {"otp_token": code(device), "next": target})
    assert right.status_code == 302
    assert right.url == target
    assert client.get(target).status_code == 200


def test_it_does_not_follow_a_next_address_to_another_site(client, world):
    device = device_for(world.board_member)
    password_login(client, world.board_member)

    response = client.post(
        verify_url(), {"otp_token": code(device), "next": "https://evil.example/"}
    )

    assert response.status_code == 302
    assert response.url == reverse("overview:dashboard")


def test_a_recovery_code_works_once(client, world):
    user = world.board_member
    device_for(user)
    recovery = StaticDevice.objects.create(user=user, name="Wiederherstellungscodes")
    recovery.token_set.create(token="abcd2345")

    password_login(client, user)
    assert client.post(verify_url(), {"otp_token": "abcd2345"}).status_code == 302
    assert client.get(reverse("overview:dashboard")).status_code == 200

    client.post(reverse("logout"))
    password_login(client, user)
    response = client.post(verify_url(), {"otp_token": "abcd2345"})
    assert response.status_code == 400
    assert client.get(reverse("overview:dashboard")).url.startswith(verify_url())


def test_it_regenerates_the_recovery_codes_and_the_old_ones_stop_working(client, world):
    user = world.board_member
    client.force_login(user)
    verify_session_fresh(client, user)
    recovery = StaticDevice.objects.create(user=user, name="Wiederherstellungscodes")
    recovery.token_set.create(token="abcd2345")

    response = client.post(reverse("second_factor_recovery_codes"))

    assert response.status_code == 302
    tokens = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(tokens) == 10 and "abcd2345" not in tokens
    page = client.get(response.url).content.decode()
    assert all(token in page for token in tokens)


def verify_session_fresh(client, user, *, age=0):
    session = client.session
    verify_session(session, user)
    session[VERIFIED_AT_SESSION_KEY] = time.time() - age
    session.save()


def test_the_django_admin_requires_the_second_factor(client, db):
    admin = f.UserFactory(is_staff=True, is_superuser=True)
    device_for(admin)
    password_login(client, admin)

    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(verify_url())

    verify_session_fresh(client, admin)
    assert client.get(reverse("admin:index")).status_code == 200


# --- Reset by the office ---------------------------------------------------------------


def test_the_office_resets_a_second_factor_with_a_recorded_reason(
    client, world, django_capture_on_commit_callbacks, received
):
    member_client = type(client)()
    device_for(world.board_member)
    StaticDevice.objects.create(user=world.board_member, name="Wiederherstellungscodes")
    member_client.force_login(world.board_member)
    verify_session_fresh(member_client, world.board_member)
    assert member_client.get(reverse("overview:dashboard")).status_code == 200

    client.force_login(world.office)
    verify_session_fresh(client, world.office)
    url = reverse("second_factor_reset", args=[world.board_member.pk])
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert "Zweiten Faktor zurücksetzen" in confirmation.content.decode()
    assert TOTPDevice.objects.filter(user=world.board_member).exists()  # GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Telefon verloren, Rückruf im Rathaus."})

    assert response.status_code == 302
    record = SecondFactorReset.objects.get()
    assert (record.user, record.actor) == (world.board_member, world.office)
    assert record.reason == "Telefon verloren, Rückruf im Rathaus."
    assert record.history.get().history_user == world.office
    assert not TOTPDevice.objects.filter(user=world.board_member).exists()
    assert not StaticDevice.objects.filter(user=world.board_member).exists()
    # Every session of the member has ended (access log): log in again, then enrol again.
    again = member_client.get(reverse("overview:dashboard"))
    assert again.status_code == 302 and again.url.startswith(reverse("login"))
    assert not Session.objects.filter(user=world.board_member).exists()
    (event,) = AccessEvent.objects.filter(kind=EventKind.SECOND_FACTOR_RESET)
    assert (event.account, event.actor) == (world.board_member, world.office)
    assert event.details["reason"] == record.reason
    assert [(name, kw["user"], kw["actor"], kw["reason"]) for name, kw in received] == [
        ("second_factor_reset", world.board_member, world.office, record.reason)
    ]


def test_a_reset_needs_a_reason(client, world):
    device_for(world.board_member)
    client.force_login(world.office)
    verify_session_fresh(client, world.office)

    response = client.post(
        reverse("second_factor_reset", args=[world.board_member.pk]), {"reason": " "}
    )

    assert response.status_code == 400
    assert not SecondFactorReset.objects.exists()
    assert TOTPDevice.objects.filter(user=world.board_member).exists()


@pytest.mark.parametrize("persona", ["board_member", "chair", "admin_halberstadt", "wg_lead"])
def test_only_the_office_may_reset_a_second_factor(client, world, persona):
    target = world.deputy
    device_for(target)
    user = world.personas[persona]
    client.force_login(user)
    verify_session_fresh(client, user)

    response = client.post(
        reverse("second_factor_reset", args=[target.pk]), {"reason": "Ich darf das nicht."}
    )

    assert response.status_code == 403
    assert not SecondFactorReset.objects.exists()
    assert TOTPDevice.objects.filter(user=target).exists()


def test_the_office_cannot_reset_its_own_second_factor(client, world):
    client.force_login(world.office)
    verify_session_fresh(client, world.office)

    response = client.post(
        reverse("second_factor_reset", args=[world.office.pk]), {"reason": "Selbst ist die Frau."}
    )

    assert response.status_code == 403
    assert not SecondFactorReset.objects.exists()


# --- The fresh check before sensitive actions -----------------------------------------

SENSITIVE = {
    "meetings:decision_create": lambda w: [w.public_item.pk],
    "meetings:minutes_approve": lambda w: [w.meeting.pk],
    "cooperation:membership_create": lambda w: [w.board.pk],
    "cooperation:membership_end": lambda w: [
        w.board.pk,
        w.board.memberships.get(user=w.board_member).pk,
    ],
    "second_factor_reset": lambda w: [w.board_member.pk],
    "second_factor_recovery_codes": lambda w: [],
}


@pytest.mark.parametrize("name", SENSITIVE)
def test_a_sensitive_action_asks_again_for_an_old_second_factor(client, world, settings, name):
    settings.OTP_FRESH_SECONDS = 900
    client.force_login(world.office)
    verify_session_fresh(client, world.office, age=901)
    url = reverse(name, args=SENSITIVE[name](world))

    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(verify_url())
    assert "fresh=1" in response.url
    post = client.post(url, {"reason": "x" * 10})
    assert post.status_code == 302 and post.url.startswith(verify_url())
    assert not SecondFactorReset.objects.exists()
    # Other pages need no fresh check.
    assert client.get(reverse("overview:dashboard")).status_code == 200

    page = client.get(response.url)
    assert "frische Bestätigung" in page.content.decode()
    device = TOTPDevice.objects.get(user=world.office)
    confirmed = client.post(response.url, {"otp_token": code(device)})
    assert confirmed.status_code == 302
    assert confirmed.url == url
    assert client.get(url).status_code == 200


def test_lockout_lift_asks_again_for_an_old_second_factor(client, world):
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.create(
        username="charlie",
        ip_address="192.0.2.1",
        user_agent="",
        get_data="",
        post_data="",
        http_accept="",
        path_info="/",
        failures_since_start=5,
        attempt_time=timezone.now(),
    )
    client.force_login(world.office)
    verify_session_fresh(client, world.office, age=100_000)
    url = reverse("lockout_lift", args=[attempt.pk])

    assert client.get(url).url.startswith(verify_url())
    assert client.post(url, {"reason": "Anruf des Inhabers"}).url.startswith(verify_url())
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


# --- Query counts of the new pages ----------------------------------------------------


@pytest.mark.parametrize("rows", [1, 30])
def test_the_reset_list_runs_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, rows
):
    for _ in range(rows):
        device_for(f.UserFactory())
    client.force_login(world.office)
    verify_session_fresh(client, world.office)

    # session, user, device, permissions (user, groups), count, page, recent resets
    with django_assert_num_queries(8):
        response = client.get(reverse("second_factor_reset_list"))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 30])
def test_the_lockout_list_runs_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, rows
):
    from axes.models import AccessAttempt

    AccessAttempt.objects.bulk_create(
        AccessAttempt(
            username=f"name{i}",
            ip_address="192.0.2.1",
            user_agent="",
            get_data="",
            post_data="",
            http_accept="",
            path_info="/",
            failures_since_start=5,
            attempt_time=timezone.now(),
        )
        for i in range(rows)
    )
    client.force_login(world.office)
    verify_session_fresh(client, world.office)

    with django_assert_num_queries(8):
        response = client.get(reverse("lockout_list"))
    assert response.status_code == 200
    assert response.content.decode().count(">Aufheben<") == rows


def test_verified_session_keys(client, world):
    """The test helper's session is what login step 2 leaves behind."""
    device = device_for(world.board_member)
    password_login(client, world.board_member)
    client.post(verify_url(), {"otp_token": code(device)})
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert isinstance(client.session[VERIFIED_AT_SESSION_KEY], float)


# session, user, device, the user's and the groups' permissions (navigation), then:
PAGES = {
    "second_factor": 7,  # is enrolled, remaining recovery codes
    "second_factor_verify": 6,  # is enrolled
    "second_factor_recovery_codes": 6,  # is enrolled (and the session: codes shown once)
}


@pytest.mark.parametrize("name", PAGES)
def test_the_own_second_factor_pages_run_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, name
):
    client.force_login(world.board_member)
    verify_session_fresh(client, world.board_member)
    url = reverse(name)
    if name == "second_factor_verify":
        url += "?fresh=1"

    with django_assert_num_queries(PAGES[name]):
        response = client.get(url)
    assert response.status_code == 200


def test_the_enrolment_page_runs_a_fixed_number_of_queries(
    client, world, django_assert_num_queries
):
    password_login(client, world.board_member)

    # session, user, is enrolled, permissions (2, navigation), and the session's write
    # of the offered secret (savepoint, update, release)
    with django_assert_num_queries(8):
        response = client.get(setup_url())
    assert response.status_code == 200


def test_the_session_gets_a_new_key_when_the_second_factor_is_passed(client, world, time_machine):
    time_machine.move_to(timezone.now(), tick=True)
    device = device_for(world.wg_member)
    password_login(client, world.wg_member)
    after_password = client.session.session_key

    response = client.post(verify_url(), {"otp_token": code(device)})

    assert response.status_code == 302
    assert client.session.session_key != after_password
    assert client.get(reverse("cooperation:partner_list")).status_code == 200


def test_a_device_set_up_in_another_browser_is_asked_for_at_once(client, world, time_machine):
    time_machine.move_to(timezone.now(), tick=True)
    password_login(client, world.wg_member)  # needs no second factor, has none yet
    assert client.get(reverse("cooperation:partner_list")).status_code == 200

    device_for(world.wg_member)  # enrolled in another browser

    response = client.get(reverse("cooperation:partner_list"))
    assert response.status_code == 302
    assert response.url.startswith(verify_url())


def test_the_django_admin_offers_no_way_around_the_recorded_reset_and_lift():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.conf import settings
    from django.contrib import admin

    for model in (TOTPDevice, StaticDevice, AccessAttempt, AccessFailureLog, AccessLog):
        assert not admin.site.is_registered(model), model
    assert settings.OTP_ADMIN_HIDE_SENSITIVE_DATA
