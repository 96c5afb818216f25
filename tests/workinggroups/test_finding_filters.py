"""The findings list filters by German query parameters, like the URLs."""

import pytest
from django.urls import reverse

from workinggroups.models import FindingType

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


def test_it_answers_400_for_an_unknown_area(client, world):
    client.force_login(world.wg_member)
    response = client.get(reverse("workinggroups:finding_list"), {"bereich": "999999"})
    assert response.status_code == 400
