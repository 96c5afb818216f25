from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cooperation.models import Body, BodyKind, Partner
from core.models import TimeStampedModel
from functions.models import FunctionArea


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

    def clean(self):
        if self.body_id and self.body.kind != BodyKind.WORKING_GROUP:
            raise ValidationError(
                {"body": _("Only a body of the kind “working group” can have this profile.")},
                code="body_kind",
            )
