"""Reads for the meeting pages; confidential content is filtered here, never in templates."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Subquery
from django.utils import timezone

from cooperation.models import Body
from cooperation.permissions import bodies_for_user, body_ids_for_user
from core.publication import published_flag

from ..models import (
    CLOSED_MEETING_STATUSES,
    AgendaItem,
    AgendaProposal,
    Attendance,
    AttendanceStatus,
    Decision,
    Meeting,
    Minutes,
    MinutesCorrection,
    Paper,
    ProposalStatus,
)
from ..permissions import CONFIDENTIAL, body_rights, can_see_confidential, can_view_meetings
from .quorum import quorum, voting_seats


def confidential_bodies(user):
    """Bodies whose non-public content the user may see (None: all of them)."""
    if user.has_perm(CONFIDENTIAL):
        return None
    return bodies_for_user(user, "cooperation.act_as_member")


def _on_visible_items(user, qs, body_path: str):
    """`qs` (rows on agenda items) limited to what `user` may see: public rows for every
    member of the cooperation, non-public ones for the body's members and the office."""
    if not can_view_meetings(user):
        return qs.none()
    bodies = confidential_bodies(user)
    if bodies is None:
        return qs
    return qs.public() | qs.filter(**{f"{body_path}__in": bodies})


def visible_meetings(user):
    """Every meeting, for members of the cooperation (its agenda is filtered apart)."""
    qs = Meeting.objects.all()
    return qs if can_view_meetings(user) else qs.none()


def visible_agenda_items(user):
    """Agenda items of all meetings the user may see (the rule of `visible_items`)."""
    return _on_visible_items(user, AgendaItem.objects.all(), "meeting__body")


def visible_papers(user):
    """Papers the user may see: public ones, and those of non-public items for the
    body's members and the office (as `get_paper_for_user` decides one)."""
    return _on_visible_items(user, Paper.objects.all(), "meeting__body")


def visible_minutes(user):
    """Minutes (any status) of the agenda items the user may see."""
    return _on_visible_items(user, Minutes.objects.all(), "agenda_item__meeting__body")


def visible_items(user, meeting: Meeting):
    qs = meeting.agenda_items.all()
    if not can_see_confidential(user, meeting.body):
        qs = qs.public()
    return qs


def meeting_list(*, period: str = "kommend", body: Body | None = None):
    qs = Meeting.objects.select_related("body").annotate(item_count=Count("agenda_items"))
    now = timezone.now()
    if period == "vergangen":
        qs = qs.filter(starts_at__lt=now).order_by("-starts_at", "-pk")
    else:
        qs = qs.filter(ends_at__gte=now).order_by("starts_at", "pk")
    if body is not None:
        qs = qs.filter(body=body)
    return qs


def meeting_detail_queryset():
    """The meeting page's meeting, with whether it is published (its public page), the
    meeting that approved its minutes (its link, and the name in its history) and
    whether it has any minutes corrections or agenda proposals (rarely: the page reads
    them only then)."""
    return Meeting.objects.select_related("body", "minutes_approved_in").annotate(
        is_published=published_flag(Meeting),
        has_minutes_corrections=Exists(
            MinutesCorrection.objects.filter(minutes__agenda_item__meeting=OuterRef("pk"))
        ),
        has_proposals=Exists(AgendaProposal.objects.filter(meeting=OuterRef("pk"))),
    )


def meeting_page(user, meeting: Meeting) -> dict:
    """Everything the meeting page shows, in a fixed number of queries (`meeting` from
    `meeting_detail_queryset`)."""
    rights = body_rights(user, meeting.body)
    confidential, manage = rights.see_confidential, rights.manage
    items = visible_items(user, meeting).select_related(
        "presenting_partner", "presenter", "minutes"
    )
    if meeting.has_minutes_corrections:  # else the agenda's tag asks for none
        items = items.prefetch_related(
            Prefetch("minutes__corrections", MinutesCorrection.objects.select_related("author"))
        )
    items = list(items.order_by("position", "pk"))
    papers = Paper.objects.filter(meeting=meeting).select_related("agenda_item")
    decisions = Decision.objects.filter(agenda_item__meeting=meeting).select_related("agenda_item")
    if not confidential:
        papers = papers.public()
        decisions = decisions.public()
    seats = voting_seats(meeting, deputies=False)
    # In no order: they are looked up by seat and counted (the default order joins the
    # meeting for its date). The seat's member comes with the seat; only the deputy
    # representing them is shown.
    attendances = list(
        Attendance.objects.filter(meeting=meeting).select_related("represented_by__user").order_by()
    )
    by_seat = {a.membership_id: a for a in attendances}
    proposals = AgendaProposal.objects.filter(meeting=meeting).select_related("proposed_by")
    if not manage:
        proposals = proposals.filter(proposed_by=user)
    if not meeting.has_proposals:
        proposals = proposals.none()
    return {
        "items": items,
        "papers": list(papers.order_by("agenda_item__position", "title", "pk")),
        "decisions": list(decisions.order_by("sequence")),
        "seats": [(seat, by_seat.get(seat.pk)) for seat in seats],
        "quorum": quorum(meeting, seats=seats, attendances=attendances),
        "proposals": list(proposals.order_by("created")),
        "can_see_confidential": confidential,
        "can_manage": manage,
        "can_propose": rights.propose,
        "has_minutes": any(hasattr(item, "minutes") for item in items),
    }


def next_meetings_for_user(user, *, limit: int = 5) -> list[tuple[Meeting, object]]:
    """The user's next meetings (bodies they belong to), each with the user's own
    attendance status (an `AttendanceStatus`, None when not recorded). One query: the
    status is read in the same statement."""
    mine = Attendance.objects.filter(meeting=OuterRef("pk"), membership__user=user).order_by("pk")
    meetings = (
        Meeting.objects.upcoming()
        .filter(body_id__in=body_ids_for_user(user, "cooperation.act_as_member"))
        .select_related("body")
        .annotate(my_attendance=Subquery(mine.values("status")[:1]))
        .order_by("starts_at")[:limit]
    )
    return [(m, AttendanceStatus(m.my_attendance) if m.my_attendance else None) for m in meetings]


def pending_proposals_for_office(user) -> list[AgendaProposal]:
    managed = body_ids_for_user(user, "cooperation.change_body")
    if isinstance(managed, list) and not managed:
        return []  # manages no body (read already): nothing to build or ask
    return list(
        AgendaProposal.objects.filter(status=ProposalStatus.PENDING, meeting__body_id__in=managed)
        .exclude(meeting__status__in=CLOSED_MEETING_STATUSES)
        .select_related("meeting__body", "proposed_by")
        .order_by("created")
    )


def meeting_filter_bodies() -> list[Body]:
    """The bodies of the meeting list's filter."""
    return list(Body.objects.filter(is_active=True).order_by("kind", "name"))


def manageable_bodies(user) -> list[Body]:
    """Active bodies whose meetings the user prepares (the "new meeting" links)."""
    return list(
        bodies_for_user(user, "cooperation.change_body")
        .filter(is_active=True)
        .order_by("kind", "name")
    )


def attendance_by_seat(meeting: Meeting) -> dict:
    """The meeting's recorded attendance by membership id (for the attendance form)."""
    return {a.membership_id: a for a in meeting.attendances.all()}


def minutes_of(item: AgendaItem) -> Minutes | None:
    return Minutes.objects.filter(agenda_item=item).first()


def invitations_sent(meeting: Meeting) -> list:
    """Who was sent what about the meeting, newest first."""
    return list(meeting.invitations.select_related("user").order_by("-sent_at", "pk"))
