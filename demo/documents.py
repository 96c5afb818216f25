"""Demo documents: the invitation and the minutes of every demo meeting, as PDF.

Only queued here; the worker (`make run` starts one) builds them in the background.
A meeting that already has documents is left alone, so a second run writes nothing.
"""

from django.contrib.auth import get_user_model

from demo.meetings import OFFICE
from documents import meeting_documents, services
from documents.models import DocumentKind, Edition
from meetings.models import Meeting, MeetingStatus


def seed_documents(*, actor, stdout=None) -> int:
    office = get_user_model().objects.filter(username=OFFICE).first() or actor
    meetings = (
        Meeting.objects.exclude(status=MeetingStatus.CANCELLED)
        .filter(documents__isnull=True)
        .select_related("body")
        .order_by("starts_at", "pk")
    )
    queued = 0
    for meeting in meetings:
        kinds = [DocumentKind.INVITATION]
        if meeting_documents.minutes_available(meeting):
            kinds.append(DocumentKind.MINUTES)
        for kind in kinds:
            for edition in (Edition.INTERNAL, Edition.PUBLIC):
                services.request_meeting_document(
                    meeting=meeting, kind=kind, edition=edition, actor=office
                )
                queued += 1
    if stdout is not None:
        if queued:
            stdout.write(
                f"Sitzungsdokumente: {queued} PDF in Auftrag gegeben; der Hintergrundprozess "
                "erstellt sie (make run startet ihn)."
            )
        else:
            stdout.write("Sitzungsdokumente: bereits vorhanden, unverändert.")
    return queued
