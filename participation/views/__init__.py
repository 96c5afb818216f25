"""Pages of the participation procedures, one module per side: `procedures.py` (the
office's and members' pages), `participants.py` (the participants' pages, the office's
list of participants).
"""

from .participants import (
    AttachmentAddView,
    AttachmentDeleteView,
    InvitationResendView,
    MyAttachmentDownloadView,
    MyProceduresView,
    MyProcedureView,
    MyStatementView,
    ParticipantListView,
    StatementCreateView,
    StatementDeleteView,
    StatementSubmitView,
    StatementUpdateView,
)
from .procedures import (
    AgendaItemView,
    AttachmentDownloadView,
    DecisionLinkView,
    ProcedureCreateView,
    ProcedureDetailView,
    ProcedureListView,
    ProcedureOpenView,
    ProcedurePublishView,
    ProcedureUpdateView,
    StatementDetailView,
    StatementListView,
    TableDownloadView,
    TableRequestView,
    WeighingView,
)

__all__ = [
    "AgendaItemView",
    "AttachmentAddView",
    "AttachmentDeleteView",
    "AttachmentDownloadView",
    "DecisionLinkView",
    "InvitationResendView",
    "MyAttachmentDownloadView",
    "MyProcedureView",
    "MyProceduresView",
    "MyStatementView",
    "ParticipantListView",
    "ProcedureCreateView",
    "ProcedureDetailView",
    "ProcedureListView",
    "ProcedureOpenView",
    "ProcedurePublishView",
    "ProcedureUpdateView",
    "StatementCreateView",
    "StatementDeleteView",
    "StatementDetailView",
    "StatementListView",
    "StatementSubmitView",
    "StatementUpdateView",
    "TableDownloadView",
    "TableRequestView",
    "WeighingView",
]
