"""Placeholder: implemented by a work package in progress."""

from django.views import View


class DecisionListView(View):
    pass


class DecisionCreateView(View):
    pass


class DecisionDetailView(View):
    pass


class DecisionProgressCreateView(View):
    pass
