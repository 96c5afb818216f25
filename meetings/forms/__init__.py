"""Forms of the meeting pages, one module per subject; re-exported here."""

from .agenda import AgendaItemForm, ProposalDecisionForm, ProposalForm
from .decisions import DecisionFilterForm, DecisionForm, DecisionProgressForm, seat_label
from .fields import AgendaItemChoiceField, DateTimeInput
from .meetings import AttendanceForm, CancelForm, ConfirmForm, MeetingFilterForm, MeetingForm
from .minutes import MinutesApproveForm, MinutesCorrectionForm, MinutesForm
from .papers import PaperForm

__all__ = [
    "AgendaItemChoiceField",
    "AgendaItemForm",
    "AttendanceForm",
    "CancelForm",
    "ConfirmForm",
    "DateTimeInput",
    "DecisionFilterForm",
    "DecisionForm",
    "DecisionProgressForm",
    "MeetingFilterForm",
    "MeetingForm",
    "MinutesApproveForm",
    "MinutesCorrectionForm",
    "MinutesForm",
    "PaperForm",
    "ProposalDecisionForm",
    "ProposalForm",
    "seat_label",
]
