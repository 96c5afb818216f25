"""No main page renders more rows when the data grows tenfold (issue 13): lists are
paginated, long sections show the latest few with a count and a link to the full list.

The pages whose rows come from data that grows with the years (meetings, decisions,
findings, documents); the ways of growing their data are the query-count test's.
"""

import datetime
import re

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from meetings import services as meeting_services

from . import factories as f
from .test_query_counts import PAGES, PARTICIPANT_PAGES, PARTICIPATION_OFFICE_PAGES

ROW = re.compile(r"<(tr|li)[\s>]")
# The small set already fills every page's limits (25 rows a page, the latest 10 of a
# section); three times as much must not show one row more.
SMALL, LARGE = 30, 90


def _grow_over_time(world, n):
    """What the years bring to the dashboard: decisions due, meetings, changes."""
    for i in range(n):
        meeting_services.decision_record(
            votes_yes=1,
            item=world.public_item,
            title=f"Auftrag {i}",
            text="Die Geschäftsstelle wird beauftragt.",
            due_date=timezone.localdate() + datetime.timedelta(days=i % 40 - 10),
            actor=world.office,
        )
        f.MeetingFactory(body=world.board)


def _grow_extracts(world, n):
    """A council's consultation recorded again and again, with an extract each time."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from councils.services import consultation_record

    from .test_query_counts import _first_consultation

    consultation = _first_consultation(world)
    for i in range(n):
        consultation_record(
            consultation=consultation,
            data={
                "council_name": consultation.council_name,
                "planned_date": None,
                "status": "on_agenda",
                "resolution_number": "",
                "resolution_date": None,
                "note": f"Vorlage {i}",
            },
            extract=SimpleUploadedFile(f"auszug{i}.pdf", f.PDF_BYTES),
            actor=world.office,
        )


def _grow_ballot_history(world, n):
    from .test_query_counts import _grow_ballot_history

    _grow_ballot_history(world, n)


GROW = {
    "overview:dashboard": _grow_over_time,
    # The rounds' ballots grow with their changes (the partners on the board do not).
    "priorities:round_detail": _grow_ballot_history,
    "meetings:decision_list": _grow_over_time,
    "councils:consultation_detail": _grow_extracts,
}
BOUNDED = [
    "overview:dashboard",
    "workinggroups:group_detail",
    "workinggroups:finding_list",
    "meetings:meeting_list",
    "meetings:decision_list",
    "meetings:procedure_list",
    "documents:report_list",
    "councils:council_list",
    "councils:consultation_detail",
    "priorities:round_list",
    "priorities:round_detail",
    "winwin:profile",
    "winwin:area",
    "participation:procedure_list",
    "participation:procedure_detail",
    "participation:statement_list",
]


def rendered_rows(html: str) -> int:
    """Table rows and list items inside the page's <main> (not the filters' options)."""
    main = html[html.index("<main") : html.index("</main>")]
    return len(ROW.findall(main))


@pytest.mark.django_db
@pytest.mark.parametrize("name", BOUNDED)
def test_a_page_renders_no_more_rows_with_ten_times_the_data(client, world, name):
    args, grow, _pinned = PAGES[name]
    grow = GROW.get(name, grow)
    client.force_login(world.board_member)
    url = reverse(name, args=args(world))
    rows = {}
    for size in (SMALL, LARGE):
        # Each size from the same start: grown inside a savepoint, then rolled back.
        savepoint = transaction.savepoint()
        grow(world, size)
        response = client.get(url)
        assert response.status_code == 200, url
        rows[size] = rendered_rows(response.content.decode())
        transaction.savepoint_rollback(savepoint)

    assert rows[LARGE] == rows[SMALL], url


# The participation procedure's lists, as the persona that reads each.
PARTICIPATION_BOUNDED = {
    "participation:my_procedures": ("participant", PARTICIPANT_PAGES),
    "participation:my_procedure": ("participant", PARTICIPANT_PAGES),
    "participation:participant_list": ("office", PARTICIPATION_OFFICE_PAGES),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", PARTICIPATION_BOUNDED)
def test_a_participation_page_renders_no_more_rows_with_ten_times_the_data(client, world, name):
    persona, pages = PARTICIPATION_BOUNDED[name]
    args, grow, _pinned = pages[name]
    client.force_login(world.personas[persona])
    url = reverse(name, args=args(world))
    rows = {}
    for size in (SMALL, LARGE):
        savepoint = transaction.savepoint()
        grow(world, size)
        response = client.get(url)
        assert response.status_code == 200, url
        rows[size] = rendered_rows(response.content.decode())
        transaction.savepoint_rollback(savepoint)

    assert rows[LARGE] == rows[SMALL], url
