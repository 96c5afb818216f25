"""Priority rounds in "Meine Daten" (see core/personal_data.py): every version of a
partner's ballot the person cast, from the ballots' history (one query)."""

from django.utils.translation import gettext_lazy as _

from core.personal_data import register, take

from .models import Ballot


def export_ballots(user) -> dict:
    return {
        "ballots_cast": take(
            Ballot.history.filter(history_user=user)
            .order_by("history_date", "history_id")
            .values(
                "round__title",
                "partner__name",
                "points",
                "as_deputy",
                "history_date",
                "history_change_reason",
            )
        ),
    }


register("priorities", export_ballots, title=_("Priority rounds"), order=55)
