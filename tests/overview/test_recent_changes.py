"""The dashboard's recent changes (overview.selectors.recent_changes): one statement over
the history of every tracked model, each entry named and linked as its model says."""

import datetime

import pytest
from django.utils import timezone

from cooperation import services as cooperation_services
from cooperation.models import CooperationPhaseKind, Role
from functions.models import Facility
from meetings import services as meeting_services
from overview.selectors import recent_changes

from .. import factories as f

pytestmark = pytest.mark.django_db


def test_each_kind_of_change_is_named_and_linked_newest_first(world):
    member = f.UserFactory(username="hanna", display_name="Hanna Harz")
    group = world.working_group.body
    cooperation_services.membership_create(
        user=member, body=group, role=Role.MEMBER, partner=world.halberstadt, actor=None
    )
    decision = meeting_services.decision_record(
        item=world.public_item, title="Radweg", text="Bauen.", actor=world.office
    )
    cooperation_services.phase_record(
        phase=CooperationPhaseKind.IMPLEMENTATION,
        since=timezone.localdate(),
        reason="Beschluss des Vorstands",
        actor=world.office,
    )

    changes = recent_changes(world.board_member)

    assert [c.date for c in changes] == sorted((c.date for c in changes), reverse=True)
    phase, recorded, joined = changes[0], changes[1], changes[2]
    assert (phase.label, phase.url, phase.kind) == (
        "Umsetzungs-/Implementierungsphase",
        None,
        "created",
    )
    assert phase.user == world.office
    assert (recorded.label, recorded.url) == (
        f"{decision.number}: Radweg",
        decision.get_absolute_url(),
    )
    assert recorded.user == world.office
    assert (joined.label, joined.url) == (
        f"Hanna Harz – {group.name}",
        group.get_absolute_url(),
    )
    assert joined.user is None  # written by the system


def test_at_most_ten_and_a_deletion_has_no_link(world):
    for n in range(12):
        f.FacilityFactory(partner=world.halberstadt, name=f"Bad {n}")
    gone = Facility.objects.get(name="Bad 11")
    gone._change_reason = "Doppelt erfasst"
    gone.delete()

    changes = recent_changes(world.board_member)

    assert len(changes) == 10
    assert (changes[0].label, changes[0].kind, changes[0].url) == ("Bad 11", "deleted", None)
    assert changes[1].label == "Bad 11" and changes[1].url is not None
    assert [c.label for c in changes[2:]] == [f"Bad {n}" for n in range(10, 2, -1)]


def test_a_decision_on_a_non_public_item_is_left_out(world):
    meeting_services.decision_record(
        item=world.confidential_item, title="Geheimsache", text="Intern.", actor=world.office
    )
    meeting_services.decision_record(
        item=world.public_item,
        title="Offen",
        text="Öffentlich.",
        votes_yes=1,
        due_date=timezone.localdate() + datetime.timedelta(days=3),
        actor=world.office,
    )

    labels = [c.label for c in recent_changes(world.office)]

    assert any(label.endswith(": Offen") for label in labels)
    assert not any("Geheimsache" in label for label in labels)


def test_nobody_outside_the_cooperation_sees_changes(world):
    assert recent_changes(world.no_membership) == []
