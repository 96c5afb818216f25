"""The pages that show a decision's councils run a fixed number of queries however many
decisions need councils: one query more than without (the consultations, prefetched);
the requirement itself is joined."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tests.test_query_counts import SECOND_FACTOR, _grow_consultations

pytestmark = pytest.mark.django_db

# name: (url args, logged in, pinned queries with decisions needing councils)
PAGES = {
    "meetings:decision_list": (lambda w: [], True, 9 + 1),
    # as in tests/test_query_counts.py
    "meetings:decision_detail": (lambda w: [w.decision.pk], True, 12 + 1),
    # the public list's years and its count are one aggregate (tests/public/test_query_counts.py)
    "public:decision_list": (lambda w: [], False, 4 + 1),
    "public:decision_detail": (lambda w: [w.decision.pk], False, 3 + 1),
}


def _count(client, url, django_assert_num_queries, pinned):
    ContentType.objects.clear_cache()
    with django_assert_num_queries(pinned):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.parametrize("name", PAGES)
def test_it_runs_a_fixed_number_of_queries_with_councils(
    client, world, django_assert_num_queries, name, rows
):
    from councils.services import requirement_create

    args, logged_in, pinned = PAGES[name]
    requirement_create(decision=world.decision, scope="all", actor=world.office)
    _grow_consultations(world, rows)
    if logged_in:
        client.force_login(world.board_member)
        pinned += SECOND_FACTOR
    response = _count(client, reverse(name, args=args(world)), django_assert_num_queries, pinned)
    assert "Stadtrat Wernigerode" in response.content.decode()
