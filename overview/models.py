from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Timestamps
from core.search import HistoricalRecords, Searchable, search_index
from core.validators import validate_single_line
from functions.models import FunctionArea
from workinggroups.models import Finding


class ConceptChapterQuerySet(models.QuerySet):
    def published(self):
        """Chapters whose version the office has published; read `published_title` and
        `published_text` (a later edit changes neither until published again)."""
        return self.exclude(published_at=None)


class ConceptChapter(Searchable, Timestamps):
    """A chapter of the joint regional development concept, edited by the office.

    The concept is versioned through the chapters' history: every save is a new
    version with its author, and `version` numbers them for readers (and guards
    against two people saving the same chapter at once).
    """

    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=250, validators=[validate_single_line])
    text = models.TextField(_("text"), help_text=_("Markdown"))
    function_areas = models.ManyToManyField(
        FunctionArea, verbose_name=_("function areas"), blank=True, related_name="chapters"
    )
    findings = models.ManyToManyField(
        Finding, verbose_name=_("findings cited"), blank=True, related_name="chapters"
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # The version the office published, copied so that later edits stay internal until
    # that version (or a newer one) is published.
    published_version = models.PositiveIntegerField(
        _("published version"), null=True, blank=True, editable=False
    )
    published_title = models.CharField(
        _("published title"), max_length=250, blank=True, editable=False
    )
    published_text = models.TextField(_("published text"), blank=True, editable=False)
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
    # The public search reads only this vector: an unpublished edit never matches.
    public_search_vector = SearchVectorField(null=True, blank=True, editable=False)
    history = HistoricalRecords(m2m_fields=[function_areas, findings])

    objects = ConceptChapterQuerySet.as_manager()
    search_sources = {
        "search_vector": (("title", "A"), ("text", "B")),
        "public_search_vector": (("published_title", "A"), ("published_text", "B")),
    }

    class Meta:
        verbose_name = _("concept chapter")
        verbose_name_plural = _("concept chapters")
        ordering = ("position", "pk")
        indexes = [
            search_index("chapter_search"),
            search_index("chapter_public_search", "public_search_vector"),
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"

    def get_absolute_url(self):
        return reverse("overview:chapter_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def has_unpublished_changes(self) -> bool:
        return self.published_version != self.version
