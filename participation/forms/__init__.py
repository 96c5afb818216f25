"""Forms of the participation procedures, one module per side: `procedures.py` (the
office's, members' and public forms), `participants.py` (participants and invitations)."""

from .participants import AttachmentForm, InviteForm, StatementForm
from .procedures import (
    AgendaForm,
    ConfirmForm,
    DecisionForm,
    ProcedureForm,
    PublicStatementForm,
    StatementFilterForm,
    WeighingForm,
)

__all__ = [
    "AgendaForm",
    "AttachmentForm",
    "ConfirmForm",
    "DecisionForm",
    "InviteForm",
    "ProcedureForm",
    "PublicStatementForm",
    "StatementFilterForm",
    "StatementForm",
    "WeighingForm",
]
