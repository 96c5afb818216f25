"""Sessions: who is logged in where ("Meine Anmeldungen"), ending them, time-outs by role."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from access.devices import describe_device
from access.models import AccessEvent, EventKind, Session
from access.net import truncate_ip
from access.services import end_other_sessions

from .. import factories as f
from ..second_factor import verify_session

pytestmark = pytest.mark.django_db

FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
NEW_PASSWORD = "Brockenbahn-Schierke-1898"


def browser(user, *, agent=FIREFOX_WINDOWS, address="203.0.113.77") -> Client:
    """A browser in which `user` logs in through the login form, then passes the second
    factor as the person would (tests/second_factor.py)."""
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    response = client.post(reverse("login"), {"username": user.username, "password": f.PASSWORD})
    assert response.status_code == 302, response.content
    session = client.session
    verify_session(session, user)
    session.save()
    return client


def logged_in(client) -> bool:
    response = client.get(reverse("access:session_list"))
    return response.status_code == 200


def handle_of(client):
    return Session.objects.get(session_key=client.session.session_key).handle


# --- What a session records ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("203.0.113.77", "203.0.113.0/24"),
        ("2001:db8:1234:5678::1", "2001:db8:1234::/48"),
        ("::ffff:198.51.100.9", "198.51.100.0/24"),
        ("not an address", ""),
        ("", ""),
    ],
)
def test_it_keeps_only_the_network_of_an_address(address, network):
    assert truncate_ip(address) == network


@pytest.mark.parametrize(
    ("agent", "device"),
    [
        (FIREFOX_WINDOWS, "Firefox unter Windows"),
        (SAFARI_IPHONE, "Safari unter iOS"),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Edge unter Windows",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Mobile Safari/537.36",
            "Chrome unter Android",
        ),
        ("curl/8.5.0", "Unbekanntes Gerät"),
        ("", "Unbekanntes Gerät"),
    ],
)
def test_it_describes_the_device_in_a_few_german_words(agent, device):
    assert describe_device(agent) == device


def test_it_stores_whose_session_it_is_with_network_and_browser(world):
    client = browser(world.wg_member)

    session = Session.objects.get(session_key=client.session.session_key)
    assert session.user == world.wg_member
    assert session.ip_network == "203.0.113.0/24"
    assert session.user_agent == FIREFOX_WINDOWS
    assert session.device == "Firefox unter Windows"
    assert "203.0.113.77" not in session.get_decoded().values()


def test_it_lists_my_sessions_with_device_place_and_last_use_and_marks_this_one(world):
    with time_machine.travel(datetime.datetime(2027, 1, 5, 9, 15, tzinfo=datetime.UTC)):
        phone = browser(world.wg_member, agent=SAFARI_IPHONE, address="198.51.100.20")
        laptop = browser(world.wg_member)
        browser(world.wg_lead)  # somebody else's: not on the page

        response = laptop.get(reverse("access:session_list"))

    content = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="page-title">Meine Anmeldungen</h1>' in content
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", content, re.S)
    assert len(rows) == 2
    assert any("Firefox unter Windows" in row and "(diese Anmeldung)" in row for row in rows)
    assert any("Safari unter iOS" in row and "198.51.100.0/24" in row for row in rows)
    assert "(diese Anmeldung)" not in next(row for row in rows if "Safari" in row)
    # German date format, in Berlin time.
    assert "05.01.2027, 10:15" in content
    assert str(handle_of(phone)) in content
    assert "Alle anderen beenden" in content
    assert phone.session.session_key not in content


def test_the_user_menu_links_to_my_sessions_and_logs_out_by_a_form_button(world):
    client = browser(world.board_member)

    content = client.get(reverse("overview:dashboard")).content.decode()

    assert f'href="{reverse("access:session_list")}"' in content
    assert re.search(
        rf'<form method="post" action="{reverse("logout")}"[^>]*>\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken"[^>]*>\s*<button type="submit"',
        content,
    )
    assert client.get(reverse("logout")).status_code == 405
    assert logged_in(client)


# --- Ending sessions ------------------------------------------------------------------------


def test_another_session_of_mine_can_be_ended_and_is_then_logged_out(world):
    phone = browser(world.wg_member, agent=SAFARI_IPHONE)
    laptop = browser(world.wg_member)
    url = reverse("access:session_end", args=[handle_of(phone)])

    confirm = laptop.get(url)
    response = laptop.post(url)

    assert confirm.status_code == 200
    assert "Safari unter iOS" in confirm.content.decode()
    assert response.status_code == 302
    assert response.url == reverse("access:session_list")
    assert not logged_in(phone)
    assert logged_in(laptop)
    event = AccessEvent.objects.filter(kind=EventKind.SESSION_ENDED).get()
    assert event.account == world.wg_member


def test_ending_the_session_in_use_logs_out(world):
    client = browser(world.wg_member)

    response = client.post(reverse("access:session_end", args=[handle_of(client)]))

    assert response.status_code == 302
    assert response.url == reverse("login")
    assert not logged_in(client)
    assert not Session.objects.filter(user=world.wg_member).exists()
    assert AccessEvent.objects.filter(account=world.wg_member).latest("pk").kind == "logout"


def test_nobody_can_end_or_see_a_session_of_someone_else(world):
    victim = browser(world.office)
    attacker = browser(world.wg_member)
    url = reverse("access:session_end", args=[handle_of(victim)])

    assert attacker.get(url).status_code == 404
    assert attacker.post(url).status_code == 404
    assert logged_in(victim)
    assert not AccessEvent.objects.filter(kind=EventKind.SESSION_ENDED).exists()


def test_ending_all_others_keeps_only_this_session(world):
    others = [browser(world.wg_member, agent=SAFARI_IPHONE), browser(world.wg_member)]
    current = browser(world.wg_member)
    someone_else = browser(world.wg_lead)

    assert current.get(reverse("access:session_end_others")).status_code == 200
    response = current.post(reverse("access:session_end_others"), follow=True)

    assert "2 andere Anmeldungen wurden beendet." in response.content.decode()
    assert not any(logged_in(client) for client in others)
    assert logged_in(current)
    assert logged_in(someone_else)
    assert Session.objects.filter(user=world.wg_member).count() == 1


def test_a_password_change_ends_every_other_session_of_the_user(world):
    other = browser(world.wg_member, agent=SAFARI_IPHONE)
    current = browser(world.wg_member)
    someone_else = browser(world.wg_lead)

    response = current.post(
        reverse("password_change"),
        {"old_password": f.PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert logged_in(current)
    assert not logged_in(other)
    assert logged_in(someone_else)
    assert not Session.objects.filter(user=world.wg_member).exclude(
        session_key=current.session.session_key
    )
    event = AccessEvent.objects.get(kind=EventKind.PASSWORD_CHANGED)
    assert event.account == world.wg_member
    assert event.details == {"sessions_ended": 1}


def test_a_password_reset_ends_every_session_of_the_user(world, mailoutbox):
    sessions = [browser(world.wg_member), browser(world.wg_member, agent=SAFARI_IPHONE)]
    anonymous = Client()
    anonymous.post(reverse("password_reset"), {"email": world.wg_member.email})
    link = re.search(r"/konto/passwort-neu/[^\s]+/", mailoutbox[0].body).group(0)
    form_url = anonymous.get(link).url

    response = anonymous.post(
        form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert not any(logged_in(client) for client in sessions)
    assert not Session.objects.filter(user=world.wg_member).exists()
    kinds = list(
        AccessEvent.objects.filter(account=world.wg_member)
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds[-2:] == [EventKind.PASSWORD_RESET_REQUESTED, EventKind.PASSWORD_RESET_COMPLETED]


def test_end_other_sessions_is_there_for_the_second_factor_reset(world):
    first, second = browser(world.board_member), browser(world.board_member)

    ended = end_other_sessions(world.board_member, keep=first.session.session_key)

    assert ended == 1
    assert logged_in(first)
    assert not logged_in(second)
    assert end_other_sessions(world.board_member) == 1
    assert not logged_in(first)


# --- Time-outs by role ----------------------------------------------------------------------

START = datetime.datetime(2027, 1, 5, 8, 0, tzinfo=datetime.UTC)


def _minutes(n):
    return START + datetime.timedelta(minutes=n)


@pytest.mark.parametrize(
    ("persona", "idle_minutes"),
    [("office", 30), ("board_member", 30), ("wg_member", 120), ("admin_halberstadt", 120)],
)
def test_a_session_ends_after_the_idle_time_of_the_role(world, persona, idle_minutes):
    user = world.personas[persona]
    with time_machine.travel(START, tick=False) as clock:
        client = browser(user)
        clock.move_to(_minutes(idle_minutes - 1))
        assert logged_in(client), "still within the idle time"
        clock.move_to(_minutes(2 * idle_minutes - 2))
        assert logged_in(client), "each request starts the idle time anew"
        clock.move_to(_minutes(3 * idle_minutes))

        response = client.get(reverse("cooperation:partner_list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert SESSION_KEY not in client.session
    event = AccessEvent.objects.filter(account=user).latest("pk")
    assert (event.kind, event.details) == (EventKind.SESSION_EXPIRED, {"timeout": "idle"})


@pytest.mark.parametrize(
    ("persona", "absolute_hours"),
    [("office", 8), ("board_member", 8), ("wg_member", 12), ("no_membership", 12)],
)
def test_a_session_ends_after_the_absolute_time_of_the_role_even_when_in_use(
    world, persona, absolute_hours
):
    user = world.personas[persona]
    with time_machine.travel(START, tick=False) as clock:
        client = browser(user)
        minutes = 0
        while minutes + 20 < absolute_hours * 60:
            minutes += 20
            clock.move_to(_minutes(minutes))
            assert logged_in(client), minutes
        clock.move_to(_minutes(absolute_hours * 60 + 1))

        response = client.get(reverse("access:session_list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    event = AccessEvent.objects.filter(account=user).latest("pk")
    assert (event.kind, event.details) == (EventKind.SESSION_EXPIRED, {"timeout": "absolute"})


def test_the_time_outs_come_from_the_settings(world, settings):
    settings.SESSION_TIMEOUTS = {
        "strict": {"idle": 5 * 60, "absolute": 3600},
        "default": {"idle": 10 * 60, "absolute": 7200},
    }
    with time_machine.travel(START, tick=False) as clock:
        office, member = browser(world.office), browser(world.wg_member)
        clock.move_to(_minutes(7))
        assert not logged_in(office)
        assert logged_in(member)


def test_a_changed_password_does_not_restart_the_absolute_time(world):
    with time_machine.travel(START, tick=False) as clock:
        client = browser(world.office)
        clock.move_to(_minutes(7 * 60 + 50))
        client.post(
            reverse("password_change"),
            {"old_password": f.PASSWORD, "new_password1": NEW_PASSWORD,
             "new_password2": NEW_PASSWORD},
        )  # fmt: skip
        clock.move_to(_minutes(8 * 60 + 1))
        assert not logged_in(client)


def test_the_last_use_is_written_at_most_once_a_minute(world, django_assert_num_queries):
    with time_machine.travel(START, tick=False) as clock:
        client = browser(world.no_membership)
        url = reverse("access:session_list")
        client.get(url)
        # The session, the user, the second-factor device, the user's sessions, the user's
        # rights (2, the menu) and, as no member, whether a participant account (the
        # participants' menu).
        with django_assert_num_queries(7):
            assert client.get(url).status_code == 200
        clock.move_to(START + datetime.timedelta(seconds=61))
        with django_assert_num_queries(8):  # and once a minute: the last use
            assert client.get(url).status_code == 200
        row = Session.objects.get(session_key=client.session.session_key)

    assert row.last_used == START + datetime.timedelta(seconds=61)
    assert row.created == START


@pytest.mark.parametrize("rows", [1, 30])
def test_my_sessions_page_runs_a_fixed_number_of_queries(world, django_assert_num_queries, rows):
    for _ in range(rows):
        browser(world.wg_member, agent=SAFARI_IPHONE)
    client = browser(world.wg_member)
    client.get(reverse("access:session_list"))

    with django_assert_num_queries(6):  # + the second-factor device
        response = client.get(reverse("access:session_list"))
    assert response.content.decode().count('scope="row"') == rows + 1


def test_a_session_ended_elsewhere_cannot_be_used_any_more(world):
    client = browser(world.wg_member)
    Session.objects.filter(user=world.wg_member).delete()

    response = client.get(reverse("cooperation:partner_list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_old_rows_of_expired_sessions_are_not_listed(world):
    client = browser(world.wg_member)
    stale = browser(world.wg_member, agent=SAFARI_IPHONE)
    Session.objects.filter(session_key=stale.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )

    content = client.get(reverse("access:session_list")).content.decode()

    assert "Safari" not in content
