"""The writes of the participation procedure, one module per subject (re-exported here,
so callers write `from participation import services; services.statement_submit(...)`).
"""

# --- Participants and their statements (part-participant) ---
from .participants import invitation_resend, participant_invite
from .statements import (
    attachment_add,
    attachment_delete,
    next_statement_number,
    statement_delete,
    statement_save,
    statement_submit,
)

__all__ = [
    # part-participant
    "attachment_add",
    "attachment_delete",
    "invitation_resend",
    "next_statement_number",
    "participant_invite",
    "statement_delete",
    "statement_save",
    "statement_submit",
]
