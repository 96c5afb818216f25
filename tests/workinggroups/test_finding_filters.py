"""The findings list filters by German query parameters, like the URLs."""

import pytest
from django.urls import reverse

from workinggroups import services as wg_services
from workinggroups.models import FindingStatus, FindingType

from .. import factories as f

pytestmark = pytest.mark.django_db


def _titles(response):
    return [finding.title for finding in response.context["findings"]]


def test_it_filters_by_type_area_group_and_status(client, world):
    client.force_login(world.wg_member)
    url = reverse("workinggroups:finding_list")
    draft, agreed = world.draft_finding.title, world.agreed_finding.title
    area = world.working_group.function_area_id

    assert _titles(client.get(url, {"art": FindingType.RECOMMENDATION})) == [agreed]
    assert _titles(client.get(url, {"art": FindingType.OBSTACLE})) == [draft]
    assert _titles(client.get(url, {"status": "agreed"})) == [agreed]
    assert set(_titles(client.get(url, {"bereich": area}))) == {draft, agreed}
    assert set(_titles(client.get(url, {"arbeitsgruppe": world.working_group.pk}))) == {
        draft,
        agreed,
    }


@pytest.mark.parametrize(
    "params",
    [
        {"bereich": "999999"},
        {"funktion": "999999"},
        {"funktion": "abc"},
        {"partner": "0"},
        {"partner": "abc"},
    ],
)
def test_it_answers_400_for_an_unknown_value(client, world, params):
    client.force_login(world.wg_member)
    response = client.get(reverse("workinggroups:finding_list"), params)
    assert response.status_code == 400
    assert "Ein Filterwert ist ungültig; die Liste zeigt alle Befunde." in response.content.decode()


def test_it_filters_by_central_function_and_partner_concerned(client, world):
    function = world.agreed_finding.central_function
    other_function = f.CentralFunctionFactory(area=world.working_group.function_area)

    def record(title, central_function, partners):
        created = wg_services.finding_create(
            group=world.working_group,
            author=world.wg_member,
            type=FindingType.INVENTORY,
            title=title,
            text="Bestand.",
            function_area=world.working_group.function_area,
            central_function=central_function,
            partners=partners,
            actor=world.wg_member,
        )
        wg_services.finding_set_status(
            finding=created, status=FindingStatus.DISCUSSION, actor=world.wg_member, as_lead=False
        )
        return created.title

    both = record("Beide Städte", function, [world.halberstadt, world.wernigerode])
    halberstadt_only = record("Nur Halberstadt", function, [world.halberstadt])
    elsewhere = record("Andere Funktion", other_function, [world.halberstadt])
    agreed = world.agreed_finding.title  # the function, Wernigerode
    draft = world.draft_finding.title  # no function, Halberstadt
    client.force_login(world.board_member)
    url = reverse("workinggroups:finding_list")

    by_function = _titles(client.get(url, {"funktion": function.pk}))
    by_partner = _titles(client.get(url, {"partner": world.halberstadt.pk}))
    cell = client.get(url, {"funktion": function.pk, "partner": world.wernigerode.pk})

    assert set(by_function) == {both, halberstadt_only, agreed}
    # The board member is no member of the group: its draft is not listed.
    assert set(by_partner) == {both, halberstadt_only, elsewhere}
    assert draft not in by_partner
    assert sorted(_titles(cell)) == sorted([both, agreed])  # each finding once
    assert cell.context["filtered"]
    client.force_login(world.wg_member)
    assert draft in _titles(client.get(url, {"partner": world.halberstadt.pk}))
