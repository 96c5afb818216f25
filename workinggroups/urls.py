from django.urls import path

from . import views_findings, views_matrix, views_reports

app_name = "workinggroups"

urlpatterns = [
    path("funktionen/matrix/", views_matrix.MatrixView.as_view(), name="matrix"),
    path("arbeitsgruppen/<int:pk>/", views_findings.GroupDetailView.as_view(), name="group_detail"),
    path("befunde/", views_findings.FindingListView.as_view(), name="finding_list"),
    path(
        "arbeitsgruppen/<int:pk>/befunde/neu/",
        views_findings.FindingCreateView.as_view(),
        name="finding_create",
    ),
    path("befunde/<int:pk>/", views_findings.FindingDetailView.as_view(), name="finding_detail"),
    path(
        "befunde/<int:pk>/bearbeiten/",
        views_findings.FindingUpdateView.as_view(),
        name="finding_update",
    ),
    path(
        "befunde/<int:pk>/status/",
        views_findings.FindingStatusView.as_view(),
        name="finding_status",
    ),
    path(
        "befunde/<int:pk>/kommentare/neu/",
        views_findings.CommentCreateView.as_view(),
        name="comment_create",
    ),
    path(
        "befunde/<int:pk>/anlagen/neu/",
        views_findings.AttachmentUploadView.as_view(),
        name="attachment_upload",
    ),
    path(
        "anlagen/<int:pk>/datei/",
        views_findings.AttachmentDownloadView.as_view(),
        name="attachment_download",
    ),
    path(
        "arbeitsgruppen/<int:pk>/berichte/neu/",
        views_reports.ReportCreateView.as_view(),
        name="report_create",
    ),
    path("berichte/<int:pk>/", views_reports.ReportDetailView.as_view(), name="report_detail"),
    path(
        "berichte/<int:pk>/einreichen/",
        views_reports.ReportSubmitView.as_view(),
        name="report_submit",
    ),
]
