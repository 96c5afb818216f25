"""Council consultations in "Meine Daten" (see core/personal_data.py): the extracts of
council minutes the person uploaded. Which consultations they recorded is in the
consultations' history (the generic history summary counts it)."""

from django.utils.translation import gettext_lazy as _

from core.personal_data import register, take

from .models import MinutesExtract


def export_councils(user) -> dict:
    return {
        "minutes_extracts_uploaded": take(
            MinutesExtract.objects.filter(uploaded_by=user)
            .order_by("created", "pk")
            .values(
                "consultation__council_name",
                "consultation__requirement__decision__number",
                "title",
                "original_name",
                "content_type",
                "size",
                "created",
            )
        ),
    }


register("councils", export_councils, title=_("Council consultations"), order=35)
