"""Meetings and their agenda, attendance and minutes."""

from django.views import View


class MeetingListView(View):
    pass


class MeetingCreateView(View):
    pass


class MeetingDetailView(View):
    pass


class MeetingUpdateView(View):
    pass


class MeetingCancelView(View):
    pass


class MeetingHeldView(View):
    pass


class AgendaItemCreateView(View):
    pass


class AgendaItemUpdateView(View):
    pass


class AgendaItemMoveView(View):
    pass


class ProposalCreateView(View):
    pass


class ProposalDecideView(View):
    pass


class AttendanceView(View):
    pass


class QuorumView(View):
    pass


class MinutesEditView(View):
    pass


class MinutesCirculateView(View):
    pass


class MinutesApproveView(View):
    pass


class MinutesCorrectionView(View):
    pass
