"""The compiled search statements kept per audience (search.selectors.StatementCache):
a kept statement is the one a fresh build gives, carries each search's own words, and a
right granted or withdrawn between two searches counts from the next one on."""

import pytest
from django.db import connection

from cooperation.models import Role
from cooperation.permissions import remembered_bodies, sync_user_permissions
from meetings.models import AgendaItem
from search import selectors
from search.kinds import kinds_for
from search.selectors import StatementCache, compile_statement, search, statements

from .. import factories as f

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the SQLite fallback has the words in its statement and keeps none",
    ),
]


@pytest.fixture(autouse=True)
def _empty_cache():
    statements.clear()
    yield
    statements.clear()


def fresh(user):
    """What the gates give now, built without the cache."""
    public = user is None
    with remembered_bodies():
        return compile_statement(selectors._Postgres(None), user, kinds_for(public), public)


def kept(user):
    with remembered_bodies():
        return statements.get(user, lambda: pytest.fail("the kept statement was not used"))


@pytest.mark.parametrize(
    "persona", ["board_member", "office", "wg_member", "admin_halberstadt", "no_membership", None]
)
def test_the_kept_statement_is_the_one_a_fresh_build_gives(world, persona):
    user = getattr(world, persona) if persona else None
    search("Bericht", user=user)
    assert kept(user) == fresh(user)
    assert selectors.WORDS_STAND_IN in kept(user).params or not kept(user).sql


def test_each_search_gets_its_own_words_from_the_kept_statement(world):
    AgendaItem.objects.filter(pk=world.public_item.pk).update(description="Stichwort Kranich")
    AgendaItem.objects.filter(pk=world.confidential_item.pk).update(description="Wort Reiher")
    member = world.board_member
    assert [hit.object for hit in search("Kranich", user=member).hits] == [world.public_item]
    assert len(statements) == 1
    assert [hit.object for hit in search("Reiher", user=member).hits] == [world.confidential_item]
    assert search("Kranich Reiher", user=member).total == 0
    assert len(statements) == 1


def test_audiences_do_not_share_a_statement(world):
    AgendaItem.objects.filter(pk=world.confidential_item.pk).update(description="Wort Pirol")
    assert search("Pirol", user=world.board_member).total == 1
    assert search("Pirol", user=None).total == 0
    assert search("Pirol", user=world.wg_member).total == 0
    assert len(statements) == 3


def test_a_membership_granted_between_two_searches_counts_for_the_next(world):
    AgendaItem.objects.filter(pk=world.confidential_item.pk).update(description="Wort Stieglitz")
    user = world.wg_member
    assert search("Stieglitz", user=user).total == 0
    f.membership(user, world.board, Role.MEMBER, partner=world.halberstadt)
    sync_user_permissions(user)
    assert search("Stieglitz", user=user).total == 1
    assert kept(user) == fresh(user)


def test_a_permission_granted_between_two_searches_counts_for_the_next(world):
    """The office's right to every non-public item is a model permission: it changes the
    key, not only the bodies."""
    AgendaItem.objects.filter(pk=world.confidential_item.pk).update(description="Wort Girlitz")
    user = world.admin_wernigerode
    f.membership(user, world.working_group.body, Role.MEMBER, partner=world.wernigerode)
    sync_user_permissions(user)
    assert search("Girlitz", user=user).total == 0
    f.membership(user, world.board, Role.OFFICE, partner=world.wernigerode)
    sync_user_permissions(user)
    user.refresh_from_db()  # as the next request loads the user
    assert search("Girlitz", user=user).total == 1
    assert kept(user) == fresh(user)


def test_the_cache_keeps_at_most_its_size(world):
    small = StatementCache(size=2)
    users = [world.board_member, world.wg_member, world.office]
    with remembered_bodies():
        for user in users:
            small.get(user, lambda user=user: fresh(user))
    assert len(small) == 2
    with remembered_bodies():  # the oldest went first
        rebuilt = []
        small.get(users[0], lambda: rebuilt.append(1) or fresh(users[0]))
    assert rebuilt == [1]
