"""The audit history: who changed what when, shown on each record, and restoring."""

import html
import re

import pytest
from django.urls import reverse
from django.utils.translation import override

from cooperation import services as cooperation_services
from cooperation.models import Partner
from core.history import history_entries, history_restore

pytestmark = pytest.mark.django_db

RESTORED = re.compile(r"^Version vom .+ wiederhergestellt$")


def facility_form_data(facility, **overrides):
    data = {
        "name": facility.name,
        "central_function": facility.central_function_id,
        "partner": facility.partner_id,
        "significance": facility.significance,
        "street": facility.street,
        "postal_code": facility.postal_code,
        "city": facility.city,
        "latitude": "" if facility.latitude is None else str(facility.latitude),
        "longitude": "" if facility.longitude is None else str(facility.longitude),
        "notes": facility.notes,
    }
    data.update(overrides)
    return data


def change_rows(response) -> list[tuple[str, str, str]]:
    """(label, before, after) of every row of the change tables on a page."""
    rows = re.findall(
        r'<tr><th scope="row">(.*?)</th><td>(.*?)</td><td>(.*?)</td></tr>',
        response.content.decode(),
    )
    return [tuple(html.unescape(cell) for cell in row) for row in rows]


def edit_facility(client, world, **overrides):
    facility = world.facility_halberstadt
    client.force_login(world.admin_halberstadt)
    return client.post(
        reverse("functions:facility_update", args=[facility.pk]),
        facility_form_data(facility, **overrides),
    )


def test_it_records_who_changed_a_facility_through_the_edit_view(client, world):
    facility = world.facility_halberstadt
    before = facility.history.count()

    response = edit_facility(client, world, name="Bahnhof Halberstadt (Hbf)")

    assert response.status_code == 302
    assert facility.history.count() == before + 1
    record = facility.history.latest()
    assert record.history_type == "~"
    assert record.history_user == world.admin_halberstadt
    assert record.name == "Bahnhof Halberstadt (Hbf)"


def test_it_shows_the_user_and_each_changed_field_on_the_detail_page(client, world):
    edit_facility(client, world, name="Bahnhof Halberstadt (Hbf)", city="Halberstadt")

    response = client.get(
        reverse("functions:facility_detail", args=[world.facility_halberstadt.pk])
    )

    content = response.content.decode()
    assert "Änderungsverlauf" in content
    assert "Partneradministration Halberstadt" in content
    rows = change_rows(response)
    assert ("Name", "Bahnhof Halberstadt", "Bahnhof Halberstadt (Hbf)") in rows
    assert ("Ort", "Musterstadt", "Halberstadt") in rows
    # Fields that did not change are not listed as changes of the edit.
    newest = history_entries(world.facility_halberstadt)[0]
    assert {change.name for change in newest.changes} == {"name", "city"}


def test_it_records_nothing_when_a_form_is_saved_unchanged(client, world):
    facility = world.facility_halberstadt
    before = facility.history.count()

    response = edit_facility(client, world)

    assert response.status_code == 302
    assert facility.history.count() == before


def test_it_previews_a_restore_before_doing_it(client, world):
    facility = world.facility_halberstadt
    original = facility.history.earliest()
    edit_facility(client, world, name="Bahnhof Halberstadt (Hbf)")

    url = reverse("functions:facility_restore", args=[facility.pk, original.history_id])
    response = client.get(url)

    assert response.status_code == 200
    assert "Frühere Version wiederherstellen" in response.content.decode()
    assert ("Name", "Bahnhof Halberstadt (Hbf)", "Bahnhof Halberstadt") in change_rows(response)
    # A GET changes nothing.
    facility.refresh_from_db()
    assert facility.name == "Bahnhof Halberstadt (Hbf)"


def test_it_restores_an_earlier_version_and_records_the_restore(client, world):
    facility = world.facility_halberstadt
    original = facility.history.earliest()
    edit_facility(client, world, name="Bahnhof Halberstadt (Hbf)", city="Halberstadt")
    count = facility.history.count()

    url = reverse("functions:facility_restore", args=[facility.pk, original.history_id])
    response = client.post(url)

    assert response.status_code == 302
    assert response.url == facility.get_absolute_url()
    facility.refresh_from_db()
    assert (facility.name, facility.city) == ("Bahnhof Halberstadt", "Musterstadt")
    assert facility.history.count() == count + 1
    restore = facility.history.latest()
    assert restore.history_user == world.admin_halberstadt
    assert RESTORED.match(restore.history_change_reason), restore.history_change_reason
    # The restore is itself shown in the history, with its reason.
    page = client.get(facility.get_absolute_url()).content.decode()
    assert restore.history_change_reason in page


def test_it_restores_the_parties_of_the_contract(world):
    contract = world.contract
    parties = set(contract.parties.all())
    assert world.wernigerode in parties
    before_removal = contract.history.latest()

    contract._history_user = world.office
    contract.parties.remove(world.wernigerode)

    contract.refresh_from_db()
    assert world.wernigerode not in set(contract.parties.all())
    removal = history_entries(contract)[0]
    assert removal.user == world.office
    [change] = [c for c in removal.changes if c.name == "parties"]
    assert "Stadt Wernigerode" in change.old
    assert "Stadt Wernigerode" not in change.new

    history_restore(record=before_removal, actor=world.office)

    contract.refresh_from_db()
    assert set(contract.parties.all()) == parties
    latest = contract.history.latest()
    assert latest.history_user == world.office
    assert RESTORED.match(latest.history_change_reason)
    assert {p.partner_id for p in latest.parties.all()} == {p.pk for p in parties}


def test_it_refuses_a_restore_that_would_break_uniqueness(client, world):
    a, b = world.halberstadt, world.wernigerode
    old_name = a.name
    old_version = a.history.latest()
    cooperation_services.partner_update(partner=a, data={"name": "Stadt X"}, actor=world.office)
    cooperation_services.partner_update(partner=b, data={"name": old_name}, actor=world.office)
    count = a.history.count()

    client.force_login(world.admin_halberstadt)
    url = reverse("cooperation:partner_restore", args=[a.pk, old_version.history_id])
    response = client.post(url)

    assert response.status_code == 409
    content = response.content.decode()
    assert "Diese Version kann nicht wiederhergestellt werden:" in content
    # The reason names the field that clashes (Django's German unique message).
    with override("de"):
        clash = a.unique_error_message(Partner, ["name"]).messages[0]
    assert "Name" in clash
    assert clash in content
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.name, b.name) == ("Stadt X", old_name)
    assert a.history.count() == count


def test_it_lists_the_history_on_the_partner_page(client, world):
    partner = world.halberstadt
    assert partner.population == 10000
    cooperation_services.partner_update(
        partner=partner, data={"population": 39500}, actor=world.admin_halberstadt
    )
    first = partner.history.earliest()

    client.force_login(world.admin_halberstadt)
    response = client.get(partner.get_absolute_url())

    content = response.content.decode()
    assert "Änderungsverlauf" in content
    assert "Partneradministration Halberstadt" in content
    rows = change_rows(response)
    assert ("Einwohnerzahl", "10000", "39500") in rows
    restore_url = reverse("cooperation:partner_restore", args=[partner.pk, first.history_id])
    assert restore_url in content


def test_it_offers_no_restore_to_readers_without_the_right_to_change(client, world):
    partner = world.halberstadt
    cooperation_services.partner_update(
        partner=partner, data={"population": 39500}, actor=world.admin_halberstadt
    )
    first = partner.history.earliest()

    client.force_login(world.board_member)
    response = client.get(partner.get_absolute_url())

    content = response.content.decode()
    assert "Partneradministration Halberstadt" in content
    restore_url = reverse("cooperation:partner_restore", args=[partner.pk, first.history_id])
    assert restore_url not in content
