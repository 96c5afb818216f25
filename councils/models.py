"""Council consultations (Beratungsfolge): a board decision that needs the approval of
partners' own councils, tracked council by council until it takes effect.

The one home of the rule "wirksam / blockiert" is `CouncilRequirement.evaluate()`;
the services store its answer in `CouncilRequirement.effect` whenever a consultation
changes, so every reader (pages, follow-up list, PDF, public pages) filters and shows
the stored value and never decides on its own.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cooperation.models import Partner, PartnerKind, PartnerStatus
from core.i18n import portal_language
from core.models import PrivateFile, TimeStampedModel
from core.validators import validate_sane_date, validate_single_line
from meetings.models import Decision, published_item_condition


class Scope(models.TextChoices):
    ALL = "all", _("All partners")
    JOINT = "joint", _("The joint partners")
    NAMED = "named", _("Named partners")


class ApprovalRule(models.TextChoices):
    ALL = "all", _("Every required council approves")
    MINIMUM = "minimum", _("A minimum number of councils approves")


class Effect(models.TextChoices):
    PENDING = "pending", _("Waiting for the councils")
    EFFECTIVE = "effective", _("Effective")
    BLOCKED = "blocked", _("Blocked")


class ConsultationStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("council consultation", "Pending")
    ON_AGENDA = "on_agenda", _("On the council's agenda")
    APPROVED = "approved", pgettext_lazy("council consultation", "Approved")
    APPROVED_WITH_CHANGES = "approved_with_changes", _("Approved with changes")
    REJECTED = "rejected", pgettext_lazy("council consultation", "Rejected")
    DEFERRED = "deferred", _("Deferred")


APPROVING = {ConsultationStatus.APPROVED, ConsultationStatus.APPROVED_WITH_CHANGES}
# Still to be decided by the council (deferred: it will come back).
UNDECIDED = {ConsultationStatus.PENDING, ConsultationStatus.ON_AGENDA, ConsultationStatus.DEFERRED}
# Overdue when the planned session has passed in one of these.
WAITING = {ConsultationStatus.PENDING, ConsultationStatus.ON_AGENDA}
# Partners that have a council of their own, and its usual name.
COUNCIL_NAMES = {
    PartnerKind.TOWN: _("City council %(name)s"),
    PartnerKind.MUNICIPALITY: _("Municipal council %(name)s"),
    PartnerKind.DISTRICT: _("District council %(name)s"),
    PartnerKind.PLANNING_COMMUNITY: _("Regional assembly %(name)s"),
}
COOPERATION_STATUSES = (PartnerStatus.JOINT, PartnerStatus.ASSOCIATED)


def default_council_name(partner: Partner) -> str:
    """The council's usual name, stored in the portal's language (German)."""
    template = COUNCIL_NAMES.get(partner.kind)
    name = partner.short_name or partner.name
    if not template:
        return name
    with portal_language():
        return str(template) % {"name": name}


def partners_in_scope(scope: str):
    """The partners whose councils a requirement of `scope` asks (not for NAMED)."""
    qs = Partner.objects.filter(is_active=True, kind__in=list(COUNCIL_NAMES))
    if scope == Scope.JOINT:
        return qs.filter(status=PartnerStatus.JOINT)
    return qs.filter(status__in=COOPERATION_STATUSES)


def evaluate(rule: str, required_approvals: int | None, statuses: list[str]) -> str:
    """The effect of a decision from its councils' statuses: effective once the rule is
    met, blocked once it can no longer be met (under "every council": one rejection)."""
    total = len(statuses)
    approvals = sum(1 for status in statuses if status in APPROVING)
    rejections = sum(1 for status in statuses if status == ConsultationStatus.REJECTED)
    needed = total if rule == ApprovalRule.ALL else min(required_approvals or total, total)
    if total and approvals >= needed:
        return Effect.EFFECTIVE
    if total - rejections < needed:
        return Effect.BLOCKED
    return Effect.PENDING


class CouncilRequirementQuerySet(models.QuerySet):
    def effective(self):
        return self.filter(effect=Effect.EFFECTIVE)

    def blocked(self):
        return self.filter(effect=Effect.BLOCKED)

    def waiting(self):
        return self.filter(effect=Effect.PENDING)

    def published(self):
        """Requirements of published decisions (`DecisionQuerySet.published`)."""
        return self.filter(published_item_condition("decision__agenda_item"))


class CouncilRequirement(TimeStampedModel):
    """A board decision needs the approval of partners' councils (one per decision)."""

    decision = models.OneToOneField(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.CASCADE,
        related_name="council_requirement",
    )
    scope = models.CharField(_("councils asked"), max_length=10, choices=Scope.choices)
    rule = models.CharField(
        _("rule"), max_length=10, choices=ApprovalRule.choices, default=ApprovalRule.ALL
    )
    required_approvals = models.PositiveSmallIntegerField(
        _("approvals needed"),
        null=True,
        blank=True,
        help_text=_("Only for the rule “a minimum number of councils approves”."),
    )
    effect = models.CharField(
        _("effect"), max_length=10, choices=Effect.choices, default=Effect.PENDING, editable=False
    )

    objects = CouncilRequirementQuerySet.as_manager()

    class Meta:
        verbose_name = _("council requirement")
        verbose_name_plural = _("council requirements")

    def __str__(self):
        return f"{self.decision.number}: {self.get_effect_display()}"

    def clean(self):
        if self.rule == ApprovalRule.MINIMUM and not self.required_approvals:
            raise ValidationError(
                {
                    "required_approvals": ValidationError(
                        _("Please give how many councils must approve."), code="required"
                    )
                }
            )
        if self.rule == ApprovalRule.ALL:
            self.required_approvals = None

    def evaluate(self, statuses: list[str] | None = None) -> str:
        """`evaluate()` for this requirement (its consultations' statuses by default)."""
        if statuses is None:
            statuses = [c.status for c in self.consultations.all()]
        return evaluate(self.rule, self.required_approvals, statuses)

    def waiting_for(self) -> list[Consultation]:
        """The consultations still to be decided (from the prefetched rows)."""
        return [c for c in self.consultations.all() if not c.is_decided]

    @property
    def is_effective(self) -> bool:
        return self.effect == Effect.EFFECTIVE

    @property
    def is_blocked(self) -> bool:
        return self.effect == Effect.BLOCKED


def is_overdue(planned_date, status: str, on: datetime.date) -> bool:
    """The planned session has passed and the council has not dealt with it yet."""
    return bool(planned_date and planned_date < on and status in WAITING)


class ConsultationQuerySet(models.QuerySet):
    def overdue(self, on=None):
        """The queryset form of `Consultation.is_overdue`."""
        on = on or timezone.localdate()
        return self.filter(planned_date__lt=on, status__in=list(WAITING))

    def undecided(self):
        return self.filter(status__in=list(UNDECIDED))

    def published(self):
        """Consultations of published decisions (`DecisionQuerySet.published`)."""
        return self.filter(published_item_condition("requirement__decision__agenda_item"))


class Consultation(TimeStampedModel):
    """One council's consultation of a decision: recorded by the partner's
    administrators (and the office)."""

    requirement = models.ForeignKey(
        CouncilRequirement,
        verbose_name=_("council requirement"),
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="council_consultations",
    )
    council_name = models.CharField(_("council"), max_length=150, validators=[validate_single_line])
    planned_date = models.DateField(
        _("planned session"), null=True, blank=True, validators=[validate_sane_date]
    )
    status = models.CharField(
        _("status"),
        max_length=25,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.PENDING,
    )
    resolution_number = models.CharField(
        _("council's resolution number"),
        max_length=50,
        blank=True,
        validators=[validate_single_line],
    )
    resolution_date = models.DateField(
        _("date of the council's resolution"),
        null=True,
        blank=True,
        validators=[validate_sane_date],
    )
    note = models.TextField(_("note"), blank=True, max_length=5000)
    last_reminded_on = models.DateField(_("last reminded"), null=True, blank=True, editable=False)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("council consultation")
        verbose_name_plural = _("council consultations")
        ordering = ("council_name", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "partner"], name="one_consultation_per_partner"
            )
        ]
        indexes = [models.Index(fields=["partner", "status"], name="consultation_partner_idx")]

    def __str__(self):
        return f"{self.council_name}: {self.requirement.decision.number}"

    def get_absolute_url(self):
        return reverse("councils:consultation_detail", args=[self.pk])

    def clean(self):
        decided = self.status in APPROVING or self.status == ConsultationStatus.REJECTED
        if decided and not self.resolution_date:
            raise ValidationError(
                {
                    "resolution_date": ValidationError(
                        _("Please give the date of the council's resolution."),
                        code="required",
                    )
                }
            )
        if self.resolution_date and self.resolution_date > timezone.localdate():
            raise ValidationError(
                {
                    "resolution_date": ValidationError(
                        _("The council's resolution cannot be dated in the future."),
                        code="future",
                    )
                }
            )

    def is_overdue(self, on=None) -> bool:
        return is_overdue(self.planned_date, self.status, on or timezone.localdate())

    @property
    def is_decided(self) -> bool:
        return self.status not in UNDECIDED


class MinutesExtract(PrivateFile):
    """The extract of the council's minutes (uploaded by whoever records the consultation)."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("council consultation"),
        on_delete=models.CASCADE,
        related_name="extracts",
    )

    class Meta:
        verbose_name = _("extract of the council's minutes")
        verbose_name_plural = _("extracts of the council's minutes")
        ordering = ("-created", "-pk")
