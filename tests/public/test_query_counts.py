"""Each public page runs a pinned number of queries, the same with three times the rows."""

import pytest
from django.urls import reverse

from cooperation.models import Role
from meetings import services as meeting_services
from meetings.models import DecisionStatus
from workinggroups import services as wg_services
from workinggroups.models import FindingStatus, FindingType

from .. import factories as f
from . import helpers as h

pytestmark = pytest.mark.django_db


def _more(world, n: int):
    """n more of everything a public page lists."""
    for i in range(n):
        meeting = h.meeting(world.board, title=f"Weitere Sitzung {i}")
        item = f.AgendaItemFactory(meeting=meeting, position=1, title=f"Punkt {i}")
        item_here = f.AgendaItemFactory(meeting=world.meeting, position=10 + i)
        f.PaperFactory(meeting=world.meeting, agenda_item=item_here, uploaded_by=world.office)
        f.PaperFactory(meeting=world.meeting, agenda_item=None, uploaded_by=world.office)
        entry = h.minutes(item_here, f"Niederschrift {i}")
        h.correction(entry, "Berichtigt.", author=world.office)
        for target in (item, item_here):
            decision = meeting_services.decision_record(
                item=target,
                title=f"Beschluss {i}",
                text="Text.",
                votes_yes=1,
                commissioned_groups=[world.working_group.body],
                actor=world.office,
                quorum_override_reason="Eilentscheidung",
                may_override_quorum=True,
            )
        meeting_services.decision_progress_add(
            decision=world.decision,
            note=f"Schritt {i}",
            status=DecisionStatus.IN_PROGRESS,
            actor=world.office,
        )
        meeting_services.decision_progress_add(
            decision=decision,
            note="Begonnen",
            status=DecisionStatus.IN_PROGRESS,
            actor=world.office,
        )
        user = f.UserFactory(username=f"sitz{i}", display_name=f"Bürgermeister:in {i}")
        f.membership(user, world.board, Role.MEMBER, partner=world.wernigerode)
        f.membership(user, world.working_group.body, Role.MEMBER, partner=world.wernigerode)
        partner = f.PartnerFactory()
        f.FacilityFactory(partner=partner, central_function=world.agreed_finding.central_function)
        finding = wg_services.finding_create(
            group=world.working_group,
            author=world.wg_member,
            type=FindingType.OBSTACLE,
            title=f"Befund {i}",
            text="Text.",
            function_area=world.working_group.function_area,
            central_function=world.agreed_finding.central_function,
            facilities=[world.facility_halberstadt],
            partners=[world.halberstadt, partner],
            actor=world.wg_member,
        )
        finding.status = FindingStatus.AGREED
        finding.save()
        h.chapter(actor=world.office, title=f"Kapitel {i}", text="Text.", position=i + 1)
        h.report(requested_by=world.office, title=f"Bericht {i}", year=2010 + i)


PAGES = [
    # (url name, args, queries)
    ("public:home", lambda w: [], 7),
    ("public:body_detail", lambda w: [w.board.pk], 3),
    ("public:body_detail", lambda w: [w.working_group.pk], 3),
    ("public:meeting_list", lambda w: [], 4),
    ("public:meeting_detail", lambda w: [w.meeting.pk], 6),
    ("public:paper_download", lambda w: [w.public_paper.pk], 1),
    # the years with their number of decisions in one aggregate, which gives the count too
    ("public:decision_list", lambda w: [], 4),
    ("public:decision_detail", lambda w: [w.decision.pk], 3),
    ("public:matrix", lambda w: [], 6),
    ("public:finding_list", lambda w: [], 5),
    ("public:finding_detail", lambda w: [w.agreed_finding.pk], 3),
    ("public:concept", lambda w: [], 2),
    ("public:report_list", lambda w: [], 2),
]


@pytest.mark.parametrize(("name", "args", "queries"), PAGES, ids=[p[0] for p in PAGES])
def test_it_runs_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, name, args, queries
):
    url = reverse(name, args=args(world))
    h.report(requested_by=world.office)
    h.chapter(actor=world.office, title="Leitbild", text="Gemeinsam.", position=99)
    _more(world, 1)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    _more(world, 3)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
