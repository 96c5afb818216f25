"""Rights follow memberships and staff links: granted, revoked and audited by one sync."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cooperation import services
from cooperation.models import (
    BodyKind,
    BodyUserObjectPermission,
    PartnerUserObjectPermission,
    Role,
)
from cooperation.permissions import (
    MEMBERS_GROUP,
    OFFICE_GROUP,
    is_cooperation_member,
    sync_user_permissions,
)

from .. import factories as f
from ..second_factor import verify_session

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as the next request loads it: no permission caches."""
    return User.objects.get(pk=user.pk)


def group_names(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def test_it_grants_the_members_group_and_act_as_member_on_a_new_membership():
    user = f.UserFactory()
    body, other_body = f.BodyFactory(), f.BodyFactory()

    f.membership(user, body, Role.MEMBER)

    user = fresh(user)
    assert group_names(user) == {MEMBERS_GROUP}
    assert is_cooperation_member(user)
    assert user.has_perm("cooperation.act_as_member", body)
    assert not user.has_perm("cooperation.act_as_member", other_body)
    assert not user.has_perm("cooperation.change_body", body)


def test_it_revokes_everything_when_the_only_membership_ends():
    user = f.UserFactory()
    body = f.BodyFactory()
    membership = f.membership(user, body, Role.MEMBER, valid_from=days(-30))

    services.membership_end(membership=membership, on=days(-1), actor=None)

    user = fresh(user)
    assert group_names(user) == set()
    assert not is_cooperation_member(user)
    assert not user.has_perm("cooperation.act_as_member", body)
    assert not BodyUserObjectPermission.objects.filter(user=user).exists()
    # The membership is kept for the record.
    membership.refresh_from_db()
    assert membership.valid_until == days(-1)


def test_it_keeps_the_rights_of_the_remaining_role_when_one_membership_ends():
    user = f.UserFactory()
    board, group = f.BodyFactory(), f.BodyFactory(kind=BodyKind.WORKING_GROUP)
    ended = f.membership(user, board, Role.MEMBER, valid_from=days(-30))
    f.membership(user, group, Role.MEMBER, valid_from=days(-30))

    services.membership_end(membership=ended, on=days(-1), actor=None)

    user = fresh(user)
    assert group_names(user) == {MEMBERS_GROUP}
    assert not user.has_perm("cooperation.act_as_member", board)
    assert user.has_perm("cooperation.act_as_member", group)


def test_it_keeps_the_rights_until_the_last_day_of_the_membership():
    user = f.UserFactory()
    body = f.BodyFactory()
    membership = f.membership(user, body, Role.MEMBER, valid_from=days(-30))

    services.membership_end(membership=membership, on=timezone.localdate(), actor=None)

    assert fresh(user).has_perm("cooperation.act_as_member", body)


def test_it_makes_the_office_role_on_the_board_the_office(world):
    user = f.UserFactory()

    f.membership(user, world.board, Role.OFFICE, partner=world.rpg)

    user = fresh(user)
    assert group_names(user) == {MEMBERS_GROUP, OFFICE_GROUP}
    assert user.has_perm("cooperation.change_body")
    assert user.has_perm("cooperation.change_body", world.board)
    assert user.has_perm("cooperation.change_spatialplanningcontract")
    assert user.has_perm("cooperation.change_partner")


def test_it_does_not_make_the_office_of_a_working_group_the_cooperation_office(world):
    user = f.UserFactory()
    group_body = world.working_group.body

    f.membership(user, group_body, Role.OFFICE)

    user = fresh(user)
    assert OFFICE_GROUP not in group_names(user)
    assert not user.has_perm("cooperation.change_body")
    assert not user.has_perm("cooperation.change_body", world.board)
    assert user.has_perm("cooperation.change_body", group_body)


def test_it_lets_a_partner_admin_change_only_their_own_partner(world):
    admin = fresh(world.admin_halberstadt)

    assert admin.has_perm("cooperation.change_partner", world.halberstadt)
    assert admin.has_perm("cooperation.manage_facilities", world.halberstadt)
    assert not admin.has_perm("cooperation.change_partner", world.wernigerode)
    assert not admin.has_perm("cooperation.manage_facilities", world.wernigerode)
    # Object rights only: no model-wide right over every partner.
    assert not admin.has_perm("cooperation.change_partner")
    assert group_names(admin) == {MEMBERS_GROUP}


def test_it_gives_plain_staff_read_access_but_no_right_to_change_the_partner(world):
    clerk = f.UserFactory()

    f.staff(clerk, world.halberstadt, position="Sachbearbeitung")

    clerk = fresh(clerk)
    assert is_cooperation_member(clerk)
    assert not clerk.has_perm("cooperation.change_partner", world.halberstadt)
    assert not clerk.has_perm("cooperation.manage_facilities", world.halberstadt)


def test_it_revokes_the_admin_rights_when_the_staff_link_is_downgraded(world):
    f.staff(world.admin_halberstadt, world.halberstadt, is_admin=False)

    admin = fresh(world.admin_halberstadt)
    assert not admin.has_perm("cooperation.change_partner", world.halberstadt)
    assert is_cooperation_member(admin)


def test_it_revokes_the_admins_rights_when_the_partner_is_deactivated(world):
    services.partner_update(
        partner=world.halberstadt, data={"is_active": False}, actor=world.office
    )

    admin = fresh(world.admin_halberstadt)
    assert not admin.has_perm("cooperation.change_partner", world.halberstadt)
    assert not admin.has_perm("cooperation.manage_facilities", world.halberstadt)
    # The staff link was the admin's only role in the cooperation.
    assert group_names(admin) == set()
    assert not is_cooperation_member(admin)
    # Nobody else lost anything.
    assert fresh(world.admin_wernigerode).has_perm("cooperation.change_partner", world.wernigerode)


def test_it_restores_the_admins_rights_when_the_partner_is_reactivated(world):
    services.partner_update(
        partner=world.halberstadt, data={"is_active": False}, actor=world.office
    )
    services.partner_update(partner=world.halberstadt, data={"is_active": True}, actor=world.office)

    assert fresh(world.admin_halberstadt).has_perm("cooperation.change_partner", world.halberstadt)


def test_it_records_grants_and_revocations_in_the_history(world):
    admin = world.admin_halberstadt
    history = PartnerUserObjectPermission.history.filter(
        user=admin, content_object=world.halberstadt
    )
    granted = {r.permission.codename for r in history.filter(history_type="+")}
    assert granted == {"change_partner", "manage_facilities"}

    services.partner_update(
        partner=world.halberstadt, data={"is_active": False}, actor=world.office
    )

    revoked = list(history.filter(history_type="-"))
    assert {r.permission.codename for r in revoked} == {"change_partner", "manage_facilities"}
    assert {r.history_user for r in revoked} == {world.office}
    assert not PartnerUserObjectPermission.objects.filter(user=admin).exists()


def test_it_leaves_no_trace_when_a_sync_changes_nothing(world):
    user = world.board_member
    before = (
        PartnerUserObjectPermission.history.count(),
        BodyUserObjectPermission.history.count(),
        list(user.groups.values_list("pk", flat=True)),
    )

    sync_user_permissions(user)
    sync_user_permissions(user)

    after = (
        PartnerUserObjectPermission.history.count(),
        BodyUserObjectPermission.history.count(),
        list(user.groups.values_list("pk", flat=True)),
    )
    assert after == before


def test_it_grants_a_future_membership_only_from_its_first_day():
    user = f.UserFactory()
    body = f.BodyFactory()
    start = days(1)

    f.membership(user, body, Role.MEMBER, valid_from=start)

    user = fresh(user)
    assert group_names(user) == set()
    assert not user.has_perm("cooperation.act_as_member", body)

    sync_user_permissions(user, on=start)

    user = fresh(user)
    assert group_names(user) == {MEMBERS_GROUP}
    assert user.has_perm("cooperation.act_as_member", body)


def test_it_takes_away_all_rights_of_a_deactivated_account(world):
    user = world.board_member
    user.is_active = False
    user.save()

    sync_user_permissions(user)

    assert group_names(user) == set()
    assert not BodyUserObjectPermission.objects.filter(user=user).exists()


def _log_in(client, user):
    return client.post(reverse("login"), {"username": user.username, "password": f.PASSWORD})


def test_it_repairs_stale_permissions_at_login(client, world):
    user = world.board_member
    user.groups.clear()
    BodyUserObjectPermission.objects.filter(user=user).delete()
    assert not is_cooperation_member(fresh(user))

    response = _log_in(client, user)

    assert response.status_code == 302
    user = fresh(user)
    assert group_names(user) == {MEMBERS_GROUP}
    assert user.has_perm("cooperation.act_as_member", world.board)


def test_it_grants_a_membership_that_started_by_date_at_the_next_login(client):
    user = f.UserFactory()
    body = f.BodyFactory()
    start = days(3)
    f.membership(user, body, Role.MEMBER, valid_from=start)
    assert not is_cooperation_member(fresh(user))

    noon = datetime.datetime.combine(
        start, datetime.time(12), tzinfo=timezone.get_current_timezone()
    )
    with time_machine.travel(noon, tick=False):
        response = _log_in(client, user)
        assert response.status_code == 302
        session = client.session  # a board seat: login step 2 as well
        verify_session(session, user)
        session.save()
        assert client.get(reverse("cooperation:partner_list")).status_code == 200

    user = fresh(user)
    assert group_names(user) == {MEMBERS_GROUP}
    assert user.has_perm("cooperation.act_as_member", body)


def test_it_revokes_a_membership_that_ended_by_date_at_the_next_login(client):
    user = f.UserFactory()
    body = f.BodyFactory()
    f.membership(user, body, Role.MEMBER, valid_from=days(-10), valid_until=days(1))
    assert is_cooperation_member(fresh(user))

    later = datetime.datetime.combine(
        days(2), datetime.time(12), tzinfo=timezone.get_current_timezone()
    )
    with time_machine.travel(later, tick=False):
        _log_in(client, user)
        assert client.get(reverse("cooperation:partner_list")).status_code == 403

    user = fresh(user)
    assert group_names(user) == set()
    assert not user.has_perm("cooperation.act_as_member", body)


def test_it_creates_the_role_groups_by_name_only_once(world):
    f.membership(f.UserFactory(), world.board, Role.GUEST)
    assert Group.objects.filter(name__in=[MEMBERS_GROUP, OFFICE_GROUP]).count() == 2
