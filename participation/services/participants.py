"""The office invites participants to a procedure put out (part-participant).

* participant_invite(*, procedure, organisation, kind, contact_name, email, actor)
  -> Participant: creates the account (or reuses the one with that address), puts it
  into settings.PARTICIPANT_GROUP, makes the Participant row and sends the German
  e-mail: a one-time link for a new account (accounts.invitations), a notice for an
  account that already has a password.
* invitation_resend(*, procedure=None, participant, actor) -> Participant: the same e-mail
  again (a new link replaces the old one).

Both are allowed while the procedure is put out and has not ended, for the office only.
A failing mail server raises `Unavailable`: nothing is saved (the office tries again).
"""

from __future__ import annotations

import logging
import re
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from access.services import record_right_change
from accounts.invitations import VALID_DAYS, invitation_create
from core.backends import forget_permissions
from core.errors import Conflict, Unavailable
from core.i18n import portal_language
from core.links import absolute_url
from core.tracking import save_tracked

from ..models import Participant, ParticipationProcedure
from ..permissions import can_manage
from .procedures import lock_procedure

logger = logging.getLogger(__name__)


def refuse_unless_inviting(procedure: ParticipationProcedure) -> None:
    """Participants are invited to a procedure put out, until its period ends."""
    if not procedure.is_opened:
        raise Conflict(
            _("Participants are invited once the procedure has been put out."),
            code="not_opened",
        )
    if procedure.has_ended():
        raise Conflict(
            _("The period of this procedure has ended: nobody can be invited any more."),
            code="ended",
        )


def participant_group() -> Group:
    group, _created = Group.objects.get_or_create(name=settings.PARTICIPANT_GROUP)
    return group


def _unique_username(email: str) -> str:
    User = get_user_model()
    # What Django's user name validator allows (an address may hold more).
    base = re.sub(r"[^\w.@+-]", "", email.lower())[:140] or "beteiligte"
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _account_for(email: str, *, contact_name: str, organisation: str, actor):
    """The account with the address (reused), or a new one without a password."""
    User = get_user_model()
    found = list(User.objects.filter(email__iexact=email).order_by("pk")[:2])
    if len(found) > 1:
        raise ValidationError(
            {"email": _("Several accounts have this address; ask a technical administrator.")},
            code="ambiguous",
        )
    if found:
        user = found[0]
        if not user.is_active:
            raise ValidationError(
                {"email": _("The account with this address is deactivated.")}, code="inactive"
            )
        return user
    user = User(
        username=_unique_username(email),
        email=email,
        display_name=f"{contact_name} ({organisation})"[:150],
    )
    user.set_unusable_password()
    save_tracked(user, actor=actor, reason="Als Beteiligte:r eingeladen")
    return user


def _add_to_group(user, *, actor) -> None:
    group = participant_group()
    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
        forget_permissions(user)
        record_right_change(user=user, granted=True, right=group.name, actor=actor)


def _send(participant: Participant, *, actor) -> None:
    """The invitation (a one-time link) for an account without a password, else a
    notice; in German, with Berlin times. Raises Unavailable when the mail fails."""
    user = participant.user
    procedure = participant.procedure
    page = reverse("participation:my_procedure", args=[procedure.pk])
    context = {
        "participant": participant,
        "procedure": procedure,
        "account": user,
        "procedure_url": absolute_url(page),
        "login_url": absolute_url(reverse("login")),
        "valid_days": VALID_DAYS,
    }
    if user.has_usable_password():
        template = "participation/participant/email/notice.txt"
    else:
        token = invitation_create(user, actor=actor, next_url=page)
        context["invitation_url"] = absolute_url(reverse("invitation_accept", args=[token]))
        template = "participation/participant/email/invitation.txt"
    with portal_language():
        subject = _("Invitation to the participation procedure: %(title)s") % {
            "title": procedure.title
        }
        body = render_to_string(template, context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        logger.exception("Sending the invitation of participant %s failed", participant.pk)
        raise Unavailable(
            _(
                "The e-mail could not be sent (%(error)s). Nothing was saved; please try "
                "again later."
            ),
            code="mail_failed",
            params={"error": error.__class__.__name__},
        ) from error


@transaction.atomic
def participant_invite(
    *,
    procedure: ParticipationProcedure,
    organisation: str,
    kind: str,
    contact_name: str,
    email: str,
    actor,
) -> Participant:
    if not can_manage(actor):
        raise PermissionDenied
    procedure = lock_procedure(procedure)
    refuse_unless_inviting(procedure)
    email = (email or "").strip()
    organisation = (organisation or "").strip()
    contact_name = " ".join((contact_name or "").split())
    if not email:
        raise ValidationError({"email": _("Enter the e-mail address.")}, code="required")
    user = _account_for(email, contact_name=contact_name, organisation=organisation, actor=actor)
    if Participant.objects.filter(procedure=procedure, user=user).exists():
        raise ValidationError(
            {"email": _("This account is already a participant of the procedure.")},
            code="already_invited",
        )
    _add_to_group(user, actor=actor)
    participant = Participant(
        procedure=procedure,
        user=user,
        organisation=organisation,
        kind=kind,
        invited_by=actor,
        invited_at=timezone.now(),
    )
    save_tracked(participant, actor=actor)
    _send(participant, actor=actor)
    return participant


@transaction.atomic
def invitation_resend(*, participant: Participant, actor) -> Participant:
    """Send the e-mail again: a new one-time link (the old one stops working) while the
    account has no password, else the notice."""
    if not can_manage(actor):
        raise PermissionDenied
    procedure = ParticipationProcedure.objects.select_for_update().get(pk=participant.procedure_id)
    refuse_unless_inviting(procedure)
    participant = Participant.objects.select_related("user").get(pk=participant.pk)
    participant.procedure = procedure
    if not participant.user.is_active:
        raise Conflict(_("The account of this participant is deactivated."), code="inactive")
    participant.invited_at = timezone.now()
    save_tracked(
        participant, actor=actor, reason="Einladung erneut gesendet", update_fields=["invited_at"]
    )
    _send(participant, actor=actor)
    return participant
