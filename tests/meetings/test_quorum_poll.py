"""The quorum box on the meeting page is a live region polled every 20 s: the server
answers "no change" (204, htmx swaps nothing) while the state the page shows is current,
so screen readers announce only real changes."""

import re

from django.urls import reverse

from meetings import services
from meetings.models import AttendanceStatus


def _poll_url(html: str) -> str:
    return re.search(r'hx-get="([^"]+)"', html).group(1).replace("&amp;", "&")


def test_the_quorum_poll_is_answered_with_no_content_while_nothing_changed(client, world):
    client.force_login(world.board_member)
    page = client.get(world.meeting.get_absolute_url()).content.decode()
    url = _poll_url(page)
    assert url.startswith(reverse("meetings:quorum", args=[world.meeting.pk]) + "?stand=")

    unchanged = client.get(url)
    assert unchanged.status_code == 204
    assert unchanged.content == b""

    seat = world.board.memberships.get(user=world.board_member)
    services.attendance_record(
        meeting=world.meeting, entries=[(seat, AttendanceStatus.EXCUSED, None)], actor=world.office
    )
    changed = client.get(url)
    assert changed.status_code == 200
    fragment = changed.content.decode()
    assert "0 von 1" in fragment
    # The new box polls with its own state: unchanged again from then on.
    assert client.get(_poll_url(fragment)).status_code == 204


def test_the_quorum_fragment_without_a_state_is_always_sent(client, world):
    client.force_login(world.board_member)
    response = client.get(reverse("meetings:quorum", args=[world.meeting.pk]))
    assert response.status_code == 200
    assert "1 von 1" in response.content.decode()
