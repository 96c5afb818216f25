"""The cooperation overview and the joint regional development concept."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from cooperation.permissions import is_cooperation_member
from core.permissions import MemberRequiredMixin
from core.views import ServiceFormView, VersionedEditView

from . import selectors, services
from .forms import ChapterForm, ChapterPublishForm
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
        attendance_chart, attendance_meetings = selectors.board_attendance(user)
        counts = selectors.decision_counts(user)
        figures = selectors.key_figures(user, counts=counts)
        return super().get_context_data(
            **kwargs,
            phases=phases,
            current_phase=current_phase,
            phase_chart=selectors.phase_chart(phases, current_phase),
            figures=figures,
            decision_chart=selectors.decisions_by_year(user, counts=counts),
            attendance_chart=attendance_chart,
            attendance_meetings=attendance_meetings,
            chapters=selectors.concept_chapters(
                user, areas=[row.area for row in figures.findings_by_area]
            ),
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


class ChapterCreateView(MemberRequiredMixin, ServiceFormView):
    """The office adds a chapter to the development concept."""

    template_name = "overview/chapter_form.html"
    form_class = ChapterForm
    success_message = gettext_lazy("The chapter has been added.")

    def get_target(self):
        if not can_edit_concept(self.request.user):
            raise PermissionDenied
        return None

    def get_form_kwargs(self, target):
        return {"user": self.request.user}

    def get_initial(self, target):
        return {"position": selectors.next_chapter_position()}

    def get_cancel_url(self, target):
        return reverse("overview:overview") + "#concept-heading"

    def perform(self, form, target):
        data = form.cleaned_data
        chapter = services.chapter_create(
            position=data["position"],
            title=data["title"],
            text=data["text"],
            function_areas=data["function_areas"],
            findings=data["findings"],
            actor=self.request.user,
        )
        return chapter.get_absolute_url()


class ChapterUpdateView(MemberRequiredMixin, VersionedEditView):
    """The office edits a chapter; a concurrent save is refused (409) and both
    versions are shown side by side with the editor's input kept."""

    template_name = "overview/chapter_form.html"
    form_class = ChapterForm
    success_message = gettext_lazy("The chapter has been saved.")

    def get_target(self):
        return get_chapter_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_theirs(self, chapter):
        return get_chapter_for_user(
            self.request.user, chapter.pk, queryset=selectors.chapter_detail_queryset()
        )

    def get_form_kwargs(self, chapter):
        return {"user": self.request.user, "chapter": chapter}

    def get_initial(self, chapter):
        return ChapterForm.initial_for(chapter)

    def get_context(self, chapter):
        return {"chapter": chapter}

    def perform(self, form, chapter):
        data = form.cleaned_data
        services.chapter_update(
            chapter=chapter,
            data={key: data[key] for key in ("position", "title", "text")},
            function_areas=data["function_areas"],
            # Cited findings the editor may not see (taken back to a draft) stay cited.
            findings=[
                *data["findings"],
                *selectors.hidden_cited_findings(self.request.user, chapter),
            ],
            expected_version=data["version"],
            actor=self.request.user,
        )
        return reverse("overview:chapter_detail", args=[chapter.pk])


class ChapterPublishView(MemberRequiredMixin, ServiceFormView):
    """The office publishes the chapter's current version (its text on the public side
    stays as published until the office publishes again)."""

    template_name = "overview/chapter_publish.html"
    form_class = ChapterPublishForm
    title = gettext_lazy("Publish version")
    intro = gettext_lazy(
        "This version of the chapter becomes the published one. Later changes stay "
        "internal until a version is published again."
    )
    submit_label = gettext_lazy("Publish version")
    success_message = gettext_lazy("The version has been published.")

    def get_target(self):
        return get_chapter_for_user(self.request.user, self.kwargs["pk"], perm="change")

    def get_initial(self, chapter):
        return {"version": chapter.version}

    def get_context(self, chapter):
        return {"chapter": chapter}

    def perform(self, form, chapter):
        services.chapter_publish(
            chapter=chapter,
            expected_version=form.cleaned_data["version"],
            actor=self.request.user,
        )
        return chapter.get_absolute_url()
