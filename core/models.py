from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import choice_labels
from .search import HistoricalRecords
from .uploads import private_upload_to
from .validators import validate_single_line


class ChoiceLabels(models.Model):
    """`get_FOO_display()` from `core.choices` (one dict per field and language) instead
    of Django's dict built anew on each call. Base of every IMPULS model."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            return choice_labels(field).get(value, value)
        except TypeError:  # a value that cannot be a dict key: Django's own way
            return super()._get_FIELD_display(field)


class Timestamps(ChoiceLabels):
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        abstract = True


class TimeStampedModel(Timestamps):
    """Base of every IMPULS model: timestamps and a full change history.

    `HistoryRequestMiddleware` records the acting user for changes made in a
    request; services outside a request set `obj._history_user` themselves.
    A model that needs its own history options (many-to-many tracking)
    inherits `Timestamps` and declares `history` itself.
    """

    # The search columns are derived (core/search.py): not part of the history.
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


class PrivateFile(TimeStampedModel):
    """An uploaded file with a title, stored under a random name outside the web root.

    Written only by `core.uploads.store_upload` (content-checked type, size limit,
    sanitised original name) and served only by `core.views.PrivateFileDownloadView`
    after the permission gate.
    """

    title = models.CharField(_("title"), max_length=250, validators=[validate_single_line])
    file = models.FileField(_("file"), upload_to=private_upload_to, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.title
