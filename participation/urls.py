"""The participation procedures: the office's and members' pages under /beteiligung/,
the participants' pages under /beteiligung/verfahren/ (the public pages are in `public`)."""

from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
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
        views.StatementDetailView.as_view(),
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
        views.AttachmentDownloadView.as_view(),
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
