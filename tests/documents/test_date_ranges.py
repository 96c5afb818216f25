"""Council reports keep to their own years (2000–2100), through the shared date validator."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents import council_report as cr
from documents import services
from documents.models import Document

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("period_from", "period_until", "field"),
    [
        (datetime.date(2026, 1, 1), datetime.date(9999, 12, 31), "period_until"),
        (datetime.date(1, 1, 1), datetime.date(2026, 12, 31), "period_from"),
        (datetime.date(1999, 12, 31), datetime.date(2026, 12, 31), "period_from"),
    ],
)
def test_the_service_refuses_a_period_outside_the_reports_years(
    world, period_from, period_until, field
):
    params = cr.ReportParams(
        period_from=period_from, period_until=period_until, partner_id=None, edition="public"
    )

    with pytest.raises(ValidationError) as error:
        services.request_council_report(params=params, actor=world.office)

    assert error.value.error_dict[field][0].code == "period_range"
    assert error.value.messages == [
        "Bitte wählen Sie einen Zeitraum zwischen den Jahren 2000 und 2100."
    ]
    assert not Document.objects.exists()


def test_the_date_pickers_offer_only_the_reports_years(client, world):
    client.force_login(world.office)

    page = client.get(reverse("documents:report_create")).content.decode()

    assert page.count('min="2000-01-01"') == 2
    assert page.count('max="2100-12-31"') == 2
