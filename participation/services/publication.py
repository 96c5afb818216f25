"""Publication: after the board's decision, with every submitted statement weighed, the
office publishes the weighing table and the statements (without private contact data:
`Statement.public_submitter`). A final table is built for the public page."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.errors import Conflict
from core.tracking import save_tracked

from ..models import ParticipationProcedure, Statement
from .procedures import lock_procedure
from .tables import queue_table


def unweighed_count(procedure: ParticipationProcedure) -> int:
    return Statement.objects.submitted().filter(procedure=procedure, weighing=None).count()


@transaction.atomic
def procedure_publish(*, procedure: ParticipationProcedure, actor) -> ParticipationProcedure:
    """Publish (409 unless the board has decided and every submitted statement is
    weighed; once only). The final table is queued for the worker."""
    current = lock_procedure(procedure)
    if current.is_published:
        raise Conflict(_("The procedure has already been published."), code="published")
    if not current.is_decided:
        raise Conflict(
            _("The weighing is published once the board has decided on it."), code="undecided"
        )
    missing = unweighed_count(current)
    if missing:
        raise Conflict(
            ngettext(
                "%(count)d submitted statement has not been weighed yet.",
                "%(count)d submitted statements have not been weighed yet.",
                missing,
            )
            % {"count": missing},
            code="unweighed",
        )
    current.published_at = timezone.now()
    current.published_by = actor
    save_tracked(
        current, actor=actor, reason=_("Published"), update_fields=["published_at", "published_by"]
    )
    queue_table(current, actor=actor, reason=_("Final weighing table for the publication"))
    return current
