"""Partner pages, dashboard and the contract document, as each persona uses them."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation import services
from cooperation.models import Partner, PartnerKind, PartnerStatus

pytestmark = pytest.mark.django_db

ADMIN_FIELDS = [
    "name",
    "short_name",
    "ags",
    "population",
    "street",
    "postal_code",
    "city",
    "website",
    "email",
]
OFFICE_ONLY_FIELDS = {"kind", "status", "is_active"}


def partner_data(partner, **overrides):
    data = {name: getattr(partner, name) for name in ADMIN_FIELDS}
    data = {name: "" if value is None else value for name, value in data.items()}
    data.update(overrides)
    return data


def stored(partner) -> dict:
    return Partner.objects.filter(pk=partner.pk).values().get()


def section(content: str, heading_id: str) -> str:
    """The HTML of the page section labelled by the heading with `heading_id`."""
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', content, re.S)
    assert match, heading_id
    return match.group(0)


# --- Editing a partner -----------------------------------------------------------------


def test_it_saves_the_partner_admins_changes_and_shows_them(client, world):
    partner = world.halberstadt
    client.force_login(world.admin_halberstadt)

    response = client.post(
        reverse("cooperation:partner_update", args=[partner.pk]),
        partner_data(partner, street="Holzmarkt 1", postal_code="38820", population="39500"),
    )

    assert response.status_code == 302
    assert response.url == partner.get_absolute_url()
    partner.refresh_from_db()
    assert (partner.street, partner.postal_code, partner.population) == (
        "Holzmarkt 1",
        "38820",
        39500,
    )
    page = client.get(response.url).content.decode()
    assert "Die Daten des Partners wurden gespeichert." in page
    assert "Holzmarkt 1" in page
    record = partner.history.latest()
    assert record.history_user == world.admin_halberstadt
    assert record.street == "Holzmarkt 1"


def test_it_shows_the_partner_admin_only_the_partners_own_data(client, world):
    client.force_login(world.admin_halberstadt)

    response = client.get(reverse("cooperation:partner_update", args=[world.halberstadt.pk]))

    form = response.context["form"]
    assert list(form.fields) == ADMIN_FIELDS
    content = response.content.decode()
    for name in OFFICE_ONLY_FIELDS:
        assert f'name="{name}"' not in content


def test_it_shows_the_office_kind_status_and_activity(client, world):
    client.force_login(world.office)

    response = client.get(reverse("cooperation:partner_update", args=[world.halberstadt.pk]))

    assert set(response.context["form"].fields) >= OFFICE_ONLY_FIELDS
    content = response.content.decode()
    for name in OFFICE_ONLY_FIELDS:
        assert f'name="{name}"' in content


def test_it_ignores_status_kind_and_activity_posted_by_a_partner_admin(client, world):
    partner = world.halberstadt
    client.force_login(world.admin_halberstadt)

    client.post(
        reverse("cooperation:partner_update", args=[partner.pk]),
        partner_data(
            partner,
            city="Halberstadt",
            status=PartnerStatus.NEIGHBOUR,
            kind=PartnerKind.MUNICIPALITY,
            is_active="",
        ),
    )

    partner.refresh_from_db()
    assert partner.status == PartnerStatus.JOINT
    assert partner.kind == PartnerKind.TOWN
    assert partner.is_active


def test_it_lets_the_office_change_a_partners_status(client, world):
    partner = world.wernigerode
    client.force_login(world.office)

    response = client.post(
        reverse("cooperation:partner_update", args=[partner.pk]),
        partner_data(partner, kind=partner.kind, status=PartnerStatus.JOINT, is_active="on"),
    )

    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.status == PartnerStatus.JOINT
    assert partner.history.latest().history_user == world.office


@pytest.mark.parametrize(
    ("ags", "message"),
    [
        ("1508513", "Der Amtliche Gemeindeschlüssel muss aus genau 8 Ziffern bestehen."),
        ("", "Bitte geben Sie den Amtlichen Gemeindeschlüssel (AGS) mit 8 Ziffern ein."),
        ("03101000", "Schlüssel aus Sachsen-Anhalt beginnen mit 15."),
    ],
)
def test_it_rejects_an_invalid_key_and_keeps_the_stored_partner(client, world, ags, message):
    partner = world.halberstadt
    before = stored(partner)
    client.force_login(world.admin_halberstadt)

    response = client.post(
        reverse("cooperation:partner_update", args=[partner.pk]),
        partner_data(partner, ags=ags, name="Hansestadt Halberstadt"),
    )

    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert "Bitte korrigieren Sie die markierten Felder." in content
    assert stored(partner) == before
    # The heading names the partner as stored, not the rejected input.
    assert "<h1>Stadt Halberstadt bearbeiten</h1>" in content


def test_it_rejects_a_key_another_partner_has(client, world):
    partner = world.halberstadt
    before = stored(partner)
    client.force_login(world.admin_halberstadt)

    response = client.post(
        reverse("cooperation:partner_update", args=[partner.pk]),
        partner_data(partner, ags=world.wernigerode.ags),
    )

    assert response.status_code == 400
    assert (
        "Ein Partner mit diesem Amtlichen Gemeindeschlüssel ist bereits erfasst."
        in response.content.decode()
    )
    assert stored(partner) == before


def test_it_forbids_an_admin_to_edit_another_partner(client, world):
    partner = world.halberstadt
    before = stored(partner)
    history = partner.history.count()
    client.force_login(world.admin_wernigerode)

    response = client.post(
        reverse("cooperation:partner_update", args=[partner.pk]),
        partner_data(partner, name="Übernommen von Wernigerode"),
    )

    assert response.status_code == 403
    assert stored(partner) == before
    assert partner.history.count() == history


def test_it_hides_the_edit_button_from_those_who_may_not_edit(client, world):
    edit_url = reverse("cooperation:partner_update", args=[world.halberstadt.pk])

    client.force_login(world.admin_halberstadt)
    assert edit_url in client.get(world.halberstadt.get_absolute_url()).content.decode()
    client.force_login(world.admin_wernigerode)
    assert edit_url not in client.get(world.halberstadt.get_absolute_url()).content.decode()


# --- Dashboard -------------------------------------------------------------------------


def test_it_tells_a_user_without_a_role_that_they_have_no_access_yet(client, world):
    client.force_login(world.no_membership)

    response = client.get(reverse("overview:dashboard"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Noch kein Zugang" in content
    # Nothing of the shared record leaks onto the page.
    assert world.halberstadt.name not in content
    assert "Letzte Änderungen" not in content


def test_it_shows_the_users_bodies_and_roles_on_the_dashboard(client, world):
    client.force_login(world.board_member)

    content = client.get(reverse("overview:dashboard")).content.decode()

    bodies = section(content, "my-bodies")
    assert "Kooperationsgremium" in bodies
    assert "Mitglied" in bodies
    assert "(Halberstadt)" in bodies
    assert "AG Verkehrsinfrastruktur" not in bodies


def test_it_shows_a_partner_admin_their_partner_on_the_dashboard(client, world):
    client.force_login(world.admin_halberstadt)

    content = client.get(reverse("overview:dashboard")).content.decode()

    assert "Stadt Halberstadt" in section(content, "my-partner")
    assert "Partneradministration" in section(content, "my-partner")
    assert "Stadt Wernigerode" not in section(content, "my-partner")
    assert "Sie sind in keinem Gremium Mitglied." in section(content, "my-bodies")


def test_it_does_not_list_an_ended_membership_on_the_dashboard(client, world):
    today = timezone.localdate()
    membership = world.wg_member.memberships.get()
    services.membership_update(
        membership=membership,
        data={"valid_from": today - datetime.timedelta(days=30)},
        actor=world.office,
    )
    services.membership_end(
        membership=membership, on=today - datetime.timedelta(days=1), actor=world.office
    )
    # The working-group member has no other role: no access any more.
    client.force_login(world.wg_member)

    content = client.get(reverse("overview:dashboard")).content.decode()

    assert "Noch kein Zugang" in content


def test_it_shows_recent_changes_with_their_author_on_the_dashboard(client, world):
    services.partner_update(
        partner=world.wernigerode, data={"population": 31900}, actor=world.admin_wernigerode
    )
    client.force_login(world.board_member)

    content = client.get(reverse("overview:dashboard")).content.decode()

    recent = section(content, "recent")
    assert "Letzte Änderungen" in recent
    first_row = re.search(r"<tbody>\s*<tr>(.*?)</tr>", recent, re.S).group(1)
    assert "Stadt Wernigerode" in first_row
    assert "Partneradministration Wernigerode" in first_row
    assert world.wernigerode.get_absolute_url() in first_row


# --- Contract document -----------------------------------------------------------------


def test_it_lets_a_member_download_the_signed_contract(client, world):
    client.force_login(world.wg_member)

    response = client.get(reverse("cooperation:contract_document", args=[world.contract.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 signed contract"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".pdf" in response["Content-Disposition"]


def test_it_refuses_the_contract_document_to_a_user_without_a_role(client, world):
    client.force_login(world.no_membership)

    response = client.get(reverse("cooperation:contract_document", args=[world.contract.pk]))

    assert response.status_code == 403
    assert b"%PDF" not in response.content


def test_it_sends_anonymous_visitors_of_the_document_to_the_login(client, world):
    url = reverse("cooperation:contract_document", args=[world.contract.pk])

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_answers_404_when_the_contract_has_no_document(client, world):
    world.contract.document.delete(save=True)
    client.force_login(world.board_member)

    response = client.get(reverse("cooperation:contract_document", args=[world.contract.pk]))

    assert response.status_code == 404


def test_a_missing_population_shows_a_dash_not_none(client, world):
    Partner.objects.filter(pk=world.halberstadt.pk).update(population=None)
    client.force_login(world.board_member)

    for url in (
        reverse("cooperation:partner_list"),
        reverse("cooperation:partner_detail", args=[world.halberstadt.pk]),
    ):
        text = client.get(url).content.decode()
        assert "None" not in text, url
        assert "–" in text, url
