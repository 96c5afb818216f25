"""Placeholder: implemented by a work package in progress."""

from django.views import View


class GroupDetailView(View):
    pass


class FindingListView(View):
    pass


class FindingCreateView(View):
    pass


class FindingDetailView(View):
    pass


class FindingUpdateView(View):
    pass


class FindingStatusView(View):
    pass


class CommentCreateView(View):
    pass


class AttachmentUploadView(View):
    pass


class AttachmentDownloadView(View):
    pass
