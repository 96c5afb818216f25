"""The participation procedure on the joint regional development concept (issue 15).

German spatial planning's procedure for a draft: the office puts a version of the
concept out for statements (Stellungnahmen) for a period; invited participants
(neighbouring municipalities, public agencies, regional actors: participant accounts)
and, where the office opens it to them, members of the public submit statements per
chapter; the office weighs each one (Abwägung); the board decides on the weighing as an
agenda item; the weighing table is a PDF built by the worker; once the board has
decided, the office publishes the table and the statements without private contact data.

* `ParticipationProcedure`: the period, the concept version put out
  (`ProcedureChapter`, copied when it is opened), the board's agenda item and decision,
  the publication.
* `Participant`: an invited organisation's account for one procedure.
* `Statement` (draft until submitted, then numbered per procedure), its
  `StatementAttachment`s and its `Weighing`.
* `WeighingTable`: a PDF of the weighing table, built by the worker.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import PrivateFile, TimeStampedModel
from core.uploads import private_upload_to
from core.validators import validate_sane_date, validate_single_line

TEXT_LIMIT = 20000  # a statement or a reasoning: several pages, not a book
LONG_TEXT = MaxLengthValidator(TEXT_LIMIT)


class ProcedureQuerySet(models.QuerySet):
    def opened(self):
        """Put out: the concept version is copied and the participants may read it."""
        return self.exclude(opened_at=None)

    def running(self, now=None):
        """Open for statements now."""
        now = now or timezone.now()
        return self.opened().filter(starts_at__lte=now, ends_at__gt=now)

    def published(self):
        """Published after the board's decision: the weighing table and the statements
        (without private contact data) are public. The one public queryset."""
        return self.exclude(published_at=None)

    def open_to_public(self, now=None):
        """Running and open to statements of the public: its public page shows the
        concept version put out and the public statement form (never a statement)."""
        return self.running(now).filter(public_may_comment=True)


class ParticipationProcedure(TimeStampedModel):
    title = models.CharField(_("title"), max_length=250, validators=[validate_single_line])
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=TEXT_LIMIT,
        validators=[LONG_TEXT],
        help_text=_("What the procedure is about and how to take part (Markdown)."),
    )
    starts_at = models.DateTimeField(_("statements from"), validators=[validate_sane_date])
    ends_at = models.DateTimeField(_("statements until"), validators=[validate_sane_date])
    public_may_comment = models.BooleanField(
        _("the public may submit statements"),
        default=False,
        help_text=_(
            "While the procedure runs, its public page shows the concept version and a "
            "form for statements of the public."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Put out: the chapters are copied into ProcedureChapter; the participants are
    # invited from then on. Before, the procedure is a draft of the office.
    opened_at = models.DateTimeField(_("put out at"), null=True, blank=True, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("put out by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )
    # The board's agenda item on the weighing, and the board's decision on it.
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("agenda item of the board"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision = models.ForeignKey(
        "meetings.Decision",
        verbose_name=_("decision of the board on the weighing"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation procedure")
        verbose_name_plural = _("participation procedures")
        ordering = ("-starts_at", "-pk")
        permissions = [("weigh_statement", _("Can weigh statements"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:procedure_detail", args=[self.pk])

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("The period must end after it starts.")}, code="period"
            )

    # The lifecycle: one home for every page, service and PDF.
    @property
    def is_opened(self) -> bool:
        return self.opened_at is not None

    def is_running(self, now=None) -> bool:
        now = now or timezone.now()
        return self.is_opened and self.starts_at <= now < self.ends_at

    def has_ended(self, now=None) -> bool:
        return self.is_opened and (now or timezone.now()) >= self.ends_at

    @property
    def is_decided(self) -> bool:
        return self.decision_id is not None

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ProcedureChapter(TimeStampedModel):
    """A chapter of the concept as put out: copied when the procedure is opened, so
    that statements refer to the text the participants read, whatever the office edits
    in the concept afterwards."""

    procedure = models.ForeignKey(
        ParticipationProcedure,
        verbose_name=_("participation procedure"),
        on_delete=models.CASCADE,
        related_name="chapters",
    )
    chapter = models.ForeignKey(
        "overview.ConceptChapter",
        verbose_name=_("concept chapter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    chapter_version = models.PositiveIntegerField(_("version of the chapter"))
    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=250)
    text = models.TextField(_("text"), help_text=_("Markdown"))

    class Meta:
        verbose_name = _("chapter put out")
        verbose_name_plural = _("chapters put out")
        ordering = ("procedure", "position", "pk")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "chapter"], name="procedure_chapter_once"),
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"


class ParticipantKind(models.TextChoices):
    NEIGHBOUR = "neighbour", _("Neighbouring municipality")
    AGENCY = "agency", _("Public agency")
    REGIONAL_ACTOR = "regional_actor", _("Regional actor")


class Participant(TimeStampedModel):
    """An invited organisation's account in one procedure. The account (a user in
    the participants' group, settings.PARTICIPANT_GROUP) sees only the procedures it
    is a participant of; its e-mail address and name are private contact data, the
    organisation is public once the procedure is published."""

    procedure = models.ForeignKey(
        ParticipationProcedure,
        verbose_name=_("participation procedure"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    organisation = models.CharField(
        _("organisation"), max_length=200, validators=[validate_single_line]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ParticipantKind.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ("procedure", "organisation", "pk")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "user"], name="participant_once"),
        ]

    def __str__(self):
        return self.organisation


class StatementQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=StatementStatus.SUBMITTED)

    def published(self):
        """Submitted statements of published procedures (read without private contact
        data: `Statement.public_submitter`)."""
        return self.submitted().filter(procedure__published_at__isnull=False)


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Statement(TimeStampedModel):
    """A statement on the concept version put out: by a participant (a draft until it
    is submitted) or by a member of the public (submitted at once, with contact data
    that is never published). Numbered per procedure when submitted."""

    procedure = models.ForeignKey(
        ParticipationProcedure,
        verbose_name=_("participation procedure"),
        on_delete=models.CASCADE,
        related_name="statements",
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
    )
    chapter = models.ForeignKey(
        ProcedureChapter,
        verbose_name=_("chapter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text=_("Empty: on the concept as a whole."),
    )
    text = models.TextField(_("statement"), max_length=TEXT_LIMIT, validators=[LONG_TEXT])
    # A member of the public: private contact data, never published or in a PDF.
    submitter_name = models.CharField(
        _("name"), max_length=200, blank=True, validators=[validate_single_line]
    )
    submitter_email = models.EmailField(_("e-mail address"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=StatementStatus.choices, default=StatementStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    receipt_sent_at = models.DateTimeField(
        _("receipt sent at"), null=True, blank=True, editable=False
    )

    objects = StatementQuerySet.as_manager()

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ("procedure", "number", "pk")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="statement_number_once"),
            models.CheckConstraint(
                condition=models.Q(participant__isnull=False) | ~models.Q(submitter_email=""),
                name="statement_has_submitter",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if self.number is None:
            return str(_("Draft statement"))
        return str(_("Statement %(number)s")) % {"number": self.number}

    @property
    def is_draft(self) -> bool:
        return self.status == StatementStatus.DRAFT

    @property
    def from_public(self) -> bool:
        return self.participant_id is None

    def public_submitter(self) -> str:
        """Who submitted it, as published: the participant's organisation, or "a
        member of the public" (never a private person's name or any e-mail address).
        Needs `participant` loaded."""
        if self.participant_id is None:
            return str(_("Member of the public"))
        return self.participant.organisation


class StatementAttachment(PrivateFile):
    statement = models.ForeignKey(
        Statement,
        verbose_name=_("statement"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )

    class Meta:
        verbose_name = _("attachment of a statement")
        verbose_name_plural = _("attachments of statements")
        ordering = ("statement", "pk")


class WeighingOutcome(models.TextChoices):
    FOLLOWED = "followed", _("Followed")
    PARTLY_FOLLOWED = "partly", _("Partly followed")
    NOT_FOLLOWED = "not_followed", _("Not followed")
    NOTED = "noted", _("Noted")


class Weighing(TimeStampedModel):
    """The office's weighing of one statement: the outcome, the reasoning and the
    change to the chapter it led to. Changed only until the procedure is published."""

    statement = models.OneToOneField(
        Statement,
        verbose_name=_("statement"),
        on_delete=models.CASCADE,
        related_name="weighing",
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=WeighingOutcome.choices)
    reasoning = models.TextField(_("reasoning"), max_length=TEXT_LIMIT, validators=[LONG_TEXT])
    chapter_change = models.TextField(
        _("change to the chapter"),
        blank=True,
        max_length=TEXT_LIMIT,
        validators=[LONG_TEXT],
        help_text=_("What was changed in the concept because of the statement, if anything."),
    )
    weighed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("weighed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("weighing")
        verbose_name_plural = _("weighings")
        ordering = ("statement",)

    def __str__(self):
        return f"{self.statement}: {self.get_outcome_display()}"


class TableStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be processed")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class WeighingTable(TimeStampedModel):
    """A PDF of the weighing table (statement, submitter, weighing, reasoning), built by
    the worker; never with private contact data, so the latest built one is the one
    published. Each build is a new row."""

    procedure = models.ForeignKey(
        ParticipationProcedure,
        verbose_name=_("participation procedure"),
        on_delete=models.CASCADE,
        related_name="tables",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TableStatus.choices, default=TableStatus.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(_("file"), upload_to=private_upload_to, max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    statement_count = models.PositiveIntegerField(_("statements"), null=True, blank=True)

    class Meta:
        verbose_name = _("weighing table")
        verbose_name_plural = _("weighing tables")
        ordering = ("procedure", "-created", "-pk")

    def __str__(self):
        return str(_("Weighing table of %(procedure)s")) % {"procedure": self.procedure}
