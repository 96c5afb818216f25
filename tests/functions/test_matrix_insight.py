"""The function matrix with insight: findings per cell, each area's need for action,
and the filters by partner and area."""

import html
import re

import pytest
from django.urls import reverse

from functions.models import FunctionArea
from workinggroups import services as wg_services
from workinggroups.models import FindingStatus, FindingType

from .. import factories as f

pytestmark = pytest.mark.django_db


def finding(world, *, type, status, title, function=None, partners=(), author=None):
    group = world.working_group
    created = wg_services.finding_create(
        group=group,
        author=author or world.wg_member,
        type=type,
        title=title,
        text="Befund aus der Arbeitsgruppe.",
        function_area=group.function_area,
        central_function=function,
        partners=partners,
        actor=author or world.wg_member,
    )
    if status != FindingStatus.DRAFT:
        created.status = status
        created.save()
    return created


def matrix(client, user, **params):
    client.force_login(user)
    return client.get(reverse("workinggroups:matrix"), params)


def cell(response, function, partner):
    return next(
        c
        for block in response.context["matrix"]
        for row in block.rows
        if row.function == function
        for c in row.cells
        if c.partner == partner
    )


def area_mark(response, area) -> str:
    """The need-for-action text shown in the area's heading row."""
    content = html.unescape(response.content.decode())
    heading = rf'<tr class="area-row"><th [^>]*>{re.escape(area.name)} '
    row = re.search(heading + r'<span class="[^"]*">([^<]+)</span>', content)
    assert row, f"no heading row for {area.name}"
    return row.group(1)


def test_it_lists_the_visible_findings_in_their_function_and_partner_cell(client, world):
    function = world.facility_halberstadt.central_function
    shared = finding(
        world,
        type=FindingType.OBSTACLE,
        status=FindingStatus.DISCUSSION,
        title="Fehlende Barrierefreiheit am Bahnhof",
        function=function,
        partners=[world.halberstadt, world.wernigerode],
    )

    response = matrix(client, world.board_member)

    assert response.status_code == 200
    halberstadt = cell(response, function, world.halberstadt)
    wernigerode = cell(response, function, world.wernigerode)
    assert [x.title for x in halberstadt.findings] == [shared.title]
    assert sorted(x.title for x in wernigerode.findings) == sorted(
        [shared.title, world.agreed_finding.title]
    )
    content = html.unescape(response.content.decode())
    assert "2 Befunde" in content
    assert reverse("workinggroups:finding_detail", args=[shared.pk]) in content
    # The facility counts stay as they were.
    assert halberstadt.count == 1 and wernigerode.count == 1


def test_it_shows_a_draft_in_the_matrix_only_to_its_group(client, world):
    function = world.facility_halberstadt.central_function
    draft = finding(
        world,
        type=FindingType.OBSTACLE,
        status=FindingStatus.DRAFT,
        title="Entwurf: Parkplatznot am Bahnhof",
        function=function,
        partners=[world.halberstadt],
    )

    outsider = matrix(client, world.board_member)
    member = matrix(client, world.wg_member)

    assert cell(outsider, function, world.halberstadt).findings == []
    assert draft.title not in outsider.content.decode()
    assert [x.title for x in cell(member, function, world.halberstadt).findings] == [draft.title]


def test_it_states_the_need_for_action_of_each_area_in_words(client, world):
    area = world.working_group.function_area
    function = world.facility_halberstadt.central_function
    f.CentralFunctionFactory(name="IC-/EC-/ICE-Bahnhöfe", area=area)
    for i in range(2):
        finding(
            world,
            type=FindingType.OBSTACLE,
            status=FindingStatus.DISCUSSION if i else FindingStatus.AGREED,
            title=f"Hemmnis {i}",
            function=function,
        )
    # Neither a draft nor an inventory or a solution approach calls for action.
    finding(world, type=FindingType.OBSTACLE, status=FindingStatus.DRAFT, title="Entwurf")
    finding(world, type=FindingType.INVENTORY, status=FindingStatus.AGREED, title="Bestand")
    finding(world, type=FindingType.SOLUTION, status=FindingStatus.AGREED, title="Lösung")
    quiet = f.CentralFunctionFactory(name="Hochschulen").area
    f.FacilityFactory(partner=world.halberstadt, central_function=quiet.functions.get())

    # wg_member sees the draft too: it still does not count.
    response = matrix(client, world.wg_member)

    assert area_mark(response, area) == (
        "Handlungsbedarf: 2 Hemmnisse, 1 Empfehlung, 1 Funktion ohne Einrichtung"
    )
    assert area_mark(response, quiet) == "Kein Handlungsbedarf erkennbar"


def test_it_filters_the_columns_by_partner_and_the_blocks_by_area(client, world):
    transport = world.working_group.function_area
    other = f.CentralFunctionFactory(name="Theater").area

    by_partner = matrix(client, world.board_member, partner=world.wernigerode.pk)
    by_area = matrix(client, world.board_member, bereich=[other.pk])
    both = matrix(
        client,
        world.board_member,
        partner=[world.halberstadt.pk, world.wernigerode.pk],
        bereich=[transport.pk],
    )

    assert by_partner.status_code == 200
    assert by_partner.context["partners"] == [world.wernigerode]
    all_areas = list(FunctionArea.objects.order_by("position", "name"))
    assert {transport, other} <= set(all_areas)
    assert [block.area for block in by_partner.context["matrix"]] == all_areas
    assert [block.area for block in by_area.context["matrix"]] == [other]
    assert "Regionalbahnhöfe" not in by_area.content.decode()
    assert set(both.context["partners"]) == {world.halberstadt, world.wernigerode}
    assert [block.area for block in both.context["matrix"]] == [transport]


@pytest.mark.parametrize("params", [{"partner": "abc"}, {"bereich": "999999"}, {"partner": "0"}])
def test_it_answers_400_with_a_german_message_for_an_invalid_filter(client, world, params):
    response = matrix(client, world.board_member, **params)

    assert response.status_code == 400
    assert "Ein Filterwert ist ungültig; die Matrix zeigt alle Partner und Bereiche." in (
        html.unescape(response.content.decode())
    )
    assert world.halberstadt in response.context["partners"]
    assert world.wernigerode in response.context["partners"]
