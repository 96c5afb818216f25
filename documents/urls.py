from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("berichte/", views.CouncilReportListView.as_view(), name="report_list"),
    path("berichte/neu/", views.CouncilReportCreateView.as_view(), name="report_create"),
    path("dokumente/<int:pk>/", views.DocumentDetailView.as_view(), name="document_detail"),
    path("dokumente/<int:pk>/stand/", views.DocumentStateView.as_view(), name="document_state"),
    path("dokumente/<int:pk>/erneut/", views.DocumentRetryView.as_view(), name="document_retry"),
    path(
        "dokumente/<int:pk>/datei/",
        views.DocumentDownloadView.as_view(),
        name="document_download",
    ),
    path(
        "sitzungen/<int:pk>/dokumente/",
        views.MeetingDocumentsView.as_view(),
        name="meeting_documents",
    ),
]
