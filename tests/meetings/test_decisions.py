"""Decisions: recording with quorum and vote checks, progress, the follow-up list and
who sees decisions on non-public agenda items."""

import datetime

import pytest
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cooperation.models import Role
from meetings import selectors, services
from meetings.models import (
    AttendanceStatus,
    Decision,
    DecisionCounter,
    DecisionResult,
    DecisionStatus,
    MeetingStatus,
)
from tests import factories as f

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def create_url(item):
    return reverse("meetings:decision_create", args=[item.pk])


def progress_url(decision):
    return reverse("meetings:decision_progress", args=[decision.pk])


def list_url():
    return reverse("meetings:decision_list")


def decision_data(**overrides):
    data = {
        "title": "Radverkehrskonzept beauftragen",
        "text": "Die AG erarbeitet ein Radverkehrskonzept für die Kooperationsräume.",
        "votes_yes": "1",
        "votes_no": "0",
        "votes_abstain": "0",
        "due_date": "",
        "quorum_override_reason": "",
    }
    data.update(overrides)
    return data


def year_of(meeting):
    return timezone.localtime(meeting.starts_at).year


def record(world, item=None, **kwargs):
    kwargs.setdefault("title", "Beschluss")
    kwargs.setdefault("text", "Text")
    kwargs.setdefault("actor", world.office)
    kwargs.setdefault("votes_yes", 1)
    return services.decision_record(item=item or world.public_item, **kwargs)


def chair_who_records(world):
    """A chair who also works in the office: the only one who may record without a quorum.
    Their voting seat leaves the board without a quorum (1 of 2 seats present)."""
    chair = f.UserFactory(username="greta", display_name="Vorsitzende")
    f.membership(chair, world.board, Role.CHAIR, partner=world.wernigerode)
    f.membership(chair, world.board, Role.OFFICE, partner=world.rpg)
    return chair


# --- Recording ------------------------------------------------------------------------


def test_it_shows_the_quorum_and_the_voting_seats_on_the_form(client, world):
    client.force_login(world.office)
    response = client.get(create_url(world.public_item))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Beschlussfähig:" in content
    assert "1 von 1 stimmberechtigten Sitzen besetzt (1 erforderlich)." in content
    assert reverse("meetings:quorum", args=[world.meeting.pk]) in content  # polled live
    assert 'name="not_voting"' in content and "Oberbürgermeister:in" in content
    assert "AG Verkehrsinfrastruktur" in content  # commissioned groups to choose from


def test_it_records_a_decision_with_the_next_number(client, world):
    client.force_login(world.office)
    seat = world.board.memberships.get(user=world.board_member)
    due = TODAY() + datetime.timedelta(days=60)
    response = client.post(
        create_url(world.public_item),
        decision_data(
            votes_yes="1",
            not_voting=[str(seat.pk)],
            commissioned_groups=[str(world.working_group.pk)],
            due_date=due.isoformat(),
        ),
        follow=True,
    )
    year = year_of(world.meeting)
    decision = Decision.objects.get(title="Radverkehrskonzept beauftragen")
    assert response.redirect_chain == [(decision.get_absolute_url(), 302)]
    assert decision.number == f"KG-{year}/002"  # world.decision holds 001
    assert f"Beschluss KG-{year}/002 gefasst" in response.content.decode()
    assert (decision.votes_yes, decision.votes_no, decision.votes_abstain) == (1, 0, 0)
    assert decision.result == DecisionResult.ADOPTED
    assert list(decision.not_voting.all()) == [seat]
    assert list(decision.commissioned_groups.all()) == [world.working_group.body]
    assert decision.due_date == due
    assert decision.recorded_by == world.office
    assert decision.history.earliest().history_user == world.office


def test_it_refuses_a_decision_without_quorum_and_keeps_the_counter(client, world):
    meeting = f.MeetingFactory(body=world.board, status=MeetingStatus.INVITED)
    item = f.AgendaItemFactory(meeting=meeting)  # no attendance recorded: 0 of 1 seats
    counters = list(DecisionCounter.objects.values_list("body_id", "year", "last_number"))
    client.force_login(world.office)
    response = client.post(create_url(item), decision_data(votes_yes="0"))
    assert response.status_code == 400
    assert "nicht beschlussfähig" in response.content.decode()
    assert not Decision.objects.filter(agenda_item=item).exists()
    assert list(DecisionCounter.objects.values_list("body_id", "year", "last_number")) == counters


def test_it_lets_the_chair_record_without_quorum_with_a_reason(client, world):
    chair = chair_who_records(world)
    client.force_login(chair)
    page = client.get(create_url(world.public_item)).content.decode()
    assert "Nicht beschlussfähig:" in page
    assert "Als Vorsitz können Sie den Beschluss dennoch erfassen" in page
    response = client.post(
        create_url(world.public_item),
        decision_data(quorum_override_reason="Eilbedürftig: Förderfrist endet morgen."),
    )
    decision = Decision.objects.get(title="Radverkehrskonzept beauftragen")
    assert response.status_code == 302
    assert decision.quorum_override_reason == "Eilbedürftig: Förderfrist endet morgen."
    detail = client.get(decision.get_absolute_url()).content.decode()
    assert "Ohne Beschlussfähigkeit beschlossen." in detail
    assert "Eilbedürftig: Förderfrist endet morgen." in detail


def test_it_lets_a_chair_outside_the_office_record_without_quorum(client, world):
    chair = f.UserFactory(username="hugo", display_name="Vorsitz ohne Geschäftsstelle")
    f.membership(chair, world.board, Role.CHAIR, partner=world.wernigerode)
    client.force_login(chair)
    response = client.post(
        create_url(world.public_item),
        decision_data(quorum_override_reason="Dringlichkeit nach § 4 der Geschäftsordnung."),
    )
    assert response.status_code == 302
    decision = Decision.objects.get(title="Radverkehrskonzept beauftragen")
    assert decision.recorded_by == chair
    assert decision.quorum_override_reason


def test_the_reason_to_decide_without_quorum_is_asked_only_when_it_can_apply(client, world):
    field = 'name="quorum_override_reason"'
    client.force_login(world.office)
    with_quorum = client.get(create_url(world.public_item)).content.decode()
    chair = chair_who_records(world)  # the board now lacks a quorum
    office_without = client.get(create_url(world.public_item)).content.decode()
    client.force_login(chair)
    chair_without = client.get(create_url(world.public_item)).content.decode()

    assert field not in with_quorum  # the body has a quorum
    assert field not in office_without  # the office may not override it
    assert field in chair_without


def test_it_refuses_the_recording_form_to_a_plain_board_member(client, world):
    client.force_login(world.board_member)
    assert client.get(create_url(world.public_item)).status_code == 403


def test_it_asks_the_chair_for_a_reason_to_decide_without_quorum(client, world):
    chair = chair_who_records(world)
    client.force_login(chair)
    response = client.post(create_url(world.public_item), decision_data())
    assert response.status_code == 400
    assert "nicht beschlussfähig" in response.content.decode()
    assert Decision.objects.count() == 1


def test_it_refuses_the_override_of_the_office(client, world):
    chair_who_records(world)  # the board now lacks a quorum
    client.force_login(world.office)
    page = client.get(create_url(world.public_item)).content.decode()
    assert "Nur der Vorsitz kann einen Beschluss ohne Beschlussfähigkeit erfassen" in page
    response = client.post(
        create_url(world.public_item), decision_data(quorum_override_reason="Es eilt.")
    )
    assert response.status_code == 400
    assert "Nur der Vorsitz" in response.content.decode()
    assert Decision.objects.count() == 1


def test_it_refuses_more_votes_than_seats_present(client, world):
    client.force_login(world.office)
    response = client.post(
        create_url(world.public_item), decision_data(votes_yes="1", votes_no="1")
    )
    assert response.status_code == 400
    assert "Gezählte Stimmen: 2; anwesende stimmberechtigte Sitze: 1." in (
        response.content.decode()
    )
    assert Decision.objects.count() == 1


def test_it_refuses_a_seat_of_another_body_as_not_voting(client, world):
    other_seat = world.working_group.body.memberships.get(user=world.wg_member)
    client.force_login(world.office)
    response = client.post(
        create_url(world.public_item), decision_data(not_voting=[str(other_seat.pk)])
    )
    assert response.status_code == 400
    assert Decision.objects.count() == 1


def test_it_answers_409_for_a_meeting_with_approved_minutes(client, world):
    world.meeting.status = MeetingStatus.MINUTES_APPROVED
    world.meeting.save()
    client.force_login(world.office)
    response = client.post(create_url(world.public_item), decision_data())
    assert response.status_code == 409
    assert 'class="error-summary" role="alert"' in response.content.decode()
    assert Decision.objects.count() == 1


# --- Decision page and progress -------------------------------------------------------


def test_it_shows_vote_groups_and_an_overdue_due_date_in_words(client, world):
    decision = record(
        world,
        title="Bestandsaufnahme Bahnhöfe",
        votes_yes=1,
        commissioned_groups=[world.working_group.body],
        due_date=TODAY() - datetime.timedelta(days=3),
    )
    client.force_login(world.board_member)
    response = client.get(decision.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert decision.number in content and "Bestandsaufnahme Bahnhöfe" in content
    assert "Überfällig:" in content and "überfällig" in content
    assert "AG Verkehrsinfrastruktur" in content
    assert "Änderungsverlauf" in content
    assert "Fortschritt erfassen" not in content  # a plain member does not update


def test_it_reads_the_seats_not_voting_and_the_groups_only_when_the_decision_has_any(
    client, world, django_assert_max_num_queries
):
    """The decision's row says whether any seat did not vote and whether it commissioned
    any groups; a decision with neither reads neither and shows the same "none" as
    before."""
    seat = world.board.memberships.get(user=world.board_member)
    with_both = record(
        world, title="Mit allem", not_voting=[seat], commissioned_groups=[world.working_group.body]
    )
    with_none = record(world, title="Ohne alles")
    client.force_login(world.board_member)
    client.get(with_none.get_absolute_url())  # content types and the like cached

    def page(decision):
        with django_assert_max_num_queries(100) as captured:
            content = client.get(decision.get_absolute_url()).content.decode()
        queries = [q["sql"] for q in captured.captured_queries]
        return content, queries

    both, both_queries = page(with_both)
    none, none_queries = page(with_none)
    assert "AG Verkehrsinfrastruktur" in both and "Oberbürgermeister:in" in both
    assert "niemand vermerkt" in none and "niemand vermerkt" not in both
    assert "<dd>keine</dd>" in none
    # The many-to-many prefetches (the seats' and the groups') are the two left out.
    assert sum("_prefetch_related_val_decision_id" in q for q in both_queries) == 2
    assert not any("_prefetch_related_val_decision_id" in q for q in none_queries)


def test_it_lets_the_lead_of_a_commissioned_group_record_progress(client, world):
    lead = f.UserFactory(username="hanna", display_name="AG-Leitung")
    f.membership(lead, world.working_group.body, Role.LEAD, partner=world.halberstadt)
    client.force_login(lead)
    assert "Fortschritt erfassen" in client.get(world.decision.get_absolute_url()).content.decode()
    yesterday = TODAY() - datetime.timedelta(days=1)
    response = client.post(
        progress_url(world.decision),
        {"date": yesterday.isoformat(), "status": DecisionStatus.IN_PROGRESS, "note": "Begonnen."},
    )
    assert response.status_code == 302
    assert response.url == world.decision.get_absolute_url()
    world.decision.refresh_from_db()
    assert world.decision.status == DecisionStatus.IN_PROGRESS
    entry = world.decision.progress.get()
    assert (entry.author, entry.date, entry.note) == (lead, yesterday, "Begonnen.")
    page = client.get(world.decision.get_absolute_url()).content.decode()
    assert "Begonnen." in page and "AG-Leitung" in page


def test_it_refuses_progress_from_a_plain_group_member(client, world):
    client.force_login(world.wg_member)
    data = {"date": TODAY().isoformat(), "status": DecisionStatus.DONE, "note": "Fertig."}
    assert client.get(progress_url(world.decision)).status_code == 403
    assert client.post(progress_url(world.decision), data).status_code == 403
    world.decision.refresh_from_db()
    assert world.decision.status == DecisionStatus.OPEN
    assert not world.decision.progress.exists()


def test_it_refuses_a_progress_date_in_the_future(client, world):
    client.force_login(world.office)
    tomorrow = TODAY() + datetime.timedelta(days=1)
    response = client.post(
        progress_url(world.decision),
        {"date": tomorrow.isoformat(), "status": DecisionStatus.DONE, "note": "Fertig."},
    )
    assert response.status_code == 400
    assert "Das Datum darf nicht in der Zukunft liegen." in response.content.decode()
    world.decision.refresh_from_db()
    assert world.decision.status == DecisionStatus.OPEN


# --- Follow-up list -------------------------------------------------------------------


@pytest.fixture
def follow_up(world):
    """Decisions of two bodies with different states and due dates."""
    other_group = f.WorkingGroupFactory(body__name="AG Gesundheit", body__short_code="AGG")
    overdue = record(
        world,
        title="Überfälliger Auftrag",
        commissioned_groups=[world.working_group.body],
        due_date=TODAY() - datetime.timedelta(days=10),
    )
    done_late = record(
        world, title="Erledigter Auftrag", due_date=TODAY() - datetime.timedelta(days=20)
    )
    services.decision_progress_add(
        decision=done_late, note="Erledigt.", status=DecisionStatus.DONE, actor=world.office
    )
    later = record(
        world,
        title="Späterer Auftrag",
        commissioned_groups=[other_group.body],
        due_date=TODAY() + datetime.timedelta(days=90),
    )
    group_meeting = f.MeetingFactory(body=world.working_group.body, status=MeetingStatus.HELD)
    group_item = f.AgendaItemFactory(meeting=group_meeting)
    group_decision = services.decision_record(
        votes_yes=1, item=group_item, title="AG-Beschluss", text="Text", actor=world.office
    )
    return {
        "overdue": overdue,
        "done_late": done_late,
        "later": later,
        "group_decision": group_decision,
        "other_group": other_group,
    }


def titles(response):
    return [d.title for d in response.context["decisions"]]


def test_it_sorts_by_due_date_and_highlights_overdue_decisions(client, world, follow_up):
    client.force_login(world.board_member)
    response = client.get(list_url())
    assert response.status_code == 200
    assert titles(response) == [
        "Erledigter Auftrag",
        "Überfälliger Auftrag",
        "Späterer Auftrag",
        "AG-Beschluss",  # no due date: last, by number (AGI-… before KG-…)
        "Arbeitsgruppe beauftragen",
    ]
    content = response.content.decode()
    assert content.count('class="overdue"') == 1  # the done one is not overdue
    assert content.count(">überfällig</span>") == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"ueberfaellig": "on"}, ["Überfälliger Auftrag"]),
        ({"status": "done"}, ["Erledigter Auftrag"]),
        ({"arbeitsgruppe": "OTHER"}, ["Späterer Auftrag"]),
        ({"arbeitsgruppe": "WG"}, ["Überfälliger Auftrag", "Arbeitsgruppe beauftragen"]),
        ({"gremium": "WG"}, ["AG-Beschluss"]),
        ({"gremium": "BOARD", "status": "open", "ueberfaellig": "on"}, ["Überfälliger Auftrag"]),
    ],
)
def test_it_filters_the_follow_up_list(client, world, follow_up, query, expected):
    ids = {
        "OTHER": follow_up["other_group"].pk,
        "WG": world.working_group.pk,
        "BOARD": world.board.pk,
    }
    client.force_login(world.board_member)
    response = client.get(list_url(), {k: ids.get(v, v) for k, v in query.items()})
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    "query",
    [{"status": "vertagt"}, {"gremium": "abc"}, {"gremium": "999999"}, {"arbeitsgruppe": "BOARD"}],
)
def test_it_answers_400_for_invalid_filter_values(client, world, follow_up, query):
    if query.get("arbeitsgruppe") == "BOARD":
        query = {"arbeitsgruppe": world.board.pk}  # the board is no working group
    client.force_login(world.board_member)
    response = client.get(list_url(), query)
    assert response.status_code == 400
    assert "Ein Filterwert ist ungültig" in response.content.decode()
    assert len(titles(response)) == 5  # all decisions, unfiltered


def test_it_pages_the_follow_up_list(client, world):
    for i in range(25):
        record(world, title=f"Beschluss {i}", votes_yes=1)
    client.force_login(world.board_member)
    first = client.get(list_url())
    second = client.get(list_url(), {"seite": 2})
    assert len(titles(first)) == 25 and len(titles(second)) == 1
    assert "Seite 1 von 2" in first.content.decode()


# --- Confidentiality ------------------------------------------------------------------


def test_it_hides_decisions_on_non_public_items_from_other_bodies(client, world):
    secret = record(world, item=world.confidential_item, title="Personalentscheidung")
    for persona in ("wg_member", "admin_halberstadt"):
        client.force_login(world.personas[persona])
        assert "Personalentscheidung" not in titles(client.get(list_url()))
        assert client.get(secret.get_absolute_url()).status_code == 404
        assert client.get(progress_url(secret)).status_code == 404
    for persona in ("board_member", "office"):
        client.force_login(world.personas[persona])
        assert "Personalentscheidung" in titles(client.get(list_url()))
        assert client.get(secret.get_absolute_url()).status_code == 200


def test_it_hides_the_non_public_item_from_the_recording_form(client, world):
    client.force_login(world.wg_member)
    assert client.get(create_url(world.confidential_item)).status_code == 404


# --- Dashboard feed and meeting partial -----------------------------------------------


def test_it_lists_open_decisions_due_soon_for_the_users_bodies(world):
    soon = record(world, title="Bald fällig", due_date=TODAY() + datetime.timedelta(days=30))
    overdue = record(
        world,
        title="Überfällig",
        due_date=TODAY() - datetime.timedelta(days=5),
        commissioned_groups=[world.working_group.body],
    )
    record(world, title="Später fällig", due_date=TODAY() + datetime.timedelta(days=31))
    done = record(world, title="Erledigt", due_date=TODAY())
    services.decision_progress_add(
        decision=done, note="Erledigt.", status=DecisionStatus.DONE, actor=world.office
    )
    record(
        world,
        item=world.confidential_item,
        title="Vertraulich und fällig",
        due_date=TODAY(),
        commissioned_groups=[world.working_group.body],
    )

    board_feed = [d.title for d in selectors.decisions_due_for_user(world.board_member)[0]]
    assert board_feed == ["Überfällig", "Vertraulich und fällig", "Bald fällig"]
    # The working group sees what it was commissioned with, but nothing non-public.
    assert selectors.decisions_due_for_user(world.wg_member) == ([overdue], 1)
    assert selectors.decisions_due_for_user(world.admin_halberstadt) == ([], 0)
    assert soon in selectors.decisions_due_for_user(world.office)[0]


def test_it_renders_the_meeting_decisions_partial(world):
    overdue = record(world, title="Fristsache", due_date=TODAY() - datetime.timedelta(days=1))
    html = render_to_string(
        "meetings/partials/decisions.html",
        {"decisions": [world.decision, overdue], "meeting": world.meeting, "can_manage": True},
    )
    assert world.decision.number in html and overdue.number in html
    assert "1 Ja, 0 Nein, 0 Enthaltungen" in html
    assert html.count(">überfällig</span>") == 1
    empty = render_to_string(
        "meetings/partials/decisions.html",
        {"decisions": [], "meeting": world.meeting, "can_manage": False},
    )
    assert "Bisher wurden in dieser Sitzung keine Beschlüsse gefasst." in empty


def test_it_counts_a_represented_seat_for_the_quorum(client, world):
    """The form's vote check uses the live quorum: a deputy present counts for the seat."""
    meeting = f.MeetingFactory(body=world.board, status=MeetingStatus.HELD)
    item = f.AgendaItemFactory(meeting=meeting)
    seat = world.board.memberships.get(user=world.board_member)
    deputy_user = f.UserFactory(username="ida", display_name="Stellvertretung")
    deputy = f.membership(
        deputy_user, world.board, Role.DEPUTY_MEMBER, partner=world.halberstadt, deputy_for=seat
    )
    services.attendance_record(
        meeting=meeting,
        entries=[(seat, AttendanceStatus.REPRESENTED, deputy)],
        actor=world.office,
    )
    client.force_login(world.office)
    response = client.post(create_url(item), decision_data())
    assert response.status_code == 302


def test_visible_decisions_is_one_filter_not_two_querysets_combined(world, monkeypatch):
    """The same rows as `public() | filter(body__in=…)`, built as one filter: combining
    two querysets cost the overview and the dashboard hundreds of calls (issue 13)."""
    hidden = record(world, item=world.confidential_item, title="Vertraulicher Beschluss")
    members = selectors.visible_decisions(world.board_member)
    outsiders = selectors.visible_decisions(world.wg_member)
    public = set(Decision.objects.filter(agenda_item__is_public=True).values_list("pk", flat=True))
    assert set(members.values_list("pk", flat=True)) == public | {hidden.pk}
    assert set(outsiders.values_list("pk", flat=True)) == public
    assert hidden.pk not in public

    def combined(self, other):
        raise AssertionError("two querysets combined")

    monkeypatch.setattr(QuerySet, "__or__", combined)
    assert set(selectors.visible_decisions(world.board_member).values_list("pk", flat=True)) == (
        public | {hidden.pk}
    )
