"""Invitations, the .ics download and the personal calendar feed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from accounts.services import calendar_token_renew
from cooperation.permissions import MemberRequiredMixin

from .. import selectors
from ..permissions import get_meeting_for_user
from ..services import invitations

ICS_TYPE = "text/calendar; charset=utf-8"


class MeetingInviteView(MemberRequiredMixin, View):
    """The office confirms (GET) and sends (POST) the invitation, or later an update."""

    template_name = "meetings/invite_confirm.html"

    def render_page(self, meeting, *, errors=(), status=200):
        people = invitations.recipients(meeting)
        kind = meeting.next_invitation_kind  # None: held, cancelled or approved
        subject, body = invitations.render_mail(meeting, kind) if kind else ("", "")
        context = {
            "meeting": meeting,
            "kind": kind,
            "recipients": people,
            "with_email": sum(1 for r in people if r.email),
            "without_email": [r for r in people if not r.email],
            "subject": subject,
            "body": body,
            "attachment_name": invitations.ATTACHMENT_NAME,
            "sent": selectors.invitations_sent(meeting),
            "errors": errors,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        meeting = get_meeting_for_user(request.user, pk, perm="change")
        return self.render_page(meeting)

    def post(self, request, pk):
        meeting = get_meeting_for_user(request.user, pk, perm="change")
        action = request.POST.get("action", "invite")
        if action == "invite":
            send = invitations.send_invitations
        elif action == "update":
            send = invitations.send_update
        else:
            return self.render_page(
                meeting, errors=[_("Unknown action; nothing was sent.")], status=400
            )
        try:
            rows = send(meeting, actor=request.user)
        except ValidationError as error:
            meeting.refresh_from_db()
            status = 503 if getattr(error, "code", None) == "mail_failed" else 409
            return self.render_page(meeting, errors=error.messages, status=status)
        count = len(rows)
        if action == "invite":
            text = ngettext(
                "Invitation sent to %(count)d person.",
                "Invitation sent to %(count)d people.",
                count,
            )
        else:
            text = ngettext(
                "Update sent to %(count)d person.", "Update sent to %(count)d people.", count
            )
        messages.success(request, text % {"count": count})
        return redirect(meeting)


class MeetingIcsView(MemberRequiredMixin, View):
    """The meeting as a calendar file, for everyone who may see the meeting."""

    def get(self, request, pk):
        meeting = get_meeting_for_user(request.user, pk)
        response = HttpResponse(invitations.meeting_ics(meeting), content_type=ICS_TYPE)
        response["Content-Disposition"] = content_disposition_header(
            True, invitations.filename_for(meeting)
        )
        return response


class CalendarFeedView(View):
    """The personal feed: no login, the secret token in the address authenticates."""

    def get(self, request, token):
        user = invitations.feed_user(token)
        if user is None:
            raise Http404
        response = HttpResponse(invitations.feed_ics(user), content_type=ICS_TYPE)
        response["Content-Disposition"] = content_disposition_header(False, "impuls.ics")
        # The address is a secret: keep the answer out of shared caches and search engines.
        response["Cache-Control"] = "private, no-cache"
        response["X-Robots-Tag"] = "noindex"
        return response


class CalendarSettingsView(MemberRequiredMixin, View):
    """Shows the personal feed address and renews it on request."""

    template_name = "meetings/calendar_settings.html"

    def get(self, request):
        url = request.build_absolute_uri(
            reverse("meetings:calendar_feed", args=[request.user.calendar_token])
        )
        webcal = "webcal://" + url.split("://", 1)[1]
        return render(request, self.template_name, {"feed_url": url, "webcal_url": webcal})

    def post(self, request):
        calendar_token_renew(user=request.user, actor=request.user)
        messages.success(
            request,
            _(
                "Your calendar address has been renewed. The old address no longer works; "
                "please subscribe to the new one in your calendar program."
            ),
        )
        return redirect("meetings:calendar_settings")
