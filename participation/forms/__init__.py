"""Forms of the participation procedures, one module per side."""

# --- part-office ---
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
    "ConfirmForm",
    "DecisionForm",
    "ProcedureForm",
    "PublicStatementForm",
    "StatementFilterForm",
    "WeighingForm",
]
