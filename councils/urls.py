from django.urls import path

from . import views

app_name = "councils"

urlpatterns = [
    path("raete/", views.CouncilListView.as_view(), name="council_list"),
    path(
        "beschluesse/<int:pk>/raete/",
        views.RequirementCreateView.as_view(),
        name="requirement_create",
    ),
    path(
        "raete/beratungen/<int:pk>/",
        views.ConsultationDetailView.as_view(),
        name="consultation_detail",
    ),
    path(
        "raete/beratungen/<int:pk>/erfassen/",
        views.ConsultationRecordView.as_view(),
        name="consultation_record",
    ),
    path(
        "raete/auszuege/<int:pk>/datei/",
        views.ExtractDownloadView.as_view(),
        name="extract_download",
    ),
]
