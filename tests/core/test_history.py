"""The audit history: who changed what when, shown on each record, and restoring."""

import html
import re

import pytest
from django import forms
from django.urls import reverse
from django.utils.translation import gettext, override

from cooperation import services as cooperation_services
from cooperation.models import Partner, PartnerKind, PartnerStatus
from core.history import history_entries, history_restore
from functions import services as facility_services

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


# --- A restore is an edit by the restoring user ---------------------------------------


def german(message) -> str:
    with override("de"):
        return gettext(message)


def fresh(user):
    """The user as the next request loads it: no permission caches."""
    return type(user).objects.get(pk=user.pk)


def restore(client, user, url_name, obj, record):
    client.force_login(user)
    return client.post(reverse(url_name, args=[obj.pk, record.history_id]))


def _partner_with_an_office_version(world):
    """Halberstadt with a version in which the office had changed status, kind and
    activity (and the population), since changed back; returns that version."""
    partner = world.halberstadt
    cooperation_services.partner_update(
        partner=partner,
        data={
            "population": 9000,
            "status": PartnerStatus.ASSOCIATED,
            "kind": PartnerKind.MUNICIPALITY,
            "is_active": False,
        },
        actor=world.office,
    )
    office_version = partner.history.latest()
    cooperation_services.partner_update(
        partner=partner,
        data={
            "population": 39500,
            "status": PartnerStatus.JOINT,
            "kind": PartnerKind.TOWN,
            "is_active": True,
        },
        actor=world.office,
    )
    return office_version


def test_it_restores_only_the_fields_the_partner_admins_form_allows(client, world):
    partner = world.halberstadt
    office_version = _partner_with_an_office_version(world)

    response = restore(
        client, world.admin_halberstadt, "cooperation:partner_restore", partner, office_version
    )

    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.population == 9000
    assert (partner.status, partner.kind, partner.is_active) == (
        PartnerStatus.JOINT,
        PartnerKind.TOWN,
        True,
    )
    latest = partner.history.latest()
    assert latest.history_user == world.admin_halberstadt
    assert RESTORED.match(latest.history_change_reason)
    assert fresh(world.admin_halberstadt).has_perm("cooperation.change_partner", partner)


def test_it_previews_which_fields_a_restore_changes_and_which_it_keeps(client, world):
    partner = world.halberstadt
    office_version = _partner_with_an_office_version(world)
    url = reverse("cooperation:partner_restore", args=[partner.pk, office_version.history_id])
    client.force_login(world.admin_halberstadt)

    preview = client.get(url)

    assert preview.status_code == 200
    assert [c.name for c in preview.context["changes"]] == ["population"]
    assert {c.name for c in preview.context["kept"]} == {"status", "kind", "is_active"}
    assert ("Einwohnerzahl", "39500", "9000") in change_rows(preview)
    assert "Diese Felder behalten ihren aktuellen Wert" in preview.content.decode()


def test_it_revokes_the_admins_rights_when_the_office_restores_an_inactive_version(client, world):
    partner = world.halberstadt
    cooperation_services.partner_update(
        partner=partner, data={"is_active": False}, actor=world.office
    )
    inactive = partner.history.latest()
    cooperation_services.partner_update(
        partner=partner, data={"is_active": True}, actor=world.office
    )
    assert fresh(world.admin_halberstadt).has_perm("cooperation.change_partner", partner)

    response = restore(client, world.office, "cooperation:partner_restore", partner, inactive)

    assert response.status_code == 302
    partner.refresh_from_db()
    assert not partner.is_active
    # The permission sync ran, exactly as after an edit.
    admin = fresh(world.admin_halberstadt)
    assert not admin.has_perm("cooperation.change_partner", partner)
    assert not admin.has_perm("cooperation.manage_facilities", partner)
    assert RESTORED.match(partner.history.latest().history_change_reason)


def test_it_refuses_to_restore_a_facility_into_a_partner_the_user_cannot_manage(client, world):
    facility = world.facility_wernigerode
    in_wernigerode = facility.history.latest()
    facility_services.facility_update(
        facility=facility,
        data={"partner": world.halberstadt, "name": "Bahnhof Wernigerode"},
        actor=world.office,
    )
    count = facility.history.count()

    response = restore(
        client, world.admin_halberstadt, "functions:facility_restore", facility, in_wernigerode
    )

    assert response.status_code == 409
    content = html.unescape(response.content.decode())
    assert "Diese Version kann nicht wiederhergestellt werden:" in content
    # The edit form's answer, naming the field.
    expected = german(forms.ModelChoiceField.default_error_messages["invalid_choice"])
    assert f"Standort: {expected}" in content
    facility.refresh_from_db()
    assert (facility.partner, facility.name) == (world.halberstadt, "Bahnhof Wernigerode")
    assert facility.history.count() == count


def test_it_keeps_a_bodys_activity_when_its_office_restores_an_inactive_version(client, world):
    body = world.working_group.body
    cooperation_services.body_update(
        body=body, data={"is_active": False, "description": "Ruht."}, actor=world.office
    )
    inactive = body.history.latest()
    cooperation_services.body_update(
        body=body, data={"is_active": True, "description": "Arbeitet wieder."}, actor=world.office
    )

    response = restore(client, world.office, "cooperation:body_restore", body, inactive)

    assert response.status_code == 302
    body.refresh_from_db()
    # The body form has no "active" field: the restore keeps it, members keep their rights.
    assert (body.description, body.is_active) == ("Ruht.", True)
    assert fresh(world.wg_member).has_perm("cooperation.act_as_member", body)


def test_it_restores_the_contract_parties_through_the_restore_page(client, world):
    contract = world.contract
    parties = set(contract.parties.all())
    before_removal = contract.history.latest()
    cooperation_services.contract_update(
        contract=contract,
        data={"parties": [world.halberstadt, world.rpg], "title": "Vertrag (neu)"},
        actor=world.office,
    )
    assert set(contract.parties.all()) == {world.halberstadt, world.rpg}

    response = restore(
        client, world.office, "cooperation:contract_restore", contract, before_removal
    )

    assert response.status_code == 302
    contract.refresh_from_db()
    assert set(contract.parties.all()) == parties
    assert contract.title == before_removal.title
    assert contract.document.name  # the signed document is kept
    latest = contract.history.latest()
    assert latest.history_user == world.office
    assert RESTORED.match(latest.history_change_reason)
    assert {p.partner_id for p in latest.parties.all()} == {p.pk for p in parties}


def test_it_says_so_when_a_restore_has_nothing_the_user_may_change(client, world):
    partner = world.halberstadt
    before_office_edit = partner.history.latest()
    cooperation_services.partner_update(
        partner=partner, data={"status": PartnerStatus.ASSOCIATED}, actor=world.office
    )
    count = partner.history.count()

    response = restore(
        client, world.admin_halberstadt, "cooperation:partner_restore", partner, before_office_edit
    )

    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Es wurde nichts geändert" in page
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.ASSOCIATED
    assert partner.history.count() == count


def test_names_loaded_on_the_record_are_reused_and_others_read_once(
    world, django_assert_num_queries
):
    """The history names a related object by its current name: from the object the page
    has loaded where it can, from the database for the rest (an earlier value)."""
    from functions.models import Facility

    facility = world.facility_halberstadt
    facility_services.facility_update(
        facility=facility, data={"partner": world.wernigerode}, actor=world.office
    )
    expected = [(c.name, c.old, c.new) for c in history_entries(facility)[0].changes]
    assert ("partner", "Stadt Halberstadt", "Stadt Wernigerode") in expected

    loaded = Facility.objects.select_related("partner", "central_function").get(pk=facility.pk)
    # the records (with their users), then only the earlier partner's name
    with django_assert_num_queries(2):
        entries = history_entries(loaded)
    assert [(c.name, c.old, c.new) for c in entries[0].changes] == expected


def test_a_related_object_read_with_some_columns_only_is_not_asked_for_its_name(
    world, django_assert_num_queries
):
    from functions.models import Facility

    loaded = Facility.objects.select_related("partner").defer("partner__name")
    loaded = loaded.get(pk=world.facility_halberstadt.pk)
    with django_assert_num_queries(3):  # the records, the partners, the functions
        entries = history_entries(loaded)
    assert any(c.new == "Stadt Halberstadt" for e in entries for c in e.changes)


def test_the_rows_of_every_tracked_many_to_many_field_come_in_one_query(
    world, django_assert_num_queries
):
    """A finding tracks its facilities and partners: both tables are read in one UNION
    query, and what the page loaded on the finding names the values."""
    from workinggroups.models import Finding
    from workinggroups.services import finding_update

    finding = world.agreed_finding
    finding_update(
        finding=finding,
        data={},
        actor=world.office,
        expected_version=finding.version,
        facilities=[world.facility_wernigerode, world.facility_halberstadt],
        partners=[world.halberstadt, world.wernigerode],
    )
    loaded = (
        Finding.objects.select_related("group__body", "function_area", "central_function", "author")
        .prefetch_related("facilities", "partners")
        .get(pk=finding.pk)
    )
    with django_assert_num_queries(2):  # the records with their users, the rows
        entries = history_entries(loaded)
    changes = {c.name: (c.old, c.new) for c in entries[0].changes}
    facilities = sorted([str(world.facility_wernigerode), str(world.facility_halberstadt)])
    assert changes["facilities"] == (str(world.facility_wernigerode), ", ".join(facilities))
    assert changes["partners"] == ("Stadt Wernigerode", "Stadt Halberstadt, Stadt Wernigerode")
