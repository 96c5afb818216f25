"""The participation procedures: the office's and members' pages under /beteiligung/,
the participants' pages under /beteiligung/verfahren/ (the public pages are in `public`)."""

from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    # --- part-office: the office's and members' pages ---
    path("beteiligung/", views.ProcedureListView.as_view(), name="procedure_list"),
    path("beteiligung/neu/", views.ProcedureCreateView.as_view(), name="procedure_create"),
    path("beteiligung/<int:pk>/", views.ProcedureDetailView.as_view(), name="procedure_detail"),
    path(
        "beteiligung/<int:pk>/bearbeiten/",
        views.ProcedureUpdateView.as_view(),
        name="procedure_update",
    ),
    path(
        "beteiligung/<int:pk>/auslegen/", views.ProcedureOpenView.as_view(), name="procedure_open"
    ),
    path(
        "beteiligung/<int:pk>/stellungnahmen/",
        views.StatementListView.as_view(),
        name="statement_list",
    ),
    path(
        "beteiligung/<int:pk>/tagesordnung/",
        views.AgendaItemView.as_view(),
        name="procedure_agenda",
    ),
    path(
        "beteiligung/<int:pk>/beschluss/",
        views.DecisionLinkView.as_view(),
        name="procedure_decision",
    ),
    path(
        "beteiligung/<int:pk>/abwaegungstabelle/",
        views.TableRequestView.as_view(),
        name="table_request",
    ),
    path(
        "beteiligung/<int:pk>/veroeffentlichen/",
        views.ProcedurePublishView.as_view(),
        name="procedure_publish",
    ),
    path(
        "beteiligung/stellungnahmen/<int:pk>/",
        views.StatementDetailView.as_view(),
        name="statement_detail",
    ),
    path(
        "beteiligung/stellungnahmen/<int:pk>/abwaegung/",
        views.WeighingView.as_view(),
        name="weighing",
    ),
    path(
        "beteiligung/anlagen/<int:pk>/",
        views.AttachmentDownloadView.as_view(),
        name="attachment_download",
    ),
    path(
        "beteiligung/abwaegungstabellen/<int:pk>/",
        views.TableDownloadView.as_view(),
        name="table_download",
    ),
    # --- The participants' pages and the office's participants page (part-participant) ---
    path("beteiligung/verfahren/", views.MyProceduresView.as_view(), name="my_procedures"),
    path("beteiligung/verfahren/<int:pk>/", views.MyProcedureView.as_view(), name="my_procedure"),
    path(
        "beteiligung/verfahren/<int:pk>/stellungnahme/neu/",
        views.StatementCreateView.as_view(),
        name="my_statement_create",
    ),
    path(
        "beteiligung/verfahren/stellungnahme/<int:pk>/",
        views.MyStatementView.as_view(),
        name="my_statement",
    ),
    path(
        "beteiligung/verfahren/stellungnahme/<int:pk>/bearbeiten/",
        views.StatementUpdateView.as_view(),
        name="my_statement_update",
    ),
    path(
        "beteiligung/verfahren/stellungnahme/<int:pk>/anlage/",
        views.AttachmentAddView.as_view(),
        name="my_statement_attachment",
    ),
    path(
        "beteiligung/verfahren/stellungnahme/<int:pk>/absenden/",
        views.StatementSubmitView.as_view(),
        name="my_statement_submit",
    ),
    path(
        "beteiligung/verfahren/stellungnahme/<int:pk>/loeschen/",
        views.StatementDeleteView.as_view(),
        name="my_statement_delete",
    ),
    path(
        "beteiligung/verfahren/anlage/<int:pk>/",
        views.MyAttachmentDownloadView.as_view(),
        name="my_attachment_download",
    ),
    path(
        "beteiligung/verfahren/anlage/<int:pk>/entfernen/",
        views.AttachmentDeleteView.as_view(),
        name="my_attachment_delete",
    ),
    path(
        "beteiligung/<int:pk>/beteiligte/",
        views.ParticipantListView.as_view(),
        name="participant_list",
    ),
    path(
        "beteiligung/beteiligte/<int:pk>/erneut-einladen/",
        views.InvitationResendView.as_view(),
        name="participant_resend",
    ),
]
