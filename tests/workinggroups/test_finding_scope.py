"""The finding form offers the functions and facilities of the chosen area (and
function), follows a new choice when the page is asked for again (htmx), and never drops
a facility the finding already names."""

import re

import pytest
from django.urls import reverse

from workinggroups import services as wg_services

from .. import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(world):
    """Another function area with a function and a facility of its own."""
    theatre = f.CentralFunctionFactory(name="Theater", area__name="Kultur")
    stage = f.FacilityFactory(name="Nordharzer Städtebundtheater", central_function=theatre)
    return theatre, stage


def _options(html: str, field: str) -> set[str]:
    """The labels offered in a field's wrapper (select options or checkboxes)."""
    block = re.search(rf'id="field-{field}">(.*?)(?:<div class="field|</form>)', html, re.S)
    assert block, f"no wrapper for {field}"
    text = block.group(1)
    options = re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", text)
    boxes = re.findall(
        r'<input type="checkbox" name="facilities"[^>]*>\s*([^<]+?)\s*</label>', text
    )
    return set(options) | set(boxes)


def test_a_new_finding_offers_the_groups_area_only(client, world, elsewhere):
    client.force_login(world.wg_member)

    html = client.get(reverse("workinggroups:finding_create", args=[world.working_group.pk]))
    html = html.content.decode()

    assert _options(html, "central_function") == {"Regionalbahnhöfe"}
    assert _options(html, "facilities") == {
        "Bahnhof Halberstadt (Halberstadt)",
        "Wernigerode Hbf (Wernigerode)",
    }


def test_another_area_chosen_while_filling_in_narrows_to_it(client, world, elsewhere):
    theatre, stage = elsewhere
    client.force_login(world.wg_member)
    url = reverse("workinggroups:finding_create", args=[world.working_group.pk])

    response = client.get(url, {"function_area": theatre.area_id, "central_function": ""})

    html = response.content.decode()
    assert response.status_code == 200
    assert _options(html, "central_function") == {"Theater"}
    assert _options(html, "facilities") == {f"{stage.name} ({stage.partner.short_name})"}


def test_a_chosen_function_narrows_the_facilities_to_it(client, world, elsewhere):
    other = f.CentralFunctionFactory(name="Busbahnhöfe", area=world.working_group.function_area)
    f.FacilityFactory(name="ZOB Halberstadt", central_function=other, partner=world.halberstadt)
    client.force_login(world.wg_member)
    url = reverse("workinggroups:finding_create", args=[world.working_group.pk])

    whole_area = client.get(url).content.decode()
    one_function = client.get(
        url,
        {"function_area": world.working_group.function_area_id, "central_function": other.pk},
    ).content.decode()

    assert "ZOB Halberstadt (Halberstadt)" in _options(whole_area, "facilities")
    assert "Bahnhof Halberstadt (Halberstadt)" in _options(whole_area, "facilities")
    assert _options(one_function, "facilities") == {"ZOB Halberstadt (Halberstadt)"}


def test_the_fields_ask_for_the_narrowed_choices_without_a_script_of_their_own(client, world):
    client.force_login(world.wg_member)

    html = client.get(
        reverse("workinggroups:finding_create", args=[world.working_group.pk])
    ).content.decode()

    area = re.search(r"<select name=\"function_area\"[^>]*>", html).group(0)
    function = re.search(r"<select name=\"central_function\"[^>]*>", html).group(0)
    assert 'hx-get=""' in area and 'hx-target="#field-central_function"' in area
    assert 'hx-select-oob="#field-facilities"' in area
    assert 'hx-target="#field-facilities"' in function
    assert 'id="field-central_function"' in html and 'id="field-facilities"' in html
    assert "<script>" not in html


def test_an_edit_keeps_offering_a_facility_of_another_area(client, world, elsewhere):
    _theatre, stage = elsewhere
    finding = world.agreed_finding
    wg_services.finding_update(
        finding=finding,
        actor=world.wg_member,
        expected_version=finding.version,
        data={
            "type": finding.type,
            "title": finding.title,
            "text": finding.text,
            "function_area": finding.function_area,
            "central_function": None,
        },
        facilities=[stage],
        partners=[],
    )
    client.force_login(world.wg_member)

    html = client.get(reverse("workinggroups:finding_update", args=[finding.pk])).content.decode()

    label = f"{stage.name} ({stage.partner.short_name})"
    assert label in _options(html, "facilities")
    assert re.search(rf'value="{stage.pk}"[^>]*checked', html)


@pytest.mark.parametrize("value", ["abc", "-1", "0", "99999999999999999999", "1e5", ""])
def test_a_bad_area_in_the_address_leaves_the_choices_unnarrowed(client, world, value):
    client.force_login(world.wg_member)
    url = reverse("workinggroups:finding_create", args=[world.working_group.pk])

    response = client.get(url, {"function_area": value, "facilities": ["x", "-3"]})

    assert response.status_code == 200
    assert "Regionalbahnhöfe" in _options(response.content.decode(), "central_function")


def test_an_area_that_does_not_exist_offers_nothing_to_choose(client, world):
    client.force_login(world.wg_member)
    url = reverse("workinggroups:finding_create", args=[world.working_group.pk])

    response = client.get(url, {"function_area": 99999999})

    assert response.status_code == 200
    assert _options(response.content.decode(), "central_function") == set()
