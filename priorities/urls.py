from django.urls import path

from . import views

app_name = "priorities"

urlpatterns = [
    path("prioritaeten/", views.RoundListView.as_view(), name="round_list"),
    path("prioritaeten/neu/", views.RoundCreateView.as_view(), name="round_create"),
    path("prioritaeten/<int:pk>/", views.RoundDetailView.as_view(), name="round_detail"),
    path("prioritaeten/<int:pk>/bearbeiten/", views.RoundUpdateView.as_view(), name="round_update"),
    path("prioritaeten/<int:pk>/beenden/", views.RoundCloseView.as_view(), name="round_close"),
    path("prioritaeten/<int:pk>/stimme/", views.BallotView.as_view(), name="ballot"),
    path("prioritaeten/<int:pk>/vorlage/", views.ResultPaperView.as_view(), name="result_paper"),
]
