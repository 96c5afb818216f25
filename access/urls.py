from django.urls import path

from . import views

app_name = "access"

urlpatterns = [
    path("konto/anmeldungen/", views.SessionListView.as_view(), name="session_list"),
    path(
        "konto/anmeldungen/andere-beenden/",
        views.SessionEndOthersView.as_view(),
        name="session_end_others",
    ),
    path(
        "konto/anmeldungen/<uuid:handle>/beenden/",
        views.SessionEndView.as_view(),
        name="session_end",
    ),
    path("zugriffsprotokoll/", views.AccessLogView.as_view(), name="event_list"),
]
