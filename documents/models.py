"""Generated documents: council reports and meeting PDFs, with their job state.

A `Document` is both the job (queued → running → done or failed, with progress) and,
once done, the archived file with its checksum, the parameters it was built from,
who asked for it and when. The worker (`documents.tasks`) fills it in; the web pages
only read it.
"""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.models import Partner
from core.models import TimeStampedModel
from core.uploads import private_upload_to
from core.validators import validate_sane_date


class DocumentKind(models.TextChoices):
    COUNCIL_REPORT = "council_report", _("Report to the councils")
    INVITATION = "invitation", _("Invitation with agenda")
    MINUTES = "minutes", _("Minutes")


class Edition(models.TextChoices):
    PUBLIC = "public", _("Public edition")
    INTERNAL = "internal", _("Members' edition")


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for the worker")
    RUNNING = "running", _("Being created")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


# A job that has not moved for this long is taken as lost (a worker killed mid-task, a
# queue entry that never arrived): the page stops waiting and offers to try again.
STALE_AFTER = datetime.timedelta(minutes=30)
PENDING = ("queued", "running")


class DocumentQuerySet(models.QuerySet):
    def council_reports(self):
        return self.filter(kind=DocumentKind.COUNCIL_REPORT)

    def published(self):
        """Council reports' public editions once built (queued, running, failed and
        members' editions never)."""
        return self.filter(
            kind=DocumentKind.COUNCIL_REPORT, edition=Edition.PUBLIC, status=DocumentStatus.DONE
        )

    def for_meeting(self, meeting):
        return self.filter(meeting=meeting)

    def pending(self):
        """Jobs still waiting or running (and not lost)."""
        return self.filter(status__in=PENDING, modified__gte=timezone.now() - STALE_AFTER)


class Document(TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    edition = models.CharField(_("edition"), max_length=10, choices=Edition.choices)
    title = models.CharField(_("title"), max_length=250)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("meeting"),
    )
    # The council the report is addressed to; empty: the councils of all partners.
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("addressed council"),
    )
    period_from = models.DateField(
        _("period from"), null=True, blank=True, validators=[validate_sane_date]
    )
    period_until = models.DateField(
        _("period until"), null=True, blank=True, validators=[validate_sane_date]
    )
    foreword = models.TextField(_("foreword"), blank=True)
    # Everything the PDF was built from, as JSON (shown on the page, compared for reuse).
    parameters = models.JSONField(_("parameters"), default=dict)

    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress in percent"), default=0)
    step = models.CharField(_("current step"), max_length=100, blank=True)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    # The stored creation timestamp: printed in the PDF and its metadata. Everything
    # else in the file follows from the parameters and the data.
    generated_at = models.DateTimeField(_("created at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to=private_upload_to, max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-generated_at", "-pk"]
        indexes = [models.Index(fields=["kind", "-generated_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("documents:document_detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.edition == Edition.PUBLIC

    @property
    def is_stale(self) -> bool:
        return self.status in PENDING and self.modified < timezone.now() - STALE_AFTER

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING and not self.is_stale

    @property
    def can_be_retried(self) -> bool:
        return self.status == DocumentStatus.FAILED or self.is_stale

    @property
    def is_done(self) -> bool:
        return self.status == DocumentStatus.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == DocumentStatus.FAILED

    @property
    def poll_state(self) -> str:
        """Everything a status display shows, in one short string: the pages poll with
        the state they show and are answered "no change" (204) while it is the same."""
        return f"{self.status}-{self.progress}-{'stale' if self.is_stale else 'live'}"

    def file_name(self) -> str:
        return self.parameters.get("file_name") or f"dokument-{self.pk}.pdf"
