"""Priority rounds: who casts a partner's ballot, what is hidden until the deadline,
changes until the deadline, the aggregate, and the history of every ballot."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.errors import Conflict
from priorities import selectors, services
from priorities.models import Ballot, PriorityRound
from priorities.permissions import ballot_seat

from .helpers import cast, end, open_round

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world_options():
    return {"deputy_and_chair": True}


def _ballot_url(round_):
    return reverse("priorities:ballot", args=[round_.pk])


def _form(round_, distribution):
    topics = list(round_.topics.order_by("position", "pk"))
    return {f"thema_{t.pk}": str(n) for t, n in zip(topics, distribution, strict=True)}


def _counts():
    return (Ballot.objects.count(), Ballot.history.count())


# --- Who casts the ballot ------------------------------------------------------------------


def test_it_lets_the_board_member_and_the_deputy_cast_their_partners_ballot(world):
    round_ = open_round(world)
    member = ballot_seat(world.board_member, round_)
    deputy = ballot_seat(world.deputy, round_)
    chair = ballot_seat(world.chair, round_)
    assert (member.partner, member.as_deputy) == (world.halberstadt, False)
    assert (deputy.partner, deputy.as_deputy) == (world.halberstadt, True)
    assert chair.partner == world.wernigerode
    for persona in ("office", "admin_halberstadt", "wg_member", "wg_lead", "no_membership"):
        assert ballot_seat(world.personas[persona], round_) is None, persona


def test_it_keeps_one_ballot_per_partner_with_the_deputy_recorded(world):
    round_ = open_round(world)
    cast(round_, world.board_member, [4, 3, 2, 1])
    ballot = cast(round_, world.deputy, [0, 0, 5, 5])
    assert Ballot.objects.filter(round=round_).count() == 1
    assert (ballot.partner, ballot.cast_by, ballot.as_deputy) == (
        world.halberstadt,
        world.deputy,
        True,
    )


@pytest.mark.parametrize("persona", ["office", "admin_halberstadt", "wg_member", "wg_lead"])
def test_it_refuses_the_ballot_of_anyone_without_a_seat(client, world, persona):
    round_ = open_round(world)
    client.force_login(world.personas[persona])
    before = _counts()
    assert client.get(_ballot_url(round_)).status_code == 403
    response = client.post(_ballot_url(round_), _form(round_, [10, 0, 0, 0]))
    assert response.status_code == 403
    assert _counts() == before


def test_it_sends_anonymous_visitors_to_the_login_and_hides_rounds_from_non_members(client, world):
    round_ = open_round(world)
    before = _counts()
    response = client.post(_ballot_url(round_), _form(round_, [10, 0, 0, 0]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client.force_login(world.no_membership)
    assert client.post(_ballot_url(round_), _form(round_, [10, 0, 0, 0])).status_code == 403
    assert _counts() == before


# --- Hidden until the deadline ----------------------------------------------------------


SECRET = "Stimmverteilung"


def _round_with_ballots(world):
    round_ = open_round(world, measures=("Radwegenetz", "Ärztehaus", "Breitband"))
    cast(round_, world.board_member, [1, 2, 3, 4])  # Halberstadt
    cast(round_, world.chair, [7, 0, 0, 3])  # Wernigerode
    return round_


def _page(client, user, round_):
    client.force_login(user)
    response = client.get(round_.get_absolute_url())
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("persona", ["chair", "office", "wg_member", "admin_wernigerode"])
def test_it_hides_how_others_voted_until_the_deadline(client, world, persona):
    round_ = _round_with_ballots(world)
    response = _page(client, world.personas[persona], round_)
    assert not response.context["ballots_visible"]
    assert "results" not in response.context and "partner_rows" not in response.context
    html = response.content.decode()
    # Who has voted is shown, how is not: Halberstadt's 4 points for Breitband appear
    # nowhere (the chair sees Wernigerode's own ballot only).
    assert "Stadt Halberstadt: abgestimmt" in html
    assert "Breitband: 4" not in html and "Ärztehaus: 2" not in html
    assert "chart-priorities" not in html
    for record, _points in response.context["history_rows"]:
        assert record.partner_id != world.halberstadt.pk


def test_it_shows_the_partner_its_own_ballot_before_the_deadline(client, world):
    round_ = _round_with_ballots(world)
    html = _page(client, world.deputy, round_).content.decode()
    assert "Breitband: 4" in html
    assert "Breitband: 3" not in html  # Wernigerode's


def test_anonymous_visitors_see_nothing_of_a_round(client, world):
    round_ = _round_with_ballots(world)
    response = client.get(round_.get_absolute_url())
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    end(round_)
    response = client.get(round_.get_absolute_url())
    assert response.status_code == 302


@pytest.mark.parametrize("persona", ["chair", "office", "wg_member", "admin_wernigerode"])
def test_it_shows_every_ballot_and_the_aggregate_after_the_deadline(client, world, persona):
    round_ = end(_round_with_ballots(world))
    response = _page(client, world.personas[persona], round_)
    assert response.context["ballots_visible"]
    rows = {row.partner.name: row.points for row in response.context["partner_rows"]}
    assert rows == {"Stadt Halberstadt": [1, 2, 3, 4], "Stadt Wernigerode": [7, 0, 0, 3]}
    html = response.content.decode()
    assert 'id="chart-priorities-' in html and "<svg" in html


def test_it_computes_the_aggregate_with_shared_ranks(world):
    round_ = _round_with_ballots(world)
    end(round_)
    data = selectors.result(round_)
    totals = [(r.topic.title, r.total, r.partners, r.rank) for r in data["results"]]
    area = world.working_group.function_area.name
    assert totals == [
        (area, 8, 2, 1),
        ("Breitband", 7, 2, 2),
        ("Ärztehaus", 3, 1, 3),
        ("Radwegenetz", 2, 1, 4),
    ]
    assert data["points_cast"] == 20
    tie = open_round(world, title="Gleichstand", points=2)
    cast(tie, world.board_member, [1, 1, 0, 0])
    end(tie)
    assert [r.rank for r in selectors.result(tie)["results"]] == [1, 1, 3, 3]


# --- Changes until the deadline -------------------------------------------------------


def test_it_lets_the_partner_change_its_ballot_until_the_deadline_and_refuses_after(client, world):
    deadline = timezone.now() + datetime.timedelta(days=2)
    round_ = open_round(world, deadline=deadline)
    client.force_login(world.board_member)
    assert client.post(_ballot_url(round_), _form(round_, [10, 0, 0, 0])).status_code == 302
    assert client.post(_ballot_url(round_), _form(round_, [0, 0, 0, 10])).status_code == 302
    ballot = Ballot.objects.get(round=round_)
    assert list(ballot.points.values()) == [10] and ballot.history.count() == 2
    with time_machine.travel(deadline + datetime.timedelta(minutes=1)):
        client.force_login(world.board_member)
        before = _counts()
        response = client.post(_ballot_url(round_), _form(round_, [5, 5, 0, 0]))
        assert response.status_code == 409
        assert "beendet" in response.content.decode()
        assert _counts() == before


def test_a_round_closed_early_refuses_ballots(world):
    round_ = open_round(world)
    closed = services.round_close(round_=round_, actor=world.office)
    assert closed.finished and closed.closed_at < closed.deadline
    with pytest.raises(Conflict):
        cast(round_, world.board_member, [10, 0, 0, 0])
    assert not Ballot.objects.filter(round=round_).exists()


def test_every_ballot_keeps_its_history_with_the_acting_user(world):
    round_ = open_round(world)
    cast(round_, world.board_member, [10, 0, 0, 0])
    cast(round_, world.deputy, [0, 10, 0, 0])
    records = list(Ballot.history.filter(round_id=round_.pk).order_by("history_id"))
    assert [(r.history_user, r.history_change_reason) for r in records] == [
        (world.board_member, "Stimme abgegeben"),
        (world.deputy, "Stimme geändert"),
    ]
    topics = list(round_.topics.order_by("position"))
    assert records[0].points == {str(topics[0].pk): 10}
    assert records[1].points == {str(topics[1].pk): 10}


def test_the_history_is_shown_to_everyone_after_the_deadline(client, world):
    round_ = _round_with_ballots(world)
    end(round_)
    html = _page(client, world.wg_member, round_).content.decode()
    assert "Oberbürgermeister:in" in html and "Vorsitz Kooperationsgremium" in html
    assert "Stimme abgegeben" in html


# --- Bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (["5", "0", "0", "0"], "genau 10"),
        (["6", "6", "0", "0"], "genau 10"),
        (["-1", "11", "0", "0"], "größer oder gleich 0"),
        (["x", "10", "0", "0"], "ganze Zahl"),
        (["11", "0", "0", "0"], "kleiner oder gleich 10"),
    ],
)
def test_it_refuses_a_bad_ballot_in_german_and_saves_nothing(client, world, values, message):
    round_ = open_round(world)
    client.force_login(world.board_member)
    topics = list(round_.topics.order_by("position"))
    data = {f"thema_{t.pk}": v for t, v in zip(topics, values, strict=True)}
    before = _counts()
    response = client.post(_ballot_url(round_), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _counts() == before


def test_the_service_refuses_topics_of_another_round_and_wrong_sums(world):
    round_ = open_round(world)
    other = open_round(world, title="Andere Runde")
    seat = ballot_seat(world.board_member, round_)
    foreign = other.topics.first()
    with pytest.raises(ValidationError):
        services.ballot_cast(round_=round_, seat=seat, points={foreign.pk: 10}, actor=None)
    first = round_.topics.first()
    with pytest.raises(ValidationError) as error:
        services.ballot_cast(round_=round_, seat=seat, points={first.pk: 9}, actor=None)
    assert error.value.messages[0].startswith("Die Punkte müssen zusammen genau 10")
    assert not Ballot.objects.exists()


def _round_data(world, **changes):
    data = {
        "title": "Schwerpunkte 2028",
        "description": "",
        "deadline": (timezone.localtime() + datetime.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"),
        "points_total": "10",
        "function_areas": [str(world.working_group.function_area_id)],
        "measures": "Radwegenetz\nÄrztehaus",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"measures": "Radwegenetz\nradwegenetz"}, "nur einmal"),
        ({"function_areas": [], "measures": "Radwegenetz"}, "mindestens 2"),
        ({"deadline": "2020-01-01T10:00"}, "in der Zukunft"),
        ({"deadline": "2200-01-01T10:00"}, "2100"),
        ({"points_total": "0"}, "größer oder gleich 1"),
        ({"points_total": "1000"}, "kleiner oder gleich 100"),
        ({"title": ""}, "zwingend erforderlich"),
    ],
)
def test_it_refuses_a_bad_round_in_german_and_saves_nothing(client, world, changes, message):
    client.force_login(world.office)
    before = (PriorityRound.objects.count(), PriorityRound.history.count())
    response = client.post(reverse("priorities:round_create"), _round_data(world, **changes))
    assert response.status_code == 400, response.status_code
    assert message in response.content.decode()
    assert (PriorityRound.objects.count(), PriorityRound.history.count()) == before


def test_the_office_opens_edits_and_closes_a_round_through_the_pages(client, world):
    client.force_login(world.office)
    response = client.post(reverse("priorities:round_create"), _round_data(world))
    assert response.status_code == 302
    round_ = PriorityRound.objects.get(title="Schwerpunkte 2028")
    assert [t.title for t in round_.topics.order_by("position")] == [
        world.working_group.function_area.name,
        "Radwegenetz",
        "Ärztehaus",
    ]
    update = reverse("priorities:round_update", args=[round_.pk])
    data = _round_data(world, title="Schwerpunkte 2028/29", measures="Radwegenetz\nBreitband")
    assert client.post(update, data).status_code == 302
    round_.refresh_from_db()
    assert round_.title == "Schwerpunkte 2028/29"
    assert "Breitband" in [t.title for t in round_.topics.all()]
    cast(round_, world.board_member, [10, 0, 0])
    # Once a ballot is in, the topics stay as they are (409), the title may change.
    response = client.post(update, _round_data(world, measures="Radwegenetz"))
    assert response.status_code == 409
    close = reverse("priorities:round_close", args=[round_.pk])
    assert client.post(close, {}).status_code == 400  # not confirmed
    assert not PriorityRound.objects.get(pk=round_.pk).closed_at
    assert client.post(close, {"confirm": "on"}).status_code == 302
    assert PriorityRound.objects.get(pk=round_.pk).finished
    assert client.post(close, {"confirm": "on"}).status_code == 409


def test_the_ballots_a_person_cast_are_in_their_personal_data(world):
    from core import personal_data

    round_ = open_round(world)
    cast(round_, world.deputy, [10, 0, 0, 0])
    cast(round_, world.deputy, [0, 10, 0, 0])
    data = personal_data.collect(world.deputy)["sections"]["priorities"]["data"]
    rows = data["ballots_cast"]
    assert [(r["round__title"], r["partner__name"], r["as_deputy"]) for r in rows] == [
        ("Schwerpunkte 2027", "Stadt Halberstadt", True)
    ] * 2
    assert personal_data.collect(world.office)["sections"]["priorities"]["data"] == {
        "ballots_cast": []
    }
