from django.urls import path

from . import views

app_name = "winwin"

urlpatterns = [
    path("partner/<int:pk>/bedarfe-und-angebote/", views.ProfileView.as_view(), name="profile"),
    path(
        "partner/<int:pk>/bedarfe-und-angebote/staerken-und-schwaechen/",
        views.ProfileUpdateView.as_view(),
        name="profile_update",
    ),
    path(
        "partner/<int:pk>/bedarfe-und-angebote/neu/<str:kind>/",
        views.EntryCreateView.as_view(),
        name="entry_create",
    ),
    path("bedarfe-und-angebote/<int:pk>/", views.EntryDetailView.as_view(), name="entry_detail"),
    path(
        "bedarfe-und-angebote/<int:pk>/bearbeiten/",
        views.EntryUpdateView.as_view(),
        name="entry_update",
    ),
    path(
        "bedarfe-und-angebote/<int:pk>/zurueckziehen/",
        views.EntryDeleteView.as_view(),
        name="entry_delete",
    ),
    path("funktionen/bereiche/<int:pk>/win-win/", views.AreaView.as_view(), name="area"),
    path(
        "funktionen/bereiche/<int:pk>/win-win/befund/",
        views.MatchFindingView.as_view(),
        name="match_finding",
    ),
    path(
        "funktionen/bereiche/<int:pk>/win-win/vorschlag/",
        views.MatchProposalView.as_view(),
        name="match_proposal",
    ),
]
