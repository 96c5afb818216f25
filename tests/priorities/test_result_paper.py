"""The result of an ended round as a PDF paper on the next board meeting (built by the
worker: the tests' task backend runs it at once after the commit)."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetings.models import Meeting, MeetingStatus, Paper
from priorities.models import PriorityRound
from priorities.result_pdf import render_result_pdf

from .helpers import cast, end, open_round

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world_options():
    return {"deputy_and_chair": True}


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _ended_round(world):
    round_ = open_round(world, measures=("Radwegenetz", "Ärztehaus", "Breitband"))
    cast(round_, world.board_member, [1, 2, 3, 4])
    cast(round_, world.chair, [7, 0, 0, 3])
    return end(round_)


def test_the_pdf_lists_the_topics_the_aggregate_and_each_partners_ballot(world):
    round_ = _ended_round(world)
    text = _text(render_result_pdf(round_))
    assert "Ergebnis der Prioritätenrunde „Schwerpunkte 2027“" in text
    for topic in ("Radwegenetz", "Ärztehaus", "Breitband", world.working_group.function_area.name):
        assert topic in text
    assert "Stadt Halberstadt" in text and "Stadt Wernigerode" in text
    assert "Gesamtergebnis" in text and "Stimmen der Partner" in text
    assert "2 von 2 Partnern" in text


def test_the_office_attaches_the_result_to_the_next_board_meeting(
    client, world, django_capture_on_commit_callbacks
):
    round_ = _ended_round(world)
    client.force_login(world.office)
    url = reverse("priorities:result_paper", args=[round_.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    assert callbacks  # the worker's job, run here at once (Immediate backend)
    round_ = PriorityRound.objects.get(pk=round_.pk)
    assert round_.paper_meeting == world.meeting
    paper = Paper.objects.get(pk=round_.paper_id)
    assert paper.meeting == world.meeting and paper.agenda_item is None
    assert paper.uploaded_by == world.office
    with paper.file.open("rb") as handle:
        text = _text(handle.read())
    assert "Breitband" in text and "Stadt Wernigerode" in text
    # Attached once: a second request is refused (409) and nothing changes.
    papers = Paper.objects.count()
    assert client.post(url, {"confirm": "on"}).status_code == 409
    assert Paper.objects.count() == papers


def test_a_running_round_cannot_be_put_on_a_meeting(client, world):
    round_ = open_round(world)
    client.force_login(world.office)
    papers = Paper.objects.count()
    url = reverse("priorities:result_paper", args=[round_.pk])
    assert client.post(url, {"confirm": "on"}).status_code == 409
    assert Paper.objects.count() == papers
    assert PriorityRound.objects.get(pk=round_.pk).paper_requested_at is None


def test_without_an_upcoming_board_meeting_the_office_is_told_so(client, world):
    round_ = _ended_round(world)
    Meeting.objects.filter(pk=world.meeting.pk).update(status=MeetingStatus.HELD)
    client.force_login(world.office)
    response = client.post(reverse("priorities:result_paper", args=[round_.pk]), {"confirm": "on"})
    assert response.status_code == 409
    assert "keine bevorstehende Sitzung" in response.content.decode()


def test_a_meeting_that_closed_meanwhile_refuses_the_paper_and_the_request_is_withdrawn(
    client, world
):
    """The office asked, then the meeting was cancelled before the worker ran: no paper,
    and the office may ask again (for another meeting)."""
    from priorities.result_pdf import attach_result_paper
    from priorities.services import result_paper_request

    round_ = _ended_round(world)
    result_paper_request(round_=round_, actor=world.office)  # the job waits (not committed)
    Meeting.objects.filter(pk=world.meeting.pk).update(
        status=MeetingStatus.CANCELLED, cancellation_reason="Terminkonflikt"
    )
    papers = Paper.objects.count()
    assert attach_result_paper(round_.pk, world.office) is False
    assert Paper.objects.count() == papers
    round_ = PriorityRound.objects.get(pk=round_.pk)
    assert round_.paper_requested_at is None and round_.paper_meeting is None
    assert round_.history.first().history_change_reason == (
        "Die Sitzung nimmt keine Unterlagen mehr an"
    )
