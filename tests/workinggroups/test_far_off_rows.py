"""The next report's form after a period stored before dates were limited (written
here with update(), past every validation): it proposes the day after the last
period's end, and 31 December 9999 has no next day."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.models import Role
from workinggroups import services as wg_services
from workinggroups.models import WorkingGroupReport

from .. import factories as f

pytestmark = pytest.mark.django_db


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
    "stored_end", [datetime.date(9999, 12, 31), datetime.date(1, 1, 1), datetime.date(2200, 1, 1)]
)
def test_the_next_report_form_works_after_a_far_off_stored_period(client, world, lead, stored_end):
    """A period stored before the range was enforced (written past validation)."""
    report = _report(world)
    WorkingGroupReport.objects.filter(pk=report.pk).update(
        period_from=min(stored_end, report.period_from), period_until=stored_end
    )
    client.force_login(lead)

    response = client.get(_create_url(world))

    assert response.status_code == 200
    form = response.context["form"]
    proposed = form.initial["period_from"], form.initial["period_until"]
    assert all(datetime.date(1990, 1, 1) <= day <= timezone.localdate() for day in proposed)


def test_the_next_report_form_starts_the_day_after_the_last_period(client, world, lead):
    _report(world, period_until=datetime.date(2026, 3, 31))
    client.force_login(lead)

    form = client.get(_create_url(world)).context["form"]

    assert form.initial["period_from"] == datetime.date(2026, 4, 1)
