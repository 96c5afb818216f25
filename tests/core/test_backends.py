"""The object-permission backend asks the database once per object and user object,
and sees changed rights after they are synced or the user is read again."""

import pytest
from guardian.exceptions import WrongAppError

from cooperation.models import BodyUserObjectPermission, Role
from cooperation.permissions import sync_user_permissions

from .. import factories as f

pytestmark = pytest.mark.django_db


def test_a_second_question_about_the_same_object_costs_no_query(world, django_assert_num_queries):
    member = world.board_member
    assert member.has_perm("cooperation.act_as_member", world.board)
    with django_assert_num_queries(0):
        assert member.has_perm("cooperation.act_as_member", world.board)
        assert not member.has_perm("cooperation.change_body", world.board)


def test_a_membership_given_later_is_seen_after_the_sync_and_after_a_refresh(world):
    user = f.UserFactory(username="hedwig")
    assert not user.has_perm("cooperation.act_as_member", world.working_group.body)

    f.membership(user, world.working_group.body, Role.MEMBER)  # syncs this object's rights
    assert user.has_perm("cooperation.act_as_member", world.working_group.body)

    # Rights taken away behind the object's back: seen once the user is read again.
    BodyUserObjectPermission.objects.filter(user=user).delete()
    assert user.has_perm("cooperation.act_as_member", world.working_group.body)  # cached
    user.refresh_from_db()
    assert not user.has_perm("cooperation.act_as_member", world.working_group.body)
    # ... and given back by the sync, which forgets the cache of the object it syncs.
    sync_user_permissions(user)
    assert user.has_perm("cooperation.act_as_member", world.working_group.body)


def test_a_permission_of_another_app_is_refused_as_a_programming_error(world):
    with pytest.raises(WrongAppError):
        world.board_member.has_perm("meetings.view_meeting", world.board)
