"""A request reads the user's bodies once per permission; a right given or taken in
the same request is seen by the gates after it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cooperation.models import Role
from cooperation.permissions import bodies_for_user, remember_bodies_for, remembered_bodies
from cooperation.services import membership_end

from .. import factories as f

pytestmark = pytest.mark.django_db
MEMBER = "cooperation.act_as_member"


def test_each_permission_is_read_once_inside_the_block(world, django_assert_num_queries):
    member = world.wg_member
    member.has_perm(MEMBER)  # the model-level permissions, cached on the user as always
    with remembered_bodies():
        with django_assert_num_queries(2):  # the ids, then the bodies by id
            first = list(bodies_for_user(member, MEMBER))
        with django_assert_num_queries(1):  # only the bodies themselves, by id
            second = list(bodies_for_user(member, MEMBER))
    assert first == second == [world.working_group.body]


def test_a_membership_given_and_ended_inside_the_block_is_seen_by_the_next_gate(world):
    user = f.UserFactory(username="ida")
    with remembered_bodies():
        assert not bodies_for_user(user, MEMBER).exists()
        membership = f.membership(
            user, world.working_group.body, Role.MEMBER, valid_from=datetime.date(2020, 1, 1)
        )
        assert list(bodies_for_user(user, MEMBER)) == [world.working_group.body]
        membership_end(
            membership=membership, on=datetime.date.today() - datetime.timedelta(1), actor=None
        )
        assert not bodies_for_user(user, MEMBER).exists()


PERMS = [MEMBER, "cooperation.change_body", "cooperation.view_body", MEMBER]


@pytest.mark.parametrize(
    "persona", ["board_member", "office", "wg_member", "admin_halberstadt", "no_membership"]
)
def test_several_permissions_read_at_once_give_what_each_read_alone_gives(world, persona):
    user = getattr(world, persona)
    with remembered_bodies():
        one_by_one = {perm: set(bodies_for_user(user, perm)) for perm in PERMS}
    with remembered_bodies():
        remember_bodies_for(user, PERMS)
        with CaptureQueriesContext(connection) as queries:
            at_once = {perm: set(bodies_for_user(user, perm)) for perm in PERMS}
    assert at_once == one_by_one
    # The bodies by id only: no permission is read again.
    assert not [q for q in queries if "objectpermission" in q["sql"]]


def test_the_bodies_of_several_permissions_granted_body_by_body_are_one_query(
    world, django_assert_num_queries
):
    member = world.board_member
    member.has_perm(MEMBER)  # the model-level permissions, cached on the user as always
    with remembered_bodies():
        with django_assert_num_queries(1):
            remember_bodies_for(member, [MEMBER, "cooperation.change_body"])
        with django_assert_num_queries(0):
            remember_bodies_for(member, [MEMBER])  # remembered already
    remember_bodies_for(member, [MEMBER])  # outside a block: nothing to remember, no query
