"""Pinned query counts: each list and detail page runs the same number of queries
with 1 and with 30 rows. A change in a number is a conscious decision in review."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from cooperation.models import Role
from meetings import services as meeting_services

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
        f.MeetingFactory(body=body)
    for i in range(n):
        meeting_services.decision_record(
            item=world.public_item,
            title=f"Beschluss {i}",
            text="Die Geschäftsstelle wird beauftragt.",
            due_date=timezone.localdate() + datetime.timedelta(days=i % 40 - 10),
            actor=world.office,
        )


def _grow_decisions(world, n):
    for i in range(n):
        meeting_services.decision_record(
            item=world.public_item if i % 3 else world.confidential_item,
            title=f"Auftrag {i}",
            text="Die Arbeitsgruppe wird beauftragt.",
            votes_yes=1,
            commissioned_groups=[world.working_group, f.WorkingGroupFactory()],
            due_date=timezone.localdate() + datetime.timedelta(days=i % 40 - 10),
            actor=world.office,
        )


def _grow_decision_progress(world, n):
    statuses = ["in_progress", "open"]
    for i in range(n):
        meeting_services.decision_progress_add(
            decision=world.decision,
            note=f"Zwischenstand {i}",
            status=statuses[i % 2],
            actor=world.office,
        )


def _grow_feed(world, n):
    for i in range(n):
        meeting = f.MeetingFactory(body=world.board, title=f"Sitzung {i}")
        f.AgendaItemFactory(meeting=meeting, position=1)
        f.AgendaItemFactory(meeting=meeting, position=2, is_public=False)


def _grow_meetings(world, n):
    for _ in range(n):
        f.MeetingFactory(body=world.board)


def _grow_meeting_page(world, n):
    for i in range(n):
        item = meeting_services.agenda_item_create(
            meeting=world.meeting, title=f"Punkt {i}", is_public=i % 2 == 0, actor=world.office
        )
        f.PaperFactory(meeting=world.meeting, agenda_item=item, uploaded_by=world.office)
        meeting_services.minutes_save(item=item, text=f"Protokoll {i}", actor=world.office)
        if item.is_public:
            meeting_services.decision_record(
                item=item, title=f"Beschluss {i}", text="Beschlossen.", actor=world.office
            )
        meeting_services.proposal_create(
            meeting=world.meeting,
            proposed_by=world.board_member,
            title=f"Vorschlag {i}",
            actor=world.board_member,
        )


PAGES = {
    # name: (url args, how to add rows, pinned number of queries)
    "cooperation:dashboard": (lambda w: [], _grow_dashboard, 21),
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
    # --- working-group pages ---
    # --- meetings pages ---
    "meetings:meeting_list": (lambda w: [], _grow_meetings, 8),
    "meetings:meeting_detail": (lambda w: [w.meeting.pk], _grow_meeting_page, 20),
    "meetings:calendar_feed": (
        lambda w: [w.board_member.calendar_token],
        _grow_feed,
        6,
    ),
    "meetings:decision_list": (lambda w: [], _grow_decisions, 8),
    "meetings:decision_detail": (lambda w: [w.decision.pk], _grow_decision_progress, 20),
}


# Issue 3 asks for the meeting page and the decision list to be pinned with 50 rows.
ROWS = {"meetings:meeting_detail": (1, 50), "meetings:decision_list": (1, 50)}
CASES = [(name, rows) for name in PAGES for rows in ROWS.get(name, (1, 30))]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "rows"), CASES)
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
