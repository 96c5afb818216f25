"""Participation procedures in "Meine Daten" (see core/personal_data.py): the person's
participations (procedure, organisation, kind, when invited) and their own statements
(drafts included) with their text, one query each."""

from django.utils.translation import gettext_lazy as _

from core.personal_data import register, take

from .models import Participant, Statement


def export_participation(user) -> dict:
    return {
        "participations": take(
            Participant.objects.filter(user=user)
            .order_by("invited_at", "pk")
            .values("procedure__title", "organisation", "kind", "invited_at")
        ),
        "statements": take(
            Statement.objects.filter(participant__user=user)
            .order_by("procedure_id", "pk")
            .values(
                "procedure__title",
                "number",
                "chapter__title",
                "status",
                "text",
                "created",
                "submitted_at",
                "receipt_sent_at",
            )
        ),
    }


register("participation", export_participation, title=_("Participation procedures"), order=57)
