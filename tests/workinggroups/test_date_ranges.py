"""Working-group reports keep to the portal's range of dates (1990–2100).

A report ending on 31 December 9999 was accepted before, and the next report's form
then failed (test_far_off_rows.py).
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cooperation.models import Role
from workinggroups import services as wg_services
from workinggroups.models import WorkingGroupReport

from .. import factories as f

pytestmark = pytest.mark.django_db

RANGE_MESSAGE = "Bitte geben Sie ein Datum zwischen dem 01.01.1990 und dem 31.12.2100 an."


@pytest.fixture
def lead(world):
    user = f.UserFactory(username="greta", display_name="AG-Leitung")
    f.membership(user, world.working_group.body, Role.LEAD, partner=world.halberstadt)
    return user


def _create_url(world):
    return reverse("workinggroups:report_create", args=[world.working_group.pk])


def _report(world, **kwargs):
    data = {
        "group": world.working_group,
        "period_from": datetime.date(2026, 1, 1),
        "period_until": datetime.date(2026, 3, 31),
        "summary": "",
        "findings": [],
        "actor": world.wg_member,
        **kwargs,
    }
    return wg_services.report_create(**data)


@pytest.mark.parametrize(
    ("period_from", "period_until", "field"),
    [
        ("2026-01-01", "9999-12-31", "period_until"),
        ("0001-01-01", "2026-03-31", "period_from"),
        ("1989-12-31", "2026-03-31", "period_from"),
        ("2026-01-01", "2101-01-01", "period_until"),
    ],
)
def test_it_refuses_a_far_off_period(client, world, lead, period_from, period_until, field):
    client.force_login(lead)

    response = client.post(
        _create_url(world), {"period_from": period_from, "period_until": period_until}
    )

    assert response.status_code == 400
    assert RANGE_MESSAGE in response.content.decode()
    assert field in response.context["form"].errors
    assert not WorkingGroupReport.objects.exists()


@pytest.mark.parametrize("value", ["2026-02-30", "99999-01-01", "31.13.2026"])
def test_it_refuses_an_impossible_date_in_german(client, world, lead, value):
    client.force_login(lead)

    response = client.post(_create_url(world), {"period_from": value, "period_until": "2026-03-31"})

    assert response.status_code == 400
    assert "Bitte ein gültiges Datum eingeben." in response.content.decode()
    assert not WorkingGroupReport.objects.exists()


def test_the_date_pickers_offer_only_the_range(client, world, lead):
    client.force_login(lead)

    page = client.get(_create_url(world)).content.decode()

    assert page.count('min="1990-01-01"') == 2
    assert page.count('max="2100-12-31"') == 2


@pytest.mark.parametrize(
    ("period_from", "period_until"),
    [
        (datetime.date(2026, 1, 1), datetime.date(9999, 12, 31)),
        (datetime.date(1, 1, 1), datetime.date(2026, 3, 31)),
    ],
)
def test_the_service_refuses_a_far_off_period(world, period_from, period_until):
    with pytest.raises(ValidationError) as error:
        _report(world, period_from=period_from, period_until=period_until)

    assert {e.code for errors in error.value.error_dict.values() for e in errors} == {"date_range"}
    assert not WorkingGroupReport.objects.exists()
