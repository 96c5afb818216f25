"""The dashboard shows the most urgent decisions due, with a link to all of them."""

import datetime

from django.urls import reverse
from django.utils import timezone

from meetings import services as meeting_services
from overview.selectors import DASHBOARD_DUE_DECISIONS


def _decide(world, n, *, offset=0):
    for i in range(n):
        meeting_services.decision_record(
            votes_yes=1,
            item=world.public_item,
            title=f"Fällig {offset + i:02d}",
            text="Die Geschäftsstelle wird beauftragt.",
            due_date=timezone.localdate() + datetime.timedelta(days=offset + i - 5),
            actor=world.office,
        )


def _due_section(page: str) -> str:
    start = page.index('id="due-decisions"')
    return page[start : page.index("</section>", start)]


def test_it_lists_the_most_urgent_due_decisions_and_links_to_all(client, world):
    _decide(world, DASHBOARD_DUE_DECISIONS + 4)
    client.force_login(world.board_member)

    page = _due_section(client.get(reverse("overview:dashboard")).content.decode())

    assert "Fällig 00" in page  # the most overdue first
    assert f"Fällig {DASHBOARD_DUE_DECISIONS + 3:02d}" not in page
    assert f"{reverse('meetings:decision_list')}?faellig=on" in page
    follow_up = client.get(reverse("meetings:decision_list"), {"faellig": "on"})
    assert follow_up.status_code == 200
    listed = follow_up.content.decode()
    assert f"Fällig {DASHBOARD_DUE_DECISIONS + 3:02d}" in listed


def test_it_offers_no_link_when_every_due_decision_is_shown(client, world):
    _decide(world, 2)
    client.force_login(world.board_member)

    page = _due_section(client.get(reverse("overview:dashboard")).content.decode())

    assert "Fällig 01" in page
    assert "?faellig=on" not in page


def _next_meetings_section(page: str) -> str:
    start = page.index('id="next-meetings"')
    return page[start : page.index("</section>", start)]


def test_it_shows_each_next_meeting_with_the_users_own_attendance(client, world):
    from meetings.models import AttendanceStatus
    from tests import factories as f

    later = f.MeetingFactory(
        body=world.board,
        title="Spätere Sitzung",
        starts_at=world.meeting.starts_at + datetime.timedelta(days=30),
    )
    other_seat = world.board.memberships.exclude(user=world.board_member).first()
    meeting_services.attendance_record(
        meeting=later, entries=[(other_seat, AttendanceStatus.EXCUSED, None)], actor=world.office
    )
    client.force_login(world.board_member)

    section = _next_meetings_section(client.get(reverse("overview:dashboard")).content.decode())
    rows = section.split("<li>")[1:]

    assert len(rows) == 2
    assert world.meeting.title in rows[0] and "Anwesend" in rows[0]
    # Another seat's attendance is not the user's own.
    assert "Spätere Sitzung" in rows[1] and "nicht erfasst" in rows[1]
    assert "Entschuldigt" not in section
