"""Each OParl list page runs a fixed number of queries, whatever its size: the same with
the test world's few objects and with many more of every kind on the page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cooperation.models import Role
from councils import services as council_services
from meetings import services as meeting_services
from meetings.models import DecisionStatus

from .. import factories as f
from ..public import helpers as h

pytestmark = pytest.mark.django_db

# Per list: count + page of each source, then the prefetches of the page's objects.
QUERIES = {
    "body": 4,  # the body: timestamps, the contract in force with its parties and clauses
    "organization": 5,  # counts of bodies and partners, bodies + their seats, partners
    "person": 2,
    "membership": 2,
    "legislativeterm": 5,
    # The page's keys first, then the page (see ListPage._page); with the decisions'
    # councils (`councilApproval`) prefetched.
    "meeting": 12,
    "location": 2,
    "agendaitem": 10,
    # Count, the page's keys, the page, the items' decisions and their councils.
    "paper": 5,
    # Papers on items (count, page) and the councils' (count, the page's keys, page).
    "consultation": 5,
    "file": 2,
}


def _many(world):
    """Ten more published meetings of the board and of a working group, each with
    two items, a paper on each item and one without, and a decision with progress."""
    group = world.working_group.body
    for n in range(10):
        meeting = h.meeting(world.board if n % 2 else group, title=f"Sitzung {n}")
        for position in (1, 2):
            item = f.AgendaItemFactory(meeting=meeting, position=position)
            h.correction(h.minutes(item, "Genehmigt."), "Berichtigt.", author=world.office)
            f.PaperFactory(meeting=meeting, agenda_item=item, uploaded_by=world.office)
            decision = meeting_services.decision_record(
                item=item,
                title=f"Beschluss {n}/{position}",
                text="Öffentlich.",
                votes_yes=1,
                commissioned_groups=[group],
                actor=world.office,
                may_override_quorum=True,
                quorum_override_reason="Test",
            )
            # Each decision needs the councils of two partners (`consultation/rat-…`).
            council_services.requirement_create(
                decision=decision,
                scope="named",
                partners=[world.halberstadt, world.wernigerode],
                actor=world.office,
            )
            meeting_services.decision_progress_add(
                decision=decision,
                note="Begonnen.",
                status=DecisionStatus.IN_PROGRESS,
                actor=world.office,
            )
        f.PaperFactory(meeting=meeting, uploaded_by=world.office)
    for n in range(10):
        partner = f.PartnerFactory()
        user = f.UserFactory(display_name=f"Bürgermeister:in {n}")
        f.membership(user, world.board, Role.MEMBER, partner=partner)
        f.membership(f.UserFactory(), group, Role.MEMBER, partner=partner)
    f.ContractFactory()


def _few(world):
    """The world, with approved minutes and a correction on its public item and a
    council's consultation of its decision (so that every prefetch of the page and
    every source of a list has rows to run for)."""
    h.correction(h.minutes(world.public_item, "Genehmigt."), "Berichtigt.", author=world.office)
    council_services.requirement_create(
        decision=world.decision, scope="named", partners=[world.halberstadt], actor=world.office
    )


@pytest.mark.parametrize("kind", sorted(QUERIES))
def test_a_list_page_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, kind):
    _few(world)
    url = f"/oparl/v1/{kind}/?limit=100"
    with django_assert_num_queries(QUERIES[kind]):
        few = client.get(url)
    assert few.status_code == 200
    _many(world)
    with django_assert_num_queries(QUERIES[kind]):
        many = client.get(url)
    assert many.status_code == 200
    if kind not in ("body", "legislativeterm"):
        assert len(many.json()["data"]) > len(few.json()["data"]), kind


def test_an_object_runs_as_few_queries_as_its_list_page(client, world, django_assert_num_queries):
    _few(world)
    _many(world)
    with django_assert_num_queries(QUERIES["meeting"] - 2):  # no count, no keys first
        assert client.get(f"/oparl/v1/meeting/{world.meeting.pk}/").status_code == 200


@pytest.mark.parametrize("kind", sorted(QUERIES))
def test_a_list_page_reads_no_search_column(client, world, kind):
    """A paper's extracted text is a whole PDF's text, the vectors are the search's:
    no answer shows them, so no list reads them."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/oparl/v1/{kind}/?limit=100").status_code == 200
    for query in captured.captured_queries:
        sql = query["sql"].split(" FROM ")[0]
        assert "extracted_text" not in sql and "search_vector" not in sql, sql[:200]
