from django.urls import path

from . import views

app_name = "functions"

urlpatterns = [
    path("funktionen/", views.CatalogueView.as_view(), name="catalogue"),
    path("einrichtungen/", views.FacilityListView.as_view(), name="facility_list"),
    path("einrichtungen/neu/", views.FacilityCreateView.as_view(), name="facility_create"),
    path("einrichtungen/<int:pk>/", views.FacilityDetailView.as_view(), name="facility_detail"),
    path(
        "einrichtungen/<int:pk>/bearbeiten/",
        views.FacilityUpdateView.as_view(),
        name="facility_update",
    ),
    path(
        "einrichtungen/<int:pk>/versionen/<int:history_id>/wiederherstellen/",
        views.FacilityRestoreView.as_view(),
        name="facility_restore",
    ),
]
