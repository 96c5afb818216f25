"""Pinned query counts: each list and detail page runs the same number of queries
with 1 and with 30 rows. A change in a number is a conscious decision in review."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from cooperation.models import Role

from . import factories as f


def _grow_partners(world, n):
    for _ in range(n):
        f.PartnerFactory()


def _grow_partner_detail(world, n):
    for i in range(n):
        f.FacilityFactory(partner=world.halberstadt)
        user = f.UserFactory()
        f.staff(user, world.halberstadt, position=f"Referent:in {i}")
        f.membership(user, world.board, Role.GUEST, partner=world.halberstadt)
        world.halberstadt.population = 40000 + i
        world.halberstadt.save()


def _grow_clauses(world, n):
    for i in range(n):
        f.ClauseFactory(contract=world.contract, position=100 + i)
        world.contract.parties.add(f.PartnerFactory())


def _grow_bodies(world, n):
    for _ in range(n):
        f.WorkingGroupFactory()


def _grow_members(world, n):
    for _ in range(n):
        f.membership(f.UserFactory(), world.board, Role.MEMBER, partner=world.wernigerode)


def _grow_facilities(world, n):
    for _ in range(n):
        f.FacilityFactory(partner=world.halberstadt)


def _grow_functions(world, n):
    for _ in range(n):
        f.FacilityFactory(partner=world.wernigerode, central_function=f.CentralFunctionFactory())


def _grow_facility_history(world, n):
    facility = world.facility_halberstadt
    for i in range(n):
        facility.notes = f"Stand {i}"
        facility.save()


def _grow_dashboard(world, n):
    for i in range(n):
        body = f.BodyFactory()
        f.membership(world.board_member, body, Role.MEMBER, partner=world.halberstadt)
        f.FacilityFactory(partner=world.halberstadt, name=f"Neu {i}")


PAGES = {
    # name: (url args, how to add rows, pinned number of queries)
    "cooperation:dashboard": (lambda w: [], _grow_dashboard, 14),
    "cooperation:partner_list": (lambda w: [], _grow_partners, 6),
    "cooperation:partner_detail": (lambda w: [w.halberstadt.pk], _grow_partner_detail, 12),
    "cooperation:contract": (lambda w: [], _grow_clauses, 13),
    "cooperation:body_list": (lambda w: [], _grow_bodies, 5),
    "cooperation:body_detail": (lambda w: [w.board.pk], _grow_members, 10),
    "functions:catalogue": (lambda w: [], _grow_functions, 10),
    "functions:matrix": (lambda w: [], _grow_functions, 8),
    "functions:facility_list": (lambda w: [], _grow_facilities, 10),
    "functions:facility_detail": (
        lambda w: [w.facility_halberstadt.pk],
        _grow_facility_history,
        11,
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.parametrize("name", list(PAGES))
def test_it_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, name, rows):
    args, grow, pinned = PAGES[name]
    grow(world, rows)
    client.force_login(world.board_member)
    url = reverse(name, args=args(world))
    # Content types are cached per process; start cold so the count does not
    # depend on which tests ran before.
    ContentType.objects.clear_cache()
    with django_assert_num_queries(pinned):
        response = client.get(url)
    assert response.status_code == 200
