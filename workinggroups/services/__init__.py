"""Writes for working groups, findings and reports; re-exported here.

* `groups.py`: a working group (its body and profile)
* `findings.py`: findings, their status, discussion and attachments
* `reports.py`: reports to the board and their submission as a paper
"""

from .findings import (
    LEAD_TRANSITIONS,
    MEMBER_TRANSITIONS,
    attachment_add,
    comment_add,
    finding_create,
    finding_set_status,
    finding_update,
)
from .groups import working_group_create, working_group_update
from .reports import report_create, report_submit, report_submit_to_new_item, task_status_snapshot

__all__ = [
    "LEAD_TRANSITIONS",
    "MEMBER_TRANSITIONS",
    "attachment_add",
    "comment_add",
    "finding_create",
    "finding_set_status",
    "finding_update",
    "report_create",
    "report_submit",
    "report_submit_to_new_item",
    "task_status_snapshot",
    "working_group_create",
    "working_group_update",
]
