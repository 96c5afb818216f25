"""Reads for the working-group pages, one module per subject; re-exported here.

* `groups.py`: the working-group page
* `findings.py`: the findings list and page, the finding form's choices
* `reports.py`: the report page and the submission form
* `matrix.py`: the function matrix (also assembled by the council report)
"""

from .findings import (
    central_function_choices,
    facility_choices,
    finding_detail_queryset,
    finding_filter_choices,
    finding_list,
    finding_page_rows,
    finding_rows,
)
from .groups import PAST_MEETINGS, group_detail_queryset, group_page
from .matrix import (
    assemble_matrix,
    cell_finding_counts,
    facility_counts,
    function_matrix,
    matrix_choices,
)
from .reports import (
    has_agreed_findings,
    last_report,
    report_findings,
    submittable_agenda_items,
    task_rows,
    upcoming_board_meetings,
)

__all__ = [
    "PAST_MEETINGS",
    "assemble_matrix",
    "cell_finding_counts",
    "central_function_choices",
    "facility_choices",
    "facility_counts",
    "finding_detail_queryset",
    "finding_filter_choices",
    "finding_list",
    "finding_page_rows",
    "finding_rows",
    "function_matrix",
    "group_detail_queryset",
    "group_page",
    "has_agreed_findings",
    "last_report",
    "matrix_choices",
    "report_findings",
    "submittable_agenda_items",
    "task_rows",
    "upcoming_board_meetings",
]
