"""Writes for meetings, one module per subject; the public services are re-exported here
(`from meetings import services; services.meeting_create(...)`).

* `meetings.py`: plan, change, cancel, mark held (and the refusal of closed meetings)
* `agenda.py`: agenda items and proposals
* `attendance.py`: attendance (the quorum is read in `meetings.selectors.quorum`)
* `minutes.py`: write, circulate, approve, correct
* `decisions.py`: record with the next number, progress
* `papers.py`: uploads to a meeting, withholding a paper from publication
* `invitations.py`: invitations, updates and cancellations by e-mail, the calendar files
* `procedures.py`: written procedures (start, vote, absence, objection, reminder, close)
"""

from .agenda import (
    agenda_item_create,
    agenda_item_move,
    agenda_item_update,
    proposal_create,
    proposal_decide,
)
from .attendance import attendance_record
from .decisions import decision_progress_add, decision_record
from .meetings import (
    NOTIFIED_FIELDS,
    meeting_cancel,
    meeting_create,
    meeting_mark_held,
    meeting_update,
    refuse_if_closed,
)
from .minutes import minutes_approve, minutes_circulate, minutes_correct, minutes_save
from .papers import paper_add, paper_release, paper_withhold
from .procedures import (
    procedure_close,
    procedure_declare_absence,
    procedure_object,
    procedure_paper_add,
    procedure_remind,
    procedure_start,
    procedure_vote,
)

__all__ = [
    "NOTIFIED_FIELDS",
    "agenda_item_create",
    "agenda_item_move",
    "agenda_item_update",
    "attendance_record",
    "decision_progress_add",
    "decision_record",
    "meeting_cancel",
    "meeting_create",
    "meeting_mark_held",
    "meeting_update",
    "minutes_approve",
    "minutes_circulate",
    "minutes_correct",
    "minutes_save",
    "paper_add",
    "paper_release",
    "paper_withhold",
    "procedure_close",
    "procedure_declare_absence",
    "procedure_object",
    "procedure_paper_add",
    "procedure_remind",
    "procedure_start",
    "procedure_vote",
    "proposal_create",
    "proposal_decide",
    "refuse_if_closed",
]
