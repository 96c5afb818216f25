"""Data helpers of the public pages' tests."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from documents.models import Document, DocumentKind, DocumentStatus, Edition
from meetings.models import Meeting, MeetingStatus, Minutes, MinutesCorrection, MinutesStatus
from overview import services as overview_services
from tests import factories as f

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def set_status(meeting: Meeting, status: str) -> Meeting:
    meeting.status = status
    meeting.save()  # with a history row, as the services write one
    return meeting


def meeting(body, *, status=MeetingStatus.INVITED, **kwargs) -> Meeting:
    new = f.MeetingFactory(body=body, **kwargs)
    if status != MeetingStatus.PLANNED:
        set_status(new, status)
    return new


def minutes(item, text, *, status=MinutesStatus.APPROVED) -> Minutes:
    return Minutes.objects.create(agenda_item=item, text=text, status=status)


def correction(entry: Minutes, text: str, *, author, reason="Tippfehler") -> MinutesCorrection:
    return MinutesCorrection.objects.create(minutes=entry, text=text, reason=reason, author=author)


def report(
    *,
    requested_by,
    edition=Edition.PUBLIC,
    status=DocumentStatus.DONE,
    title="Bericht",
    content=PDF,
    year=2026,
) -> Document:
    document = Document(
        kind=DocumentKind.COUNCIL_REPORT,
        edition=edition,
        title=title,
        period_from=datetime.date(year, 1, 1),
        period_until=datetime.date(year, 12, 31),
        requested_by=requested_by,
        generated_at=timezone.now(),
        status=status,
        sha256="ab" * 32 if status == DocumentStatus.DONE else "",
        size=len(content),
        parameters={"file_name": f"bericht-{year}.pdf"},
    )
    if status == DocumentStatus.DONE:
        document.file.save(f"bericht-{year}.pdf", ContentFile(content), save=False)
    document.save()
    return document


def chapter(*, actor, title, text, position=1, publish=True):
    new = overview_services.chapter_create(
        position=position, title=title, text=text, function_areas=[], findings=[], actor=actor
    )
    if publish:
        new = overview_services.chapter_publish(
            chapter=new, expected_version=new.version, actor=actor
        )
    return new


def chapter_edit(chapter, *, actor, title, text):
    return overview_services.chapter_update(
        chapter=chapter,
        data={"title": title, "text": text, "position": chapter.position},
        expected_version=chapter.version,
        actor=actor,
    )
