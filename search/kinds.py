"""What the search finds: one `Kind` per searchable model, with its gates.

Each kind names the querysets it searches — for a member the existing visibility rules
of its app (`meetings.selectors.visible_*`, `workinggroups.permissions.visible_findings`,
`overview.permissions.visible_chapters`), for the public the app's `.published()`
queryset (or nothing: comments and finding attachments have no publication rule) —
and how a hit is shown (title, date, snippet source, internal URL).

A gate may depend on the user only through `user.has_perm(perm)` (no object) and
`cooperation.permissions.bodies_for_user`: the compiled statement is kept per audience
on exactly that (`search.selectors.StatementCache`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import DateTimeField, F
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from meetings import selectors as meeting_selectors
from meetings.models import AgendaItem, Decision, DecisionProgress, Meeting, Minutes, Paper
from overview.models import ConceptChapter
from overview.permissions import visible_chapters
from workinggroups.models import Finding, FindingAttachment, FindingComment
from workinggroups.permissions import visible_findings


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    model: type
    # The member's rows (user → queryset) and the public's (None: not public at all).
    internal: Callable
    public: Callable | None
    # Sort/display date: a path to a date or datetime column.
    date: str
    # The hit's title from the object, and the columns the snippet is cut from.
    title: Callable
    snippet_fields: tuple[str, ...]
    select_related: tuple[str, ...] = ()
    url: Callable = field(default=lambda obj: obj.get_absolute_url())
    # The public side of a kind may read other columns (a chapter's published text).
    public_vector: str = "search_vector"
    public_title: Callable | None = None
    public_snippet_fields: tuple[str, ...] | None = None
    # (field, published field): on a public hit the object carries the published value
    # in the field, so a page showing `hit.object.text` cannot show an unpublished edit.
    public_aliases: tuple[tuple[str, str], ...] = ()

    def rows(self, user):
        """The rows this user may find (user None: the public)."""
        if user is None:
            return self.public() if self.public is not None else None
        return self.internal(user)

    def vector(self, public: bool) -> str:
        return self.public_vector if public else "search_vector"

    def for_public(self, obj):
        for name, published in self.public_aliases:
            setattr(obj, name, getattr(obj, published))
        return obj

    def title_of(self, obj, public: bool) -> str:
        if public and self.public_title is not None:
            return self.public_title(obj)
        return self.title(obj)

    def snippet_sources(self, public: bool) -> tuple[str, ...]:
        if public and self.public_snippet_fields is not None:
            return self.public_snippet_fields
        return self.snippet_fields

    def searched_fields(self, public: bool) -> list[str]:
        """The columns behind the vector (the SQLite fallback reads these)."""
        return self.model.search_source_fields(self.vector(public))

    def date_of(self, obj):
        """The hit's date, read through the select_related objects (None where a link
        is empty: a decision by written procedure has no agenda item)."""
        value = obj
        for name in self.date.split("__"):
            value = getattr(value, name)
            if value is None:
                return None
        return value

    def date_expression(self):
        """The sort date as a timestamp in every kind (a date column is cast), so that
        the kinds' rows can be ranked in one UNION."""
        field = self.model._meta.get_field(self.date.split("__")[0])
        for name in self.date.split("__")[1:]:
            field = field.related_model._meta.get_field(name)
        if isinstance(field, DateTimeField):
            return F(self.date)
        return Cast(F(self.date), _TIMESTAMP)


_TIMESTAMP = DateTimeField()


def _item_title(item) -> str:
    return str(item)


def _findings(user):
    return visible_findings(user)


KINDS: tuple[Kind, ...] = (
    Kind(
        key="meeting",
        label=_("Meetings"),
        model=Meeting,
        internal=meeting_selectors.visible_meetings,
        public=lambda: Meeting.objects.published(),
        date="starts_at",
        title=lambda obj: obj.title,
        snippet_fields=("title", "location"),
        select_related=("body",),
    ),
    Kind(
        key="agenda_item",
        label=_("Agenda items"),
        model=AgendaItem,
        internal=meeting_selectors.visible_agenda_items,
        public=lambda: AgendaItem.objects.published(),
        date="meeting__starts_at",
        title=_item_title,
        snippet_fields=("description",),
        select_related=("meeting__body",),
    ),
    Kind(
        key="minutes",
        label=_("Minutes of agenda items"),
        model=Minutes,
        internal=meeting_selectors.visible_minutes,
        public=lambda: Minutes.objects.published(),
        date="agenda_item__meeting__starts_at",
        title=lambda obj: str(obj),
        snippet_fields=("text",),
        select_related=("agenda_item__meeting__body",),
        url=lambda obj: obj.agenda_item.get_absolute_url(),
    ),
    Kind(
        key="decision",
        label=_("Decisions"),
        model=Decision,
        internal=meeting_selectors.visible_decisions,
        public=lambda: Decision.objects.published(),
        date="agenda_item__meeting__starts_at",
        title=lambda obj: str(obj),
        snippet_fields=("text",),
        select_related=("body", "agenda_item__meeting"),
    ),
    Kind(
        key="progress",
        label=_("Progress notes"),
        model=DecisionProgress,
        internal=lambda user: DecisionProgress.objects.filter(
            decision__in=meeting_selectors.visible_decisions(user)
        ),
        public=lambda: DecisionProgress.objects.published(),
        date="date",
        title=lambda obj: str(obj.decision),
        snippet_fields=("note",),
        select_related=("decision",),
        url=lambda obj: obj.decision.get_absolute_url(),
    ),
    Kind(
        key="finding",
        label=_("Findings"),
        model=Finding,
        internal=_findings,
        public=lambda: Finding.objects.published(),
        date="modified",
        title=lambda obj: obj.title,
        snippet_fields=("text",),
        select_related=("group__body",),
    ),
    Kind(
        key="comment",
        label=_("Comments on findings"),
        model=FindingComment,
        internal=lambda user: FindingComment.objects.filter(finding__in=_findings(user)),
        public=None,
        date="created",
        title=lambda obj: obj.finding.title,
        snippet_fields=("text",),
        select_related=("finding",),
        url=lambda obj: obj.finding.get_absolute_url(),
    ),
    Kind(
        key="chapter",
        label=_("Concept chapters"),
        model=ConceptChapter,
        internal=visible_chapters,
        public=lambda: ConceptChapter.objects.published(),
        date="modified",
        title=lambda obj: str(obj),
        snippet_fields=("text",),
        public_vector="public_search_vector",
        public_title=lambda obj: f"{obj.position}. {obj.published_title}",
        public_snippet_fields=("published_text",),
        public_aliases=(("title", "published_title"), ("text", "published_text")),
    ),
    Kind(
        key="paper",
        label=_("Papers"),
        model=Paper,
        internal=meeting_selectors.visible_papers,
        public=lambda: Paper.objects.published(),
        date="meeting__starts_at",
        title=lambda obj: obj.title,
        snippet_fields=("extracted_text",),
        select_related=("meeting__body",),
        url=lambda obj: reverse("meetings:paper_download", args=[obj.pk]),
    ),
    Kind(
        key="attachment",
        label=_("Attachments to findings"),
        model=FindingAttachment,
        internal=lambda user: FindingAttachment.objects.filter(finding__in=_findings(user)),
        public=None,
        date="created",
        title=lambda obj: obj.title,
        snippet_fields=("extracted_text",),
        select_related=("finding",),
        url=lambda obj: reverse("workinggroups:attachment_download", args=[obj.pk]),
    ),
)

KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


def kinds_for(public: bool) -> tuple[Kind, ...]:
    """The kinds a search may return: the public does not get comments and attachments."""
    return tuple(kind for kind in KINDS if not public or kind.public is not None)
