"""Forms of the working-group pages, one module per subject; re-exported here."""

from .findings import (
    AttachmentForm,
    CommentForm,
    FindingFilterForm,
    FindingForm,
    FindingStatusForm,
    FindingUpdateForm,
)
from .matrix import MatrixFilterForm
from .reports import ReportForm, ReportSubmitForm

__all__ = [
    "AttachmentForm",
    "CommentForm",
    "FindingFilterForm",
    "FindingForm",
    "FindingStatusForm",
    "FindingUpdateForm",
    "MatrixFilterForm",
    "ReportForm",
    "ReportSubmitForm",
]
