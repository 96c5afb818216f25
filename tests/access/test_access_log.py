"""The access log: what it records, that nobody changes it, who reads it, how long it keeps."""

import datetime
import io
import types

import pytest
import time_machine
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.dispatch import Signal
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from access import receivers
from access.models import AccessEvent, EventKind, Session
from access.services import purge_access_log, record_event
from access.tasks import purge_access_log as purge_task
from cooperation import services as cooperation_services
from cooperation.models import Role

from .. import factories as f

pytestmark = pytest.mark.django_db

AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


def events(**filters):
    return list(AccessEvent.objects.filter(**filters).order_by("pk"))


def login(client, username, password=f.PASSWORD):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR="198.51.100.23",
        HTTP_USER_AGENT=AGENT,
    )


# --- What is recorded -----------------------------------------------------------------------


def test_it_records_a_login_with_network_and_browser_and_a_logout(world, client):
    login(client, world.wg_member.username)
    client.post(reverse("logout"), REMOTE_ADDR="198.51.100.23", HTTP_USER_AGENT=AGENT)

    login_event, logout_event = events(account=world.wg_member, kind__in=["login", "logout"])
    assert login_event.kind == EventKind.LOGIN
    assert login_event.username == world.wg_member.username
    assert login_event.ip_network == "198.51.100.0/24"
    assert login_event.user_agent == AGENT
    assert login_event.actor is None
    assert logout_event.kind == EventKind.LOGOUT


def test_it_records_failed_logins_with_the_name_typed_whether_or_not_it_exists(world, client):
    login(client, world.wg_member.username, password="falsch")
    login(client, "niemand.hier", password="falsch")

    known, unknown = events(kind=EventKind.LOGIN_FAILED)
    assert (known.account, known.username) == (world.wg_member, world.wg_member.username)
    assert (unknown.account, unknown.username) == (None, "niemand.hier")
    assert unknown.ip_network == "198.51.100.0/24"


def test_it_records_a_reset_request_also_for_an_unknown_address(world, client):
    client.post(reverse("password_reset"), {"email": "unbekannt@example.org"})
    client.post(reverse("password_reset"), {"email": world.office.email})

    unknown, known = events(kind=EventKind.PASSWORD_RESET_REQUESTED)
    assert (unknown.account, unknown.username) == (None, "unbekannt@example.org")
    assert known.account == world.office


def test_it_records_rights_granted_and_revoked_by_the_office_with_the_actor(world):
    user = f.UserFactory(username="neu.im.gremium")

    membership = cooperation_services.membership_create(
        user=user, body=world.board, role=Role.MEMBER, partner=world.halberstadt,
        valid_from=timezone.localdate() - datetime.timedelta(days=10), actor=world.office,
    )  # fmt: skip
    granted = events(account=user, kind=EventKind.RIGHT_GRANTED)
    cooperation_services.membership_end(
        membership=membership, on=timezone.localdate() - datetime.timedelta(days=1),
        actor=world.office,
    )  # fmt: skip
    revoked = events(account=user, kind=EventKind.RIGHT_REVOKED)

    rights = {event.details["right"] for event in granted}
    assert rights == {"IMPULS: Mitglieder der Kooperation", "cooperation.act_as_member"}
    assert {event.actor for event in granted} == {world.office}
    body_right = next(e for e in granted if e.details["right"] == "cooperation.act_as_member")
    assert (body_right.details["model"], body_right.details["pk"]) == (
        "cooperation.Body",
        world.board.pk,
    )
    assert {event.details["right"] for event in revoked} == rights
    assert {event.actor for event in revoked} == {world.office}


def test_it_records_a_partner_administrator_right_given_by_a_staff_link(world):
    user = f.UserFactory(username="neu.admin")

    cooperation_services.staff_link_set(
        user=user, partner=world.halberstadt, is_admin=True, actor=world.office
    )

    rights = {e.details["right"] for e in events(account=user, kind=EventKind.RIGHT_GRANTED)}
    assert {"cooperation.change_partner", "cooperation.manage_facilities"} <= rights


def test_an_unchanged_sync_records_nothing(world):
    from cooperation.permissions import sync_user_permissions

    before = AccessEvent.objects.count()
    sync_user_permissions(world.board_member)
    assert AccessEvent.objects.count() == before


def test_it_records_changes_of_the_staff_and_superuser_flags(world):
    user = world.no_membership
    user.is_staff = True
    user._history_user = world.office
    user.save()
    user.is_staff = False
    user.is_superuser = True
    user.save()

    changes = [
        (e.kind, e.details["right"], e.actor)
        for e in events(account=user, kind__in=["right_granted", "right_revoked"])
    ]
    assert changes == [
        (EventKind.RIGHT_GRANTED, "is_staff", world.office),
        (EventKind.RIGHT_REVOKED, "is_staff", world.office),
        (EventKind.RIGHT_GRANTED, "is_superuser", world.office),
    ]


def test_it_records_the_download_of_a_document_as_an_export(world, client):
    from django.core.files.base import ContentFile

    from documents.models import Document, DocumentKind

    document = Document(
        kind=DocumentKind.COUNCIL_REPORT,
        edition="public",
        title="Bericht an die Räte 2026",
        period_from=datetime.date(2026, 1, 1),
        period_until=datetime.date(2026, 12, 31),
        requested_by=world.office,
        generated_at=timezone.now(),
        status="done",
        sha256="0" * 64,
        parameters={"file_name": "bericht.pdf"},
    )
    document.file.save("bericht.pdf", ContentFile(f.PDF_BYTES), save=False)
    document.save()
    client.force_login(world.board_member)

    response = client.get(reverse("documents:document_download", args=[document.pk]))

    assert response.status_code == 200
    (event,) = events(kind=EventKind.EXPORT)
    assert event.account == world.board_member
    assert event.details == {
        "what": "document",
        "model": "documents.Document",
        "pk": document.pk,
        "title": "Bericht an die Räte 2026",
        "edition": "public",
    }


def test_the_second_factor_and_lock_out_signals_connect_by_name(world):
    """The accounts app's signals (not built yet) are connected by their names."""
    module = types.SimpleNamespace(
        second_factor_enrolled=Signal(), second_factor_reset=Signal(), lockout_lifted=Signal()
    )
    assert set(receivers.connect_by_name(module)) == {
        "second_factor_enrolled",
        "second_factor_reset",
        "lockout_lifted",
    }
    client = Client()
    client.force_login(world.board_member)
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.5")
    request.user = world.office

    module.second_factor_enrolled.send(sender=None, user=world.board_member, request=None)
    module.second_factor_reset.send(
        sender=None, user=world.board_member, request=request, reason="Telefon verloren"
    )
    module.lockout_lifted.send(sender=None, username="charlie", request=request)

    enrolled, reset, lifted = events(kind__in=["second_factor_enrolled", "second_factor_reset",
                                               "lockout_lifted"])  # fmt: skip
    assert enrolled.account == world.board_member
    assert (reset.account, reset.actor, reset.ip_network) == (
        world.board_member,
        world.office,
        "192.0.2.0/24",
    )
    assert reset.details == {"reason": "Telefon verloren", "sessions_ended": 1}
    assert not Session.objects.filter(user=world.board_member).exists()
    assert (lifted.username, lifted.actor) == ("charlie", world.office)


def test_a_lock_out_is_recorded_with_the_name_typed():
    receivers.on_lockout(sender=None, request=None, username="jemand", ip_address="192.0.2.1")
    (event,) = events(kind=EventKind.LOCKOUT)
    assert (event.username, event.account) == ("jemand", None)


# --- Never editable -------------------------------------------------------------------------


def test_an_entry_cannot_be_changed_or_deleted(world):
    event = record_event(EventKind.LOGIN, account=world.office)

    event.kind = EventKind.LOGOUT
    with pytest.raises(PermissionDenied):
        event.save()
    with pytest.raises(PermissionDenied):
        AccessEvent.objects.filter(pk=event.pk).update(kind=EventKind.LOGOUT)
    with pytest.raises(PermissionDenied):
        event.delete()
    assert AccessEvent.objects.get(pk=event.pk).kind == EventKind.LOGIN


def test_the_admin_only_shows_the_log(rf, world):
    model_admin = admin.site._registry[AccessEvent]
    request = rf.get("/")
    request.user = f.UserFactory(username="technik", is_staff=True, is_superuser=True)

    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.has_view_permission(request)


def test_the_admin_refuses_a_change_posted_to_an_entry(world, client):
    event = record_event(EventKind.LOGIN, account=world.office)
    superuser = f.UserFactory(username="technik", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    url = reverse("admin:access_accessevent_change", args=[event.pk])

    assert client.get(url).status_code == 200
    assert client.post(url, {"kind": "logout"}).status_code == 403
    delete = reverse("admin:access_accessevent_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AccessEvent.objects.get(pk=event.pk).kind == EventKind.LOGIN


# --- The office reads it --------------------------------------------------------------------


def _page(client, **params):
    return client.get(reverse("access:event_list"), params)


def test_the_office_reads_the_log_in_german(world, client):
    login(Client(), world.wg_member.username, password="falsch")
    client.force_login(world.office)

    response = _page(client)

    content = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="page-title">Zugriffsprotokoll</h1>' in content
    assert "Fehlgeschlagene Anmeldung" in content
    assert "198.51.100.0/24" in content
    assert "Firefox unter Linux" in content
    assert (
        f'href="{reverse("access:event_list")}"'
        in client.get(reverse("overview:dashboard")).content.decode()
    )


def test_only_the_office_has_the_link(world, client):
    client.force_login(world.board_member)
    content = client.get(reverse("overview:dashboard")).content.decode()
    assert reverse("access:event_list") not in content


def test_the_office_filters_by_kind_account_and_period(world, client):
    with time_machine.travel(datetime.datetime(2026, 10, 1, 10, 0, tzinfo=datetime.UTC)):
        record_event(EventKind.LOGIN, account=world.wg_member)
        record_event(EventKind.LOGIN_FAILED, username="wg-tippfehler")
    with time_machine.travel(datetime.datetime(2026, 11, 15, 10, 0, tzinfo=datetime.UTC)):
        record_event(EventKind.LOGIN, account=world.wg_lead)
        record_event(EventKind.LOGIN_FAILED, account=world.wg_member, username="emil")
    client.force_login(world.office)

    def shown(**params):
        response = _page(client, **params)
        assert response.status_code == 200
        return [e.pk for e in response.context["page"].object_list]

    failed = AccessEvent.objects.filter(kind=EventKind.LOGIN_FAILED)
    assert set(shown(kind="login_failed")) == set(failed.values_list("pk", flat=True))
    assert set(shown(account="EMIL")) == set(
        AccessEvent.objects.filter(account=world.wg_member).values_list("pk", flat=True)
    )
    assert set(shown(account="wg-tippfehler")) == set(
        AccessEvent.objects.filter(username="wg-tippfehler").values_list("pk", flat=True)
    )
    in_october = AccessEvent.objects.filter(time__date__lte=datetime.date(2026, 10, 31))
    assert shown(since="2026-10-01", until="2026-10-31") == list(
        in_october.order_by("-time", "-pk").values_list("pk", flat=True)
    )
    assert len(shown(since="2026-10-01", until="2026-10-31", kind="login")) == 1


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"since": "2026-02-30"}, "Bitte ein gültiges Datum eingeben."),
        ({"since": "0001-01-01"}, "Bitte geben Sie ein Datum zwischen"),
        ({"since": "2026-11-02", "until": "2026-11-01"}, "Der Beginn des Zeitraums"),
        ({"kind": "<script>"}, "Bitte eine gültige Auswahl treffen."),
    ],
)
def test_bad_filters_get_a_german_message_and_400(world, client, params, message):
    client.force_login(world.office)

    response = _page(client, **params)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_log_is_paginated(world, client):
    for _ in range(51):
        record_event(EventKind.LOGIN, account=world.wg_member)
    client.force_login(world.office)

    first = _page(client, kind="login")
    second = _page(client, kind="login", seite=2)

    assert len(first.context["page"].object_list) == 50
    assert first.context["page"].paginator.count == AccessEvent.objects.filter(kind="login").count()
    assert "kind=login&amp;seite=2" in first.content.decode()
    assert second.status_code == 200


@pytest.mark.parametrize("rows", [1, 30])
def test_the_log_page_runs_a_fixed_number_of_queries(world, client, django_assert_num_queries,
                                                     rows):  # fmt: skip
    for i in range(rows):
        record_event(
            EventKind.RIGHT_GRANTED, account=world.wg_member, actor=world.office,
            details={"right": f"r{i}"},
        )  # fmt: skip
    client.force_login(world.office)
    client.get(reverse("access:event_list"))

    # session, user, second-factor device, rights (2), count, page of events with account
    # and actor
    with django_assert_num_queries(7):
        response = _page(client, kind="right_granted")
    assert response.status_code == 200


# --- Retention ------------------------------------------------------------------------------


def _aged(days, **kwargs):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=days)):
        return record_event(EventKind.LOGIN, **kwargs)


def test_the_nightly_command_deletes_old_entries_and_keeps_new_ones(world, settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 180
    old = _aged(181, account=world.office)
    kept = [_aged(179, account=world.office), _aged(0, account=world.office)]

    out = io.StringIO()
    call_command("purge_access_log", stdout=out)

    assert "1 access-log entries older than 180 days deleted" in out.getvalue()

    assert not AccessEvent.objects.filter(pk=old.pk).exists()
    assert AccessEvent.objects.filter(pk__in=[e.pk for e in kept]).count() == 2


def test_the_retention_comes_from_the_settings(world, settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 30
    old, new = _aged(31, account=world.office), _aged(29, account=world.office)

    assert purge_access_log() >= 1

    assert not AccessEvent.objects.filter(pk=old.pk).exists()
    assert AccessEvent.objects.filter(pk=new.pk).exists()


def test_the_task_purges_the_same_way(world, settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 180
    old, new = _aged(200, account=world.office), _aged(10, account=world.office)

    purge_task.enqueue()

    assert not AccessEvent.objects.filter(pk=old.pk).exists()
    assert AccessEvent.objects.filter(pk=new.pk).exists()


def test_deleting_an_account_keeps_its_entries(world):
    user = f.UserFactory(username="geht.bald")
    event = record_event(EventKind.LOGIN, account=user)

    user.delete()

    event = AccessEvent.objects.get(pk=event.pk)
    assert (event.account, event.username) == (None, "geht.bald")


# --- "Meine Daten": the own log is exported, and the export is logged ----------------------


def test_my_data_holds_my_own_access_log_and_the_download_is_logged(world, client):
    login(client, world.wg_member.username)
    login(Client(), world.board_member.username)
    mine = [(e.kind, e.ip_network) for e in events(account=world.wg_member)]
    response = client.get(reverse("my_data_download"))
    assert response.status_code == 200
    exported = response.json()["sections"]["access"]
    assert exported["title"] == "Anmeldungen und Zugriffe"
    rows = exported["data"]["access_events"]
    # Exactly my own entries (the other person's login is not in it), my login among them.
    assert [(row["kind"], row["ip_network"]) for row in rows] == mine
    (my_login,) = [row for row in rows if row["kind"] == EventKind.LOGIN]
    assert my_login["ip_network"] == "198.51.100.0/24"
    (export,) = events(account=world.wg_member, kind=EventKind.EXPORT)
    assert export.details["what"] == "personal data"
    assert "access" in export.details["sections"]


def test_my_data_leaves_out_the_browser_of_whoever_typed_my_name(world, client):
    login(client, world.wg_member.username, password="falsch")  # someone else, maybe
    client.force_login(world.wg_member)
    rows = client.get(reverse("my_data_download")).json()["sections"]["access"]["data"]
    (failed,) = [row for row in rows["access_events"] if row["kind"] == EventKind.LOGIN_FAILED]
    assert failed["username"] == world.wg_member.username
    assert failed["ip_network"] == "" and failed["user_agent"] == ""
    (stored,) = events(account=world.wg_member, kind=EventKind.LOGIN_FAILED)
    assert stored.ip_network == "198.51.100.0/24"  # the log itself keeps it for the office
