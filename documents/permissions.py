"""Who may ask for and read generated documents.

* Council reports are built by the office (`documents.add_document`, office role
  group). Their public edition is read by every member of the cooperation
  (`documents.view_document`, members' role group); the members' edition contains
  the non-public board items and is read by those who may see every non-public item
  (`meetings.view_confidential_agendaitem`: the office).
* Meeting documents are built by whoever prepares the body's meetings
  (`meetings.permissions.can_manage`). The public edition is read by everyone who may
  see meetings; the members' edition by those who may see the body's non-public items.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from meetings.permissions import CONFIDENTIAL, can_manage, can_see_confidential, can_view_meetings

from .models import Document, DocumentKind, Edition

VIEW = "documents.view_document"
ADD = "documents.add_document"


def can_build_council_report(user) -> bool:
    return user.has_perm(ADD)


def can_see_council_reports(user) -> bool:
    return user.has_perm(VIEW)


def can_request(user, document: Document) -> bool:
    """May (re)build this document: the same right as asking for it in the first place."""
    if document.kind == DocumentKind.COUNCIL_REPORT:
        return can_build_council_report(user)
    return can_manage(user, document.meeting.body)


def can_view(user, document: Document) -> bool:
    if document.kind == DocumentKind.COUNCIL_REPORT:
        if not user.has_perm(VIEW):
            return False
        return document.edition == Edition.PUBLIC or user.has_perm(CONFIDENTIAL)
    if not can_view_meetings(user):
        return False
    return document.edition == Edition.PUBLIC or can_see_confidential(user, document.meeting.body)


def visible_council_reports(user, queryset=None):
    qs = queryset if queryset is not None else Document.objects.council_reports()
    if not user.has_perm(VIEW):
        return qs.none()
    if not user.has_perm(CONFIDENTIAL):
        qs = qs.filter(edition=Edition.PUBLIC)
    return qs


def visible_meeting_documents(user, meeting, *, see_confidential: bool):
    """The meeting's documents the user may read (`see_confidential` from `body_rights`)."""
    qs = Document.objects.for_meeting(meeting)
    if not see_confidential:
        qs = qs.filter(edition=Edition.PUBLIC)
    return qs


def get_document_for_user(user, pk, *, perm="view") -> Document:
    document = get_object_or_404(
        Document.objects.select_related("meeting__body", "partner", "requested_by"), pk=pk
    )
    if not can_view(user, document):
        raise Http404  # do not reveal that a members' edition exists
    if perm == "change" and not can_request(user, document):
        raise PermissionDenied
    return document
