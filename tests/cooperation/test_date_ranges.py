"""Memberships, phases and the contract keep to the portal's range of dates (1990–2100)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cooperation import services
from cooperation.models import CooperationPhase, Membership, Role

from .. import factories as f

pytestmark = pytest.mark.django_db

RANGE_MESSAGE = "Bitte geben Sie ein Datum zwischen dem 01.01.1990 und dem 31.12.2100 an."


@pytest.mark.parametrize("value", ["9999-12-31", "2101-01-01"])
def test_it_refuses_to_end_a_membership_in_the_far_future(client, world, value):
    membership = world.board.memberships.get(user=world.board_member)
    client.force_login(world.office)

    response = client.post(
        reverse("cooperation:membership_end", args=[world.board.pk, membership.pk]),
        {"valid_until": value},
    )

    assert response.status_code == 400
    assert RANGE_MESSAGE in response.content.decode()
    membership.refresh_from_db()
    assert membership.valid_until is None


@pytest.mark.parametrize("valid_from", ["0001-01-01", "1989-12-31"])
def test_it_refuses_a_membership_from_long_ago(client, world, valid_from):
    newcomer = f.UserFactory(username="hanna")
    client.force_login(world.office)

    response = client.post(
        reverse("cooperation:membership_create", args=[world.board.pk]),
        {"user": newcomer.pk, "role": Role.MEMBER, "valid_from": valid_from},
    )

    assert response.status_code == 400
    assert RANGE_MESSAGE in response.content.decode()
    assert not Membership.objects.filter(user=newcomer).exists()


def test_it_refuses_a_phase_since_the_year_1(client, world):
    client.force_login(world.office)
    before = CooperationPhase.objects.count()

    response = client.post(
        reverse("cooperation:phase_create"),
        {"phase": "implementation", "since": "0001-01-01", "reason": "Tippfehler"},
    )

    assert response.status_code == 400
    assert RANGE_MESSAGE in response.content.decode()
    assert CooperationPhase.objects.count() == before


def test_the_services_refuse_far_off_dates(world):
    newcomer = f.UserFactory(username="hanna")
    membership = world.board.memberships.get(user=world.board_member)

    with pytest.raises(ValidationError) as created:
        services.membership_create(
            user=newcomer,
            body=world.board,
            role=Role.MEMBER,
            valid_from=datetime.date(1, 1, 1),
            actor=world.office,
        )
    with pytest.raises(ValidationError) as ended:
        services.membership_end(
            membership=membership, on=datetime.date(9999, 12, 31), actor=world.office
        )
    with pytest.raises(ValidationError) as phase:
        services.phase_record(
            phase="implementation",
            since=datetime.date(2101, 1, 1),
            reason="Tippfehler",
            actor=world.office,
        )

    assert created.value.error_dict["valid_from"][0].code == "date_range"
    assert ended.value.error_dict["valid_until"][0].code == "date_range"
    assert phase.value.error_dict["since"][0].code == "date_range"
    assert not Membership.objects.filter(user=newcomer).exists()
    assert Membership.objects.get(pk=membership.pk).valid_until is None


def test_the_contract_refuses_a_far_off_validity(world):
    world.contract.valid_until = datetime.date(9999, 12, 31)

    with pytest.raises(ValidationError) as error:
        world.contract.full_clean()

    assert "valid_until" in error.value.error_dict
