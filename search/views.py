from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views import View

from core.permissions import MemberRequiredMixin
from core.views import form_error_messages

from . import selectors
from .forms import SearchForm


class SearchView(MemberRequiredMixin, View):
    """`/suche/`: everything the member may see (`search.selectors.search`). Bad input
    (too long, too many words, an unknown kind) answers 400 with a German message."""

    template_name = "search/results.html"

    def get(self, request):
        form = SearchForm(request.GET or None)
        results, errors = None, []
        if form.is_bound and form.is_valid():
            try:
                results = selectors.search(
                    form.cleaned_data["q"],
                    user=request.user,
                    kinds=form.cleaned_data["art"],
                    page=request.GET.get("seite"),
                )
            except ValidationError as error:
                errors = error.messages
        elif form.is_bound:
            errors = form_error_messages(form)
        context = {"form": form, "results": results, "errors": errors}
        return render(request, self.template_name, context, status=400 if errors else 200)
