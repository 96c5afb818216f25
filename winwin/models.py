"""Each partner's own statement of what it needs and what it offers the others, per
central-place function, and its strengths and weaknesses in short text (issue 15).

The matches between needs and offers are not stored: they follow from the entries
(`winwin.selectors.matches`), so they can never disagree with them.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.models import Partner
from core.models import TimeStampedModel
from core.validators import validate_single_line
from functions.models import CentralFunction

TEXT_LIMIT = 2000  # "short text": strengths, weaknesses, descriptions, conditions
# TextField.max_length reaches only the form; the validator holds in full_clean() too.
SHORT_TEXT = MaxLengthValidator(TEXT_LIMIT)


class PartnerProfile(TimeStampedModel):
    """The partner's strengths and weaknesses, in its own words (one per partner)."""

    partner = models.OneToOneField(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="winwin_profile",
    )
    strengths = models.TextField(
        _("strengths"), max_length=TEXT_LIMIT, blank=True, validators=[SHORT_TEXT]
    )
    weaknesses = models.TextField(
        _("weaknesses"), max_length=TEXT_LIMIT, blank=True, validators=[SHORT_TEXT]
    )

    class Meta:
        verbose_name = _("partner profile")
        verbose_name_plural = _("partner profiles")
        ordering = ("partner__name",)

    def __str__(self):
        return str(self.partner)

    def get_absolute_url(self):
        return reverse("winwin:profile", args=[self.partner_id])


class EntryKind(models.TextChoices):
    NEED = "need", _("Need")
    OFFER = "offer", _("Offer")


class Urgency(models.TextChoices):
    # Stored as a number so that "most urgent first" is an ORDER BY.
    HIGH = "1", _("High")
    MEDIUM = "2", _("Medium")
    LOW = "3", _("Low")


class ProfileEntry(TimeStampedModel):
    """A need or an offer of one partner for one central-place function.

    A need has an urgency; an offer states its capacity and the conditions under
    which the partner provides it (or could provide it) to the others.
    """

    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="profile_entries",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=EntryKind.choices)
    central_function = models.ForeignKey(
        CentralFunction,
        verbose_name=_("central-place function"),
        on_delete=models.PROTECT,
        related_name="profile_entries",
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_single_line])
    description = models.TextField(
        _("description"), max_length=TEXT_LIMIT, blank=True, validators=[SHORT_TEXT]
    )
    urgency = models.CharField(_("urgency"), max_length=1, choices=Urgency.choices, blank=True)
    capacity = models.CharField(
        _("capacity"),
        max_length=200,
        blank=True,
        validators=[validate_single_line],
        help_text=_("For example “two guest performances a season” or “ten places a year”."),
    )
    conditions = models.TextField(
        _("conditions"), max_length=TEXT_LIMIT, blank=True, validators=[SHORT_TEXT]
    )

    class Meta:
        verbose_name = _("need or offer")
        verbose_name_plural = _("needs and offers")
        ordering = ("partner__name", "kind", "central_function__position", "title", "pk")
        indexes = [models.Index(fields=["central_function", "kind"], name="entry_function_kind")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title} ({self.partner})"

    def get_absolute_url(self):
        return reverse("winwin:entry_detail", args=[self.pk])

    @property
    def is_need(self) -> bool:
        return self.kind == EntryKind.NEED

    def clean(self):
        if self.kind == EntryKind.NEED:
            errors = {}
            if not self.urgency:
                errors["urgency"] = ValidationError(
                    _("Please say how urgent the need is."), code="urgency_missing"
                )
            if self.capacity or self.conditions:
                errors["capacity"] = ValidationError(
                    _("Capacity and conditions belong to an offer."), code="offer_fields"
                )
            if errors:
                raise ValidationError(errors)
        elif self.kind == EntryKind.OFFER and self.urgency:
            raise ValidationError({"urgency": _("An offer has no urgency.")}, code="need_fields")
