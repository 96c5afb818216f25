"""Forms of the meeting pages, one module per subject; re-exported here."""

from .agenda import AgendaItemForm, ProposalDecisionForm, ProposalForm
from .decisions import DecisionFilterForm, DecisionForm, DecisionProgressForm, seat_label
from .fields import AgendaItemChoiceField, DateTimeInput
from .meetings import (
    AgendaItemMoveForm,
    AttendanceForm,
    CancelForm,
    ConfirmForm,
    InviteForm,
    MeetingFilterForm,
    MeetingForm,
)
from .minutes import MinutesApproveForm, MinutesCorrectionForm, MinutesForm
from .papers import PaperForm, PaperWithholdForm

__all__ = [
    "AgendaItemChoiceField",
    "AgendaItemForm",
    "AgendaItemMoveForm",
    "AttendanceForm",
    "CancelForm",
    "ConfirmForm",
    "DateTimeInput",
    "DecisionFilterForm",
    "DecisionForm",
    "DecisionProgressForm",
    "InviteForm",
    "MeetingFilterForm",
    "MeetingForm",
    "MinutesApproveForm",
    "MinutesCorrectionForm",
    "MinutesForm",
    "PaperForm",
    "PaperWithholdForm",
    "ProposalDecisionForm",
    "ProposalForm",
    "seat_label",
]
