"""Placeholder: implemented by a work package in progress."""

from django.views import View


class ReportCreateView(View):
    pass


class ReportDetailView(View):
    pass


class ReportSubmitView(View):
    pass
