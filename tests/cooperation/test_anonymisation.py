"""The office anonymises a person who has left; the old minutes still read correctly."""

import datetime

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cooperation import anonymisation
from cooperation.models import Membership, PartnerStaff, PersonAnonymisation, Role
from cooperation.services import membership_end
from core.personal_data import person_anonymised
from meetings import services as meeting_services
from meetings.models import AttendanceStatus, Invitation, MeetingStatus
from workinggroups import services as wg_services

from .. import factories as f

pytestmark = pytest.mark.django_db

NAME = "Dr. Annegret Beispielfrau"
USERNAME = "annegret.beispielfrau"
EMAIL = "a.beispielfrau@halberstadt.example"
TRACES = ("Annegret", "Beispielfrau", "beispielfrau")


def _departed(world):
    """A mayor who sat on the board, spoke, wrote and was minuted, then left office."""
    person = f.UserFactory(
        username=USERNAME, display_name=NAME, first_name="Annegret", last_name="Beispielfrau",
        email=EMAIL,
    )  # fmt: skip
    f.staff(person, world.halberstadt, position="Oberbürgermeisterin")
    start = timezone.localdate() - datetime.timedelta(days=400)
    seat = f.membership(
        person, world.board, Role.MEMBER, partner=world.halberstadt, valid_from=start
    )
    starts = timezone.now() - datetime.timedelta(days=30)
    meeting = f.MeetingFactory(
        body=world.board, title="Sitzung im Herbst", starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2), status=MeetingStatus.INVITED,
    )  # fmt: skip
    Invitation.objects.create(
        meeting=meeting, user=person, email=person.email, kind="invitation", sequence=0
    )
    item = meeting_services.agenda_item_create(
        meeting=meeting, title="Bahnhofsumfeld", actor=world.office, presenter=person
    )
    meeting_services.attendance_record(
        meeting=meeting, entries=[(seat, AttendanceStatus.PRESENT, None)], actor=world.office
    )
    meeting_services.meeting_mark_held(meeting=meeting, actor=world.office)
    # She wrote the item's minutes herself: the history names her as the acting user.
    meeting_services.minutes_save(
        item=item, text="Die Oberbürgermeisterin berichtet.", actor=person, expected_version=0
    )
    decision = meeting_services.decision_record(
        item=item, title="Umfeld planen", text="Die Stadt plant das Umfeld.", votes_yes=1,
        actor=world.office,
    )  # fmt: skip
    meeting_services.decision_progress_add(
        decision=decision, note="Planung begonnen.", status="in_progress", actor=person
    )
    meeting_services.minutes_circulate(meeting=meeting, actor=world.office)
    meeting_services.minutes_approve(
        meeting=meeting, approved_on=timezone.localdate(), approved_in=None, actor=world.office
    )
    wg_services.comment_add(finding=world.agreed_finding, author=person, text="Einverstanden.")
    # Her history as a user: a rename and a change of address.
    person.display_name = NAME + " (Halberstadt)"
    person.save()
    membership_end(
        membership=seat, on=timezone.localdate() - datetime.timedelta(days=1), actor=world.office
    )
    return person, meeting, decision


def _anonymise(client, world, person, **data):
    client.force_login(world.office)
    payload = {
        "former_office": "ehem. Oberbürgermeister:in Halberstadt",
        "reason": "Amtszeit beendet, Nachfolge im Amt seit dem 1. Mai.",
        "confirm": "on",
        **data,
    }
    return client.post(reverse("cooperation:person_anonymise", args=[person.pk]), payload)


def _assert_no_trace(text):
    for trace in TRACES:
        assert trace not in text, trace
    assert EMAIL not in text


def test_it_anonymises_a_departed_member_and_the_old_minutes_still_read_correctly(client, world):
    person, meeting, decision = _departed(world)
    client.force_login(world.office)
    before = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    assert NAME in before  # the page did name her (as presenter, in the attendance)

    response = _anonymise(client, world, person)
    assert response.status_code == 302

    for url in (
        reverse("meetings:meeting_detail", args=[meeting.pk]),
        reverse("meetings:decision_detail", args=[decision.pk]),
        reverse("workinggroups:finding_detail", args=[world.agreed_finding.pk]),
        reverse("cooperation:partner_detail", args=[world.halberstadt.pk]),
        reverse("cooperation:body_detail", args=[world.board.pk]),
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        text = page.content.decode()
        _assert_no_trace(text)
    meeting_page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk]))
    text = meeting_page.content.decode()
    assert "ehem. Oberbürgermeister:in Halberstadt" in text
    assert "Die Oberbürgermeisterin berichtet." in text  # the minutes themselves are intact
    decision_page = client.get(reverse("meetings:decision_detail", args=[decision.pk]))
    assert "ehem. Oberbürgermeister:in Halberstadt" in decision_page.content.decode()

    # The tables that keep personal data: the user row and its history.
    rows = list(User.objects.filter(pk=person.pk).values()) + list(
        User.history.filter(id=person.pk).values()
    )
    assert len(rows) >= 4
    _assert_no_trace(repr(rows))
    assert not Invitation.objects.filter(user=person).exclude(email="").exists()
    assert not Invitation.history.filter(user_id=person.pk).exclude(email="").exists()

    # The minutes' history still names her (now by her former office) as the author.
    minutes = meeting.agenda_items.get().minutes
    assert minutes.history.filter(history_user=person).exists()


def test_it_disables_the_login_and_removes_rights(client, world):
    person, _meeting, _decision = _departed(world)
    old_token = person.calendar_token
    assert _anonymise(client, world, person).status_code == 302
    person.refresh_from_db()
    assert not person.is_active
    assert not person.has_usable_password()
    assert person.email == ""
    assert person.username == f"ehemalig-{person.pk}"
    assert person.calendar_token != old_token
    assert not person.groups.exists()
    assert not PartnerStaff.objects.filter(user=person).exists()
    assert authenticate(RequestFactory().post("/"), username=USERNAME, password=f.PASSWORD) is None
    # The memberships stay on record, ended as they were.
    assert Membership.objects.filter(user=person).count() == 1


def test_it_renames_the_entries_of_the_admin_log(client, world):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    person, _meeting, _decision = _departed(world)
    seat = Membership.objects.get(user=person)
    link = PartnerStaff.objects.get(user=person)
    for obj in (person, seat, link):
        LogEntry.objects.create(
            user=world.office, content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk), object_repr=str(obj), action_flag=CHANGE,
        )  # fmt: skip
    assert NAME in repr(list(LogEntry.objects.values()))
    _anonymise(client, world, person)
    entries = list(LogEntry.objects.values())
    _assert_no_trace(repr(entries))
    assert {e["object_repr"] for e in entries} == {
        "ehem. Oberbürgermeister:in Halberstadt",
        "ehem. Oberbürgermeister:in Halberstadt – Kooperationsgremium (Mitglied)",
        "ehem. Oberbürgermeister:in Halberstadt – Stadt Halberstadt",
    }


def test_it_ends_the_sessions_of_the_person(client, world):
    from django.test import Client

    person, _meeting, _decision = _departed(world)
    theirs = Client()
    theirs.force_login(person)
    assert theirs.get(reverse("my_data")).status_code == 200
    _anonymise(client, world, person)
    response = theirs.get(reverse("my_data"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    # Not just refused on the next request: the session rows themselves are gone.
    from access.models import Session

    assert not Session.objects.filter(user=person).exists()


def test_it_records_who_when_and_why_without_the_removed_data(client, world):
    person, _meeting, _decision = _departed(world)
    _anonymise(client, world, person)
    record = PersonAnonymisation.objects.get(person=person)
    assert record.performed_by == world.office
    assert record.reason == "Amtszeit beendet, Nachfolge im Amt seit dem 1. Mai."
    assert record.former_office == "ehem. Oberbürgermeister:in Halberstadt"
    assert abs(record.performed_at - timezone.now()) < datetime.timedelta(minutes=1)
    _assert_no_trace(repr(list(PersonAnonymisation.history.values())))
    # The user's last history entry is the anonymisation, by the office.
    last = User.history.filter(id=person.pk).order_by("-history_date", "-history_id").first()
    assert last.history_user == world.office


def test_it_refuses_while_the_person_holds_a_current_seat(client, world):
    before = User.objects.filter(pk=world.board_member.pk).values().get()
    response = _anonymise(client, world, world.board_member)
    assert response.status_code == 409
    assert "Mitgliedschaft" in response.content.decode()
    assert User.objects.filter(pk=world.board_member.pk).values().get() == before
    assert not PersonAnonymisation.objects.exists()


def test_it_refuses_a_future_membership_too(client, world):
    person = f.UserFactory(username="kommende")
    f.membership(
        person, world.board, Role.GUEST,
        valid_from=timezone.localdate() + datetime.timedelta(days=30),
    )  # fmt: skip
    assert _anonymise(client, world, person).status_code == 409
    assert User.objects.get(pk=person.pk).is_active


def test_it_refuses_a_second_time_and_for_oneself(client, world):
    person, _meeting, _decision = _departed(world)
    assert _anonymise(client, world, person).status_code == 302
    assert _anonymise(client, world, person).status_code == 409
    assert PersonAnonymisation.objects.count() == 1
    with pytest.raises(ValidationError) as refused:
        anonymisation.person_anonymise(
            person=world.office, actor=world.office, former_office="ehem. GS", reason="Test"
        )
    assert refused.value.code == "self"


def test_the_service_refuses_anyone_but_the_office(world):
    person, _meeting, _decision = _departed(world)
    for actor in (world.board_member, world.admin_halberstadt, world.no_membership):
        with pytest.raises(PermissionDenied):
            anonymisation.person_anonymise(
                person=person, actor=actor, former_office="ehem. OB", reason="Amtsende"
            )
    assert User.objects.get(pk=person.pk).email == EMAIL


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reason", "Frau Beispielfrau ist ausgeschieden."),
        ("reason", f"Bitte an {EMAIL} melden."),
        ("former_office", "ehem. Oberbürgermeisterin Annegret"),
        ("former_office", ""),
        ("former_office", "Zeile\neins"),
        ("reason", ""),
        ("reason", "x" * 1001),
        ("confirm", ""),
    ],
)
def test_it_refuses_unfit_texts_with_a_german_message(client, world, field, value):
    person, _meeting, _decision = _departed(world)
    before = list(User.history.filter(id=person.pk).values())
    response = _anonymise(client, world, person, **{field: value})
    assert response.status_code == 400
    assert "field-error" in response.content.decode()
    assert list(User.history.filter(id=person.pk).values()) == before
    assert User.objects.get(pk=person.pk).email == EMAIL


def test_it_suggests_the_former_office_from_the_staff_link_or_the_last_seat(world):
    person, _meeting, _decision = _departed(world)
    assert anonymisation.former_office_suggestion(person) == (
        "ehem. Oberbürgermeisterin Halberstadt"
    )
    PartnerStaff.objects.filter(user=person).delete()
    assert anonymisation.former_office_suggestion(person) == (
        "ehem. Mitglied Kooperationsgremium (Halberstadt)"
    )


def test_it_lists_people_who_have_left_for_the_office(client, world):
    person, _meeting, _decision = _departed(world)
    client.force_login(world.office)
    response = client.get(reverse("cooperation:departed_persons"))
    assert response.status_code == 200
    listed = list(response.context["persons"])
    assert person in listed
    assert world.board_member not in listed  # still holds a seat
    assert world.no_membership not in listed  # never had a role
    # A staff link has no end date: the list shows it for the office to check.
    assert "Halberstadt (Oberbürgermeisterin)" in response.content.decode()
    page = client.get(reverse("cooperation:person_anonymise", args=[person.pk]))
    assert "Stadt Halberstadt – Oberbürgermeisterin" in page.content.decode()
    _anonymise(client, world, person)
    response = client.get(reverse("cooperation:departed_persons"))
    assert person not in list(response.context["persons"])


def test_it_tells_other_apps_so_they_remove_their_copies(client, world):
    person, _meeting, _decision = _departed(world)
    received = []

    def receiver(sender, user, actor, former_office, former_identifiers, **kwargs):
        received.append((user.pk, actor.pk, former_office, former_identifiers))

    person_anonymised.connect(receiver)
    try:
        _anonymise(client, world, person)
    finally:
        person_anonymised.disconnect(receiver)
    # The old identifiers go to the receivers (e.g. a lock-out table keyed by user name).
    assert received == [
        (
            person.pk,
            world.office.pk,
            "ehem. Oberbürgermeister:in Halberstadt",
            {"username": USERNAME, "email": EMAIL},
        )
    ]


def test_a_failing_receiver_rolls_everything_back(client, world):
    person, _meeting, _decision = _departed(world)

    def receiver(**kwargs):
        raise RuntimeError("device store unavailable")

    person_anonymised.connect(receiver)
    try:
        with pytest.raises(RuntimeError):
            anonymisation.person_anonymise(
                person=person, actor=world.office, former_office="ehem. OB", reason="Amtsende"
            )
    finally:
        person_anonymised.disconnect(receiver)
    person.refresh_from_db()
    assert person.email == EMAIL and person.is_active
    assert User.history.filter(id=person.pk, username=USERNAME).exists()
    assert not PersonAnonymisation.objects.exists()


@pytest.mark.parametrize("rows", [1, 20])
def test_the_office_pages_run_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, rows
):
    person, _meeting, _decision = _departed(world)
    for _i in range(rows - 1):
        other = f.UserFactory()
        f.membership(
            other, world.board, Role.GUEST,
            valid_from=timezone.localdate() - datetime.timedelta(days=10),
            valid_until=timezone.localdate() - datetime.timedelta(days=1),
        )  # fmt: skip
        f.staff(other, world.wernigerode, position=f"Referent:in {_i}")
    client.force_login(world.office)
    # Each + 1 for the second-factor device of the office's session.
    with django_assert_num_queries(8):
        assert client.get(reverse("cooperation:departed_persons")).status_code == 200
    with django_assert_num_queries(10):
        url = reverse("cooperation:person_anonymise", args=[person.pk])
        assert client.get(url).status_code == 200


def test_the_minutes_document_generated_afterwards_names_the_former_office(client, world):
    from documents import meeting_documents

    person, meeting, _decision = _departed(world)

    def minutes_html():
        return meeting_documents.render_html(
            meeting, kind="minutes", edition="internal", created=timezone.now(), author="GS"
        )

    assert NAME in minutes_html()
    _anonymise(client, world, person)
    html = minutes_html()
    _assert_no_trace(html)
    assert "ehem. Oberbürgermeister:in Halberstadt" in html
    assert "Die Oberbürgermeisterin berichtet." in html


def test_the_old_name_leaves_the_access_log_axes_and_the_lock_out_lifts(client, world):
    from axes.models import AccessAttempt

    from access.models import AccessEvent
    from accounts.models import LockoutLift

    person, _meeting, _decision = _departed(world)
    # Failed logins under the name in other capitals, a reset request with the address,
    # a lock lifted by the office: each keeps the name as typed.
    for typed in (USERNAME, USERNAME.upper()):
        Client().post(reverse("login"), {"username": typed, "password": "falsch"})
    Client().post(reverse("password_reset"), {"email": EMAIL})
    LockoutLift.objects.create(username=USERNAME, actor=world.office, reason="Anruf.")
    assert AccessAttempt.objects.filter(username__iexact=USERNAME).exists()
    assert AccessEvent.objects.filter(username__in=[USERNAME, USERNAME.upper(), EMAIL]).count() >= 3

    assert _anonymise(client, world, person).status_code == 302

    person.refresh_from_db()
    events = repr(list(AccessEvent.objects.values_list("username", "details")))
    lifts = repr(list(LockoutLift.objects.values()) + list(LockoutLift.history.values()))
    for text in (events, lifts):
        assert USERNAME not in text and USERNAME.upper() not in text and EMAIL not in text
    assert not AccessAttempt.objects.filter(username__iexact=USERNAME).exists()
    assert AccessEvent.objects.filter(username=person.username).count() >= 3
    assert LockoutLift.objects.get().username == person.username
