"""Invitations, the .ics download and the personal calendar feed."""

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from accounts.services import calendar_token_renew
from core.permissions import MemberRequiredMixin
from core.views import ServiceFormView

from .. import selectors
from ..forms import ConfirmForm, InviteForm
from ..permissions import get_meeting_for_user
from ..services import invitations

ICS_TYPE = "text/calendar; charset=utf-8"


class MeetingInviteView(MemberRequiredMixin, ServiceFormView):
    """The office confirms (GET) and sends (POST) the invitation, or later an update."""

    template_name = "meetings/invite_confirm.html"
    form_class = InviteForm

    def get_target(self):
        return get_meeting_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_context(self, meeting):
        people = invitations.recipients(meeting)
        kind = meeting.next_invitation_kind  # None: held, cancelled or approved
        subject, body = invitations.render_mail(meeting, kind) if kind else ("", "")
        return {
            "meeting": meeting,
            "kind": kind,
            "recipients": people,
            "with_email": sum(1 for r in people if r.email),
            "without_email": [r for r in people if not r.email],
            "subject": subject,
            "body": body,
            "attachment_name": invitations.ATTACHMENT_NAME,
            "sent": selectors.invitations_sent(meeting),
        }

    def render_page(self, form, meeting, *, status=200, **extra):
        # The page has buttons, not fields: its errors are listed above them.
        errors = [message for messages_ in form.errors.values() for message in messages_]
        return super().render_page(form, meeting, status=status, errors=errors, **extra)

    def perform(self, form, meeting):
        if form.cleaned_data["action"] == InviteForm.UPDATE:
            self.sent = invitations.send_update(meeting, actor=self.request.user)
        else:
            self.sent = invitations.send_invitations(meeting, actor=self.request.user)
        return meeting.get_absolute_url()

    def get_success_message(self, form, meeting):
        count = len(self.sent)
        if form.cleaned_data["action"] == InviteForm.UPDATE:
            text = ngettext(
                "Update sent to %(count)d person.", "Update sent to %(count)d people.", count
            )
        else:
            # Invitations go out once their PDF is built (by the worker, see
            # services.invitations._send); none wait when nobody takes them over.
            if any(row.sent_at is None for row in self.sent):
                text = ngettext(
                    "Invitation to %(count)d person recorded: it is sent with the PDF "
                    "as soon as the PDF is ready.",
                    "Invitation to %(count)d people recorded: it is sent with the PDF "
                    "as soon as the PDF is ready.",
                    count,
                )
            else:
                text = ngettext(
                    "Invitation sent to %(count)d person.",
                    "Invitation sent to %(count)d people.",
                    count,
                )
        return text % {"count": count}


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


class CalendarSettingsView(MemberRequiredMixin, ServiceFormView):
    """Shows the personal feed address and renews it on request (a button, no fields)."""

    template_name = "meetings/calendar_settings.html"
    form_class = ConfirmForm
    success_message = gettext_lazy(
        "Your calendar address has been renewed. The old address no longer works; "
        "please subscribe to the new one in your calendar program."
    )

    def get_target(self):
        return self.request.user

    def get_context(self, user):
        url = self.request.build_absolute_uri(
            reverse("meetings:calendar_feed", args=[user.calendar_token])
        )
        return {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]}

    def get_cancel_url(self, user):
        return reverse("meetings:calendar_settings")

    def perform(self, form, user):
        calendar_token_renew(user=user, actor=user)
        return reverse("meetings:calendar_settings")
