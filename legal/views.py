"""The legal pages (public, no login) and the office's pages for the texts and feedback."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from access.net import client_address
from core.caching import PublicCacheMixin
from core.permissions import MemberRequiredMixin
from core.views import FilteredListView, ServiceFormView, VersionedEditView

from . import selectors, services
from .forms import FeedbackAnswerForm, FeedbackFilterForm, FeedbackForm, LegalTextForm
from .models import LegalTextKind
from .permissions import (
    get_feedback_for_user,
    get_text_for_editing,
    require_feedback_reader,
    require_text_editor,
)
from .validators import validate_page_address

FEEDBACK_PAGE_SIZE = 25
TOO_MANY = gettext_lazy(
    "Too many messages have been sent from your connection. Please try again in an hour "
    "or write to us by e-mail."
)


class LegalTextView(PublicCacheMixin, View):
    """Imprint, privacy statement or accessibility statement, as the office wrote it;
    while a text is missing, a page that says it is being prepared (200)."""

    kind = None

    def get(self, request):
        text = selectors.legal_text(self.kind)
        return render(
            request,
            "legal/text.html",
            {
                "text": text,
                "kind": self.kind,
                "kind_label": LegalTextKind(self.kind).label,
                "is_statement": self.kind == LegalTextKind.ACCESSIBILITY,
            },
        )


@method_decorator(never_cache, name="dispatch")
class FeedbackView(ServiceFormView):
    """The public form for reporting a barrier. It carries a CSRF token, so it is never
    cached. Limited per client address and hour (429 over the limit)."""

    template_name = "legal/feedback.html"
    form_class = FeedbackForm
    title = gettext_lazy("Report a barrier")
    submit_label = gettext_lazy("Send message")
    success_message = gettext_lazy(
        "Thank you. Your message has been sent to the office of the cooperation."
    )

    def get_target(self):
        return None

    def get_initial(self, target):
        # The "report a barrier" link names the page it was on (a path of this site).
        address = self.request.GET.get("adresse", "")
        if not address or len(address) > 500:
            return {}
        try:
            validate_page_address(address)
        except ValidationError:
            return {}
        return {"page_address": address}

    def get_cancel_url(self, target):
        return reverse("legal:accessibility")

    def perform(self, form, target):
        if not services.feedback_allowed(client_address(self.request)):
            raise ValidationError(TOO_MANY, code="too_many")
        data = form.cleaned_data
        services.feedback_submit(
            message=data["message"],
            name=data["name"],
            email=data["email"],
            page_address=data["page_address"],
            actor=self.request.user,
        )
        return reverse("legal:feedback")

    def refused(self, form, target):
        response = super().refused(form, target)
        if form.has_error(NON_FIELD_ERRORS, "too_many"):
            response.status_code = 429
        return response


# --- The office's pages -----------------------------------------------------------------


class TextListView(MemberRequiredMixin, TemplateView):
    """The office's overview of the three texts and the feedback received."""

    template_name = "legal/text_list.html"

    def get_context_data(self, **kwargs):
        require_text_editor(self.request.user)
        return super().get_context_data(
            **kwargs,
            texts=selectors.legal_texts_by_kind(),
            open_feedback=selectors.open_feedback_count(),
        )


class TextUpdateView(MemberRequiredMixin, VersionedEditView):
    """The office edits a text (the first save writes it); a concurrent save is
    refused (409) with both versions side by side and the editor's input kept."""

    template_name = "legal/text_form.html"
    form_class = LegalTextForm
    success_message = gettext_lazy("The text has been saved.")

    def get_target(self):
        return get_text_for_editing(self.request.user, self.kwargs["slug"])

    def get_theirs(self, text):
        theirs = get_text_for_editing(self.request.user, self.kwargs["slug"])
        return theirs if theirs.pk else None

    def get_form_kwargs(self, text):
        return {"kind": text.kind}

    def get_initial(self, text):
        return LegalTextForm.initial_for(text)

    def get_context(self, text):
        return {"text": text}

    def get_cancel_url(self, text):
        return reverse("legal:text_list")

    def perform(self, form, text):
        services.legal_text_save(
            kind=text.kind,
            data=form.data_for_service(),
            expected_version=form.cleaned_data["version"],
            actor=self.request.user,
        )
        return reverse("legal:text_history", args=[self.kwargs["slug"]])


class TextHistoryView(MemberRequiredMixin, TemplateView):
    """The text as published, and who changed what when."""

    template_name = "legal/text_history.html"

    def get_context_data(self, **kwargs):
        text = get_text_for_editing(self.request.user, self.kwargs["slug"], create=False)
        return super().get_context_data(
            **kwargs,
            text=text,
            history=selectors.text_history(text),
            restore_url_name=None,
        )


class FeedbackListView(MemberRequiredMixin, FilteredListView):
    """The feedback received, newest first, 25 a page; `?stand=offen|beantwortet`."""

    template_name = "legal/feedback_list.html"
    filter_form_class = FeedbackFilterForm
    page_size = FEEDBACK_PAGE_SIZE
    context_object_name = "feedback"

    def get(self, request, *args, **kwargs):
        require_feedback_reader(request.user)
        return super().get(request, *args, **kwargs)

    def get_rows(self, selected):
        return selectors.feedback_rows(**selected)


class FeedbackAnswerView(MemberRequiredMixin, ServiceFormView):
    """The office marks a message as answered, with a note."""

    template_name = "legal/feedback_answer.html"
    form_class = FeedbackAnswerForm
    title = gettext_lazy("Mark as answered")
    submit_label = gettext_lazy("Mark as answered")
    success_message = gettext_lazy("The feedback has been marked as answered.")

    def get_target(self):
        return get_feedback_for_user(
            self.request.user,
            self.kwargs["pk"],
            perm="change",
            queryset=selectors.feedback_detail_queryset(),
        )

    def get_context(self, feedback):
        return {"feedback": feedback}

    def get_cancel_url(self, feedback):
        return reverse("legal:feedback_list")

    def perform(self, form, feedback):
        services.feedback_mark_answered(
            feedback=feedback, note=form.cleaned_data["note"], actor=self.request.user
        )
        return reverse("legal:feedback_list")
