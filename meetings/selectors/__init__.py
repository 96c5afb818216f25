"""Reads for the meeting pages, one module per subject; re-exported here.

* `meetings.py`: the meeting list and page, the dashboard's meetings and proposals
* `decisions.py`: the decision pages and the follow-up feed
* `quorum.py`: voting seats and the quorum (the one calculation)
* `procedures.py`: the written procedures' pages

Confidential content is filtered here (`.public()` querysets), never in templates.
"""

from .decisions import (
    FOLLOW_UP_ORDER,
    decision_detail_queryset,
    decision_filter_bodies,
    decision_list,
    decision_page_rows,
    decisions_due_for_user,
    due_for_user,
    visible_decisions,
)
from .meetings import (
    attendance_by_seat,
    confidential_bodies,
    invitations_sent,
    manageable_bodies,
    meeting_detail_queryset,
    meeting_filter_bodies,
    meeting_list,
    meeting_page,
    minutes_of,
    next_meetings_for_user,
    pending_proposals_for_office,
    visible_agenda_items,
    visible_items,
    visible_meetings,
    visible_minutes,
    visible_papers,
)
from .procedures import (
    objecting_membership,
    procedure_detail_queryset,
    procedure_list,
    visible_procedures,
)
from .quorum import (
    Quorum,
    body_voting_seats,
    holds_voting_seat,
    quorum,
    required_for_quorum,
    seats_present,
    voting_seats,
    voting_seats_of_period,
)

__all__ = [
    "FOLLOW_UP_ORDER",
    "Quorum",
    "attendance_by_seat",
    "body_voting_seats",
    "confidential_bodies",
    "decision_detail_queryset",
    "decision_filter_bodies",
    "decision_list",
    "decision_page_rows",
    "decisions_due_for_user",
    "due_for_user",
    "holds_voting_seat",
    "invitations_sent",
    "manageable_bodies",
    "meeting_detail_queryset",
    "meeting_filter_bodies",
    "meeting_list",
    "meeting_page",
    "minutes_of",
    "next_meetings_for_user",
    "objecting_membership",
    "pending_proposals_for_office",
    "procedure_detail_queryset",
    "procedure_list",
    "quorum",
    "required_for_quorum",
    "seats_present",
    "visible_agenda_items",
    "visible_decisions",
    "visible_items",
    "visible_meetings",
    "visible_minutes",
    "visible_papers",
    "visible_procedures",
    "voting_seats",
    "voting_seats_of_period",
]
