"""The demo: every meeting's invitation and minutes exist as PDF once the worker ran."""

import io

import pytest
from pypdf import PdfReader

from documents import build
from documents.models import Document, DocumentKind, DocumentStatus, Edition
from meetings.models import AgendaItem, Meeting, MeetingStatus
from tests.demo.test_meetings import seeded  # noqa: F401 (module fixture: the seeded demo)

pytestmark = pytest.mark.django_db


def _text(document) -> str:
    """The PDF's text with all whitespace (line breaks too) as single spaces."""
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_every_demo_meeting_has_its_invitation_and_minutes_as_pdf(seeded):  # noqa: F811
    queued = list(
        Document.objects.filter(status=DocumentStatus.QUEUED).values_list("pk", flat=True)
    )
    assert queued, "seed_demo queues the meeting documents for the worker"
    for pk in queued:
        build.build(pk)  # what the worker does with each of them

    assert not Document.objects.exclude(status=DocumentStatus.DONE).exists()
    # The public pages offer this year's council report (public edition).
    assert Document.objects.published().filter(kind=DocumentKind.COUNCIL_REPORT).count() == 1
    meetings = Meeting.objects.exclude(status=MeetingStatus.CANCELLED)
    for meeting in meetings:
        made = set(meeting.documents.values_list("kind", "edition"))
        wanted = {
            (DocumentKind.INVITATION, Edition.PUBLIC),
            (DocumentKind.INVITATION, Edition.INTERNAL),
        }
        if meeting.status in (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED):
            wanted |= {
                (DocumentKind.MINUTES, Edition.PUBLIC),
                (DocumentKind.MINUTES, Edition.INTERNAL),
            }
        assert wanted <= made, meeting

    # The members' invitations list the non-public items; no public edition shows any.
    secret = {}
    for item in AgendaItem.objects.filter(is_public=False):
        secret.setdefault(item.meeting_id, set()).add(" ".join(item.title.split()))
    assert secret
    every_secret = set().union(*secret.values())
    for document in Document.objects.all():
        text = _text(document)
        if document.edition == Edition.PUBLIC:
            leaked = [title for title in every_secret if title in text]
            assert not leaked, (document, leaked)
        elif document.kind == DocumentKind.INVITATION:
            missing = [t for t in secret.get(document.meeting_id, ()) if t not in text]
            assert not missing, (document, missing)
