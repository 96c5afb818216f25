from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Timestamps(models.Model):
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

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
