"""The cooperation overview and the joint regional development concept."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from cooperation.permissions import MemberRequiredMixin, is_cooperation_member
from core.views import add_service_errors

from . import selectors, services
from .forms import ChapterForm
from .permissions import can_edit_concept, get_chapter_for_user


class DashboardView(TemplateView):
    template_name = "overview/dashboard.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_cooperation_member(request.user):
            # A user without any role sees nothing but this explanation.
            return render(request, "no_access.html", status=200)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, **selectors.dashboard(self.request.user))


class OverviewView(MemberRequiredMixin, TemplateView):
    """Phases, key figures and the development concept, for every member."""

    template_name = "overview/overview.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        phases, current_phase = selectors.phase_steps_and_current()
        return super().get_context_data(
            **kwargs,
            phases=phases,
            current_phase=current_phase,
            figures=selectors.key_figures(user),
            chapters=selectors.concept_chapters(user),
            can_edit=can_edit_concept(user),
        )


class ChapterDetailView(MemberRequiredMixin, TemplateView):
    template_name = "overview/chapter_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        chapter = get_chapter_for_user(
            user, self.kwargs["pk"], queryset=selectors.chapter_detail_queryset()
        )
        return super().get_context_data(
            **kwargs,
            chapter=chapter,
            findings=selectors.cited_findings(user, chapter),
            can_edit=can_edit_concept(user),
            # Restoring earlier versions is not offered here (the office edits instead).
            history=selectors.chapter_history(user, chapter),
            restore_url_name=None,
        )


class ChapterFormView(MemberRequiredMixin, View):
    template_name = "overview/chapter_form.html"

    def render_form(self, form, *, chapter=None, theirs=None, status=200):
        context = {"form": form, "chapter": chapter, "theirs": theirs}
        return render(self.request, self.template_name, context, status=status)


class ChapterCreateView(ChapterFormView):
    """The office adds a chapter to the development concept."""

    def check(self):
        if not can_edit_concept(self.request.user):
            raise PermissionDenied

    def get(self, request):
        self.check()
        initial = {"position": selectors.next_chapter_position()}
        return self.render_form(ChapterForm(initial=initial, user=request.user))

    def post(self, request):
        self.check()
        form = ChapterForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render_form(form, status=400)
        data = form.cleaned_data
        try:
            chapter = services.chapter_create(
                position=data["position"],
                title=data["title"],
                text=data["text"],
                function_areas=data["function_areas"],
                findings=data["findings"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render_form(form, status=400)
        messages.success(request, _("The chapter has been added."))
        return redirect(chapter)


class ChapterUpdateView(ChapterFormView):
    """The office edits a chapter; a concurrent save is refused (409) and both
    versions are shown side by side with the editor's input kept."""

    def get(self, request, pk):
        chapter = get_chapter_for_user(request.user, pk, perm="change")
        form = ChapterForm(
            initial=ChapterForm.initial_for(chapter), user=request.user, chapter=chapter
        )
        return self.render_form(form, chapter=chapter)

    def post(self, request, pk):
        chapter = get_chapter_for_user(request.user, pk, perm="change")
        form = ChapterForm(request.POST, user=request.user, chapter=chapter)
        if not form.is_valid():
            return self.render_form(form, chapter=chapter, status=400)
        data = form.cleaned_data
        try:
            services.chapter_update(
                chapter=chapter,
                data={key: data[key] for key in ("position", "title", "text")},
                function_areas=data["function_areas"],
                # Cited findings the editor may not see (taken back to a draft) stay cited.
                findings=[
                    *data["findings"],
                    *selectors.hidden_cited_findings(request.user, chapter),
                ],
                expected_version=data["version"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            if getattr(error, "code", None) != "conflict":
                chapter.refresh_from_db()
                return self.render_form(form, chapter=chapter, status=400)
            theirs = get_chapter_for_user(
                request.user, pk, queryset=selectors.chapter_detail_queryset()
            )
            # The next save is meant to replace the version shown here.
            form.data = form.data.copy()
            form.data["version"] = theirs.version
            return self.render_form(form, chapter=theirs, theirs=theirs, status=409)
        messages.success(request, _("The chapter has been saved."))
        return redirect(reverse("overview:chapter_detail", args=[chapter.pk]))
