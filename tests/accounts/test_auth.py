"""Logging in and out, and getting a new password, in German."""

import html
import re

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.forms import PasswordChangeForm
from django.core import mail
from django.urls import reverse
from django.utils.translation import override

from accounts.models import User

from .. import factories as f

pytestmark = pytest.mark.django_db

RESET_LINK = re.escape(settings.PORTAL_BASE_URL) + r"(/konto/passwort-neu/\S+/)"

NEW_PASSWORD = "Harzer-Schmalspurbahn-1899"


@pytest.fixture
def user():
    return f.UserFactory(username="greta", display_name="Referent:in Verkehr")


def logged_in(client) -> bool:
    return SESSION_KEY in client.session


def test_it_shows_a_german_login_page(client):
    response = client.get(reverse("login"))

    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de">' in content
    assert "<h1>Anmelden</h1>" in content
    assert "Passwort vergessen?" in content


def test_it_logs_in_with_the_right_password_and_goes_to_the_dashboard(client, user):
    response = client.post(reverse("login"), {"username": "greta", "password": f.PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("overview:dashboard")
    assert logged_in(client)


def test_it_returns_to_the_page_asked_for_after_login(client, user):
    wanted = reverse("cooperation:partner_list")

    response = client.post(
        reverse("login") + f"?next={wanted}",
        {"username": "greta", "password": f.PASSWORD, "next": wanted},
    )

    assert response.url == wanted


def test_it_refuses_a_wrong_password_with_a_german_message(client, user):
    response = client.post(reverse("login"), {"username": "greta", "password": "falsch"})

    assert response.status_code == 200
    assert (
        "Bitte geben Sie einen gültigen Benutzernamen und ein gültiges Passwort ein."
        in response.content.decode()
    )
    assert not logged_in(client)


def test_it_refuses_an_unknown_user_with_the_same_message(client, user):
    wrong_password = client.post(reverse("login"), {"username": "greta", "password": "falsch"})
    unknown_user = client.post(reverse("login"), {"username": "nemo", "password": "falsch"})

    def errors(response):
        return response.context["form"].non_field_errors()

    assert errors(unknown_user) == errors(wrong_password)
    assert not logged_in(client)


def test_it_logs_out_by_post(client, user):
    client.force_login(user)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response.url == reverse("login")
    assert not logged_in(client)
    dashboard = client.get(reverse("overview:dashboard"))
    assert dashboard.status_code == 302
    assert dashboard.url.startswith(reverse("login"))


def test_it_does_not_log_out_on_a_get(client, user):
    client.force_login(user)

    response = client.get(reverse("logout"))

    assert response.status_code == 405
    assert logged_in(client)


def _request_reset(client, email):
    return client.post(reverse("password_reset"), {"email": email})


def test_it_sends_one_german_reset_mail_with_a_link(client, user):
    response = _request_reset(client, user.email)

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "IMPULS-Kooperationsportal: Passwort zurücksetzen"
    assert "Guten Tag Referent:in Verkehr" in message.body
    assert "Bitte öffnen Sie die folgende Seite und wählen Sie ein neues Passwort:" in message.body
    assert "Ihr Benutzername: greta" in message.body
    # The link points at the portal's configured address, not at the request's Host.
    base = re.escape(settings.PORTAL_BASE_URL)
    assert re.search(base + r"/konto/passwort-neu/[^/\s]+/[^/\s]+/", message.body)


def test_it_sends_no_mail_for_an_unknown_address_but_says_the_same(client, user):
    known = _request_reset(client, user.email)
    mail.outbox.clear()

    unknown = _request_reset(client, "niemand@example.org")

    assert mail.outbox == []
    assert unknown.status_code == known.status_code == 302
    assert unknown.url == known.url


def _reset_page(response) -> str:
    """The answer a visitor sees, without the per-request CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_it_sends_at_most_three_reset_mails_per_address_and_hour(client, user, time_machine):
    time_machine.move_to("2031-03-05 10:00:00+01:00")
    answers = [_request_reset(client, user.email) for _ in range(3)]
    assert len(mail.outbox) == 3
    assert all(answer.status_code == 302 for answer in answers)

    refused = _request_reset(client, user.email.upper())

    assert refused.status_code == 429
    assert "Zu viele Anfragen" in refused.content.decode()
    assert len(mail.outbox) == 3
    # Another client address does not help either.
    other = client.post(reverse("password_reset"), {"email": user.email}, REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 429
    assert len(mail.outbox) == 3

    time_machine.move_to("2031-03-05 11:00:01+01:00")
    assert _request_reset(client, user.email).status_code == 302
    assert len(mail.outbox) == 4


def test_it_answers_the_same_at_the_limit_for_known_and_unknown_addresses(client, user):
    for _ in range(3):
        _request_reset(client, user.email)
        _request_reset(client, "niemand@example.org")
    assert len(mail.outbox) == 3

    known = _request_reset(client, user.email)
    unknown = _request_reset(client, "niemand@example.org")

    assert known.status_code == unknown.status_code == 429
    assert _reset_page(known).replace(user.email, "X") == _reset_page(unknown).replace(
        "niemand@example.org", "X"
    )
    assert len(mail.outbox) == 3


def test_it_limits_reset_requests_per_client_address(client, user, settings):
    settings.PASSWORD_RESET_LIMIT_PER_IP = 10
    others = [f.UserFactory(email=f"person{n}@example.org") for n in range(11)]
    for other in others[:10]:
        assert _request_reset(client, other.email).status_code == 302
    assert len(mail.outbox) == 10

    refused = _request_reset(client, others[10].email)

    assert refused.status_code == 429
    assert len(mail.outbox) == 10
    elsewhere = client.post(
        reverse("password_reset"), {"email": others[10].email}, REMOTE_ADDR="10.9.8.7"
    )
    assert elsewhere.status_code == 302
    assert len(mail.outbox) == 11


def test_it_sets_a_new_password_through_the_link_in_the_mail(client, user):
    _request_reset(client, user.email)
    path = re.search(RESET_LINK, mail.outbox[0].body).group(1)

    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    assert "Neues Passwort festlegen" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]

    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password(f.PASSWORD)
    login = client.post(reverse("login"), {"username": "greta", "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_it_accepts_a_reset_link_only_once(client, user):
    _request_reset(client, user.email)
    path = re.search(RESET_LINK, mail.outbox[0].body).group(1)
    set_password_url = client.get(path, follow=True).redirect_chain[-1][0]
    client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = client.get(path, follow=True)

    assert "Dieser Link ist ungültig" in again.content.decode()
    assert "new_password1" not in again.content.decode()


def test_it_rejects_a_weak_new_password_in_german(client, user):
    _request_reset(client, user.email)
    path = re.search(RESET_LINK, mail.outbox[0].body).group(1)
    set_password_url = client.get(path, follow=True).redirect_chain[-1][0]

    response = client.post(set_password_url, {"new_password1": "123", "new_password2": "123"})

    assert response.status_code == 200
    assert "Dieses Passwort ist zu kurz." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(f.PASSWORD)


def test_it_requires_login_for_the_password_change(client):
    response = client.get(reverse("password_change"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert "next=" + reverse("password_change") in response.url


def test_it_changes_the_password_of_a_logged_in_user(client, user):
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": f.PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    assert User.objects.get(pk=user.pk).check_password(NEW_PASSWORD)
    # The session survives the change.
    assert client.get(reverse("password_change_done")).status_code == 200


def test_it_refuses_a_password_change_with_a_wrong_old_password(client, user):
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {"old_password": "falsch", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    with override("de"):
        expected = str(PasswordChangeForm.error_messages["password_incorrect"])
    assert expected in html.unescape(response.content.decode())
    assert User.objects.get(pk=user.pk).check_password(f.PASSWORD)


def test_it_counts_clients_behind_a_proxy_by_the_address_the_proxy_saw(client, settings):
    settings.NUMBER_OF_PROXIES = 1
    settings.PASSWORD_RESET_LIMIT_PER_IP = 2
    proxy = {"REMOTE_ADDR": "10.0.0.1"}

    addresses = iter(f"niemand{n}@example.org" for n in range(10))

    def reset(forwarded_for):
        return client.post(
            reverse("password_reset"),
            {"email": next(addresses)},
            HTTP_X_FORWARDED_FOR=forwarded_for,
            **proxy,
        )

    # Two visitors behind the same proxy do not share a limit.
    assert reset("192.0.2.10").status_code == 302
    assert reset("192.0.2.20").status_code == 302
    assert reset("192.0.2.10").status_code == 302
    # What a client puts in front of the proxy's entry does not make it someone else.
    assert reset("198.51.100.1, 192.0.2.10").status_code == 429


def test_known_and_unknown_addresses_queue_the_same_work(client, user):
    # The request only queues the mail (the worker looks the address up and sends), so a
    # known address does not take longer to answer than an unknown one.
    from django_tasks.signals import task_enqueued

    queued = []

    def receiver(sender, task_result, **kwargs):
        queued.append((task_result.task.name, task_result.args))

    task_enqueued.connect(receiver)
    try:
        known = _request_reset(client, user.email)
        unknown = _request_reset(client, "niemand@example.org")
    finally:
        task_enqueued.disconnect(receiver)

    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert queued == [
        ("send_password_reset", [user.email]),
        ("send_password_reset", ["niemand@example.org"]),
    ]
    assert [message.to for message in mail.outbox] == [[user.email]]
