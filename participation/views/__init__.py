"""The pages of the participation procedure, one module per subject."""

# --- Participants' pages and the office's participants page (part-participant) ---
from .participants import (
    AttachmentAddView,
    AttachmentDeleteView,
    AttachmentDownloadView,
    InvitationResendView,
    MyProceduresView,
    MyProcedureView,
    ParticipantListView,
    StatementCreateView,
    StatementDeleteView,
    StatementDetailView,
    StatementSubmitView,
    StatementUpdateView,
)

__all__ = [
    # part-participant
    "AttachmentAddView",
    "AttachmentDeleteView",
    "AttachmentDownloadView",
    "InvitationResendView",
    "MyProcedureView",
    "MyProceduresView",
    "ParticipantListView",
    "StatementCreateView",
    "StatementDeleteView",
    "StatementDetailView",
    "StatementSubmitView",
    "StatementUpdateView",
]
