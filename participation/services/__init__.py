"""Writes of the participation procedures, one module per subject, re-exported here
(`from participation import services; services.statement_submit(...)`).

* `procedures.py`: prepare, change (a draft), put out (copies the concept's chapters)
* `participants.py`: invite participants (account, one-time link), resend
* `statements.py`: a participant's draft, attachments, submission with receipt
* `weighing.py`: the office's weighing of a submitted statement
* `board.py`: the weighing on the board's agenda, the board's decision linked
* `tables.py`: the weighing table PDF requested (built by the worker, `table_pdf.py`)
* `publication.py`: publication after the board's decision
* `public.py`: a statement of the public on a procedure open to it
"""

from .board import (
    decisions_on_item,
    procedure_agenda_item_create,
    procedure_decision_link,
    upcoming_board_meetings,
)
from .participants import (
    invitation_resend,
    participant_invite,
)
from .procedures import (
    procedure_create,
    procedure_open,
    procedure_update,
)
from .public import (
    public_statement_allowed,
    public_statement_submit,
)
from .publication import (
    procedure_publish,
)
from .statements import (
    attachment_add,
    attachment_delete,
    next_statement_number,
    statement_delete,
    statement_save,
    statement_submit,
)
from .tables import (
    table_request,
)
from .weighing import (
    weighing_save,
)

__all__ = [
    "attachment_add",
    "attachment_delete",
    "decisions_on_item",
    "invitation_resend",
    "next_statement_number",
    "participant_invite",
    "procedure_agenda_item_create",
    "procedure_create",
    "procedure_decision_link",
    "procedure_open",
    "procedure_publish",
    "procedure_update",
    "public_statement_allowed",
    "public_statement_submit",
    "statement_delete",
    "statement_save",
    "statement_submit",
    "table_request",
    "upcoming_board_meetings",
    "weighing_save",
]
