"""Pages of the participation procedures, one module per side."""

# --- part-office: the office's and members' pages ---
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
    "AttachmentDownloadView",
    "DecisionLinkView",
    "ProcedureCreateView",
    "ProcedureDetailView",
    "ProcedureListView",
    "ProcedureOpenView",
    "ProcedurePublishView",
    "ProcedureUpdateView",
    "StatementDetailView",
    "StatementListView",
    "TableDownloadView",
    "TableRequestView",
    "WeighingView",
]
