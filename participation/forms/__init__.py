"""The forms of the participation procedure, one module per subject."""

# --- Participants (part-participant) ---
from .participants import AttachmentForm, ConfirmForm, InviteForm, StatementForm

__all__ = ["AttachmentForm", "ConfirmForm", "InviteForm", "StatementForm"]
