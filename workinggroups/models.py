from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.models import Body, BodyKind, Partner
from core.models import PrivateFile, TimeStampedModel, Timestamps
from core.search import HistoricalRecords, Searchable, SearchableFile, search_index
from core.validators import validate_sane_date, validate_single_line
from functions.models import CentralFunction, Facility, FunctionArea
from meetings.models import PublicQuerySet


class WorkingGroup(TimeStampedModel):
    """The working-group profile of a Body.

    A working group *is* a body (memberships, meetings and decisions attach to
    Body), so this model extends its body one-to-one with what only working
    groups have: the function area, the lead partner and the mandate.
    """

    body = models.OneToOneField(
        Body,
        verbose_name=_("body"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="working_group",
        limit_choices_to={"kind": BodyKind.WORKING_GROUP},
    )
    function_area = models.ForeignKey(
        FunctionArea,
        verbose_name=_("function area"),
        on_delete=models.PROTECT,
        related_name="working_groups",
    )
    lead_partner = models.ForeignKey(
        Partner,
        verbose_name=_("lead partner"),
        on_delete=models.PROTECT,
        related_name="led_working_groups",
    )
    mandate = models.TextField(_("mandate"), blank=True)

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ("function_area__position", "body__name")

    def __str__(self):
        return str(self.body)

    def get_absolute_url(self):
        return reverse("workinggroups:group_detail", args=[self.pk])

    def clean(self):
        if self.body_id and self.body.kind != BodyKind.WORKING_GROUP:
            raise ValidationError(
                {"body": _("Only a body of the kind “working group” can have this profile.")},
                code="body_kind",
            )


class FindingType(models.TextChoices):
    INVENTORY = "inventory", _("Inventory")
    OBSTACLE = "obstacle", _("Obstacle")
    SOLUTION = "solution", _("Solution approach")
    RECOMMENDATION = "recommendation", _("Recommendation")


class FindingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    DISCUSSION = "discussion", _("For discussion")
    AGREED = "agreed", _("Agreed")


class FindingQuerySet(models.QuerySet):
    def published(self):
        """Agreed findings only: a draft or one reopened for discussion is not published."""
        return self.filter(status=FindingStatus.AGREED)


class Finding(Searchable, Timestamps):
    """What a working group finds about a central-place function.

    Drafts are seen by the group only; findings for discussion and agreed ones by
    every member of the cooperation. `version` rises with every save so that a
    second, concurrent save is refused instead of overwriting (no lost updates).
    """

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        related_name="findings",
    )
    type = models.CharField(_("type"), max_length=20, choices=FindingType.choices)
    title = models.CharField(_("title"), max_length=250, validators=[validate_single_line])
    text = models.TextField(_("text"), help_text=_("Markdown"))
    function_area = models.ForeignKey(
        FunctionArea,
        verbose_name=_("function area"),
        on_delete=models.PROTECT,
        related_name="findings",
    )
    central_function = models.ForeignKey(
        CentralFunction,
        verbose_name=_("central-place function"),
        on_delete=models.PROTECT,
        related_name="findings",
        null=True,
        blank=True,
    )
    facilities = models.ManyToManyField(
        Facility, verbose_name=_("facilities concerned"), blank=True, related_name="findings"
    )
    partners = models.ManyToManyField(
        Partner, verbose_name=_("partners concerned"), blank=True, related_name="findings"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FindingStatus.choices, default=FindingStatus.DRAFT
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords(m2m_fields=[facilities, partners])

    objects = FindingQuerySet.as_manager()
    search_sources = {"search_vector": (("title", "A"), ("text", "B"))}

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ("-modified", "-pk")
        indexes = [
            search_index("finding_search"),
            # The latest findings (the list's first page, a group's page): read along
            # the index and stop after a page instead of sorting every finding.
            models.Index(fields=["-modified", "-id"], name="finding_latest_idx"),
            models.Index(fields=["group", "-modified", "-id"], name="finding_group_latest_idx"),
            # The findings per area and type (the cooperation overview's key figures),
            # counted from this small index alone instead of reading every finding's text.
            models.Index(
                fields=["function_area", "type"],
                include=["status", "group"],
                name="finding_count_cover_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workinggroups:finding_detail", args=[self.pk])

    def clean(self):
        if (
            self.central_function_id
            and self.function_area_id
            and self.central_function.area_id != self.function_area_id
        ):
            raise ValidationError(
                {"central_function": _("The function belongs to another function area.")},
                code="function_area",
            )

    @property
    def is_draft(self) -> bool:
        return self.status == FindingStatus.DRAFT


class FindingComment(Searchable, TimeStampedModel):
    finding = models.ForeignKey(
        Finding, verbose_name=_("finding"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("comment"))

    search_sources = {"search_vector": (("text", "B"),)}

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ("finding", "created", "pk")
        indexes = [search_index("findingcomment_search")]

    def __str__(self):
        return f"{self.author}: {self.text[:40]}"


class FindingAttachment(SearchableFile, PrivateFile):
    """A file attached to a finding (title, file and its data: `core.models.PrivateFile`)."""

    finding = models.ForeignKey(
        Finding, verbose_name=_("finding"), on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ("finding", "title", "pk")
        indexes = [search_index("findingattachment_search")]


class WorkingGroupReport(Timestamps):
    """A versioned report of a working group to the board, submitted as a paper."""

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    version = models.PositiveIntegerField(_("version"))
    period_from = models.DateField(_("period from"), validators=[validate_sane_date])
    period_until = models.DateField(_("period until"), validators=[validate_sane_date])
    summary = models.TextField(_("summary"), blank=True)
    findings = models.ManyToManyField(
        Finding, verbose_name=_("findings"), blank=True, related_name="reports"
    )
    # The tasks' state is frozen into the report when it is submitted.
    task_status = models.JSONField(_("status of the commissioned tasks"), default=list)
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        related_name="working_group_reports",
        null=True,
        blank=True,
    )
    paper = models.OneToOneField(
        "meetings.Paper",
        verbose_name=_("paper"),
        on_delete=models.PROTECT,
        related_name="working_group_report",
        null=True,
        blank=True,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    history = HistoricalRecords(m2m_fields=[findings])

    # `.public()`: not submitted to an item, or to a public one.
    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("working-group report")
        verbose_name_plural = _("working-group reports")
        ordering = ("group", "-version")
        constraints = [
            models.UniqueConstraint(fields=["group", "version"], name="report_version_per_group"),
        ]

    def __str__(self):
        return _("Report of %(group)s, version %(version)d") % {
            "group": self.group,
            "version": self.version,
        }

    def get_absolute_url(self):
        return reverse("workinggroups:report_detail", args=[self.pk])

    def clean(self):
        if self.period_from and self.period_until and self.period_until < self.period_from:
            raise ValidationError(
                {"period_until": _("The period must not end before it starts.")},
                code="period_order",
            )
