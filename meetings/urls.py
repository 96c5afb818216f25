from django.urls import path

from .views import agenda, attendance, calendar, decisions, meetings, minutes, papers

app_name = "meetings"

urlpatterns = [
    # Meetings and agenda (views/meetings.py, agenda.py, attendance.py, minutes.py)
    path("sitzungen/", meetings.MeetingListView.as_view(), name="meeting_list"),
    path(
        "gremien/<int:body_pk>/sitzungen/neu/",
        meetings.MeetingCreateView.as_view(),
        name="meeting_create",
    ),
    path("sitzungen/<int:pk>/", meetings.MeetingDetailView.as_view(), name="meeting_detail"),
    path(
        "sitzungen/<int:pk>/bearbeiten/",
        meetings.MeetingUpdateView.as_view(),
        name="meeting_update",
    ),
    path(
        "sitzungen/<int:pk>/absagen/", meetings.MeetingCancelView.as_view(), name="meeting_cancel"
    ),
    path(
        "sitzungen/<int:pk>/stattgefunden/",
        meetings.MeetingHeldView.as_view(),
        name="meeting_held",
    ),
    path(
        "sitzungen/<int:pk>/tagesordnung/neu/",
        agenda.AgendaItemCreateView.as_view(),
        name="agenda_item_create",
    ),
    path(
        "tagesordnung/<int:pk>/bearbeiten/",
        agenda.AgendaItemUpdateView.as_view(),
        name="agenda_item_update",
    ),
    path(
        "tagesordnung/<int:pk>/verschieben/",
        agenda.AgendaItemMoveView.as_view(),
        name="agenda_item_move",
    ),
    path(
        "sitzungen/<int:pk>/vorschlaege/neu/",
        agenda.ProposalCreateView.as_view(),
        name="proposal_create",
    ),
    path(
        "vorschlaege/<int:pk>/entscheiden/",
        agenda.ProposalDecideView.as_view(),
        name="proposal_decide",
    ),
    path(
        "sitzungen/<int:pk>/anwesenheit/",
        attendance.AttendanceView.as_view(),
        name="attendance",
    ),
    path(
        "sitzungen/<int:pk>/beschlussfaehigkeit/",
        attendance.QuorumView.as_view(),
        name="quorum",
    ),
    path(
        "tagesordnung/<int:pk>/protokoll/",
        minutes.MinutesEditView.as_view(),
        name="minutes_edit",
    ),
    path(
        "sitzungen/<int:pk>/protokoll/versenden/",
        minutes.MinutesCirculateView.as_view(),
        name="minutes_circulate",
    ),
    path(
        "sitzungen/<int:pk>/protokoll/genehmigen/",
        minutes.MinutesApproveView.as_view(),
        name="minutes_approve",
    ),
    path(
        "tagesordnung/<int:pk>/protokoll/berichtigung/",
        minutes.MinutesCorrectionView.as_view(),
        name="minutes_correction",
    ),
    # Papers (papers.py)
    path(
        "sitzungen/<int:pk>/unterlagen/neu/",
        papers.PaperUploadView.as_view(),
        name="paper_upload",
    ),
    path(
        "unterlagen/<int:pk>/datei/",
        papers.PaperDownloadView.as_view(),
        name="paper_download",
    ),
    path(
        "unterlagen/<int:pk>/zurueckhalten/",
        papers.PaperWithholdView.as_view(),
        name="paper_withhold",
    ),
    path(
        "unterlagen/<int:pk>/freigeben/",
        papers.PaperReleaseView.as_view(),
        name="paper_release",
    ),
    # Invitations and calendar (calendar.py)
    path(
        "sitzungen/<int:pk>/einladen/",
        calendar.MeetingInviteView.as_view(),
        name="meeting_invite",
    ),
    path(
        "sitzungen/<int:pk>/kalender.ics",
        calendar.MeetingIcsView.as_view(),
        name="meeting_ics",
    ),
    path(
        "kalender/<str:token>.ics",
        calendar.CalendarFeedView.as_view(),
        name="calendar_feed",
    ),
    path(
        "konto/kalender/",
        calendar.CalendarSettingsView.as_view(),
        name="calendar_settings",
    ),
    # Decisions (decisions.py)
    path("beschluesse/", decisions.DecisionListView.as_view(), name="decision_list"),
    path(
        "tagesordnung/<int:pk>/beschluesse/neu/",
        decisions.DecisionCreateView.as_view(),
        name="decision_create",
    ),
    path(
        "beschluesse/<int:pk>/",
        decisions.DecisionDetailView.as_view(),
        name="decision_detail",
    ),
    path(
        "beschluesse/<int:pk>/fortschritt/neu/",
        decisions.DecisionProgressCreateView.as_view(),
        name="decision_progress",
    ),
]
