from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("gremien/<int:pk>/", views.BodyDetailView.as_view(), name="body_detail"),
    path("sitzungen/", views.MeetingListView.as_view(), name="meeting_list"),
    path("sitzungen/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("unterlagen/<int:pk>/", views.PaperDownloadView.as_view(), name="paper_download"),
    path("beschluesse/", views.DecisionListView.as_view(), name="decision_list"),
    path("beschluesse/<int:pk>/", views.DecisionDetailView.as_view(), name="decision_detail"),
    path("funktionsmatrix/", views.MatrixView.as_view(), name="matrix"),
    path("befunde/", views.FindingListView.as_view(), name="finding_list"),
    path("befunde/<int:pk>/", views.FindingDetailView.as_view(), name="finding_detail"),
    path("konzept/", views.ConceptView.as_view(), name="concept"),
    path("konzept/<int:pk>/", views.ChapterDetailView.as_view(), name="chapter_detail"),
    path("berichte/", views.ReportListView.as_view(), name="report_list"),
    path("berichte/<int:pk>/", views.ReportDownloadView.as_view(), name="report_download"),
    path("suche/", views.SearchView.as_view(), name="search"),
    path("beteiligung/", views.ParticipationListView.as_view(), name="participation_list"),
    path(
        "beteiligung/<int:pk>/",
        views.ParticipationDetailView.as_view(),
        name="participation_detail",
    ),
    path(
        "beteiligung/<int:pk>/abwaegungstabelle/",
        views.ParticipationTableView.as_view(),
        name="participation_table",
    ),
    path(
        "beteiligung/<int:pk>/stellungnahme/",
        views.ParticipationStatementView.as_view(),
        name="participation_statement",
    ),
]
