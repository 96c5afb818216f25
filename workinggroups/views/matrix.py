"""The function matrix page."""

from django.shortcuts import render
from django.views import View

from cooperation.permissions import MemberRequiredMixin

from .. import selectors
from ..forms import MatrixFilterForm


class MatrixView(MemberRequiredMixin, View):
    """Facilities and findings per function and partner, with each area's need for action.

    Filters by partner (columns) and area (blocks); an unknown filter value answers
    400 with a German message and the whole matrix.
    """

    template_name = "workinggroups/matrix.html"

    def get(self, request):
        all_areas, all_partners = selectors.matrix_choices()
        form = MatrixFilterForm(request.GET or None, areas=all_areas, partners=all_partners)
        status = 400 if form.is_bound and not form.is_valid() else 200
        areas, partners = form.filter(areas=all_areas, partners=all_partners)
        rows = selectors.function_matrix(request.user, areas=areas, partners=partners)
        context = {
            "form": form,
            "partners": partners,
            "matrix": rows,
            "filtered": form.filtered,
        }
        return render(request, self.template_name, context, status=status)
