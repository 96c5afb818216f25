""" "Meine Anmeldungen" (a person's own sessions) and the office's access log."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from core.views import FilteredListView

from . import selectors, services
from .forms import AccessLogFilterForm
from .permissions import AccessLogReaderMixin

PAGE_SIZE = 50


def _own_session(request, handle):
    """One of the requesting user's sessions, or 404 (also for anyone else's)."""
    session = selectors.session_of(request.user, handle)
    if session is None:
        raise Http404
    return session


class SessionListView(LoginRequiredMixin, View):
    template_name = "access/session_list.html"

    def get(self, request):
        sessions = selectors.sessions_of(request.user)
        current = request.session.session_key
        return render(
            request,
            self.template_name,
            {
                "sessions": sessions,
                "current_key": current,
                "others": sum(1 for s in sessions if s.session_key != current),
            },
        )


class SessionEndView(LoginRequiredMixin, View):
    """GET asks for confirmation, POST ends the session (one of the user's own)."""

    template_name = "access/session_end_confirm.html"

    def get(self, request, handle):
        session = _own_session(request, handle)
        return render(
            request,
            self.template_name,
            {"session": session, "current": session.session_key == request.session.session_key},
        )

    def post(self, request, handle):
        session = _own_session(request, handle)
        if session.session_key == request.session.session_key:
            # Ending the session in use is logging out.
            logout(request)
            return redirect(settings.LOGOUT_REDIRECT_URL)
        services.end_session(user=request.user, handle=handle, request=request)
        messages.success(request, _("The session has been ended."))
        return redirect("access:session_list")


class SessionEndOthersView(LoginRequiredMixin, View):
    template_name = "access/session_end_others_confirm.html"

    def get(self, request):
        return render(request, self.template_name)

    def post(self, request):
        ended = services.end_other_sessions(
            request.user, keep=request.session.session_key, request=request
        )
        messages.success(
            request,
            ngettext(
                "%(count)d other session has been ended.",
                "%(count)d other sessions have been ended.",
                ended,
            )
            % {"count": ended}
            if ended
            else _("There were no other sessions."),
        )
        return redirect("access:session_list")


class AccessLogView(AccessLogReaderMixin, FilteredListView):
    """The office reads the access log; a bad filter shows no entries (400)."""

    template_name = "access/event_list.html"
    filter_form_class = AccessLogFilterForm
    page_size = PAGE_SIZE
    context_object_name = "events"
    rows_when_invalid = False

    def get_rows(self, selected):
        return selectors.access_events(**selected)

    def get_context(self, selected):
        return {"retention_days": settings.ACCESS_LOG_RETENTION_DAYS}
