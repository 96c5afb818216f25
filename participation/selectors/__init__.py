"""Reads of the participation procedures, one module per side:

* `procedures.py`: the office's and members' pages, the weighing table, the public pages
* `participants.py`: the participants' pages and the office's list of participants
"""

from .participants import (
    my_procedures,
    my_statements,
    participants_of,
    procedure_chapters,
    statement_attachments,
)
from .procedures import (
    attachments_of,
    chapters_of,
    latest_tables,
    procedure_detail_queryset,
    procedure_list,
    procedure_page,
    public_chapters,
    public_procedures,
    public_statements,
    published_table,
    statement_queryset,
    submitted_statements,
    table_statements,
)

__all__ = [
    "attachments_of",
    "chapters_of",
    "latest_tables",
    "my_procedures",
    "my_statements",
    "participants_of",
    "procedure_chapters",
    "procedure_detail_queryset",
    "procedure_list",
    "procedure_page",
    "public_chapters",
    "public_procedures",
    "public_statements",
    "published_table",
    "statement_attachments",
    "statement_queryset",
    "submitted_statements",
    "table_statements",
]
