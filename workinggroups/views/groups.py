"""The working-group page."""

from django.shortcuts import render
from django.views import View

from cooperation.permissions import MemberRequiredMixin

from .. import selectors
from ..permissions import get_group_for_user


class GroupDetailView(MemberRequiredMixin, View):
    template_name = "workinggroups/group_detail.html"

    def get(self, request, pk):
        group = get_group_for_user(request.user, pk, queryset=selectors.group_detail_queryset())
        return render(request, self.template_name, selectors.group_page(request.user, group))
