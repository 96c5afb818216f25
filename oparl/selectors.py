"""Reads for the OParl API: published content only, in the shape each object type needs.

Every queryset here starts from a `published()` queryset of its model or from
`public.selectors` (the same rules as the public pages; see "Publication" in
docs/architecture.md) and only adds `select_related` / `prefetch_related`, so a list
page runs a fixed number of queries whatever its size. Persons are board seats, named by
`Membership.public_name()`; working-group seats name the partner represented.

The tombstone sources (`withdrawn_*`) answer "what was published and is not any more,
since when": deleted rows from the history tables (`history_type "-"`, which keep the
row's last values) and rows withdrawn from publication (a withheld paper, an agenda item
made non-public, a membership that ended). Each gives `(pk, when)` pairs.
"""

from __future__ import annotations

import datetime

from django.db.models import Case, Count, Exists, F, Max, Min, OuterRef, Prefetch, Q, Subquery, When
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from cooperation.models import Body, BodyKind, Membership, Partner
from core.history import history_model
from core.timezone import BERLIN
from councils.models import Consultation, CouncilRequirement
from meetings.models import (
    PUBLISHED_STATUSES,
    AgendaItem,
    Decision,
    DecisionProgress,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesCorrection,
    Paper,
    published_meeting_condition,
)
from public import selectors as public_selectors

# --- Live objects ---------------------------------------------------------------------

# Columns for the search only: the vector, and a file's extracted text (a whole PDF's).
SEARCH_ONLY = ("search_vector", "extracted_text")


def _lean(queryset):
    """The queryset without the search's columns, which no answer shows."""
    names = {f.name for f in queryset.model._meta.concrete_fields}
    return queryset.defer(*(name for name in SEARCH_ONLY if name in names))


def _newest(queryset):
    """The newest `modified` of the published rows of `queryset` (a subquery)."""
    return Subquery(queryset.order_by("-modified").values("modified")[:1])


def _modified_with(*subqueries):
    """`oparl_modified`: the row's own `modified` or, if later, that of a published
    object embedded in it, so that `modified_since` finds a meeting whose agenda got
    a decision, and the object's `modified` says so too."""
    return Greatest("modified", *(Coalesce(sub, "modified") for sub in subqueries))


def _item_modified(item_ref: str):
    """What an agenda item embeds: its published papers, decisions, the decisions'
    progress, its approved minutes and their corrections."""
    return (
        _newest(Paper.objects.published().filter(agenda_item=OuterRef(item_ref))),
        _newest(Decision.objects.published().filter(agenda_item=OuterRef(item_ref))),
        _newest(
            DecisionProgress.objects.published().filter(decision__agenda_item=OuterRef(item_ref))
        ),
        _newest(
            Consultation.objects.published().filter(
                requirement__decision__agenda_item=OuterRef(item_ref)
            )
        ),
        _newest(Minutes.objects.published().filter(agenda_item=OuterRef(item_ref))),
        _newest(
            MinutesCorrection.objects.published().filter(minutes__agenda_item=OuterRef(item_ref))
        ),
    )


def _decisions():
    return (
        _lean(Decision.objects.published())
        .select_related("body", "council_requirement")
        .annotate(not_voting_count=Count("not_voting"))
        .prefetch_related(
            Prefetch("commissioned_groups", Body.objects.order_by("name", "pk")),
            # The councils' consultations (`impuls:decisions` … `councilApproval`).
            Prefetch(
                "council_requirement__consultations",
                Consultation.objects.published()
                .select_related("partner")
                .order_by("council_name", "pk"),
            ),
            Prefetch(
                "progress",
                _lean(DecisionProgress.objects.published()).order_by("-date", "-pk"),
                to_attr="public_progress",
            ),
        )
        .order_by("sequence", "pk")
    )


def _item_relations():
    return (
        Prefetch(
            "papers",
            _lean(Paper.objects.published()).order_by("title", "pk"),
            to_attr="oparl_papers",
        ),
        Prefetch("decisions", _decisions(), to_attr="oparl_decisions"),
        # Approved minutes only, with their corrections (as the public meeting page).
        Prefetch(
            "minutes",
            _lean(Minutes.objects.published()).prefetch_related(
                Prefetch(
                    "corrections",
                    MinutesCorrection.objects.published().order_by("corrected_on", "pk"),
                )
            ),
        ),
    )


def meetings():
    """Published meetings with their published items, papers and decisions."""
    embedded = (
        _newest(AgendaItem.objects.published().filter(meeting=OuterRef("pk"))),
        _newest(Paper.objects.published().filter(meeting=OuterRef("pk"))),
        _newest(Decision.objects.published().filter(agenda_item__meeting=OuterRef("pk"))),
        _newest(
            DecisionProgress.objects.published().filter(
                decision__agenda_item__meeting=OuterRef("pk")
            )
        ),
        _newest(
            Consultation.objects.published().filter(
                requirement__decision__agenda_item__meeting=OuterRef("pk")
            )
        ),
        _newest(Minutes.objects.published().filter(agenda_item__meeting=OuterRef("pk"))),
        _newest(
            MinutesCorrection.objects.published().filter(
                minutes__agenda_item__meeting=OuterRef("pk")
            )
        ),
    )
    queryset = _lean(public_selectors.published_meeting_queryset())
    return queryset.annotate(oparl_modified=_modified_with(*embedded)).prefetch_related(
        Prefetch(
            "agenda_items",
            _lean(AgendaItem.objects.published())
            .annotate(oparl_modified=_modified_with(*_item_modified("pk")))
            .prefetch_related(*_item_relations())
            .order_by("position", "pk"),
            to_attr="oparl_items",
        ),
        Prefetch(
            "papers",
            _lean(Paper.objects.published())
            .filter(agenda_item__isnull=True)
            .order_by("title", "pk"),
            to_attr="oparl_meeting_papers",
        ),
    )


def locations():
    """The meetings that name a place (a video link is never a location)."""
    return _lean(public_selectors.published_meeting_queryset()).exclude(location="")


def agenda_items():
    return (
        _lean(AgendaItem.objects.published())
        .annotate(oparl_modified=_modified_with(*_item_modified("pk")))
        .select_related("meeting__body")
        .defer("meeting__search_vector")
        .prefetch_related(*_item_relations())
    )


def papers():
    return (
        _lean(public_selectors.published_paper_queryset())
        .select_related("meeting__body", "agenda_item")
        .defer("meeting__search_vector", "agenda_item__search_vector")
    )


def consultations():
    return papers().filter(agenda_item__isnull=False)


def _first_paper(item_ref: str):
    """The first published paper of an agenda item, in the order the item lists its
    papers: the Paper that embeds the item's councils' consultations (a subquery)."""
    return Subquery(
        Paper.objects.published()
        .filter(agenda_item=OuterRef(item_ref))
        .order_by("title", "pk")
        .values("pk")[:1]
    )


def _council_consultations():
    # Never the note: it is the council's internal remark.
    return Consultation.objects.published().select_related("partner").defer("note")


def council_consultations():
    """The partners' councils' consultations of published decisions
    (`Consultation.objects.published()`), with the first published paper of the
    decision's agenda item (`oparl_paper_id`)."""
    return (
        _council_consultations()
        .select_related("requirement__decision__body")
        .defer("requirement__decision__search_vector")
        .annotate(oparl_paper_id=_first_paper("requirement__decision__agenda_item"))
    )


def paper_list():
    """Papers; the first published paper of an item embeds the consultations of the
    item's decisions in the partners' councils (and their `modified` counts for it)."""
    councils = _newest(
        Consultation.objects.published().filter(
            requirement__decision__agenda_item=OuterRef("agenda_item")
        )
    )
    decisions = (
        _lean(Decision.objects.published())
        .select_related("body", "council_requirement")
        .prefetch_related(
            Prefetch(
                "council_requirement__consultations",
                _council_consultations().order_by("council_name", "pk"),
            )
        )
        .order_by("sequence", "pk")
    )
    return (
        papers()
        .annotate(oparl_first_paper_id=_first_paper("agenda_item"))
        .annotate(
            oparl_modified=Case(
                When(pk=F("oparl_first_paper_id"), then=_modified_with(councils)),
                default=F("modified"),
            )
        )
        .prefetch_related(
            Prefetch("agenda_item__decisions", decisions, to_attr="oparl_council_decisions")
        )
    )


def bodies():
    """Every body, as the public body pages show them, with its current seats."""
    return Body.objects.select_related(
        "working_group__function_area", "working_group__lead_partner"
    ).prefetch_related(
        Prefetch(
            "memberships",
            Membership.objects.current().order_by("pk"),
            to_attr="current_memberships",
        )
    )


def partners():
    """The partners the public home page lists (the active ones)."""
    return Partner.objects.active()


def memberships():
    """Current seats, as the public body pages show them."""
    return Membership.objects.current().select_related("user", "partner", "body")


def persons():
    """Board seats: the public office is the person (`Membership.public_name()`)."""
    return memberships().filter(body__kind=BodyKind.BOARD)


def contract_in_force():
    return public_selectors.contract_in_force()


def timestamps():
    """When the cooperation's record began and last changed (for System and Body)."""
    return Body.objects.aggregate(created=Min("created"), modified=Max("modified"))


# --- Withdrawn objects (tombstones) ----------------------------------------------------


def _deleted(model, since, until, *conditions, **last_state):
    rows = history_model(model)._default_manager.filter(
        *conditions, history_type="-", history_date__gte=since, **last_state
    )
    if until is not None:
        rows = rows.filter(history_date__lte=until)
    return list(rows.values_list("id", "history_date"))


def _in_range(queryset, field, since, until):
    queryset = queryset.filter(**{f"{field}__gte": since})
    if until is not None:
        queryset = queryset.filter(**{f"{field}__lte": until})
    return list(queryset.values_list("pk", field))


def withdrawn_meetings(since, until):
    # A published meeting stays published (cancelled included): only deletion removes it.
    return _deleted(
        Meeting,
        since,
        until,
        status__in=(*PUBLISHED_STATUSES, MeetingStatus.CANCELLED),
    )


def withdrawn_locations(since, until):
    had_place = (
        history_model(Meeting)._default_manager.filter(id=OuterRef("pk")).exclude(location="")
    )
    blanked = Meeting.objects.published().filter(location="").filter(Exists(had_place))
    return withdrawn_meetings(since, until) + _in_range(blanked, "modified", since, until)


def _items_made_confidential():
    was_public = history_model(AgendaItem)._default_manager.filter(
        id=OuterRef("pk"), is_public=True
    )
    return AgendaItem.objects.filter(
        Q(is_public=False), published_meeting_condition("meeting"), Exists(was_public)
    )


def withdrawn_agenda_items(since, until):
    deleted = _deleted(
        AgendaItem,
        since,
        until,
        is_public=True,
        meeting_id__in=Meeting.objects.published().values("pk"),
    )
    return deleted + _in_range(_items_made_confidential(), "modified", since, until)


def withdrawn_papers(since, until, *, on_items_only=False):
    """Papers withheld by the office, papers whose item was made non-public, and deleted
    papers that were published when deleted. `on_items_only`: the consultations (papers
    on an agenda item)."""
    withheld = Paper.objects.withheld_from_publication()
    on_item = Q(agenda_item_id__in=AgendaItem.objects.published().values("pk"))
    if on_items_only:
        withheld = withheld.filter(agenda_item__isnull=False)
    else:
        on_item |= Q(agenda_item_id__isnull=True)
    on_hidden_items = Paper.objects.filter(agenda_item__in=_items_made_confidential())
    return (
        _in_range(withheld, "withheld_at", since, until)
        + _in_range(on_hidden_items, "agenda_item__modified", since, until)
        + _deleted(
            Paper,
            since,
            until,
            on_item,
            withheld_at__isnull=True,
            meeting_id__in=Meeting.objects.published().values("pk"),
        )
    )


def withdrawn_council_consultations(since, until):
    """Councils' consultations whose decision's agenda item was made non-public, and
    consultations deleted while their decision was (and is) published."""
    on_hidden_items = Consultation.objects.filter(
        requirement__decision__agenda_item__in=_items_made_confidential()
    )
    return _in_range(
        on_hidden_items, "requirement__decision__agenda_item__modified", since, until
    ) + _deleted(
        Consultation,
        since,
        until,
        requirement_id__in=CouncilRequirement.objects.published().values("pk"),
    )


def _ended(queryset, since, until):
    """Seats that ended in the range: no longer current from the day after `valid_until`."""
    today = timezone.localdate()
    first = timezone.localtime(since, BERLIN).date() - datetime.timedelta(days=1)
    queryset = queryset.filter(valid_until__gte=first, valid_until__lt=today)
    rows = []
    for pk, last_day in queryset.values_list("pk", "valid_until"):
        when = datetime.datetime.combine(
            last_day + datetime.timedelta(days=1), datetime.time(), tzinfo=BERLIN
        )
        if when >= since and (until is None or when <= until):
            rows.append((pk, when))
    return rows


def withdrawn_memberships(since, until, *, board_only=False):
    ended = Membership.objects.all()
    deleted_filter = {}
    if board_only:
        ended = ended.filter(body__kind=BodyKind.BOARD)
        deleted_filter["body_id__in"] = Body.objects.filter(kind=BodyKind.BOARD).values("pk")
    # Deleted after it had begun: a seat deleted before its start was never shown.
    begun = Q(valid_from__lte=F("history_date__date"))
    return _ended(ended, since, until) + _deleted(Membership, since, until, begun, **deleted_filter)


def withdrawn_bodies(since, until):
    return _deleted(Body, since, until)


def withdrawn_partners(since, until):
    was_active = history_model(Partner)._default_manager.filter(id=OuterRef("pk"), is_active=True)
    deactivated = Partner.objects.filter(Q(is_active=False), Exists(was_active))
    return _in_range(deactivated, "modified", since, until) + _deleted(
        Partner, since, until, is_active=True
    )
