from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.models import Partner
from core.models import TimeStampedModel
from core.validators import validate_single_line


class FunctionArea(TimeStampedModel):
    """One of the six function areas (Funktionsbereiche) of the slides."""

    name = models.CharField(
        _("name"), max_length=150, unique=True, validators=[validate_single_line]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("function area")
        verbose_name_plural = _("function areas")
        ordering = ("position", "name")

    def __str__(self):
        return self.name


class CentralFunction(TimeStampedModel):
    """A higher-order central-place function, e.g. “Krankenhäuser”."""

    area = models.ForeignKey(
        FunctionArea,
        verbose_name=_("function area"),
        on_delete=models.PROTECT,
        related_name="functions",
    )
    name = models.CharField(
        _("name"), max_length=150, unique=True, validators=[validate_single_line]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("central-place function")
        verbose_name_plural = _("central-place functions")
        ordering = ("area__position", "position", "name")

    def __str__(self):
        return self.name


class Significance(models.TextChoices):
    REGIONAL = "regional", _("Regional")
    SUPRA_REGIONAL = "supra_regional", _("Supra-regional")


class Facility(TimeStampedModel):
    """A concrete facility that provides a central-place function in a partner's area."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    central_function = models.ForeignKey(
        CentralFunction,
        verbose_name=_("central-place function"),
        on_delete=models.PROTECT,
        related_name="facilities",
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("located in"),
        on_delete=models.PROTECT,
        related_name="facilities",
    )
    street = models.CharField(
        _("street and number"), max_length=200, blank=True, validators=[validate_single_line]
    )
    postal_code = models.CharField(
        _("postal code"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", _("A postal code has five digits."))],
    )
    city = models.CharField(
        _("city"), max_length=100, blank=True, validators=[validate_single_line]
    )
    significance = models.CharField(
        _("significance"),
        max_length=20,
        choices=Significance.choices,
        default=Significance.REGIONAL,
    )
    notes = models.TextField(_("notes"), blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ("name", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "partner", "central_function"],
                name="facility_unique_per_place",
                violation_error_message=_(
                    "This facility is already recorded for this function and partner."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(latitude__isnull=True, longitude__isnull=True)
                    | models.Q(latitude__isnull=False, longitude__isnull=False)
                ),
                name="facility_coordinates_both_or_none",
                violation_error_message=_("Please give both latitude and longitude, or neither."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("functions:facility_detail", args=[self.pk])

    def clean(self):
        if self.partner_id and not self.partner.is_territorial:
            raise ValidationError(
                {"partner": _("A facility is located in a town, a municipality or a district.")},
                code="partner_not_territorial",
            )

    @property
    def address_lines(self) -> list[str]:
        return [line for line in (self.street, f"{self.postal_code} {self.city}".strip()) if line]
