"""Priority rounds: the partners state their priorities side by side.

The office opens a round on a list of topics (function areas or proposed measures)
with a deadline. Each partner casts one ballot through its voting seat on the board
(or that seat's deputy): it distributes exactly `points_total` points over the topics.
A ballot can be changed until the deadline; its history keeps every version with the
acting user. Before the deadline nobody sees how another partner voted, only whether
it has; afterwards every member sees each partner's ballot and the aggregate.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.models import Body, Partner
from core.models import TimeStampedModel
from core.validators import validate_sane_date, validate_single_line
from functions.models import FunctionArea

MAX_TOPICS = 12
MAX_POINTS = 100


class PriorityRound(TimeStampedModel):
    board = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="priority_rounds"
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    description = models.TextField(_("description"), blank=True)
    deadline = models.DateTimeField(_("deadline"), validators=[validate_sane_date])
    points_total = models.PositiveSmallIntegerField(
        _("points per partner"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_POINTS)],
        help_text=_("Each partner distributes exactly this many points over the topics."),
    )
    # Closed early by the office: voting ended before the deadline.
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The result as a paper for the board: the meeting chosen, then the paper the
    # worker attached to it.
    paper_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting of the result paper"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    paper_requested_at = models.DateTimeField(_("result paper requested at"), null=True, blank=True)
    paper = models.ForeignKey(
        "meetings.Paper",
        verbose_name=_("result paper"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("priority round")
        verbose_name_plural = _("priority rounds")
        ordering = ("-deadline", "-pk")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("priorities:round_detail", args=[self.pk])

    @property
    def ends_at(self):
        """When voting ends: the deadline, or the earlier close by the office."""
        if self.closed_at and self.closed_at < self.deadline:
            return self.closed_at
        return self.deadline

    def is_finished(self, now=None) -> bool:
        return (now or timezone.now()) >= self.ends_at

    @property
    def finished(self) -> bool:
        return self.is_finished()

    @property
    def accepts_ballots(self) -> bool:
        return not self.is_finished()

    @property
    def paper_pending(self) -> bool:
        return self.paper_requested_at is not None and self.paper_id is None


class Topic(TimeStampedModel):
    """One topic of a round: a function area, or a proposed measure in free text."""

    round = models.ForeignKey(
        PriorityRound, verbose_name=_("priority round"), on_delete=models.CASCADE,
        related_name="topics",
    )  # fmt: skip
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    function_area = models.ForeignKey(
        FunctionArea,
        verbose_name=_("function area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("topic"), max_length=200, validators=[validate_single_line])

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ("position", "pk")
        constraints = [
            models.UniqueConstraint(fields=["round", "title"], name="priorities_topic_unique_title")
        ]

    def __str__(self):
        return self.title


class Ballot(TimeStampedModel):
    """A partner's ballot: points per topic (`{topic id: points}`), kept whole in every
    history row, so each earlier version can be read with the user who cast it."""

    round = models.ForeignKey(
        PriorityRound, verbose_name=_("priority round"), on_delete=models.CASCADE,
        related_name="ballots",
    )  # fmt: skip
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="+"
    )
    points = models.JSONField(_("points per topic"), default=dict)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cast by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    as_deputy = models.BooleanField(_("cast by the deputy"), default=False)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ("round", "partner__name", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "partner"], name="priorities_one_ballot_per_partner"
            )
        ]

    def __str__(self):
        return f"{self.round} – {self.partner}"

    def points_for(self, topic_id: int) -> int:
        return int(self.points.get(str(topic_id), 0))

    def clean(self):
        if not isinstance(self.points, dict):
            raise ValidationError({"points": _("The points are not valid.")}, code="invalid")
