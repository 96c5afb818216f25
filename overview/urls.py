from django.urls import path

from . import views

app_name = "overview"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("kooperation/", views.OverviewView.as_view(), name="overview"),
    path("konzept/neu/", views.ChapterCreateView.as_view(), name="chapter_create"),
    path("konzept/<int:pk>/", views.ChapterDetailView.as_view(), name="chapter_detail"),
    path("konzept/<int:pk>/bearbeiten/", views.ChapterUpdateView.as_view(), name="chapter_update"),
    path(
        "konzept/<int:pk>/veroeffentlichen/",
        views.ChapterPublishView.as_view(),
        name="chapter_publish",
    ),
]
