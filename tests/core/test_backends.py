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


def test_the_rights_on_several_objects_are_read_together_and_answer_as_one_by_one(
    world, django_assert_num_queries
):
    """`prefetch_object_permissions` through `request.user`'s lazy wrappers (each
    middleware wraps it once more): the cache is the user's, and the answers stay."""
    from django.utils.functional import SimpleLazyObject

    from core.backends import object_permissions, prefetch_object_permissions

    member = world.wg_member
    bodies = [world.board, world.working_group.body]
    fresh = type(member).objects.get(pk=member.pk)
    expected = {body.pk: object_permissions(fresh, body) for body in bodies}
    assert "act_as_member" in expected[world.working_group.body.pk]
    assert "act_as_member" not in expected[world.board.pk]

    wrapped = SimpleLazyObject(lambda: SimpleLazyObject(lambda: member))
    with django_assert_num_queries(2):  # the user's and their groups' grants
        prefetch_object_permissions(wrapped, bodies)
    with django_assert_num_queries(0):
        assert {body.pk: object_permissions(wrapped, body) for body in bodies} == expected
        assert wrapped.has_perm("cooperation.act_as_member", world.working_group.body)
        assert not wrapped.has_perm("cooperation.act_as_member", world.board)


def test_an_inactive_user_holds_no_object_permissions(world):
    from core.backends import object_permissions

    member = world.wg_member
    member.is_active = False
    assert object_permissions(member, world.working_group.body) == set()
    assert not member.has_perm("cooperation.act_as_member", world.working_group.body)


def test_a_pages_own_object_costs_one_query_with_the_users_and_the_groups_grants(
    world, django_assert_num_queries
):
    """`object_permissions` reads the grants to the user and to their groups in one
    statement (guardian's checker: two) and answers as guardian does; later gates
    asking about the object use the cache."""
    from django.contrib.auth.models import Group
    from guardian.core import ObjectPermissionChecker
    from guardian.shortcuts import assign_perm

    from core.backends import object_permissions

    group = Group.objects.create(name="Vorsitzrunde")
    assign_perm("cooperation.chair_body", group, world.board)
    world.board_member.groups.add(group)
    for user in (world.board_member, world.wg_member, world.office):
        fresh = type(user).objects.get(pk=user.pk)
        for body in (world.board, world.working_group.body):
            expected = set(ObjectPermissionChecker(fresh).get_perms(body))
            reader = type(user).objects.get(pk=user.pk)
            with django_assert_num_queries(1):
                assert object_permissions(reader, body) == expected
            with django_assert_num_queries(0):
                assert object_permissions(reader, body) == expected
                for codename in ("act_as_member", "chair_body", "change_body"):
                    assert reader.has_perm(f"cooperation.{codename}", body) == (
                        codename in expected
                    )
    board_member = type(world.board_member).objects.get(pk=world.board_member.pk)
    assert "chair_body" in object_permissions(board_member, world.board)


def test_all_the_grants_on_a_model_are_read_in_one_query_and_answer_as_one_by_one(
    world, django_assert_num_queries
):
    """`prefetch_all_object_permissions`: the user's own grants and their groups' on
    every body in one query; afterwards every body (one without any grant too) is
    answered from it, as guardian answers it one by one, and `bodies_for_user` needs
    no query of its own."""
    from django.contrib.auth.models import Group
    from guardian.shortcuts import assign_perm

    from cooperation.models import Body
    from cooperation.permissions import remembered_bodies, remembered_body_ids
    from core.backends import object_permissions, prefetch_all_object_permissions

    member = world.wg_member
    other = f.BodyFactory(name="Ohne Rechte", short_code="OR")
    group = Group.objects.create(name="Lesende des Gremiums")
    group.user_set.add(member)
    assign_perm("cooperation.act_as_member", group, world.board)
    bodies = [world.board, world.working_group.body, other]
    perms = ("cooperation.act_as_member", "cooperation.lead_body", "cooperation.chair_body")
    fresh = type(member).objects.get(pk=member.pk)
    expected = {body.pk: object_permissions(fresh, body) for body in bodies}
    with remembered_bodies():
        expected_ids = {perm: remembered_body_ids(fresh, perm) for perm in perms}
    assert "act_as_member" in expected[world.board.pk]  # through the group
    assert expected[other.pk] == set()

    assert expected_ids["cooperation.act_as_member"] == tuple(
        sorted([world.board.pk, world.working_group.body.pk])
    )
    user = type(member).objects.get(pk=member.pk)
    user.get_all_permissions()  # (the model-level ones read, as on every page)
    with django_assert_num_queries(1):
        prefetch_all_object_permissions(user, Body)
    with django_assert_num_queries(0), remembered_bodies():
        assert {body.pk: object_permissions(user, body) for body in bodies} == expected
        assert not user.has_perm("cooperation.act_as_member", other)
        assert {perm: remembered_body_ids(user, perm) for perm in perms} == expected_ids


def test_a_superuser_needs_no_grants_read(world, django_assert_num_queries):
    from cooperation.models import Body
    from core.backends import prefetch_all_object_permissions

    admin = f.UserFactory(username="root", is_superuser=True)
    with django_assert_num_queries(0):
        prefetch_all_object_permissions(admin, Body)
        assert admin.has_perm("cooperation.lead_body", world.board)
