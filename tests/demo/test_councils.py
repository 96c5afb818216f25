"""The demo's council consultations: one decision wirksam after four approvals, one
blocked by a rejection with an overdue council, and one that Wernigerode's partner
administrator turns wirksam by recording the city council's approval."""

import datetime

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from councils.models import ConsultationStatus, CouncilRequirement, Effect
from councils.services import send_overdue_reminders
from tests.demo.test_seed_demo import seed, seeded  # noqa: F401 (the module's fixture)


@pytest.fixture
def demo(seeded, db):  # noqa: F811
    return {r.decision.title: r for r in CouncilRequirement.objects.select_related("decision")}


def test_it_seeds_an_effective_a_blocked_and_a_waiting_decision(demo):
    assert sorted(r.effect for r in demo.values()) == [
        Effect.BLOCKED,
        Effect.EFFECTIVE,
        Effect.PENDING,
    ]
    effective = next(r for r in demo.values() if r.effect == Effect.EFFECTIVE)
    statuses = list(effective.consultations.values_list("status", flat=True))
    assert len(statuses) == 4
    blocked = next(r for r in demo.values() if r.effect == Effect.BLOCKED)
    assert blocked.consultations.filter(status=ConsultationStatus.REJECTED).count() == 1
    assert blocked.consultations.overdue().count() == 1


def test_wernigerodes_administrator_records_the_approval_and_the_decision_turns_wirksam(
    client, demo
):
    waiting = next(r for r in demo.values() if r.effect == Effect.PENDING)
    consultation = waiting.consultations.get(partner__short_name="Wernigerode")
    client.force_login(User.objects.get(username="admin.wernigerode"))
    listing = client.get(reverse("councils:council_list")).content.decode()
    assert reverse("councils:consultation_record", args=[consultation.pk]) in listing
    response = client.post(
        reverse("councils:consultation_record", args=[consultation.pk]),
        {
            "council_name": consultation.council_name,
            "planned_date": timezone.localdate().isoformat(),
            "status": "approved",
            "resolution_number": "StR 91/2026",
            "resolution_date": timezone.localdate().isoformat(),
            "note": "",
        },
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.effect == Effect.EFFECTIVE
    # Another partner's administrator may not.
    client.force_login(User.objects.get(username="admin.quedlinburg"))
    url = reverse("councils:consultation_record", args=[consultation.pk])
    assert client.get(url).status_code == 403


def test_the_overdue_district_council_is_reminded(demo):
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        mail.outbox = []
        assert send_overdue_reminders() == 1
        [message] = mail.outbox
    assert "Kreistag" in message.body
    assert message.to == [User.objects.get(username="admin.landkreis").email]
    assert not send_overdue_reminders(on=timezone.localdate() + datetime.timedelta(days=1))


def test_seeding_again_changes_nothing(demo):
    before = CouncilRequirement.objects.count()
    seed(force=True)
    assert CouncilRequirement.objects.count() == before == 3
