"""The reads of the participation procedure's pages, one module per subject."""

# --- Participants' pages and the office's list of participants (part-participant) ---
from .participants import (
    my_procedures,
    my_statements,
    participants_of,
    procedure_chapters,
    statement_attachments,
)

__all__ = [
    # part-participant
    "my_procedures",
    "my_statements",
    "participants_of",
    "procedure_chapters",
    "statement_attachments",
]
