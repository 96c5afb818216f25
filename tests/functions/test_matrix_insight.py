"""The function matrix with insight: the number of findings per cell (linked to the
filtered finding list), each area's need for action, and the filters by partner and area."""

import html
import re

import pytest
from django.db import transaction
from django.urls import reverse

from functions.models import FunctionArea
from workinggroups import services as wg_services
from workinggroups.models import FindingStatus, FindingType, WorkingGroup

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


def finding_link(response, function, partner):
    """The finding count link of a cell, as (href, aria-label, visible text), or None."""
    content = response.content.decode()
    query = f"?funktion={function.pk}&amp;partner={partner.pk}"
    found = re.search(
        rf'<a href="({re.escape(reverse("workinggroups:finding_list") + query)})"'
        r' aria-label="([^"]*)">([^<]*)</a>',
        content,
    )
    if not found:
        return None
    return html.unescape(found.group(1)), html.unescape(found.group(2)), found.group(3)


def test_it_counts_the_visible_findings_in_their_cells_and_links_the_filtered_list(client, world):
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
    assert halberstadt.finding_count == 1
    assert wernigerode.finding_count == 2  # with the agreed finding of the world
    href, label, text = finding_link(response, function, world.wernigerode)
    assert href == (
        f"{reverse('workinggroups:finding_list')}"
        f"?funktion={function.pk}&partner={world.wernigerode.pk}"
    )
    assert label == "2 Befunde zu Regionalbahnhöfe in Stadt Wernigerode"
    assert text == "2 Befunde"
    assert finding_link(response, function, world.halberstadt)[1] == (
        "1 Befund zu Regionalbahnhöfe in Stadt Halberstadt"
    )
    # Counts, not the findings themselves.
    content = html.unescape(response.content.decode())
    assert shared.title not in content
    assert world.agreed_finding.title not in content
    assert reverse("workinggroups:finding_detail", args=[shared.pk]) not in content
    # The facility counts stay as they were.
    assert halberstadt.count == 1 and wernigerode.count == 1


def test_a_cell_without_findings_shows_a_zero_like_the_facility_count(client, world):
    function = f.CentralFunctionFactory(name="Theater", area=world.working_group.function_area)

    response = matrix(client, world.board_member)

    empty = cell(response, function, world.halberstadt)
    assert (empty.count, empty.finding_count) == (0, 0)
    assert finding_link(response, function, world.halberstadt) is None
    row = re.search(r"<th scope=\"row\">Theater.*?</tr>", response.content.decode(), re.S)
    # Per partner: no facility and no finding, each as a dot with words for screen readers.
    partners = len(response.context["partners"])
    assert row.group(0).count('<span aria-hidden="true">·</span>') == 2 * partners
    assert row.group(0).count('<span class="visually-hidden">keine</span>') == partners
    assert row.group(0).count('<span class="visually-hidden">keine Befunde</span>') == partners


def test_a_cells_count_is_what_its_link_lists_for_each_reader(client, world):
    """A draft counts and is listed for its own group only; everyone's count is the
    length of the list the count leads to."""
    function = world.facility_halberstadt.central_function
    other_group = WorkingGroup.objects.exclude(pk=world.working_group.pk).get()

    def other_finding(title, status):
        created = wg_services.finding_create(
            group=other_group,
            author=world.other_wg_member,
            type=FindingType.INVENTORY,
            title=title,
            text="Befund der AG Bildung.",
            function_area=world.working_group.function_area,
            central_function=function,
            partners=[world.halberstadt],
            actor=world.other_wg_member,
        )
        if status != FindingStatus.DRAFT:
            created.status = status
            created.save()
        return created

    kwargs = {"type": FindingType.OBSTACLE, "function": function, "partners": [world.halberstadt]}
    shared = finding(world, status=FindingStatus.DISCUSSION, title="Geteilt", **kwargs)
    draft = finding(world, status=FindingStatus.DRAFT, title="Entwurf AG Verkehr", **kwargs)
    other_draft = other_finding("Entwurf AG Bildung", FindingStatus.DRAFT)
    other_agreed = other_finding("Beschlossen AG Bildung", FindingStatus.AGREED)
    # Elsewhere: another partner's cell, and a finding about the whole area.
    finding(
        world,
        status=FindingStatus.DISCUSSION,
        title="Nur Wernigerode",
        **{**kwargs, "partners": [world.wernigerode]},
    )
    finding(
        world,
        status=FindingStatus.DISCUSSION,
        title="Ganzer Bereich",
        **{**kwargs, "function": None},
    )

    expected = {
        world.wg_member: {shared, draft, other_agreed},
        world.other_wg_member: {shared, other_draft, other_agreed},
        world.board_member: {shared, other_agreed},
    }
    for reader, visible in expected.items():
        response = matrix(client, reader)
        assert cell(response, function, world.halberstadt).finding_count == len(visible)
        href, _label, text = finding_link(response, function, world.halberstadt)
        assert text == f"{len(visible)} Befunde"

        listing = client.get(href)

        assert listing.status_code == 200
        assert {x.title for x in listing.context["findings"]} == {x.title for x in visible}
        assert listing.context["page"].paginator.count == len(visible)


def _grow_every_cell(world, function, n):
    for i in range(n):
        finding(
            world,
            type=list(FindingType)[i % 4],
            status=FindingStatus.DISCUSSION,
            title=f"Befund {i}",
            function=function,
            partners=[world.halberstadt, world.wernigerode],
        )


def test_the_matrix_renders_as_many_rows_and_links_with_thirty_findings_per_cell(client, world):
    function = world.facility_halberstadt.central_function
    client.force_login(world.board_member)
    shapes = {}
    for n in (1, 30):
        savepoint = transaction.savepoint()
        _grow_every_cell(world, function, n)
        response = client.get(reverse("workinggroups:matrix"))
        content = response.content.decode()
        main = content[content.index("<main") : content.index("</main>")]
        halberstadt = cell(response, function, world.halberstadt)
        shapes[n] = (main.count("<tr"), main.count("<li"), main.count("<a "))
        assert halberstadt.finding_count == n
        transaction.savepoint_rollback(savepoint)

    assert shapes[1] == shapes[30]


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
