from django.urls import path

from . import views, views_calendar, views_decisions, views_papers

app_name = "meetings"

urlpatterns = [
    # Meetings and agenda (views.py)
    path("sitzungen/", views.MeetingListView.as_view(), name="meeting_list"),
    path(
        "gremien/<int:body_pk>/sitzungen/neu/",
        views.MeetingCreateView.as_view(),
        name="meeting_create",
    ),
    path("sitzungen/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path(
        "sitzungen/<int:pk>/bearbeiten/", views.MeetingUpdateView.as_view(), name="meeting_update"
    ),
    path("sitzungen/<int:pk>/absagen/", views.MeetingCancelView.as_view(), name="meeting_cancel"),
    path(
        "sitzungen/<int:pk>/stattgefunden/",
        views.MeetingHeldView.as_view(),
        name="meeting_held",
    ),
    path(
        "sitzungen/<int:pk>/tagesordnung/neu/",
        views.AgendaItemCreateView.as_view(),
        name="agenda_item_create",
    ),
    path(
        "tagesordnung/<int:pk>/bearbeiten/",
        views.AgendaItemUpdateView.as_view(),
        name="agenda_item_update",
    ),
    path(
        "tagesordnung/<int:pk>/verschieben/",
        views.AgendaItemMoveView.as_view(),
        name="agenda_item_move",
    ),
    path(
        "sitzungen/<int:pk>/vorschlaege/neu/",
        views.ProposalCreateView.as_view(),
        name="proposal_create",
    ),
    path(
        "vorschlaege/<int:pk>/entscheiden/",
        views.ProposalDecideView.as_view(),
        name="proposal_decide",
    ),
    path(
        "sitzungen/<int:pk>/anwesenheit/",
        views.AttendanceView.as_view(),
        name="attendance",
    ),
    path(
        "sitzungen/<int:pk>/beschlussfaehigkeit/",
        views.QuorumView.as_view(),
        name="quorum",
    ),
    path(
        "tagesordnung/<int:pk>/protokoll/",
        views.MinutesEditView.as_view(),
        name="minutes_edit",
    ),
    path(
        "sitzungen/<int:pk>/protokoll/versenden/",
        views.MinutesCirculateView.as_view(),
        name="minutes_circulate",
    ),
    path(
        "sitzungen/<int:pk>/protokoll/genehmigen/",
        views.MinutesApproveView.as_view(),
        name="minutes_approve",
    ),
    path(
        "tagesordnung/<int:pk>/protokoll/berichtigung/",
        views.MinutesCorrectionView.as_view(),
        name="minutes_correction",
    ),
    # Papers (views_papers.py)
    path(
        "sitzungen/<int:pk>/unterlagen/neu/",
        views_papers.PaperUploadView.as_view(),
        name="paper_upload",
    ),
    path(
        "unterlagen/<int:pk>/datei/",
        views_papers.PaperDownloadView.as_view(),
        name="paper_download",
    ),
    # Invitations and calendar (views_calendar.py)
    path(
        "sitzungen/<int:pk>/einladen/",
        views_calendar.MeetingInviteView.as_view(),
        name="meeting_invite",
    ),
    path(
        "sitzungen/<int:pk>/kalender.ics",
        views_calendar.MeetingIcsView.as_view(),
        name="meeting_ics",
    ),
    path(
        "kalender/<str:token>.ics",
        views_calendar.CalendarFeedView.as_view(),
        name="calendar_feed",
    ),
    path(
        "konto/kalender/",
        views_calendar.CalendarSettingsView.as_view(),
        name="calendar_settings",
    ),
    # Decisions (views_decisions.py)
    path("beschluesse/", views_decisions.DecisionListView.as_view(), name="decision_list"),
    path(
        "tagesordnung/<int:pk>/beschluesse/neu/",
        views_decisions.DecisionCreateView.as_view(),
        name="decision_create",
    ),
    path(
        "beschluesse/<int:pk>/",
        views_decisions.DecisionDetailView.as_view(),
        name="decision_detail",
    ),
    path(
        "beschluesse/<int:pk>/fortschritt/neu/",
        views_decisions.DecisionProgressCreateView.as_view(),
        name="decision_progress",
    ),
]
