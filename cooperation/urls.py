from django.urls import path

from . import views

app_name = "cooperation"

urlpatterns = [
    path("partner/", views.PartnerListView.as_view(), name="partner_list"),
    path("partner/<int:pk>/", views.PartnerDetailView.as_view(), name="partner_detail"),
    path("partner/<int:pk>/bearbeiten/", views.PartnerUpdateView.as_view(), name="partner_update"),
    path(
        "partner/<int:pk>/versionen/<int:history_id>/wiederherstellen/",
        views.PartnerRestoreView.as_view(),
        name="partner_restore",
    ),
    path("vertrag/", views.ContractView.as_view(), name="contract"),
    path(
        "vertrag/<int:pk>/dokument/", views.ContractDocumentView.as_view(), name="contract_document"
    ),
    path(
        "vertrag/<int:pk>/versionen/<int:history_id>/wiederherstellen/",
        views.ContractRestoreView.as_view(),
        name="contract_restore",
    ),
    path("gremien/", views.BodyListView.as_view(), name="body_list"),
    path("gremien/<int:pk>/", views.BodyDetailView.as_view(), name="body_detail"),
    path("gremien/<int:pk>/bearbeiten/", views.BodyUpdateView.as_view(), name="body_update"),
    path(
        "gremien/<int:pk>/geschaeftsordnung/",
        views.RulesOfProcedureView.as_view(),
        name="rules_of_procedure",
    ),
    path(
        "gremien/<int:pk>/geschaeftsordnung/bearbeiten/",
        views.RulesOfProcedureUpdateView.as_view(),
        name="rules_of_procedure_update",
    ),
    path(
        "gremien/<int:pk>/mitglieder/neu/",
        views.MembershipCreateView.as_view(),
        name="membership_create",
    ),
    path(
        "gremien/<int:pk>/mitglieder/<int:membership_pk>/beenden/",
        views.MembershipEndView.as_view(),
        name="membership_end",
    ),
    path("phasen/neu/", views.PhaseCreateView.as_view(), name="phase_create"),
    path(
        "gremien/<int:pk>/versionen/<int:history_id>/wiederherstellen/",
        views.BodyRestoreView.as_view(),
        name="body_restore",
    ),
    path(
        "personen/ehemalige/",
        views.DepartedPersonListView.as_view(),
        name="departed_persons",
    ),
    path(
        "personen/<int:pk>/anonymisieren/",
        views.PersonAnonymiseView.as_view(),
        name="person_anonymise",
    ),
]
