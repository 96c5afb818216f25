from django.urls import path

from .views import attachments, findings, groups, matrix, reports

app_name = "workinggroups"

urlpatterns = [
    path("funktionen/matrix/", matrix.MatrixView.as_view(), name="matrix"),
    path("arbeitsgruppen/<int:pk>/", groups.GroupDetailView.as_view(), name="group_detail"),
    path("befunde/", findings.FindingListView.as_view(), name="finding_list"),
    path(
        "arbeitsgruppen/<int:pk>/befunde/neu/",
        findings.FindingCreateView.as_view(),
        name="finding_create",
    ),
    path("befunde/<int:pk>/", findings.FindingDetailView.as_view(), name="finding_detail"),
    path(
        "befunde/<int:pk>/bearbeiten/",
        findings.FindingUpdateView.as_view(),
        name="finding_update",
    ),
    path(
        "befunde/<int:pk>/status/",
        findings.FindingStatusView.as_view(),
        name="finding_status",
    ),
    path(
        "befunde/<int:pk>/kommentare/neu/",
        findings.CommentCreateView.as_view(),
        name="comment_create",
    ),
    path(
        "befunde/<int:pk>/anlagen/neu/",
        attachments.AttachmentUploadView.as_view(),
        name="attachment_upload",
    ),
    path(
        "anlagen/<int:pk>/datei/",
        attachments.AttachmentDownloadView.as_view(),
        name="attachment_download",
    ),
    path(
        "arbeitsgruppen/<int:pk>/berichte/neu/",
        reports.ReportCreateView.as_view(),
        name="report_create",
    ),
    path("berichte/<int:pk>/", reports.ReportDetailView.as_view(), name="report_detail"),
    path(
        "berichte/<int:pk>/einreichen/",
        reports.ReportSubmitView.as_view(),
        name="report_submit",
    ),
]
