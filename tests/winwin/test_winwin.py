"""Issue 15, item 1: the partners' needs and offers, and the win-win view."""

import pytest
from django.urls import reverse

from meetings.models import AgendaProposal
from winwin import services
from winwin.models import EntryKind, PartnerProfile, ProfileEntry, Urgency
from workinggroups.models import Finding, FindingStatus, FindingType

pytestmark = pytest.mark.django_db


def _function(world):
    return world.facility_halberstadt.central_function


def _area(world):
    return world.working_group.function_area


def offer(world, partner=None, **data):
    return services.entry_create(
        partner=partner or world.halberstadt,
        kind=EntryKind.OFFER,
        central_function=data.pop("central_function", _function(world)),
        title=data.pop("title", "Umsteigeknoten mit freien Bahnsteigkapazitäten"),
        capacity=data.pop("capacity", "zwei zusätzliche Regionalzüge je Stunde"),
        conditions=data.pop("conditions", "Abstimmung mit dem Land über die Bestellung"),
        actor=world.admin_halberstadt,
        **data,
    )


def need(world, partner=None, **data):
    return services.entry_create(
        partner=partner or world.wernigerode,
        kind=EntryKind.NEED,
        central_function=data.pop("central_function", _function(world)),
        title=data.pop("title", "Anschluss an den Regionalverkehr am Abend"),
        urgency=data.pop("urgency", Urgency.HIGH),
        actor=world.admin_wernigerode,
        **data,
    )


def _entry_data(world, **changes):
    return {
        "central_function": _function(world).pk,
        "title": "Fachärztliche Sprechstunden",
        "description": "Zwei Tage je Woche im Ärztehaus.",
        "urgency": Urgency.MEDIUM,
        **changes,
    }


def _offer_data(world, **changes):
    return {
        "central_function": _function(world).pk,
        "title": "Gastspiele des Theaters",
        "description": "",
        "capacity": "vier Gastspiele je Spielzeit",
        "conditions": "Bühne ab 8 m Breite",
        **changes,
    }


# --- Keeping the profile ---------------------------------------------------------------


def test_it_lets_a_partners_administrator_add_an_offer_and_shows_it_matched(client, world):
    need(world)
    client.force_login(world.admin_halberstadt)
    url = reverse("winwin:entry_create", args=[world.halberstadt.pk, "angebot"])
    response = client.post(url, _offer_data(world))
    assert response.status_code == 302
    assert response.url == reverse("winwin:area", args=[_area(world).pk])
    entry = ProfileEntry.objects.get(title="Gastspiele des Theaters")
    assert (entry.partner, entry.kind) == (world.halberstadt, EntryKind.OFFER)
    page = client.get(response.url).content.decode()
    matches = page[page.index('id="matches"') : page.index('id="offers"')]
    assert "Gastspiele des Theaters" in matches
    assert "Anschluss an den Regionalverkehr am Abend" in matches
    assert "Wernigerode" in matches and "Halberstadt" in matches


def test_it_records_the_acting_user_in_the_history(client, world):
    client.force_login(world.admin_wernigerode)
    url = reverse("winwin:entry_create", args=[world.wernigerode.pk, "bedarf"])
    assert client.post(url, _entry_data(world)).status_code == 302
    entry = ProfileEntry.objects.get()
    client.post(
        reverse("winwin:entry_update", args=[entry.pk]),
        _entry_data(world, urgency=Urgency.HIGH),
    )
    records = list(entry.history.order_by("history_id"))
    assert [r.history_type for r in records] == ["+", "~"]
    assert {r.history_user for r in records} == {world.admin_wernigerode}
    assert records[-1].urgency == Urgency.HIGH
    page = client.get(entry.get_absolute_url()).content.decode()
    assert "Partneradministration Wernigerode" in page  # the history section names them


def test_it_saves_strengths_and_weaknesses_with_history(client, world):
    client.force_login(world.admin_halberstadt)
    url = reverse("winwin:profile_update", args=[world.halberstadt.pk])
    data = {"strengths": "Klinikum mit Fachabteilungen", "weaknesses": "Kein Fernverkehrshalt"}
    assert client.post(url, data).status_code == 302
    client.post(url, {**data, "weaknesses": "Kein ICE-Halt"})
    profile = PartnerProfile.objects.get(partner=world.halberstadt)
    assert profile.weaknesses == "Kein ICE-Halt"
    assert [r.history_user for r in profile.history.all()] == [world.admin_halberstadt] * 2
    page = client.get(reverse("winwin:profile", args=[world.halberstadt.pk])).content.decode()
    assert "Klinikum mit Fachabteilungen" in page and "Kein ICE-Halt" in page


def test_partner_as_administrator_cannot_change_partner_bs_profile(client, world):
    entry = need(world)
    client.force_login(world.admin_halberstadt)
    before = list(ProfileEntry.history.values_list("history_id", flat=True))
    answers = [
        client.post(
            reverse("winwin:entry_update", args=[entry.pk]), _entry_data(world, title="Übernommen")
        ),
        client.post(reverse("winwin:entry_delete", args=[entry.pk])),
        client.post(
            reverse("winwin:entry_create", args=[world.wernigerode.pk, "bedarf"]),
            _entry_data(world),
        ),
        client.post(
            reverse("winwin:profile_update", args=[world.wernigerode.pk]),
            {"strengths": "Fremd", "weaknesses": ""},
        ),
        client.get(reverse("winwin:entry_update", args=[entry.pk])),
    ]
    assert [a.status_code for a in answers] == [403] * 5
    entry.refresh_from_db()
    assert entry.title == "Anschluss an den Regionalverkehr am Abend"
    assert ProfileEntry.objects.count() == 1
    assert list(ProfileEntry.history.values_list("history_id", flat=True)) == before
    assert not PartnerProfile.objects.exists()
    # Reading is open to every member: the page has no edit links for them.
    page = client.get(reverse("winwin:profile", args=[world.wernigerode.pk])).content.decode()
    assert "Anschluss an den Regionalverkehr am Abend" in page
    assert reverse("winwin:entry_create", args=[world.wernigerode.pk, "bedarf"]) not in page


@pytest.mark.parametrize("persona", ["office", "board_member", "wg_member"])
def test_other_personas_read_but_do_not_keep_a_profile(client, world, persona):
    entry = offer(world)
    client.force_login(getattr(world, persona))
    assert client.get(reverse("winwin:profile", args=[world.halberstadt.pk])).status_code == 200
    response = client.post(
        reverse("winwin:entry_update", args=[entry.pk]), _offer_data(world, title="Geändert")
    )
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.title == "Umsteigeknoten mit freien Bahnsteigkapazitäten"


def test_anonymous_visitors_are_sent_to_the_login(client, world):
    entry = offer(world)
    for url in (
        reverse("winwin:profile", args=[world.halberstadt.pk]),
        reverse("winwin:area", args=[_area(world).pk]),
        entry.get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    response = client.post(reverse("winwin:entry_update", args=[entry.pk]), _offer_data(world))
    assert response.status_code == 302
    assert ProfileEntry.objects.get().title == "Umsteigeknoten mit freien Bahnsteigkapazitäten"


def test_a_withdrawn_entry_stays_in_the_history(client, world):
    entry = offer(world)
    client.force_login(world.admin_halberstadt)
    response = client.post(reverse("winwin:entry_delete", args=[entry.pk]))
    assert response.status_code == 302
    assert not ProfileEntry.objects.exists()
    deleted = ProfileEntry.history.get(history_type="-")
    assert deleted.history_user == world.admin_halberstadt


@pytest.mark.parametrize(
    ("kind", "changes", "field"),
    [
        ("bedarf", {"urgency": ""}, "urgency"),
        ("bedarf", {"urgency": "9"}, "urgency"),
        ("bedarf", {"title": ""}, "title"),
        ("bedarf", {"title": "Zwei\nZeilen"}, "title"),
        ("bedarf", {"central_function": "999999"}, "central_function"),
        ("bedarf", {"description": "x" * 2001}, "description"),
        ("angebot", {"conditions": "x" * 2001}, "conditions"),
        ("angebot", {"capacity": "x" * 201}, "capacity"),
    ],
)
def test_bad_input_is_refused_in_german(client, world, kind, changes, field):
    client.force_login(world.admin_wernigerode)
    base = _entry_data(world) if kind == "bedarf" else _offer_data(world)
    url = reverse("winwin:entry_create", args=[world.wernigerode.pk, kind])
    response = client.post(url, {**base, **changes})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert (
        "Bitte" in response.content.decode()
        or "Zeichen" in response.content.decode()
        or ("gültig" in response.content.decode())
    )
    assert not ProfileEntry.objects.exists()


def test_an_unknown_kind_in_the_address_is_not_found(client, world):
    client.force_login(world.admin_wernigerode)
    url = reverse("winwin:entry_create", args=[world.wernigerode.pk, "wunsch"])
    assert client.get(url).status_code == 404
    assert client.post(url, _entry_data(world)).status_code == 404


def test_an_offer_has_no_urgency_and_a_need_no_capacity():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        ProfileEntry(kind=EntryKind.OFFER, urgency=Urgency.HIGH).clean()
    assert "urgency" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        ProfileEntry(kind=EntryKind.NEED, urgency=Urgency.LOW, capacity="viel").clean()
    assert "capacity" in error.value.message_dict


# --- The match list --------------------------------------------------------------------


def _match_list(response) -> str:
    page = response.content.decode()
    return page[page.index('id="matches"') : page.index('id="offers"')]


def test_the_match_list_pairs_offers_and_needs_of_the_same_function_only(client, world):
    from tests import factories as f

    the_offer = offer(world)
    the_need = need(world)
    other_function = f.CentralFunctionFactory(area=_area(world), name="IC-Bahnhöfe")
    need(world, central_function=other_function, title="Fernverkehrshalt")  # no offer there
    need(world, partner=world.halberstadt, title="Eigener Bedarf", urgency=Urgency.LOW)  # own
    elsewhere = f.CentralFunctionFactory(name="Krankenhäuser")
    offer(world, central_function=elsewhere, title="Fachärzte am Klinikum")
    need(world, central_function=elsewhere, title="Fachärztliche Versorgung")  # other area

    client.force_login(world.board_member)
    response = client.get(reverse("winwin:area", args=[_area(world).pk]))
    assert response.status_code == 200
    matches = response.context["matches"]
    assert [(m.offer, m.need) for m in matches] == [(the_offer, the_need)]
    listed = _match_list(response)
    assert "Fernverkehrshalt" not in listed and "Eigener Bedarf" not in listed
    assert "Fachärzte am Klinikum" not in response.content.decode()
    assert "zwei zusätzliche Regionalzüge je Stunde" in listed  # the capacity
    assert "Hoch" in listed  # the urgency, in German
    # The offers and needs of the area are listed beside the matches.
    page = response.content.decode()
    assert "Fernverkehrshalt" in page[page.index('id="needs"') :]


def test_the_filter_narrows_to_one_function_and_refuses_others_in_german(client, world):
    from tests import factories as f

    offer(world)
    need(world)
    client.force_login(world.board_member)
    url = reverse("winwin:area", args=[_area(world).pk])
    elsewhere = f.CentralFunctionFactory(name="Krankenhäuser")
    response = client.get(url, {"funktion": _function(world).pk})
    assert response.status_code == 200 and len(response.context["matches"]) == 1
    for bad in (elsewhere.pk, "abc", "99999999999999"):
        response = client.get(url, {"funktion": bad})
        assert response.status_code == 400
        assert "gehört nicht zu diesem Bereich" in response.content.decode()
    assert client.get(url, {"seite": "x"}).status_code == 200
    assert client.get(reverse("winwin:area", args=[999999])).status_code == 404


# --- Turning a match into a finding or a proposal ----------------------------------------


def test_a_working_group_member_turns_a_match_into_a_draft_finding(client, world):
    the_offer, the_need = offer(world), need(world)
    client.force_login(world.wg_member)
    page = client.get(reverse("winwin:area", args=[_area(world).pk])).content.decode()
    assert reverse("winwin:match_finding", args=[_area(world).pk]) in page
    response = client.post(
        reverse("winwin:match_finding", args=[_area(world).pk]),
        {"bedarf": the_need.pk, "angebot": the_offer.pk, "arbeitsgruppe": world.working_group.pk},
    )
    finding = Finding.objects.get(title__startswith="Win-win")
    assert response.status_code == 302
    assert response.url == reverse("workinggroups:finding_update", args=[finding.pk])
    assert finding.status == FindingStatus.DRAFT
    assert finding.type == FindingType.SOLUTION
    assert finding.group == world.working_group and finding.author == world.wg_member
    assert finding.central_function == _function(world)
    assert set(finding.partners.all()) == {world.halberstadt, world.wernigerode}
    assert "zwei zusätzliche Regionalzüge je Stunde" in finding.text
    assert {r.history_user for r in finding.history.all()} == {world.wg_member}
    # The finding form opens prefilled with it.
    form_page = client.get(response.url).content.decode()
    assert "Umsteigeknoten mit freien Bahnsteigkapazitäten" in form_page
    # Twice is refused: the group has the finding already.
    again = client.post(
        reverse("winwin:match_finding", args=[_area(world).pk]),
        {"bedarf": the_need.pk, "angebot": the_offer.pk, "arbeitsgruppe": world.working_group.pk},
    )
    assert again.status_code == 409
    assert Finding.objects.filter(title__startswith="Win-win").count() == 1


@pytest.mark.parametrize("persona", ["admin_halberstadt", "board_member", "other_wg_member"])
def test_only_the_areas_working_group_records_a_finding(client, world, persona):
    the_offer, the_need = offer(world), need(world)
    client.force_login(getattr(world, persona))
    page = client.get(reverse("winwin:area", args=[_area(world).pk])).content.decode()
    assert reverse("winwin:match_finding", args=[_area(world).pk]) not in page
    response = client.post(
        reverse("winwin:match_finding", args=[_area(world).pk]),
        {"bedarf": the_need.pk, "angebot": the_offer.pk, "arbeitsgruppe": world.working_group.pk},
    )
    assert response.status_code == 403
    assert not Finding.objects.filter(title__startswith="Win-win").exists()


def test_a_pair_that_is_no_match_is_refused_in_german(client, world):
    the_offer = offer(world)
    own_need = need(world, partner=world.halberstadt, title="Eigener Bedarf")
    client.force_login(world.wg_member)
    url = reverse("winwin:match_finding", args=[_area(world).pk])
    group = world.working_group.pk
    for data in (
        {"bedarf": own_need.pk, "angebot": the_offer.pk, "arbeitsgruppe": group},
        {"bedarf": the_offer.pk, "angebot": own_need.pk, "arbeitsgruppe": group},
        {"bedarf": "x", "angebot": the_offer.pk, "arbeitsgruppe": group},
        {"bedarf": own_need.pk, "angebot": the_offer.pk, "arbeitsgruppe": 999999},
    ):
        response = client.post(url, data)
        assert response.status_code == 400, data
        page = response.content.decode()
        assert any(
            german in page for german in ("begegnen sich", "ganze Zahl", "keine gültige Auswahl")
        ), page
    assert not Finding.objects.filter(title__startswith="Win-win").exists()


@pytest.mark.parametrize("persona", ["office", "board_member"])
def test_the_office_and_the_board_propose_a_match_to_the_board(client, world, persona):
    the_offer, the_need = offer(world), need(world)
    user = getattr(world, persona)
    client.force_login(user)
    response = client.post(
        reverse("winwin:match_proposal", args=[_area(world).pk]),
        {"bedarf": the_need.pk, "angebot": the_offer.pk},
    )
    assert response.status_code == 302
    assert response.url == world.meeting.get_absolute_url()
    proposal = AgendaProposal.objects.get()
    assert proposal.meeting == world.meeting and proposal.proposed_by == user
    assert proposal.is_pending and not proposal.is_public
    assert "Anschluss an den Regionalverkehr am Abend" in proposal.description
    assert {r.history_user for r in proposal.history.all()} == {user}
    again = client.post(
        reverse("winwin:match_proposal", args=[_area(world).pk]),
        {"bedarf": the_need.pk, "angebot": the_offer.pk},
    )
    assert again.status_code == 409
    assert AgendaProposal.objects.count() == 1


def test_without_a_board_meeting_a_proposal_is_refused_with_409(client, world):
    from meetings.models import MeetingStatus

    world.meeting.status = MeetingStatus.CANCELLED
    world.meeting.save()
    the_offer, the_need = offer(world), need(world)
    client.force_login(world.office)
    response = client.post(
        reverse("winwin:match_proposal", args=[_area(world).pk]),
        {"bedarf": the_need.pk, "angebot": the_offer.pk},
    )
    assert response.status_code == 409
    assert "Sitzung" in response.content.decode()
    assert not AgendaProposal.objects.exists()


@pytest.mark.parametrize("persona", ["admin_halberstadt", "wg_member"])
def test_who_is_not_on_the_board_cannot_propose(client, world, persona):
    the_offer, the_need = offer(world), need(world)
    client.force_login(getattr(world, persona))
    response = client.post(
        reverse("winwin:match_proposal", args=[_area(world).pk]),
        {"bedarf": the_need.pk, "angebot": the_offer.pk},
    )
    assert response.status_code == 403
    assert not AgendaProposal.objects.exists()


def test_the_matrix_and_the_partner_page_link_the_win_win_pages(client, world):
    client.force_login(world.board_member)
    matrix = client.get(reverse("workinggroups:matrix")).content.decode()
    assert reverse("winwin:area", args=[_area(world).pk]) in matrix
    partner = client.get(reverse("cooperation:partner_detail", args=[world.halberstadt.pk]))
    assert reverse("winwin:profile", args=[world.halberstadt.pk]) in partner.content.decode()


def test_a_partner_that_left_the_cooperation_is_not_matched(client, world):
    offer(world)
    need(world)
    world.wernigerode.is_active = False
    world.wernigerode.save()
    client.force_login(world.board_member)
    response = client.get(reverse("winwin:area", args=[_area(world).pk]))
    assert response.context["matches"] == []
    assert response.context["need_count"] == 0


def test_it_lists_the_first_offers_and_needs_with_how_many_there_are(client, world):
    """The first `SECTION_LIMIT` of each kind, with the count of all of them (a window on
    the same query) and of none when there are none."""
    from tests import factories as f
    from winwin.selectors import SECTION_LIMIT

    for n in range(SECTION_LIMIT + 2):
        offer(world, partner=f.PartnerFactory(), title=f"Angebot {n:02d}")

    client.force_login(world.board_member)
    response = client.get(reverse("winwin:area", args=[_area(world).pk]))

    assert len(response.context["offers"]) == SECTION_LIMIT
    assert response.context["offer_count"] == SECTION_LIMIT + 2
    assert response.context["needs"] == [] and response.context["need_count"] == 0
    page = response.content.decode()
    assert f"Die ersten {SECTION_LIMIT} von {SECTION_LIMIT + 2} Angeboten" in page
