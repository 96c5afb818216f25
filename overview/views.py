"""Placeholder: implemented by a work package in progress."""

from django.views import View


class OverviewView(View):
    pass


class ChapterCreateView(View):
    pass


class ChapterDetailView(View):
    pass


class ChapterUpdateView(View):
    pass
