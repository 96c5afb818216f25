"""The office (Geschäftsstelle) keeps bodies, memberships and the phase."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.models import CooperationPhase, Membership, Role

from .. import factories as f

pytestmark = pytest.mark.django_db


def test_it_lets_the_office_add_a_member_who_then_sees_the_shared_record(client, world):
    newcomer = f.UserFactory(username="hanna")
    client.force_login(world.office)

    response = client.post(
        reverse("cooperation:membership_create", args=[world.board.pk]),
        {
            "user": newcomer.pk,
            "role": Role.MEMBER,
            "partner": world.wernigerode.pk,
            "valid_from": timezone.localdate().isoformat(),
        },
    )

    assert response.status_code == 302
    membership = Membership.objects.get(user=newcomer, body=world.board)
    assert membership.history.get().history_user == world.office
    client.force_login(newcomer)
    assert client.get(reverse("cooperation:partner_list")).status_code == 200


def test_it_rejects_a_deputy_without_the_member_they_stand_in_for(client, world):
    newcomer = f.UserFactory(username="hanna")
    client.force_login(world.office)

    response = client.post(
        reverse("cooperation:membership_create", args=[world.board.pk]),
        {"user": newcomer.pk, "role": Role.DEPUTY_MEMBER, "valid_from": "2026-01-01"},
    )

    assert response.status_code == 400
    assert "Bitte wählen Sie" in response.content.decode() or "stellvertret" in (
        response.content.decode().lower()
    )
    assert not Membership.objects.filter(user=newcomer).exists()


def test_it_ends_a_membership_and_the_rights_with_it(client, world):
    membership = world.board.memberships.get(user=world.board_member)
    membership.valid_from = datetime.date(2025, 1, 1)
    membership.save()
    client.force_login(world.office)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = client.post(
        reverse("cooperation:membership_end", args=[world.board.pk, membership.pk]),
        {"valid_until": yesterday.isoformat()},
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.valid_until == yesterday
    assert membership.history.latest().history_user == world.office
    client.force_login(world.board_member)
    assert client.get(reverse("cooperation:partner_list")).status_code == 403


def test_it_refuses_to_end_a_membership_before_it_started(client, world):
    membership = world.board.memberships.get(user=world.board_member)
    client.force_login(world.office)
    before = membership.valid_from - datetime.timedelta(days=10)

    response = client.post(
        reverse("cooperation:membership_end", args=[world.board.pk, membership.pk]),
        {"valid_until": before.isoformat()},
    )

    assert response.status_code == 400
    assert "kann nicht enden, bevor sie begonnen hat" in response.content.decode()
    membership.refresh_from_db()
    assert membership.valid_until is None


def test_it_refuses_board_members_to_change_memberships(client, world):
    membership = world.board.memberships.get(user=world.office)
    client.force_login(world.board_member)

    response = client.post(
        reverse("cooperation:membership_end", args=[world.board.pk, membership.pk]),
        {"valid_until": timezone.localdate().isoformat()},
    )

    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.valid_until is None


def test_it_records_a_body_change_in_the_history(client, world):
    client.force_login(world.office)

    response = client.post(
        reverse("cooperation:body_update", args=[world.board.pk]),
        {
            "name": "Kooperationsgremium des gemeinsamen Oberzentrums",
            "short_code": "KG",
            "description": "",
            "quorum_rule": "two_thirds",
            "rules_of_procedure": "",
        },
    )

    assert response.status_code == 302
    page = client.get(reverse("cooperation:body_detail", args=[world.board.pk])).content.decode()
    assert "Kooperationsgremium des gemeinsamen Oberzentrums" in page
    # The quorum rule is edited with the rules of procedure only (tests/cooperation/
    # test_rules_of_procedure.py): the body's form leaves it alone.
    world.board.refresh_from_db()
    assert world.board.quorum_rule == "majority"
    assert world.board.history.latest().history_user == world.office


def test_it_rejects_a_short_code_in_lower_case(client, world):
    client.force_login(world.office)

    response = client.post(
        reverse("cooperation:body_update", args=[world.board.pk]),
        {"name": "Gremium", "short_code": "kg", "quorum_rule": "majority"},
    )

    assert response.status_code == 400
    world.board.refresh_from_db()
    assert world.board.name == "Kooperationsgremium"


def test_it_makes_a_recorded_phase_the_current_one(client, world):
    client.force_login(world.office)

    response = client.post(
        reverse("cooperation:phase_create"),
        {
            "phase": "implementation",
            "since": timezone.localdate().isoformat(),
            "reason": "Arbeitsgruppen haben ihre Arbeit aufgenommen.",
        },
    )

    assert response.status_code == 302
    assert CooperationPhase.objects.current().phase == "implementation"
    dashboard = client.get(reverse("overview:dashboard")).content.decode()
    assert "Arbeitsgruppen haben ihre Arbeit aufgenommen." in dashboard
