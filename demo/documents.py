"""Demo documents: the invitation and the minutes of every demo meeting, and the public
edition of this year's report to the councils, as PDF.

Only queued here; the worker (`make run` starts one) builds them in the background.
A document a meeting already has is not asked for again, so a second run writes nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from demo.meetings import OFFICE
from documents import meeting_documents, services
from documents.council_report import ReportParams
from documents.models import Document, DocumentKind, Edition
from meetings.models import Meeting, MeetingStatus


def seed_documents(*, actor, stdout=None) -> int:
    office = get_user_model().objects.filter(username=OFFICE).first() or actor
    meetings = (
        Meeting.objects.exclude(status=MeetingStatus.CANCELLED)
        .select_related("body")
        .order_by("starts_at", "pk")
    )
    # Sending an invitation already queued its members' edition (mailed with it).
    existing = set(
        Document.objects.filter(meeting__isnull=False).values_list("meeting_id", "kind", "edition")
    )
    queued = 0
    for meeting in meetings:
        kinds = [DocumentKind.INVITATION]
        if meeting_documents.minutes_available(meeting):
            kinds.append(DocumentKind.MINUTES)
        for kind in kinds:
            for edition in (Edition.INTERNAL, Edition.PUBLIC):
                if (meeting.pk, kind, edition) in existing:
                    continue
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


def seed_council_report(*, actor, stdout=None) -> bool:
    """The public edition of this year's report to the councils so far, so that the public
    pages have a council report to offer; queued like the meeting documents. Left alone
    when the demo already has a council report."""
    if Document.objects.council_reports().exists():
        return False
    office = get_user_model().objects.filter(username=OFFICE).first() or actor
    today = timezone.localdate()
    services.request_council_report(
        params=ReportParams(
            period_from=datetime.date(today.year, 1, 1),
            period_until=today,
            partner_id=None,
            edition=Edition.PUBLIC,
        ),
        actor=office,
    )
    if stdout is not None:
        stdout.write(
            "Bericht an die Räte: öffentliche Fassung des laufenden Jahres in Auftrag gegeben."
        )
    return True
