"""Writes for council consultations: requiring councils for a decision, recording a
council's consultation (with the extract of its minutes), and the reminders of
overdue consultations."""

from __future__ import annotations

import datetime
import logging
import smtplib

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.models import PartnerStaff
from core.errors import Conflict
from core.i18n import portal_language
from core.links import base_url, portal_url
from core.tracking import apply_changes, save_tracked
from core.uploads import store_upload
from meetings.models import Decision

from .models import (
    ApprovalRule,
    Consultation,
    CouncilRequirement,
    MinutesExtract,
    Scope,
    default_council_name,
    partners_in_scope,
)

logger = logging.getLogger(__name__)

RECORD_FIELDS = (
    "council_name",
    "planned_date",
    "status",
    "resolution_number",
    "resolution_date",
    "note",
)
# An overdue consultation is reminded again after this many days.
REMINDER_INTERVAL_DAYS = 7


@transaction.atomic
def requirement_create(
    *,
    decision,
    scope: str,
    partners=(),
    rule: str = ApprovalRule.ALL,
    required_approvals: int | None = None,
    planned_date: datetime.date | None = None,
    actor,
) -> CouncilRequirement:
    """The decision needs the councils of `scope` (or of the named `partners`): one
    consultation per partner, pending, with the council's usual name."""
    if CouncilRequirement.objects.filter(decision=decision).exists():
        raise Conflict(
            _("The councils this decision needs have already been recorded."), code="exists"
        )
    chosen = list(partners) if scope == Scope.NAMED else list(partners_in_scope(scope))
    if not chosen:
        field = "partners" if scope == Scope.NAMED else "scope"
        raise ValidationError(
            {field: ValidationError(_("No partner's council would be asked."), code="empty")}
        )
    if rule == ApprovalRule.MINIMUM and required_approvals and required_approvals > len(chosen):
        raise ValidationError(
            {
                "required_approvals": ValidationError(
                    _("Only %(count)d councils are asked."),
                    code="too_many",
                    params={"count": len(chosen)},
                )
            }
        )
    requirement = CouncilRequirement(
        decision=decision, scope=scope, rule=rule, required_approvals=required_approvals
    )
    try:
        with transaction.atomic():
            save_tracked(requirement, actor=actor)
    except IntegrityError:  # recorded at the same moment by someone else
        raise Conflict(
            _("The councils this decision needs have already been recorded."), code="exists"
        ) from None
    for partner in sorted(chosen, key=lambda p: p.name):
        consultation = Consultation(
            requirement=requirement,
            partner=partner,
            council_name=default_council_name(partner),
            planned_date=planned_date,
        )
        save_tracked(consultation, actor=actor)
    return requirement


def refresh_effect(requirement: CouncilRequirement, *, actor) -> str:
    """Store what `CouncilRequirement.evaluate()` says now (inside the caller's
    transaction, the requirement locked)."""
    locked = CouncilRequirement.objects.select_for_update().get(pk=requirement.pk)
    statuses = list(locked.consultations.values_list("status", flat=True))
    effect = locked.evaluate(statuses)
    if effect != locked.effect:
        locked.effect = effect
        save_tracked(
            locked,
            actor=actor,
            reason=_("Effect: %(effect)s") % {"effect": locked.get_effect_display()},
            update_fields=["effect"],
        )
    requirement.effect = locked.effect
    return locked.effect


@transaction.atomic
def consultation_record(
    *, consultation: Consultation, data: dict, extract=None, actor
) -> Consultation:
    """Record what the council did (status, its resolution number and date, the
    planned session, a note) and, optionally, the extract of its minutes; then the
    decision's effect is evaluated again."""
    # Lock the requirement first: two councils recorded at once are evaluated in turn.
    CouncilRequirement.objects.select_for_update().filter(pk=consultation.requirement_id).get()
    changed = apply_changes(consultation, {name: data[name] for name in RECORD_FIELDS})
    if changed:
        save_tracked(consultation, actor=actor, update_fields=changed)
    if extract is not None:
        store_upload(
            MinutesExtract(
                consultation=consultation,
                title=_("Extract of the minutes: %(council)s")
                % {"council": consultation.council_name},
            ),
            extract,
            actor=actor,
        )
    if not changed and extract is None:
        return consultation
    refresh_effect(consultation.requirement, actor=actor)
    return consultation


# --- Reminders -------------------------------------------------------------------------


def reminder_recipients(partner_ids) -> dict[int, list[str]]:
    """The e-mail addresses of each partner's active administrators (one query)."""
    recipients: dict[int, list[str]] = {}
    links = PartnerStaff.objects.filter(
        partner_id__in=partner_ids, is_admin=True, user__is_active=True
    ).exclude(user__email="")
    for partner_id, email in links.values_list("partner_id", "user__email").order_by("user__email"):
        recipients.setdefault(partner_id, []).append(email)
    return recipients


def send_overdue_reminders(*, on: datetime.date | None = None) -> int:
    """Mail each partner's administrators their overdue consultations (planned session
    passed, still pending or on the agenda), at most once every
    `REMINDER_INTERVAL_DAYS` per consultation; one mail per partner. Returns the
    number of mails sent. A failing mail server is logged; those are reminded next time.

    Only decisions on public agenda items: the partner's administrators cannot see the
    others (their consultations are the office's to record), so a mail must not name them.
    """
    on = on or timezone.localdate()
    due = list(
        Consultation.objects.overdue(on)
        .filter(requirement__decision__in=Decision.objects.public())
        .exclude(last_reminded_on__gt=on - datetime.timedelta(days=REMINDER_INTERVAL_DAYS))
        .filter(partner__is_active=True)
        .select_related("partner", "requirement__decision")
        .order_by("partner__name", "planned_date", "pk")
    )
    by_partner: dict[int, list[Consultation]] = {}
    for consultation in due:
        by_partner.setdefault(consultation.partner_id, []).append(consultation)
    recipients = reminder_recipients(by_partner)
    sent = 0
    for partner_id, consultations in by_partner.items():
        addresses = recipients.get(partner_id)
        if not addresses:
            continue
        partner = consultations[0].partner
        with portal_language():
            context = {
                "partner": partner,
                "consultations": consultations,
                "list_url": portal_url("councils:council_list") + f"?partner={partner.pk}",
                "base_url": base_url(),
            }
            subject = _("Overdue council consultations: %(partner)s") % {
                "partner": partner.short_name or partner.name
            }
            body = render_to_string("councils/email/overdue_reminder.txt", context)
        message = EmailMessage(subject=subject, body=body, to=addresses)
        try:
            message.send()
        except (smtplib.SMTPException, OSError):
            logger.exception("Reminder of overdue consultations to partner %s failed", partner_id)
            continue
        sent += 1
        with transaction.atomic():
            for consultation in consultations:
                consultation.last_reminded_on = on
                save_tracked(
                    consultation,
                    actor=None,
                    reason=_("Reminder sent to the partner's administrators"),
                    update_fields=["last_reminded_on"],
                )
    return sent
