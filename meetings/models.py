"""Meetings of any body, their agenda, papers, attendance, minutes and decisions."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.models import (
    Body,
    BodyKind,
    DecisionKind,
    DeputyRule,
    Majority,
    Membership,
    ObjectionRule,
    Partner,
    QuorumRule,
    Role,
    majority_reached,
    rules_for,
)
from core.history import history_model
from core.models import PrivateFile, TimeStampedModel, Timestamps
from core.search import HistoricalRecords, Searchable, SearchableFile, search_index
from core.validators import validate_sane_date, validate_single_line


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    INVITED = "invited", _("Invited")
    HELD = "held", _("Held")
    MINUTES_APPROVED = "minutes_approved", _("Minutes approved")
    CANCELLED = "cancelled", _("Cancelled")


# The lifecycle rules, in one place: the services refuse with them, the templates show
# buttons with them (through the predicates of `Meeting` below), the selectors filter
# with them.
# Approved minutes freeze a meeting; a cancelled one is over: neither changes any more.
CLOSED_MEETING_STATUSES = (MeetingStatus.MINUTES_APPROVED, MeetingStatus.CANCELLED)
# Not yet held: can still be marked held, and still take working-group reports.
NOT_YET_HELD_STATUSES = (MeetingStatus.PLANNED, MeetingStatus.INVITED)
# Taking or took place: decisions are recorded.
DECIDING_STATUSES = (MeetingStatus.INVITED, MeetingStatus.HELD)
# Has taken place (its minutes may be approved since).
HELD_STATUSES = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)
# Published (see "Publication" in docs/architecture.md): invited or later. A cancelled
# meeting stays published, as cancelled, if it had been invited before.
PUBLISHED_STATUSES = (MeetingStatus.INVITED, MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)


def published_meeting_condition(path: str = "") -> Q:
    """`MeetingQuerySet.published` as a condition on a row that reaches its meeting along
    the foreign keys `path` ("agenda_item__meeting"; "" on the meeting itself): one
    filter with joins, which PostgreSQL plans and Django builds more cheaply than the
    nested `IN` subqueries of the querysets."""
    prefix = f"{path}__" if path else ""
    was_invited = history_model(Meeting)._default_manager.filter(
        id=models.OuterRef(path or "pk"), status__in=PUBLISHED_STATUSES
    )
    return Q(**{f"{prefix}status__in": PUBLISHED_STATUSES}) | Q(
        **{f"{prefix}status": MeetingStatus.CANCELLED}
    ) & models.Exists(was_invited)


def published_item_condition(path: str = "") -> Q:
    """`AgendaItemQuerySet.published` (a public item of a published meeting) as a
    condition on a row that reaches its item along `path` ("" on the item itself)."""
    prefix = f"{path}__" if path else ""
    return Q(**{f"{prefix}is_public": True}) & published_meeting_condition(f"{prefix}meeting")


def new_ical_uid() -> str:
    return f"{uuid.uuid4()}@impuls-harz"


class MeetingQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now()).exclude(status=MeetingStatus.CANCELLED)

    def held(self):
        """Meetings that have taken place (`Meeting.has_taken_place`)."""
        return self.filter(status__in=HELD_STATUSES)

    def not_cancelled(self):
        return self.exclude(status=MeetingStatus.CANCELLED)

    def open(self):
        """Meetings that still change: neither frozen by approved minutes nor cancelled."""
        return self.exclude(status__in=CLOSED_MEETING_STATUSES)

    def published(self):
        """Meetings the public may see: invited or later, of the board and of working
        groups alike; a cancelled one only if it had been invited (from its history)."""
        return self.filter(published_meeting_condition())

    def accepting_reports(self):
        """Meetings a working-group report can still be put on (`Meeting.accepts_reports`)."""
        return self.filter(status__in=NOT_YET_HELD_STATUSES)


class Meeting(Searchable, TimeStampedModel):
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=250, validators=[validate_single_line])
    starts_at = models.DateTimeField(_("starts at"), validators=[validate_sane_date])
    ends_at = models.DateTimeField(_("ends at"), validators=[validate_sane_date])
    location = models.CharField(
        _("place"), max_length=250, blank=True, validators=[validate_single_line]
    )
    video_url = models.URLField(_("video link"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)
    # iCalendar: the UID stays, the SEQUENCE rises with every change sent out.
    ical_uid = models.CharField(max_length=100, unique=True, default=new_ical_uid, editable=False)
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True, editable=False)
    minutes_approved_on = models.DateField(
        _("minutes approved on"), null=True, blank=True, validators=[validate_sane_date]
    )
    minutes_approved_in = models.ForeignKey(
        "self",
        verbose_name=_("minutes approved at the meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_minutes_of",
    )
    # The quorum as it stood when the meeting was held: its voting seats, the rule and
    # the seats required then. Later changes of memberships (even back-dated ones) or
    # of the body's rule leave it alone; attendance corrections before the minutes
    # are approved update `quorum_present`. Set by `services.meeting_mark_held`.
    quorum_frozen_at = models.DateTimeField(
        _("quorum frozen at"), null=True, blank=True, editable=False
    )
    quorum_rule = models.CharField(
        _("quorum rule at the meeting"),
        max_length=20,
        choices=QuorumRule.choices,
        blank=True,
        editable=False,
    )
    quorum_seat_ids = models.JSONField(
        _("voting seats at the meeting"), default=list, blank=True, editable=False
    )
    quorum_present = models.PositiveIntegerField(
        _("voting seats present"), null=True, blank=True, editable=False
    )
    quorum_required = models.PositiveIntegerField(
        _("voting seats required for the quorum"), null=True, blank=True, editable=False
    )

    objects = MeetingQuerySet.as_manager()
    search_sources = {"search_vector": (("title", "A"), ("location", "B"))}

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ("-starts_at", "-pk")
        indexes = [search_index("meeting_search")]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("meetings:meeting_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = ValidationError(
                _("The meeting must end after it starts."), code="end_before_start"
            )
        if self.status == MeetingStatus.CANCELLED and not self.cancellation_reason.strip():
            errors["cancellation_reason"] = ValidationError(
                _("Please give the reason for cancelling."), code="reason_missing"
            )
        if not self.location.strip() and not self.video_url:
            errors["location"] = ValidationError(
                _("Please give a place or a video link."), code="place_missing"
            )
        if errors:
            raise ValidationError(errors)

    # --- The lifecycle (the one home of these rules) ---------------------------------

    @property
    def is_planned(self) -> bool:
        return self.status == MeetingStatus.PLANNED

    @property
    def is_invited(self) -> bool:
        """The members have been invited: changes are sent to them as updates."""
        return self.status == MeetingStatus.INVITED

    @property
    def is_held(self) -> bool:
        """Held, minutes not yet approved."""
        return self.status == MeetingStatus.HELD

    @property
    def has_taken_place(self) -> bool:
        """Held, with or without approved minutes."""
        return self.status in HELD_STATUSES

    @property
    def is_frozen(self) -> bool:
        """Approved minutes are read-only; corrections are separate entries."""
        return self.status == MeetingStatus.MINUTES_APPROVED

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def accepts_changes(self) -> bool:
        """Meeting data, agenda, papers, attendance and minutes can still be changed."""
        return self.status not in CLOSED_MEETING_STATUSES

    @property
    def accepts_agenda_changes(self) -> bool:
        return self.accepts_changes

    @property
    def accepts_proposals(self) -> bool:
        """Members propose agenda items until the meeting has been held."""
        return self.accepts_changes and not self.is_held

    @property
    def can_be_cancelled(self) -> bool:
        return self.accepts_changes and not self.is_held

    @property
    def can_mark_held(self) -> bool:
        return self.status in NOT_YET_HELD_STATUSES

    @property
    def can_invite(self) -> bool:
        """The first invitation goes out once, to a planned meeting."""
        return self.is_planned

    @property
    def next_invitation_kind(self) -> str | None:
        """What the office sends next: the invitation, an update, or nothing (held,
        cancelled or approved)."""
        if self.is_planned:
            return InvitationKind.INVITATION
        if self.is_invited:
            return InvitationKind.UPDATE
        return None

    @property
    def accepts_decisions(self) -> bool:
        """Decisions are recorded for a meeting that takes or took place."""
        return self.status in DECIDING_STATUSES

    @property
    def can_approve_minutes(self) -> bool:
        """The minutes of a held meeting are approved (once circulated)."""
        return self.is_held

    @property
    def accepts_reports(self) -> bool:
        """A working-group report goes to a meeting that has not been held yet."""
        return self.status in NOT_YET_HELD_STATUSES

    @property
    def quorum_is_frozen(self) -> bool:
        """Held (or approved): seats, rule and quorum are those of the meeting day."""
        return self.quorum_frozen_at is not None


class AgendaItemQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def published(self):
        """Public items of published meetings."""
        return self.filter(published_item_condition())


class AgendaItem(Searchable, TimeStampedModel):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=250, validators=[validate_single_line])
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Non-public items, their papers and minutes are seen only by the body."),
    )
    presenting_partner = models.ForeignKey(
        Partner,
        verbose_name=_("presenting partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="presented_agenda_items",
    )
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("presenting person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="presented_agenda_items",
    )

    objects = AgendaItemQuerySet.as_manager()
    search_sources = {"search_vector": (("title", "A"), ("description", "B"))}

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ("meeting", "position", "pk")
        indexes = [
            search_index("agendaitem_search"),
            # Whether a decision's item is public (`DecisionQuerySet.public`, the members'
            # visibility of decisions) and of which meeting (`published()`): counts over
            # many decisions join the items along this small index, not their rows.
            models.Index(
                fields=["id"], include=["is_public", "meeting"], name="agendaitem_public_cover_idx"
            ),
        ]
        permissions = [
            ("view_confidential_agendaitem", _("Can see non-public agenda items of any body"))
        ]

    def __str__(self):
        return f"TOP {self.position}: {self.title}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#top-{self.pk}"


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class AgendaProposal(TimeStampedModel):
    """A board member's proposal for an agenda item; the office accepts or declines it."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="proposals"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="agenda_proposals",
    )
    title = models.CharField(_("title"), max_length=250, validators=[validate_single_line])
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    agenda_item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
    )

    class Meta:
        verbose_name = _("agenda proposal")
        verbose_name_plural = _("agenda proposals")
        ordering = ("meeting", "created")

    def __str__(self):
        return self.title

    @property
    def is_pending(self) -> bool:
        """Waiting for the office's decision."""
        return self.status == ProposalStatus.PENDING

    @property
    def is_accepted(self) -> bool:
        return self.status == ProposalStatus.ACCEPTED


def public_condition() -> Q:
    """`PublicQuerySet.public` as a condition on the row (to combine with others in one
    filter instead of combining querysets)."""
    return Q(agenda_item__isnull=True) | Q(agenda_item__is_public=True)


class PublicQuerySet(models.QuerySet):
    """Rows that hang on an optional agenda item: without an item they count as public."""

    def public(self):
        return self.filter(public_condition())


class PaperQuerySet(PublicQuerySet):
    def withheld(self):
        return self.exclude(withheld_at=None)

    def publishable(self):
        """Public papers (on a public item, or on the meeting without an item) of
        published meetings, whether the office withholds them or not."""
        return self.public().filter(published_meeting_condition("meeting"))

    def published(self):
        """Public papers of published meetings, unless the office withholds them."""
        return self.publishable().filter(withheld_at__isnull=True)

    def withheld_from_publication(self):
        """Papers that would be published but for the office withholding them (the
        OParl API reports them as withdrawn since `withheld_at`)."""
        return self.publishable().exclude(withheld_at=None)


class Paper(SearchableFile, PrivateFile):
    """An uploaded file of a meeting (title, file and its data: `core.models.PrivateFile`)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="papers"
    )
    # PROTECT: a paper of a non-public item must never become a paper without item
    # (which counts as public) because its item was deleted.
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="papers",
    )
    # Kept off the public side by the office (e.g. personal data); members still see it.
    withheld_reason = models.TextField(_("reason for withholding"), blank=True)
    withheld_at = models.DateTimeField(_("withheld since"), null=True, blank=True)
    withheld_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withheld by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    objects = PaperQuerySet.as_manager()

    class Meta:
        verbose_name = _("paper")
        verbose_name_plural = _("papers")
        ordering = ("meeting", "agenda_item__position", "title", "pk")
        indexes = [search_index("paper_search")]

    @property
    def is_public(self) -> bool:
        return self.agenda_item is None or self.agenda_item.is_public

    @property
    def is_withheld(self) -> bool:
        return self.withheld_at is not None


class InvitationKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    UPDATE = "update", _("Update")
    CANCELLATION = "cancellation", _("Cancellation")


class Invitation(TimeStampedModel):
    """Who was sent what about a meeting, and when."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail"))
    kind = models.CharField(_("kind"), max_length=20, choices=InvitationKind.choices)
    sequence = models.PositiveIntegerField(_("calendar sequence"))
    # Empty while the mail waits for its PDF (built by the worker, which then mails it).
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, default=timezone.now)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ("meeting", "-sent_at", "pk")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.user}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")
    REPRESENTED = "represented", _("Represented by the deputy")


class Attendance(TimeStampedModel):
    """The attendance of one seat (membership) at a meeting."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    membership = models.ForeignKey(
        Membership,
        verbose_name=_("membership"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    status = models.CharField(_("attendance"), max_length=20, choices=AttendanceStatus.choices)
    represented_by = models.ForeignKey(
        Membership,
        verbose_name=_("represented by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="representations",
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ("meeting", "membership__role", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="attendance_once_per_seat"
            )
        ]

    def __str__(self):
        return f"{self.membership.user}: {self.get_status_display()}"

    def clean(self):
        if self.status == AttendanceStatus.REPRESENTED:
            if not self.represented_by_id:
                raise ValidationError(
                    {"represented_by": _("Please choose the deputy who attended.")},
                    code="deputy_missing",
                )
            if self.represented_by.deputy_for_id == self.membership_id:
                return
            deputy = self.represented_by
            if (
                rules_for(self.meeting.body).deputy_rule == DeputyRule.ANY_MEMBER
                and deputy.role == Role.DEPUTY_MEMBER
                and deputy.body_id == self.membership.body_id
            ):
                return  # the rules let any deputy of the body stand in
            raise ValidationError(
                {"represented_by": _("Only the member's own deputy can represent them.")},
                code="deputy_wrong",
            )
        elif self.represented_by_id:
            raise ValidationError(
                {"represented_by": _("A deputy is recorded only for a represented member.")},
                code="deputy_not_needed",
            )


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CIRCULATED = "circulated", _("Circulated")
    APPROVED = "approved", _("Approved")


def on_public_item_condition() -> Q:
    """`OnItemQuerySet.public` as a condition on the row (to combine with others in one
    filter instead of combining querysets)."""
    return Q(agenda_item__is_public=True)


class OnItemQuerySet(models.QuerySet):
    """Rows that always hang on an agenda item (minutes, decisions): public with it."""

    def public(self):
        return self.filter(on_public_item_condition())

    def on_published_items(self):
        return self.filter(published_item_condition("agenda_item"))


class MinutesQuerySet(OnItemQuerySet):
    def published(self):
        """Approved minutes of published items (drafts and circulated ones never)."""
        return self.on_published_items().filter(status=MinutesStatus.APPROVED)


class Minutes(Searchable, TimeStampedModel):
    """The minutes of one agenda item, in Markdown (rendered to sanitised HTML)."""

    agenda_item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="minutes",
    )
    text = models.TextField(_("minutes"))
    status = models.CharField(
        _("status"), max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = MinutesQuerySet.as_manager()
    search_sources = {"search_vector": (("text", "B"),)}

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        indexes = [search_index("minutes_search")]

    def __str__(self):
        return f"{_('Minutes')}: {self.agenda_item}"

    @property
    def is_approved(self) -> bool:
        return self.status == MinutesStatus.APPROVED


class MinutesCorrectionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(minutes__agenda_item__is_public=True)

    def published(self):
        """Corrections of published (approved) minutes."""
        return self.filter(minutes__in=Minutes.objects.published())


class MinutesCorrection(TimeStampedModel):
    """A dated correction of approved minutes; the approved text itself never changes."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.PROTECT, related_name="corrections"
    )
    corrected_on = models.DateField(
        _("corrected on"), default=timezone.localdate, validators=[validate_sane_date]
    )
    text = models.TextField(_("correction"))
    reason = models.TextField(_("reason"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = MinutesCorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("minutes correction")
        verbose_name_plural = _("minutes corrections")
        ordering = ("minutes", "corrected_on", "pk")

    def __str__(self):
        return f"{self.minutes} ({self.corrected_on:%d.%m.%Y})"


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


CLOSED_DECISION_STATUSES = {DecisionStatus.DONE, DecisionStatus.DROPPED}


class DecisionResult(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")


class DecisionCounter(TimeStampedModel):
    """The last decision number given per body and year (locked while numbering)."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="decision_counters")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("decision counter")
        verbose_name_plural = _("decision counters")
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="decision_counter_per_year")
        ]

    def __str__(self):
        return f"{self.body.short_code}-{self.year}: {self.last_number}"


def is_overdue(
    due_date, status: str, on: datetime.date, result: str = DecisionResult.ADOPTED
) -> bool:
    """Due before `on` and neither done nor dropped (the status as of that day); a
    rejected motion is no task and never overdue."""
    return bool(
        result == DecisionResult.ADOPTED
        and due_date
        and due_date < on
        and status not in CLOSED_DECISION_STATUSES
    )


def still_open_condition() -> Q:
    """`DecisionQuerySet.still_open` as a condition on the decision's own row."""
    return Q(result=DecisionResult.ADOPTED) & ~Q(status__in=CLOSED_DECISION_STATUSES)


def overdue_condition(on=None) -> Q:
    """`DecisionQuerySet.overdue` as a condition on the decision's own row (for a
    count's `filter=`, which then needs no second pass over the decisions)."""
    return still_open_condition() & Q(due_date__lt=on or timezone.localdate())


class DecisionQuerySet(OnItemQuerySet):
    def overdue(self, on=None):
        """The queryset form of `Decision.is_overdue`."""
        return self.filter(overdue_condition(on))

    def adopted(self):
        return self.filter(result=DecisionResult.ADOPTED)

    def still_open(self):
        """Tasks not yet done: adopted decisions neither done nor dropped (a rejected
        motion keeps its number but is no task)."""
        return self.filter(still_open_condition())

    def published(self):
        """Decisions on published items, from the moment they are recorded (a decision
        row exists only once recorded), with their vote result and status."""
        return self.on_published_items()


class DecisionProgressQuerySet(models.QuerySet):
    def published(self):
        """The progress log of published decisions (`DecisionQuerySet.published`)."""
        return self.filter(published_item_condition("decision__agenda_item"))


class Decision(Searchable, Timestamps):
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="decisions"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("running number"))
    number = models.CharField(_("decision number"), max_length=30, unique=True)
    # Null for a decision taken by written procedure (`WrittenProcedure.decision`):
    # such a decision is never public (`public()`, `published()` need an item), so
    # only the body's members and the office see it.
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        related_name="decisions",
        null=True,
        blank=True,
    )
    title = models.CharField(_("subject"), max_length=250, validators=[validate_single_line])
    text = models.TextField(_("decision text"))
    votes_yes = models.PositiveIntegerField(_("yes votes"), default=0)
    votes_no = models.PositiveIntegerField(_("no votes"), default=0)
    votes_abstain = models.PositiveIntegerField(_("abstentions"), default=0)
    kind = models.CharField(
        _("kind of decision"),
        max_length=20,
        choices=DecisionKind.choices,
        default=DecisionKind.ORDINARY,
    )
    # The rule and the seats as they were when the vote was taken: a later change of
    # the rules of procedure or of the memberships never changes a recorded result.
    majority = models.CharField(
        _("majority required"), max_length=30, choices=Majority.choices, default=Majority.SIMPLE
    )
    seats = models.PositiveIntegerField(_("voting seats"), default=0)
    result = models.CharField(
        _("result"),
        max_length=20,
        choices=DecisionResult.choices,
        default=DecisionResult.ADOPTED,
    )
    not_voting = models.ManyToManyField(
        Membership,
        verbose_name=_("did not vote"),
        blank=True,
        related_name="+",
    )
    quorum_override_reason = models.TextField(_("reason for deciding without quorum"), blank=True)
    # A working group *is* a body (its profile, `workinggroups.WorkingGroup`, shares the
    # body's primary key), so decisions commission bodies of that kind.
    commissioned_groups = models.ManyToManyField(
        Body,
        verbose_name=_("commissioned working groups"),
        blank=True,
        limit_choices_to={"kind": BodyKind.WORKING_GROUP},
        related_name="commissioned_decisions",
    )
    due_date = models.DateField(
        _("due date"), null=True, blank=True, validators=[validate_sane_date]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(m2m_fields=[not_voting, commissioned_groups])

    objects = DecisionQuerySet.as_manager()
    search_sources = {"search_vector": (("number", "A"), ("title", "A"), ("text", "B"))}

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ("-year", "-sequence", "body")
        indexes = [
            search_index("decision_search"),
            # The follow-up order starts with the due date (`FOLLOW_UP_ORDER`; an
            # ascending index keeps NULLs last on PostgreSQL): a list's first page reads
            # along this index (and sorts only equal dates by number) instead of joining
            # and sorting every decision.
            models.Index(fields=["due_date"], name="decision_due_date_idx"),
            # The decision lists by number (newest first: the public list, a body's
            # decisions) read along this index and stop after a page instead of sorting
            # every decision (12 ms to 0.2 ms on ten years).
            models.Index(fields=["year", "sequence"], name="decision_year_sequence_idx"),
            # Counts over the visible decisions (the overview's per year and status, the
            # dashboard's decisions due, the public years) read this small index alone,
            # not the decisions' texts: it holds every column their filters need.
            models.Index(
                fields=["year", "status"],
                include=["id", "agenda_item", "body", "result", "due_date"],
                name="decision_count_cover_idx",
            ),
            # The open tasks by due date (`still_open()`: the decisions due, overdue
            # ones): only those rows, not every closed or rejected decision on the way.
            models.Index(
                fields=["due_date"],
                condition=Q(result=DecisionResult.ADOPTED)
                & ~Q(status__in=sorted(CLOSED_DECISION_STATUSES)),
                name="decision_open_due_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "sequence"], name="decision_number_per_body_year"
            )
        ]

    def __str__(self):
        return f"{self.number}: {self.title}"

    def get_absolute_url(self):
        return reverse("meetings:decision_detail", args=[self.pk])

    def format_number(self) -> str:
        """`KG-2026/007`: the body's short code, the year and the running number (the
        one spelling of the format; `number` stores it once recorded)."""
        return f"{self.body.short_code}-{self.year}/{self.sequence:03d}"

    def computed_result(self) -> str:
        """The result that follows from the votes, the majority required and the
        seats: the one place where a decision's result is decided (the services store
        it in `result`; every page, PDF, feed and the API show that)."""
        adopted = majority_reached(
            self.majority,
            yes=self.votes_yes,
            no=self.votes_no,
            abstain=self.votes_abstain,
            seats=self.seats,
        )
        return DecisionResult.ADOPTED if adopted else DecisionResult.REJECTED

    @property
    def is_public(self) -> bool:
        """On a public agenda item (a written procedure's decision never is)."""
        return self.agenda_item_id is not None and self.agenda_item.is_public

    @property
    def is_adopted(self) -> bool:
        return self.result == DecisionResult.ADOPTED

    @property
    def is_rejected(self) -> bool:
        return self.result == DecisionResult.REJECTED

    def is_overdue(self, on=None) -> bool:
        return is_overdue(self.due_date, self.status, on or timezone.localdate(), self.result)

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_DECISION_STATUSES


class DecisionProgress(Searchable, TimeStampedModel):
    """A dated entry in a decision's progress log."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="progress"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    date = models.DateField(_("date"), default=timezone.localdate, validators=[validate_sane_date])
    note = models.TextField(_("note"))
    status = models.CharField(_("status afterwards"), max_length=20, choices=DecisionStatus.choices)

    objects = DecisionProgressQuerySet.as_manager()
    search_sources = {"search_vector": (("note", "B"),)}

    class Meta:
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        indexes = [search_index("progress_search")]
        ordering = ("decision", "date", "pk")

    def __str__(self):
        return f"{self.decision.number} {self.date:%d.%m.%Y}"


class ProcedureStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    DECIDED = "decided", _("Decided")
    ENDED_BY_OBJECTION = "objected", _("Ended by objection")


class WrittenProcedure(TimeStampedModel):
    """A decision taken outside a meeting (Umlaufverfahren): every voting seat of the
    body at the start is asked (`WrittenVote`), votes until the deadline, and the
    result becomes a decision in the body's number series. The rules that applied
    (majority, objection, open votes) are copied from the rules of procedure at the
    start, so a later change does not change a running procedure."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="written_procedures"
    )
    title = models.CharField(_("subject"), max_length=250, validators=[validate_single_line])
    text = models.TextField(_("proposed decision"))
    kind = models.CharField(
        _("kind of decision"),
        max_length=20,
        choices=DecisionKind.choices,
        default=DecisionKind.ORDINARY,
    )
    deadline = models.DateTimeField(_("deadline"), validators=[validate_sane_date])
    status = models.CharField(
        _("status"), max_length=20, choices=ProcedureStatus.choices, default=ProcedureStatus.RUNNING
    )
    majority = models.CharField(_("majority required"), max_length=30, choices=Majority.choices)
    objection_rule = models.CharField(_("objection"), max_length=20, choices=ObjectionRule.choices)
    votes_open = models.BooleanField(_("votes are open"), default=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    objected_by = models.ForeignKey(
        Membership,
        verbose_name=_("objection by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    objection_reason = models.TextField(_("reason for the objection"), blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    decision = models.OneToOneField(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        related_name="written_procedure",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("written procedure")
        verbose_name_plural = _("written procedures")
        ordering = ("-deadline", "-pk")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:procedure_detail", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status == ProcedureStatus.RUNNING

    def accepts_votes(self, now=None) -> bool:
        return self.is_running and (now or timezone.now()) < self.deadline

    def shows_choices(self) -> bool:
        """How each seat voted is shown when the rules say votes are open, or once the
        procedure has ended; before that only who has voted."""
        return self.votes_open or not self.is_running


class VoteChoice(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstention")


class WrittenVote(TimeStampedModel):
    """One voting seat's vote in a written procedure (created for every seat at the
    start, empty until cast; changed until the deadline, every change in the history)."""

    procedure = models.ForeignKey(
        WrittenProcedure,
        verbose_name=_("written procedure"),
        on_delete=models.CASCADE,
        related_name="votes",
    )
    seat = models.ForeignKey(
        Membership, verbose_name=_("voting seat"), on_delete=models.PROTECT, related_name="+"
    )
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices, blank=True)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cast by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    cast_at = models.DateTimeField(_("cast at"), null=True, blank=True)
    # The seat's holder declared absence for the procedure: the deputy votes instead.
    holder_absent = models.BooleanField(_("holder absent, deputy votes"), default=False)

    class Meta:
        verbose_name = _("written vote")
        verbose_name_plural = _("written votes")
        ordering = ("procedure", "pk")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "seat"], name="written_vote_per_seat")
        ]

    def __str__(self):
        return f"{self.procedure}: {self.seat.user}"

    @property
    def has_voted(self) -> bool:
        return bool(self.choice)


class ProcedurePaper(PrivateFile):
    """A paper of a written procedure (title, file and its data: `core.models.PrivateFile`),
    seen by those who see the procedure."""

    procedure = models.ForeignKey(
        WrittenProcedure,
        verbose_name=_("written procedure"),
        on_delete=models.CASCADE,
        related_name="papers",
    )

    class Meta:
        verbose_name = _("paper of a written procedure")
        verbose_name_plural = _("papers of written procedures")
        ordering = ("procedure", "pk")
