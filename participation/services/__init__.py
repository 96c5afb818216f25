"""Writes of the participation procedures, one module per subject; the public services
are re-exported here (`from participation import services`).

* `procedures.py`: prepare, change (a draft), put out (copies the concept's chapters)
* `weighing.py`: the office's weighing of a submitted statement
* `board.py`: the weighing on the board's agenda, the board's decision linked
* `tables.py`: the weighing table PDF requested (built by the worker, `table_pdf.py`)
* `publication.py`: publication after the board's decision
* `public.py`: a statement of the public on a procedure open to it
"""

# --- part-office: procedures, weighing, board, tables, publication, public statements ---
from .board import (
    decisions_on_item,
    procedure_agenda_item_create,
    procedure_decision_link,
    upcoming_board_meetings,
)
from .procedures import procedure_create, procedure_open, procedure_update
from .public import public_statement_allowed, public_statement_submit
from .publication import procedure_publish
from .tables import table_request
from .weighing import weighing_save

__all__ = [
    "decisions_on_item",
    "procedure_agenda_item_create",
    "procedure_create",
    "procedure_decision_link",
    "procedure_open",
    "procedure_publish",
    "procedure_update",
    "public_statement_allowed",
    "public_statement_submit",
    "table_request",
    "upcoming_board_meetings",
    "weighing_save",
]
