"""The meeting PDFs: the invitation with agenda and the minutes, each in two editions.

The members' edition ("internal") contains the non-public part of the meeting after the
public part, marked as such; the public edition leaves every non-public item out
entirely, with its papers, minutes, corrections and decisions: nothing of it reaches the
template, so nothing can leak through it. Both share the print family
(`templates/pdf/base.html`, `static/css/print.css`) with the council report.

`render_html` reads everything in a fixed number of queries (4 for an invitation, 7 for
minutes) whatever the number of items, papers or decisions: each related table is read
once for the whole meeting and grouped here, instead of per item.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cooperation.models import Membership, Role
from core.markdown import render_markdown
from meetings import selectors as meeting_selectors
from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Minutes,
    MinutesCorrection,
    MinutesStatus,
    Paper,
)

INVITATION = "invitation"
MINUTES = "minutes"
PUBLIC = "public"
INTERNAL = "internal"
KINDS = (INVITATION, MINUTES)
EDITIONS = (PUBLIC, INTERNAL)

TEMPLATES = {INVITATION: "pdf/meeting_invitation.html", MINUTES: "pdf/meeting_minutes.html"}
# File names are ASCII and German, like the rest of the portal's addresses.
FILE_PREFIX = {INVITATION: "einladung", MINUTES: "protokoll"}
FILE_EDITION = {PUBLIC: "oeffentlich", INTERNAL: "mitglieder"}


def _check(kind: str, edition: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown meeting document kind: {kind!r}")
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition: {edition!r}")


def _meeting_day(meeting: Meeting) -> datetime.date:
    return timezone.localtime(meeting.starts_at).date()


def title(meeting: Meeting, *, kind: str, edition: str) -> str:
    """German title, e.g. "Einladung – 3. Sitzung … am 12.03.2026 (öffentliche Fassung)"."""
    _check(kind, edition)
    with translation.override("de"):
        params = {
            "meeting": meeting.title,
            "date": _meeting_day(meeting).strftime("%d.%m.%Y"),
            "edition": _("public edition") if edition == PUBLIC else _("members' edition"),
        }
        if kind == INVITATION:
            return _("Invitation – %(meeting)s on %(date)s (%(edition)s)") % params
        return _("Minutes – %(meeting)s on %(date)s (%(edition)s)") % params


def file_name(meeting: Meeting, *, kind: str, edition: str) -> str:
    """ASCII file name, e.g. `einladung-kg-2026-03-12-mitglieder.pdf`."""
    _check(kind, edition)
    code = slugify(meeting.body.short_code) or "gremium"
    day = _meeting_day(meeting).isoformat()
    return f"{FILE_PREFIX[kind]}-{code}-{day}-{FILE_EDITION[edition]}.pdf"


def minutes_available(meeting: Meeting) -> bool:
    """Minutes can be produced once the meeting has been held, or as soon as any exist."""
    if meeting.has_taken_place:
        return True
    return Minutes.objects.filter(agenda_item__meeting=meeting).exists()


# --- Data -----------------------------------------------------------------------------


@dataclass
class DecisionEntry:
    decision: Decision
    not_voting: list[Membership] = field(default_factory=list)


@dataclass
class CorrectionEntry:
    correction: MinutesCorrection
    text_html: str


@dataclass
class ItemEntry:
    item: AgendaItem
    papers: list[Paper] = field(default_factory=list)
    minutes: Minutes | None = None
    minutes_html: str = ""
    corrections: list[CorrectionEntry] = field(default_factory=list)
    decisions: list[DecisionEntry] = field(default_factory=list)


@dataclass
class Part:
    """The public or the non-public part of the agenda."""

    is_public: bool
    entries: list[ItemEntry]


@dataclass
class AttendanceRow:
    membership: Membership
    attendance: Attendance | None


def _meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_related("body", "minutes_approved_in").get(pk=meeting.pk)


def _items(meeting: Meeting, *, public: bool, with_minutes: bool) -> list[AgendaItem]:
    qs = AgendaItem.objects.filter(meeting=meeting).select_related(
        "presenting_partner", "presenter"
    )
    if with_minutes:
        qs = qs.select_related("minutes")
    if public:
        qs = qs.public()
    return list(qs.order_by("position", "pk"))


def _parts(items: list[ItemEntry], *, public: bool) -> list[Part]:
    """The public part first; the members' edition adds the non-public part after it."""
    parts = [Part(is_public=True, entries=[e for e in items if e.item.is_public])]
    if not public:
        confidential = [e for e in items if not e.item.is_public]
        if confidential:
            parts.append(Part(is_public=False, entries=confidential))
    return parts


def _memberships(meeting: Meeting) -> list[Membership]:
    """The body's members on the day of the meeting, in role order; once the meeting was
    held, with the voting seats frozen then (whatever their memberships say now)."""
    members = Membership.objects.current(_meeting_day(meeting)).filter(body_id=meeting.body_id)
    if meeting.quorum_is_frozen:
        members = members | Membership.objects.filter(pk__in=meeting.quorum_seat_ids)
    return list(members.select_related("user", "partner", "deputy_for__user").in_role_order())


def _invitation_context(meeting: Meeting, *, public: bool) -> dict:
    entries = [ItemEntry(item=item) for item in _items(meeting, public=public, with_minutes=False)]
    by_item = {entry.item.pk: entry for entry in entries}
    papers = Paper.objects.filter(meeting=meeting)
    if public:
        papers = papers.public()
    general_papers = []
    for paper in papers.order_by("title", "pk"):
        if paper.agenda_item_id is None:
            general_papers.append(paper)
        elif paper.agenda_item_id in by_item:
            by_item[paper.agenda_item_id].papers.append(paper)
    members = _memberships(meeting)
    return {
        "parts": _parts(entries, public=public),
        "general_papers": general_papers,
        "members": members,
        "chair": next((m for m in members if m.role == Role.CHAIR), None),
    }


def _minutes_context(meeting: Meeting, *, public: bool) -> dict:
    entries = [ItemEntry(item=item) for item in _items(meeting, public=public, with_minutes=True)]
    by_item = {entry.item.pk: entry for entry in entries}
    for entry in entries:
        try:
            entry.minutes = entry.item.minutes
        except ObjectDoesNotExist:
            continue
        entry.minutes_html = render_markdown(entry.minutes.text)

    corrections = MinutesCorrection.objects.filter(minutes__agenda_item__meeting=meeting)
    if public:
        corrections = corrections.public()
    corrections = corrections.select_related("author", "minutes").order_by("corrected_on", "pk")
    for correction in corrections:
        entry = by_item.get(correction.minutes.agenda_item_id)
        if entry is not None:
            entry.corrections.append(
                CorrectionEntry(correction=correction, text_html=render_markdown(correction.text))
            )

    decisions = Decision.objects.filter(agenda_item__meeting=meeting)
    if public:
        decisions = decisions.public()
    decision_entries = {}
    for decision in decisions.order_by("year", "sequence", "pk"):
        entry = by_item.get(decision.agenda_item_id)
        if entry is not None:
            decision_entries[decision.pk] = DecisionEntry(decision=decision)
            entry.decisions.append(decision_entries[decision.pk])
    # Who did not take part in a vote (e.g. for a conflict of interest) belongs in the
    # minutes; read for the whole meeting at once, so the query count stays fixed.
    not_voting = (
        Decision.not_voting.through.objects.filter(decision__in=decisions)
        .select_related("membership__user", "membership__partner")
        .order_by("membership__user__display_name", "pk")
    )
    for row in not_voting:
        if row.decision_id in decision_entries:
            decision_entries[row.decision_id].not_voting.append(row.membership)

    members = _memberships(meeting)
    attendances = list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("membership__user", "membership__partner", "represented_by__user")
        .order_by("pk")
    )
    by_seat = {a.membership_id: a for a in attendances}
    seats = [m for m in members if meeting_selectors.holds_voting_seat(meeting, m)]
    seat_ids = {m.pk for m in seats}
    # Voting seats always (unrecorded ones say so), other members when they were recorded,
    # and recorded people whose membership has ended since, at the end.
    rows = [
        AttendanceRow(m, by_seat.get(m.pk)) for m in members if m.pk in seat_ids or m.pk in by_seat
    ]
    listed = {row.membership.pk for row in rows}
    rows += [AttendanceRow(a.membership, a) for a in attendances if a.membership_id not in listed]

    statuses = {entry.minutes.status for entry in entries if entry.minutes is not None}
    if meeting.is_frozen:
        state = MinutesStatus.APPROVED
    elif not statuses:
        state = None
    elif MinutesStatus.DRAFT in statuses:
        state = MinutesStatus.DRAFT
    elif MinutesStatus.CIRCULATED in statuses:
        state = MinutesStatus.CIRCULATED
    else:
        state = MinutesStatus.APPROVED

    return {
        "parts": _parts(entries, public=public),
        "attendance_rows": rows,
        "attendance_recorded": bool(attendances),
        "quorum": meeting_selectors.quorum(meeting, seats=seats, attendances=attendances)
        if attendances
        else None,
        "minutes_state": state,
        "minutes_state_label": MinutesStatus(state).label if state else "",
        "chair": next((m for m in [*seats, *members] if m.role == Role.CHAIR), None),
    }


def render_html(
    meeting: Meeting, *, kind: str, edition: str, created: datetime.datetime, author: str
) -> str:
    """The HTML of an invitation or minutes (German), ready for `core.pdf.html_to_pdf`."""
    _check(kind, edition)
    public = edition == PUBLIC
    meeting = _meeting(meeting)
    with translation.override("de"):
        if kind == INVITATION:
            context = _invitation_context(meeting, public=public)
            subject = _("Invitation with agenda")
        else:
            context = _minutes_context(meeting, public=public)
            subject = _("Minutes")
        context.update(
            meeting=meeting,
            public=public,
            created=created,
            pdf={
                "title": title(meeting, kind=kind, edition=edition),
                "author": author,
                "subject": f"{subject}: {meeting.body.name}",
                "keywords": ", ".join(
                    [subject, meeting.body.name, meeting.body.short_code, meeting.title]
                ),
                "created": created,
                "language": "de",
            },
        )
        return render_to_string(TEMPLATES[kind], context)
