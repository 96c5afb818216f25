"""Feeds of the published record for calendar and news readers: an iCalendar feed of
the published meetings and Atom feeds of the newest published meetings and decisions.

Each is bounded (`FEED_ITEMS`), reads through the same published querysets as the
public pages and the API, and is a public page (`PublicCacheMixin`: GET and HEAD only,
German, ETag and 304). The public pages link them in their <head>.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from core.caching import PublicCacheMixin
from core.links import portal_url
from meetings.models import AgendaItem
from meetings.services.invitations import public_ics
from public import selectors as public_selectors

FEED_ITEMS = 50


def feed_meetings():
    """The newest published meetings with their published agenda. Two queries."""
    return list(
        public_selectors.published_meeting_queryset()
        .prefetch_related(
            Prefetch("agenda_items", AgendaItem.objects.published().order_by("position", "pk"))
        )
        .order_by("-starts_at", "-pk")[:FEED_ITEMS]
    )


def feed_decisions():
    return list(
        public_selectors.published_decision_queryset().order_by("-created", "-pk")[:FEED_ITEMS]
    )


# Read-only: a POST is answered 405 by the view, not refused by the CSRF check first.
@method_decorator(csrf_exempt, name="dispatch")
class MeetingCalendarView(PublicCacheMixin, View):
    """`sitzungen.ics`: the newest published meetings as a calendar to subscribe to."""

    def get(self, request):
        ics = public_ics(
            feed_meetings(), url_for=lambda m: portal_url("public:meeting_detail", m.pk)
        )
        response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="impuls-sitzungen.ics"'
        return response


class _AtomFeed(Feed):
    feed_type = Atom1Feed

    def link(self):
        return portal_url("public:home")

    def item_updateddate(self, item):
        return item.modified


class MeetingAtomFeed(_AtomFeed):
    def title(self):
        return _("IMPULS: published meetings")

    def subtitle(self):
        return _("The newest published meetings of the cooperation board and working groups.")

    def feed_url(self):
        return portal_url("oparl:meeting_feed")

    def items(self):
        return feed_meetings()

    def item_title(self, meeting):
        if meeting.is_cancelled:
            return _("Cancelled: %(title)s") % {"title": meeting.title}
        return meeting.title

    def item_description(self, meeting):
        start = timezone.localtime(meeting.starts_at)
        parts = [meeting.body.name, start.strftime("%d.%m.%Y %H:%M")]
        if meeting.location:
            parts.append(meeting.location)
        return " · ".join(parts)

    def item_link(self, meeting):
        return portal_url("public:meeting_detail", meeting.pk)

    def item_pubdate(self, meeting):
        return meeting.invited_at or meeting.created


class DecisionAtomFeed(_AtomFeed):
    def title(self):
        return _("IMPULS: published decisions")

    def subtitle(self):
        return _("The newest decisions of the cooperation board and working groups.")

    def feed_url(self):
        return portal_url("oparl:decision_feed")

    def items(self):
        return feed_decisions()

    def item_title(self, decision):
        return f"{decision.format_number()}: {decision.title}"

    def item_description(self, decision):
        return decision.text

    def item_link(self, decision):
        return portal_url("public:decision_detail", decision.pk)

    def item_pubdate(self, decision):
        return decision.created


@method_decorator(csrf_exempt, name="dispatch")
class _FeedView(PublicCacheMixin, View):
    feed_class: type[Feed]

    def get(self, request):
        return self.feed_class()(request)


class MeetingFeedView(_FeedView):
    feed_class = MeetingAtomFeed


class DecisionFeedView(_FeedView):
    feed_class = DecisionAtomFeed
