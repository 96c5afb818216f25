"""Placeholder: implemented by a work package in progress."""

from django.views import View


class PaperUploadView(View):
    pass


class PaperDownloadView(View):
    pass
