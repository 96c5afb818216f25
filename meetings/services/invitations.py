"""E-mail to the members about a meeting, with an iCalendar entry; the calendar feeds.

* send_invitations(meeting, *, actor) -> list[Invitation]
* deliver_waiting(meeting_id, *, actor, pdf=None) -> int: the worker mails them with the PDF
* send_update(meeting, *, actor) -> list[Invitation]
* send_cancellation(meeting, *, actor) -> list[Invitation]
* send_proposal_outcome(proposal) -> None
* meeting_ics(meeting, *, method="PUBLISH") -> bytes
* feed_user(token) / feed_ics(user) -> bytes: the personal calendar feed

Every e-mail goes to one person (their own calendar entry names them as the
attendee) and is written in the portal's language (German) with Berlin times,
whatever language the office uses the portal in. The UID of a meeting never
changes and its SEQUENCE rises with every update or cancellation sent, so
calendar programs replace the entry instead of adding a second one.

Confidentiality: the e-mail body goes only to members of the body and lists the
non-public items too, marked as such. Calendar entries (attachment, download)
describe only the public agenda, because calendars are often synchronised to
third-party services; the personal feed lists non-public items only for bodies
whose non-public content the feed's owner may see.
"""

from __future__ import annotations

import datetime
import logging
import re
import smtplib
from dataclasses import dataclass, field
from email.utils import parseaddr

import icalendar
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.mail.message import SafeMIMEText
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cooperation.models import Membership
from cooperation.permissions import bodies_for_user, is_cooperation_member
from core.errors import Conflict, Unavailable
from core.i18n import portal_language
from core.links import absolute_url
from core.timezone import BERLIN
from core.tracking import save_tracked
from core.validators import clamp_date

from .. import signals
from ..models import (
    AgendaItem,
    AgendaProposal,
    Invitation,
    InvitationKind,
    Meeting,
    MeetingStatus,
)
from ..permissions import CONFIDENTIAL

logger = logging.getLogger(__name__)

PRODID = "-//IMPULS Kooperationsportal//DE"
ATTACHMENT_NAME = "einladung.ics"
PDF_TYPE = "application/pdf"
# The feed reaches this far back, and never holds more entries than this.
FEED_DAYS_BACK = 60
FEED_LIMIT = 500
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")


# --- Helpers ---------------------------------------------------------------------------


def meeting_url(meeting: Meeting) -> str:
    return absolute_url(meeting.get_absolute_url())


def feed_url(user) -> str:
    return absolute_url(reverse("meetings:calendar_feed", args=[user.calendar_token]))


def _plain_text(template: str, context: dict) -> str:
    """An e-mail template rendered to plain text.

    The e-mail templates run under ``autoescape off`` (a mail is text, not HTML), and
    ``render_to_string`` marks its result safe. The result is turned into a plain
    ``str`` so that a page showing it (the preview before sending) escapes it."""
    return "".join([render_to_string(template, context)])


def _one_line(text: str) -> str:
    """Header values (subjects) must not contain line breaks."""
    return " ".join(str(text).split())


def _berlin(value: datetime.datetime) -> datetime.datetime:
    """Berlin time. A stored time at the very end of what Python can hold (from before
    dates were limited) stays in UTC instead of overflowing into the year 10000."""
    try:
        return timezone.localtime(value, BERLIN)
    except OverflowError:
        return value


def when(meeting: Meeting) -> str:
    """'Mittwoch, 4. März 2026, 14:00–16:00 Uhr' (call inside portal_language())."""
    start = _berlin(meeting.starts_at)
    end = _berlin(meeting.ends_at)
    if start.date() == end.date():
        return _("%(day)s, %(start)s–%(end)s") % {
            "day": formats.date_format(start, "l, j. F Y"),
            "start": formats.time_format(start, "H:i"),
            "end": formats.time_format(end, "H:i"),
        }
    return _("%(start)s until %(end)s") % {
        "start": formats.date_format(start, "l, j. F Y, H:i"),
        "end": formats.date_format(end, "l, j. F Y, H:i"),
    }


def short_date(meeting: Meeting) -> str:
    return formats.date_format(_berlin(meeting.starts_at), "d.m.Y")


def _agenda(meeting: Meeting) -> list[AgendaItem]:
    # Uses the prefetched items of the feed when present.
    return sorted(meeting.agenda_items.all(), key=lambda item: (item.position, item.pk))


# --- Recipients ------------------------------------------------------------------------


@dataclass
class Recipient:
    user: object
    memberships: list = field(default_factory=list)

    @property
    def email(self) -> str:
        return self.user.email

    @property
    def roles(self) -> str:
        return ", ".join(str(m.get_role_display()) for m in self.memberships)


def recipients(meeting: Meeting) -> list[Recipient]:
    """Every current member of the body on the day of the meeting (deputies, office and
    guests included), once per person, in role order; with or without an e-mail address."""
    day = _berlin(meeting.starts_at).date()
    memberships = (
        Membership.objects.current(day)
        .filter(body_id=meeting.body_id, user__is_active=True)
        .select_related("user", "partner")
        .in_role_order()
    )
    by_user: dict[int, Recipient] = {}
    for membership in memberships:
        by_user.setdefault(membership.user_id, Recipient(membership.user)).memberships.append(
            membership
        )
    return list(by_user.values())


# --- iCalendar -------------------------------------------------------------------------


def _calendar(method: str | None, meetings: list[Meeting]) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    # The time zone covers the years of the entries (and is there even without
    # entries: RFC 5545 wants at least one component in a calendar). Years outside
    # the portal's range (old rows) are clamped: the year 9999 has no next year, and
    # eight thousand years of transitions would make every feed huge and slow.
    years = [
        clamp_date(_berlin(value).date()).year
        for m in meetings
        for value in (m.starts_at, m.ends_at)
    ]
    years = years or [timezone.localdate().year]
    calendar.add_component(
        icalendar.Timezone.from_tzid(
            "Europe/Berlin",
            first_date=datetime.date(min(years), 1, 1),
            last_date=datetime.date(max(years) + 1, 1, 1),
        )
    )
    return calendar


def _organizer() -> icalendar.vCalAddress:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = icalendar.vCalAddress(f"mailto:{address or settings.DEFAULT_FROM_EMAIL}")
    if name:
        organizer.params["cn"] = name
    return organizer


def _description(meeting: Meeting, *, confidential: bool, public_url: str | None = None) -> str:
    """The entry's text. With `public_url` (the public feed): the public agenda only, and
    neither the reason for cancelling nor the video link, which are not published."""
    lines = [str(meeting.body)]
    if meeting.is_cancelled:
        if public_url:
            lines += ["", str(_("Cancelled"))]
        else:
            lines += ["", _("Cancelled: %(reason)s") % {"reason": meeting.cancellation_reason}]
    items = [item for item in _agenda(meeting) if confidential or item.is_public]
    if items:
        lines += ["", _("Agenda:") if confidential else _("Agenda (public part):")]
        for item in items:
            line = f"TOP {item.position}: {item.title}"
            if not item.is_public:
                line += " " + _("(non-public)")
            lines.append(line)
    if meeting.location and meeting.video_url and not public_url:
        lines += ["", _("Video link: %(url)s") % {"url": meeting.video_url}]
    lines += ["", _("Meeting page: %(url)s") % {"url": public_url or meeting_url(meeting)}]
    return "\n".join(lines)


def _event(
    meeting: Meeting,
    *,
    confidential: bool,
    attendee=None,
    cancel=False,
    now=None,
    public_url: str | None = None,
):
    """One meeting as a VEVENT; with `public_url` as the public feed shows it (see
    `_description`; the place only, never the video link)."""
    event = icalendar.Event()
    event.add("uid", meeting.ical_uid)
    event.add("sequence", meeting.ical_sequence)
    event.add("dtstamp", now or timezone.now().astimezone(datetime.UTC))
    event.add("created", meeting.created.astimezone(datetime.UTC))
    event.add("last-modified", meeting.modified.astimezone(datetime.UTC))
    event.add("dtstart", _berlin(meeting.starts_at))
    event.add("dtend", _berlin(meeting.ends_at))
    cancelled = cancel or meeting.is_cancelled
    summary = meeting.title
    if cancelled:
        summary = _("Cancelled: %(title)s") % {"title": meeting.title}
    event.add("summary", summary)
    if public_url:
        if meeting.location:
            event.add("location", meeting.location)
    else:
        event.add("location", meeting.location or meeting.video_url)
    event.add("url", public_url or meeting_url(meeting))
    event.add(
        "description",
        _description(meeting, confidential=confidential, public_url=public_url),
    )
    if cancelled:
        status = "CANCELLED"
    elif meeting.is_planned:
        status = "TENTATIVE"  # not yet invited: the date may still move
    else:
        status = "CONFIRMED"
    event.add("status", status)
    event.add("transp", "OPAQUE")
    event.add("organizer", _organizer())
    if attendee is not None:
        # iTIP (RFC 5546) wants the attendee in REQUEST and CANCEL. Replies would reach
        # only the portal's address, so no answer is asked for.
        address = icalendar.vCalAddress(f"mailto:{attendee.email}")
        address.params["cn"] = str(attendee)
        address.params["role"] = "REQ-PARTICIPANT"
        address.params["partstat"] = "NEEDS-ACTION"
        address.params["rsvp"] = "FALSE"
        event.add("attendee", address)
    return event


def _ics(meeting: Meeting, *, method: str, attendee=None, confidential=False) -> bytes:
    with portal_language():
        calendar = _calendar(method, [meeting])
        calendar.add_component(
            _event(
                meeting,
                confidential=confidential,
                attendee=attendee,
                cancel=method == "CANCEL",
            )
        )
        return calendar.to_ical()


def meeting_ics(meeting, *, method="PUBLISH") -> bytes:
    """The meeting as an iCalendar file (public agenda only), e.g. for the download."""
    return _ics(meeting, method=method)


def public_ics(meetings: list[Meeting], *, url_for) -> bytes:
    """Published meetings as one calendar for anyone (the public feed): each with its
    public agenda (`agenda_items` prefetched with the published items only), the place,
    and `url_for(meeting)`, the public page. DTSTAMP is the newest change of the
    entries, so the same meetings give the same bytes (and the same ETag)."""
    newest = max((m.modified for m in meetings), default=None) or timezone.now()
    now = newest.astimezone(datetime.UTC)
    with portal_language():
        calendar = _calendar("PUBLISH", meetings)
        for meeting in meetings:
            calendar.add_component(
                _event(meeting, confidential=False, now=now, public_url=url_for(meeting))
            )
        return calendar.to_ical()


# --- The personal feed -----------------------------------------------------------------


def feed_user(token: str):
    """The active user with a role whose feed token this is, else None."""
    from accounts.models import User

    if not TOKEN_RE.fullmatch(token or ""):
        return None  # never send odd characters (e.g. NUL) to the database
    user = User.objects.filter(calendar_token=token, is_active=True).first()
    if user is None or not is_cooperation_member(user):
        return None
    return user


def feed_meetings(user) -> list[Meeting]:
    """Meetings of the user's bodies (current memberships; the office: all bodies),
    from FEED_DAYS_BACK days ago onward, cancelled ones included."""
    meetings = Meeting.objects.filter(
        starts_at__gte=timezone.now() - datetime.timedelta(days=FEED_DAYS_BACK)
    )
    if not user.has_perm(CONFIDENTIAL):
        bodies = (
            Membership.objects.current().filter(user=user, body__is_active=True).values("body_id")
        )
        meetings = meetings.filter(body_id__in=bodies)
    return list(
        meetings.select_related("body")
        .prefetch_related(Prefetch("agenda_items", AgendaItem.objects.order_by("position", "pk")))
        .order_by("starts_at", "pk")[:FEED_LIMIT]
    )


def feed_ics(user) -> bytes:
    meetings = feed_meetings(user)
    if user.has_perm(CONFIDENTIAL):
        confidential_ids = None  # all bodies
    else:
        confidential_ids = set(
            bodies_for_user(user, "cooperation.act_as_member").values_list("pk", flat=True)
        )
    now = timezone.now().astimezone(datetime.UTC)
    with portal_language():
        calendar = _calendar("PUBLISH", meetings)
        name = _("IMPULS meetings")
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Europe/Berlin")
        calendar.add(
            "refresh-interval", datetime.timedelta(hours=1), parameters={"value": "DURATION"}
        )
        calendar.add("x-published-ttl", "PT1H")
        for meeting in meetings:
            confidential = confidential_ids is None or meeting.body_id in confidential_ids
            calendar.add_component(_event(meeting, confidential=confidential, now=now))
        return calendar.to_ical()


# --- E-mail ----------------------------------------------------------------------------


def _ics_part(ics: bytes, method: str) -> SafeMIMEText:
    part = SafeMIMEText(ics.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename=ATTACHMENT_NAME)
    return part


def _deliver(messages: list[EmailMessage]) -> None:
    """Send in one connection; a failure becomes a German ValidationError (the caller's
    transaction then rolls back, so nothing is recorded as sent)."""
    if not messages:
        return
    try:
        get_connection().send_messages(messages)
    except (smtplib.SMTPException, OSError) as error:
        logger.exception("Sending %d e-mails failed", len(messages))
        raise Unavailable(
            _(
                "The e-mails could not be sent (%(error)s). Nothing was recorded as sent; "
                "please try again later."
            ),
            code="mail_failed",
            params={"error": error.__class__.__name__},
        ) from error


def _subject(kind: str, meeting: Meeting) -> str:
    params = {"title": meeting.title, "date": short_date(meeting)}
    if kind == InvitationKind.UPDATE:
        text = _("Update: %(title)s on %(date)s") % params
    elif kind == InvitationKind.CANCELLATION:
        text = _("Cancelled: %(title)s on %(date)s") % params
    else:
        text = _("Invitation: %(title)s on %(date)s") % params
    return _one_line(text)


def render_mail(meeting: Meeting, kind: str, *, with_pdf: bool = True) -> tuple[str, str]:
    """Subject and body of the e-mail about a meeting (also shown before sending), both
    plain text: a page that shows them must escape them. An invitation names its PDF
    attachment unless `with_pdf` is off (the PDF could not be built)."""
    with portal_language():
        items = _agenda(meeting)
        context = {
            "meeting": meeting,
            "is_update": kind == InvitationKind.UPDATE,
            "when": when(meeting),
            "items": items,
            # The note on confidentiality only where the agenda has non-public items.
            "has_non_public_items": any(not item.is_public for item in items),
            "url": meeting_url(meeting),
            "attachment_name": ATTACHMENT_NAME,
            "with_pdf": with_pdf and kind == InvitationKind.INVITATION,
        }
        template = (
            "meetings/email/cancellation.txt"
            if kind == InvitationKind.CANCELLATION
            else "meetings/email/invitation.txt"
        )
        return _subject(kind, meeting), _plain_text(template, context)


def _message(meeting: Meeting, user, *, subject, body, method, reply_to, pdf=None):
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        reply_to=reply_to,
    )
    message.attach(_ics_part(_ics(meeting, method=method, attendee=user), method))
    if pdf is not None:
        message.attach(pdf.name, pdf.content, PDF_TYPE)
    return message


def _reply_to(actor) -> list[str] | None:
    return [actor.email] if actor is not None and getattr(actor, "email", "") else None


def _send(meeting: Meeting, kind: str, *, actor, extra_users=()) -> list[Invitation]:
    """Mail every current member with an address (and `extra_users`) and record it.

    An invitation is recorded first and mailed by whoever takes it over through
    `signals.invitations_recorded` (the documents app, once the invitation PDF is
    built: `deliver_waiting`); without a taker it is mailed at once."""
    people = {r.user.pk: r.user for r in recipients(meeting)}
    for user in extra_users:
        people.setdefault(user.pk, user)
    people = [user for user in people.values() if user.email and user.is_active]
    waits_for_pdf = kind == InvitationKind.INVITATION
    sent_at = None if waits_for_pdf else timezone.now()
    rows = []
    for user in people:
        row = Invitation(
            meeting=meeting,
            user=user,
            email=user.email,
            kind=kind,
            sequence=meeting.ical_sequence,
            sent_at=sent_at,
        )
        row._history_user = actor
        row.save()
        rows.append(row)
    if waits_for_pdf:
        answers = signals.invitations_recorded.send(
            sender=Invitation, meeting=meeting, invitations=rows, actor=actor
        )
        if any(answer for _receiver, answer in answers):
            return rows
        _deliver_rows(meeting, rows, actor=actor)
        return rows
    method = "CANCEL" if kind == InvitationKind.CANCELLATION else "REQUEST"
    subject, body = render_mail(meeting, kind)
    reply_to = _reply_to(actor)
    messages = [
        _message(meeting, user, subject=subject, body=body, method=method, reply_to=reply_to)
        for user in people
    ]
    _deliver(messages)
    return rows


@dataclass(frozen=True)
class Attachment:
    name: str
    content: bytes


def _deliver_rows(meeting: Meeting, rows: list[Invitation], *, actor, pdf=None) -> None:
    subject, body = render_mail(meeting, InvitationKind.INVITATION, with_pdf=pdf is not None)
    reply_to = _reply_to(actor)
    messages = [
        _message(
            meeting,
            row.user,
            subject=subject,
            body=body,
            method="REQUEST",
            reply_to=reply_to,
            pdf=pdf,
        )
        for row in rows
    ]
    _deliver(messages)
    sent_at = timezone.now()
    for row in rows:
        row.sent_at = sent_at
        row._history_user = actor
        row._change_reason = _("Mailed")
        row.save(update_fields=["sent_at", "modified"])


@transaction.atomic
def deliver_waiting(meeting_id: int, *, actor, pdf: Attachment | None = None) -> int:
    """Mail the invitations of a meeting that wait for their PDF (the worker's side),
    with the PDF attached when there is one; returns how many went out.

    The rows are locked, so two workers never mail the same invitation twice; a
    failing mail server raises `Unavailable` and leaves them waiting (the page shows
    them as not sent, and the office can send an update)."""
    rows = list(
        Invitation.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("user", "meeting__body")
        .filter(meeting_id=meeting_id, kind=InvitationKind.INVITATION, sent_at__isnull=True)
        .order_by("pk")
    )
    rows = [row for row in rows if row.user.is_active and row.user.email]
    if not rows:
        return 0
    meeting = rows[0].meeting
    _deliver_rows(meeting, rows, actor=actor, pdf=pdf)
    return len(rows)


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)


def _no_recipients():
    return ValidationError(
        _("Nobody in this body has an e-mail address; no invitation can be sent."),
        code="no_recipients",
    )


@transaction.atomic
def send_invitations(meeting, *, actor):
    """Invite the members of a planned meeting; the meeting is invited from then on."""
    current = _locked(meeting)
    if not current.can_invite:
        raise Conflict(
            _("Only a planned meeting can be invited to; this one is “%(status)s”."),
            code="not_planned",
            params={"status": current.get_status_display()},
        )
    if not any(r.email for r in recipients(current)):
        raise _no_recipients()
    current.status = MeetingStatus.INVITED
    current.invited_at = timezone.now()
    save_tracked(
        current, actor=actor, reason=_("Invitations sent"), update_fields=["status", "invited_at"]
    )
    rows = _send(current, InvitationKind.INVITATION, actor=actor)
    meeting.status, meeting.invited_at = current.status, current.invited_at
    return rows


def _raise_sequence(current: Meeting, *, actor, reason: str) -> None:
    current.ical_sequence += 1
    current._history_user = actor
    current._change_reason = reason
    current.save(update_fields=["ical_sequence", "modified"])


@transaction.atomic
def send_update(meeting, *, actor):
    """Send the current state of an invited meeting; calendars replace the entry."""
    current = _locked(meeting)
    if not current.is_invited:
        raise Conflict(
            _("Updates are sent only for a meeting the members have been invited to."),
            code="not_invited",
        )
    if not any(r.email for r in recipients(current)):
        raise _no_recipients()
    _raise_sequence(current, actor=actor, reason=_("Update sent"))
    rows = _send(current, InvitationKind.UPDATE, actor=actor)
    meeting.ical_sequence = current.ical_sequence
    return rows


@transaction.atomic
def send_cancellation(meeting, *, actor):
    """Tell the members (and everyone invited earlier) that the meeting is cancelled."""
    current = _locked(meeting)
    if not current.is_cancelled:
        raise Conflict(
            _("Only a cancelled meeting can be announced as cancelled."), code="not_cancelled"
        )
    _raise_sequence(current, actor=actor, reason=_("Cancellation sent"))
    # Whoever has the entry in their calendar should lose it, even if they have left
    # the body since the invitation.
    earlier = {row.user for row in current.invitations.select_related("user")}
    rows = _send(current, InvitationKind.CANCELLATION, actor=actor, extra_users=earlier)
    meeting.ical_sequence = current.ical_sequence
    return rows


def send_proposal_outcome(proposal) -> None:
    """Tell the proposer whether their agenda item was accepted (or why not)."""
    proposal = (
        AgendaProposal.objects.select_related("meeting__body", "proposed_by", "agenda_item")
        .filter(pk=proposal.pk)
        .first()
    )
    if proposal is None or proposal.is_pending:
        return
    proposer = proposal.proposed_by
    if not proposer.email or not proposer.is_active:
        return
    meeting = proposal.meeting
    accepted = proposal.is_accepted
    with portal_language():
        params = {"title": proposal.title}
        if accepted:
            subject = _("Your agenda proposal has been accepted: %(title)s") % params
        else:
            subject = _("Your agenda proposal has been declined: %(title)s") % params
        body = _plain_text(
            "meetings/email/proposal_outcome.txt",
            {
                "proposal": proposal,
                "meeting": meeting,
                "accepted": accepted,
                "when": when(meeting),
                "url": meeting_url(meeting),
            },
        )
    message = EmailMessage(
        subject=_one_line(subject),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[proposer.email],
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        # The decision stands; the proposer also sees it on the meeting page.
        logger.exception("Could not tell the proposer about proposal %s", proposal.pk)


def filename_for(meeting: Meeting) -> str:
    """'<title>.ics' without path separators, quotes or control characters."""
    name = re.sub(r"[^\w .()-]+", "", meeting.title, flags=re.UNICODE)
    name = " ".join(name.split()).strip(" .")[:80] or "sitzung"
    return f"{name}.ics"
