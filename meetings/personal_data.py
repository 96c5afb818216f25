"""Meetings in "Meine Daten" and their part of anonymisation (see core/personal_data.py).

Anonymising a person removes the e-mail address that was copied onto each invitation
sent to them (and from the invitations' history); that an invitation was sent, when
and to which account stays, because the meeting's record needs it.
"""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from core.personal_data import person_anonymised, register, take

from .models import (
    AgendaProposal,
    Attendance,
    Decision,
    DecisionProgress,
    Invitation,
    Minutes,
    MinutesCorrection,
    Paper,
)


def export_meetings(user) -> dict:
    return {
        "agenda_proposals": take(
            AgendaProposal.objects.filter(proposed_by=user)
            .order_by("created", "pk")
            .values(
                "meeting__title",
                "meeting__starts_at",
                "title",
                "description",
                "is_public",
                "status",
                "reason",
                "created",
                "decided_at",
            )
        ),
        "papers_uploaded": take(
            Paper.objects.filter(uploaded_by=user)
            .order_by("created", "pk")
            .values("meeting__title", "title", "original_name", "content_type", "size", "created")
        ),
        # Minutes carry no author: who wrote them is in their history.
        "minutes_written": take(
            Minutes.history.filter(history_user=user)
            .order_by("agenda_item_id")
            .values("agenda_item_id")
            .distinct()
            .values("agenda_item_id", "agenda_item__title", "agenda_item__meeting__title")
        ),
        "minutes_corrections": take(
            MinutesCorrection.objects.filter(author=user)
            .order_by("corrected_on", "pk")
            .values("minutes__agenda_item__title", "corrected_on", "text", "reason")
        ),
        "decisions_recorded": take(
            Decision.objects.filter(recorded_by=user)
            .order_by("number")
            .values("number", "title", "created")
        ),
        "decision_progress_notes": take(
            DecisionProgress.objects.filter(author=user)
            .order_by("date", "pk")
            .values("decision__number", "date", "note")
        ),
        "invitations_received": take(
            Invitation.objects.filter(user=user)
            .order_by("sent_at", "pk")
            .values("meeting__title", "meeting__starts_at", "kind", "email", "sent_at")
        ),
        "attendance": take(
            Attendance.objects.filter(membership__user=user)
            .order_by("meeting__starts_at", "pk")
            .values("meeting__title", "meeting__starts_at", "membership__body__name", "status")
        ),
    }


@receiver(person_anonymised, dispatch_uid="meetings.scrub_invitation_addresses")
def scrub_invitation_addresses(sender, user, **kwargs):
    Invitation.objects.filter(user=user).update(email="")
    Invitation.history.filter(user_id=user.pk).update(email="")


register("meetings", export_meetings, title=_("Meetings"), order=30)
