"""Facilities: creating and editing within one's own partner, the list and the matrix."""

import html
import re
from decimal import Decimal

import pytest
from django import forms
from django.core.validators import MaxValueValidator
from django.urls import reverse
from django.utils.translation import override

from functions.models import Facility, Significance

from .. import factories as f

pytestmark = pytest.mark.django_db

INVALID_FILTER = "Ein Filterwert ist ungültig; die Liste zeigt alle Einrichtungen."
COORDINATES_BOTH_OR_NONE = (
    "Bitte geben Sie entweder Breiten- und Längengrad oder keine der beiden Angaben an."
)


def german(message, **params) -> str:
    with override("de"):
        return str(message) % params if params else str(message)


def form_data(world, **overrides):
    data = {
        "name": "Stadtbibliothek Halberstadt",
        "central_function": world.facility_halberstadt.central_function_id,
        "partner": world.halberstadt.pk,
        "significance": Significance.REGIONAL,
        "street": "Domplatz 1",
        "postal_code": "38820",
        "city": "Halberstadt",
        "latitude": "51.896000",
        "longitude": "11.047000",
        "notes": "",
    }
    data.update(overrides)
    return data


def stored(facility) -> dict:
    """The facility's values as stored in the database."""
    return Facility.objects.filter(pk=facility.pk).values().get()


def listed_names(response) -> set[str]:
    return {
        html.unescape(name)
        for name in re.findall(
            r'<th scope="row"><a href="/einrichtungen/\d+/">(.*?)</a></th>',
            response.content.decode(),
        )
    }


# --- Creating --------------------------------------------------------------------------


def test_it_creates_a_facility_in_the_admins_partner(client, world):
    client.force_login(world.admin_halberstadt)

    response = client.post(reverse("functions:facility_create"), form_data(world))

    facility = Facility.objects.get(name="Stadtbibliothek Halberstadt")
    assert response.status_code == 302
    assert response.url == facility.get_absolute_url()
    assert facility.partner == world.halberstadt
    assert facility.latitude == Decimal("51.896000")
    assert facility.history.get().history_user == world.admin_halberstadt
    page = client.get(response.url).content.decode()
    assert "Stadtbibliothek Halberstadt" in page
    assert "Die Einrichtung wurde angelegt." in page


def test_it_preselects_the_only_partner_an_admin_may_manage(client, world):
    client.force_login(world.admin_halberstadt)

    form = client.get(reverse("functions:facility_create")).context["form"]

    assert list(form.fields["partner"].queryset) == [world.halberstadt]
    assert form.initial["partner"] == world.halberstadt


def test_it_refuses_to_create_a_facility_in_another_partner(client, world):
    client.force_login(world.admin_halberstadt)
    count = Facility.objects.count()

    response = client.post(
        reverse("functions:facility_create"),
        form_data(world, partner=world.wernigerode.pk, name="Fremde Einrichtung"),
    )

    assert response.status_code == 400
    expected = german(forms.ModelChoiceField.default_error_messages["invalid_choice"])
    assert expected in response.content.decode()
    assert "Bitte korrigieren Sie die markierten Felder." in response.content.decode()
    assert Facility.objects.count() == count
    assert not Facility.objects.filter(name="Fremde Einrichtung").exists()


def test_it_saves_an_edited_facility(client, world):
    facility = world.facility_halberstadt
    client.force_login(world.admin_halberstadt)

    response = client.post(
        reverse("functions:facility_update", args=[facility.pk]),
        form_data(world, name=facility.name, street="Bahnhofstraße 5", postal_code="38820"),
    )

    assert response.status_code == 302
    assert response.url == facility.get_absolute_url()
    facility.refresh_from_db()
    assert (facility.street, facility.postal_code) == ("Bahnhofstraße 5", "38820")
    page = client.get(response.url).content.decode()
    assert "Die Einrichtung wurde gespeichert." in page
    assert "Bahnhofstraße 5" in page


def test_it_refuses_to_move_a_facility_to_another_partner(client, world):
    facility = world.facility_halberstadt
    before = stored(facility)
    client.force_login(world.admin_halberstadt)

    response = client.post(
        reverse("functions:facility_update", args=[facility.pk]),
        form_data(world, name=facility.name, partner=world.wernigerode.pk),
    )

    assert response.status_code == 400
    assert stored(facility) == before


def test_it_offers_no_facility_form_to_the_admin_of_a_regional_actor(client, world):
    # Facilities lie in towns, municipalities and districts, never in a regional actor.
    admin = f.UserFactory()
    f.staff(admin, world.rpg, is_admin=True)
    client.force_login(admin)

    assert client.get(reverse("functions:facility_create")).status_code == 403
    response = client.post(
        reverse("functions:facility_create"), form_data(world, partner=world.rpg.pk)
    )
    assert response.status_code == 403
    assert not Facility.objects.filter(partner=world.rpg).exists()


# --- Invalid input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, german(forms.Field.default_error_messages["required"])),
        (
            {"latitude": "200"},
            german(MaxValueValidator.message, limit_value=90),
        ),
        ({"latitude": "51.9", "longitude": ""}, COORDINATES_BOTH_OR_NONE),
        ({"latitude": "", "longitude": "11.05"}, COORDINATES_BOTH_OR_NONE),
        ({"postal_code": "3882"}, "Eine Postleitzahl hat fünf Ziffern."),
    ],
    ids=["empty-name", "latitude-200", "latitude-only", "longitude-only", "postal-code"],
)
def test_it_rejects_invalid_input_and_keeps_the_stored_facility(client, world, overrides, message):
    facility = world.facility_halberstadt
    before = stored(facility)
    client.force_login(world.admin_halberstadt)

    response = client.post(
        reverse("functions:facility_update", args=[facility.pk]),
        form_data(world, **{"name": "Bahnhof Halberstadt (geändert)", **overrides}),
    )

    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert stored(facility) == before
    # The page keeps the stored name in its heading, not the rejected input.
    assert "<h1>Bahnhof Halberstadt bearbeiten</h1>" in response.content.decode()


def test_it_rejects_a_second_facility_of_the_same_name_function_and_place(client, world):
    client.force_login(world.admin_halberstadt)
    count = Facility.objects.count()

    response = client.post(
        reverse("functions:facility_create"),
        form_data(world, name=world.facility_halberstadt.name),
    )

    assert response.status_code == 400
    assert (
        "Diese Einrichtung ist für diese Funktion und diesen Partner bereits erfasst."
        in response.content.decode()
    )
    assert Facility.objects.count() == count


# --- List and filters ------------------------------------------------------------------


@pytest.fixture
def clinic(world):
    area = f.FunctionAreaFactory(name="Gesundheits- und Sozialwesen")
    function = f.CentralFunctionFactory(name="Krankenhäuser", area=area)
    return f.FacilityFactory(
        name="Klinikum Halberstadt", partner=world.halberstadt, central_function=function
    )


def test_it_lists_all_facilities_without_filters(client, world, clinic):
    client.force_login(world.board_member)

    response = client.get(reverse("functions:facility_list"))

    assert response.status_code == 200
    assert listed_names(response) == {
        "Bahnhof Halberstadt",
        "Wernigerode Hbf",
        "Klinikum Halberstadt",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            lambda w, c: {"bereich": w.working_group.function_area.pk},
            {"Bahnhof Halberstadt", "Wernigerode Hbf"},
        ),
        (lambda w, c: {"bereich": c.central_function.area_id}, {"Klinikum Halberstadt"}),
        (
            lambda w, c: {"partner": w.halberstadt.pk},
            {"Bahnhof Halberstadt", "Klinikum Halberstadt"},
        ),
        (lambda w, c: {"partner": w.wernigerode.pk}, {"Wernigerode Hbf"}),
        (lambda w, c: {"funktion": c.central_function_id}, {"Klinikum Halberstadt"}),
        (
            lambda w, c: {
                "funktion": w.facility_halberstadt.central_function_id,
                "partner": w.wernigerode.pk,
            },
            {"Wernigerode Hbf"},
        ),
        (
            lambda w, c: {"bereich": c.central_function.area_id, "partner": w.wernigerode.pk},
            set(),
        ),
    ],
    ids=[
        "area-transport",
        "area-health",
        "partner-halberstadt",
        "partner-wernigerode",
        "function",
        "function-and-partner",
        "no-match",
    ],
)
def test_it_filters_the_list(client, world, clinic, query, expected):
    client.force_login(world.board_member)

    response = client.get(reverse("functions:facility_list"), query(world, clinic))

    assert response.status_code == 200
    assert listed_names(response) == expected
    if not expected:
        assert "Keine Einrichtung entspricht diesen Filtern." in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"partner": "abc"},
        {"partner": "999999"},
        {"bereich": "-1"},
        {"funktion": "1.5"},
        {"partner": "RPG"},
    ],
)
def test_it_answers_an_invalid_filter_with_400_and_a_german_message(client, world, query):
    client.force_login(world.board_member)

    response = client.get(reverse("functions:facility_list"), query)

    assert response.status_code == 400
    assert INVALID_FILTER in response.content.decode()
    assert listed_names(response) == {"Bahnhof Halberstadt", "Wernigerode Hbf"}


def test_it_rejects_a_regional_actor_as_a_location_filter(client, world):
    client.force_login(world.board_member)

    response = client.get(reverse("functions:facility_list"), {"partner": world.rpg.pk})

    assert response.status_code == 400
    assert INVALID_FILTER in response.content.decode()


def test_it_sends_only_the_results_to_htmx(client, world, clinic):
    client.force_login(world.board_member)

    response = client.get(
        reverse("functions:facility_list"),
        {"partner": world.wernigerode.pk},
        headers={"HX-Request": "true"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert "<form" not in content
    assert listed_names(response) == {"Wernigerode Hbf"}


def test_it_sends_the_whole_page_without_htmx(client, world):
    client.force_login(world.board_member)

    content = client.get(reverse("functions:facility_list")).content.decode()

    assert "<html" in content
    assert 'name="partner"' in content


# --- Matrix ----------------------------------------------------------------------------


def matrix_rows(response) -> dict[str, str]:
    """Each function row of the matrix (by function name) as its HTML."""
    content = response.content.decode()
    rows = {}
    for row in re.findall(r"<tr(?: class=\"gap\")?>\s*<th scope=\"row\">.*?</tr>", content, re.S):
        name = re.search(r'<th scope="row">([^<(]+)', row).group(1).strip()
        rows[html.unescape(name)] = row
    return rows


def test_it_groups_the_matrix_by_area_and_marks_functions_nobody_provides(client, world, clinic):
    transport = world.working_group.function_area
    f.CentralFunctionFactory(name="IC-/EC-/ICE-Bahnhöfe", area=transport)
    client.force_login(world.board_member)

    response = client.get(reverse("workinggroups:matrix"))

    content = html.unescape(response.content.decode())
    rows = matrix_rows(response)
    assert "(nicht wahrgenommen)" in rows["IC-/EC-/ICE-Bahnhöfe"]
    assert 'class="gap"' in rows["IC-/EC-/ICE-Bahnhöfe"]
    assert "nicht wahrgenommen" not in rows["Regionalbahnhöfe"]
    assert "nicht wahrgenommen" not in rows["Krankenhäuser"]
    # Each function appears below its own area's heading.
    health = clinic.central_function.area
    first, second = sorted([transport, health], key=lambda a: content.index(a.name))
    functions_of = {
        transport.pk: ["Regionalbahnhöfe", "IC-/EC-/ICE-Bahnhöfe"],
        health.pk: ["Krankenhäuser"],
    }
    for name in functions_of[first.pk]:
        assert content.index(first.name) < content.index(name) < content.index(second.name)
    for name in functions_of[second.pk]:
        assert content.index(second.name) < content.index(name)


def test_it_shows_only_territorial_partners_as_matrix_columns(client, world):
    client.force_login(world.board_member)

    partners = client.get(reverse("workinggroups:matrix")).context["partners"]

    assert world.halberstadt in partners
    assert world.wernigerode in partners
    assert world.rpg not in partners


def test_it_counts_facilities_per_cell_and_links_to_the_filtered_list(client, world):
    function = world.facility_halberstadt.central_function
    f.FacilityFactory(
        name="Bahnhof Halberstadt Ost", partner=world.halberstadt, central_function=function
    )
    client.force_login(world.board_member)

    response = client.get(reverse("workinggroups:matrix"))

    row = matrix_rows(response)[function.name]
    links = {
        html.unescape(href): count
        for href, count in re.findall(r'<a href="([^"]+)"[^>]*>(\d+)</a>', row)
    }
    list_url = reverse("functions:facility_list")
    halberstadt_link = f"{list_url}?funktion={function.pk}&partner={world.halberstadt.pk}"
    wernigerode_link = f"{list_url}?funktion={function.pk}&partner={world.wernigerode.pk}"
    assert links == {halberstadt_link: "2", wernigerode_link: "1"}
    assert "<strong>3</strong>" in row

    listed = client.get(halberstadt_link)
    assert listed.status_code == 200
    assert listed_names(listed) == {"Bahnhof Halberstadt", "Bahnhof Halberstadt Ost"}
