"""The participants' pages (their procedures, their statements) and the office's page of
a procedure's participants (part-participant).

Participant accounts have no member permission, so these pages do not use
`MemberRequiredMixin`; `ParticipantRequiredMixin` lets in participant accounts only
(403 for everyone else logged in) and the gates (permissions.py) answer 404 for a
procedure the account is no participant of and for anyone else's statement.
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import TemplateView

from core.permissions import MemberRequiredMixin
from core.views import PrivateFileDownloadView, ServiceFormView, UploadFormView

from .. import selectors, services
from ..forms import AttachmentForm, ConfirmForm, InviteForm, StatementForm
from ..permissions import (
    get_own_attachment,
    get_own_statement,
    get_participant_for_office,
    get_participation_for_user,
    get_procedure_for_inviting,
    is_participant_account,
    may_see_own_weighing,
)
from ..services.statements import MAX_ATTACHMENTS

PAGE_SIZE = 20
PARTICIPANTS_PAGE_SIZE = 25


class ParticipantRequiredMixin(LoginRequiredMixin):
    """Anonymous users go to login; logged-in accounts that are no participant account
    get 403. First among a view's bases."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_participant_account(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MyProceduresView(ParticipantRequiredMixin, TemplateView):
    template_name = "participation/participant/my_procedures.html"

    def get_context_data(self, **kwargs):
        page = Paginator(selectors.my_procedures(self.request.user), PAGE_SIZE).get_page(
            self.request.GET.get("seite")
        )
        return super().get_context_data(**kwargs, page=page, participations=page.object_list)


class MyProcedureView(ParticipantRequiredMixin, TemplateView):
    """The procedure as put out (description, period, chapters with their text) and the
    participant's own statements (with their weighing once the board decided)."""

    template_name = "participation/participant/procedure.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        participant = get_participation_for_user(user, self.kwargs["pk"])
        procedure = participant.procedure
        page = Paginator(selectors.my_statements(user, participant), PAGE_SIZE).get_page(
            self.request.GET.get("seite")
        )
        return super().get_context_data(
            **kwargs,
            participant=participant,
            procedure=procedure,
            chapters=selectors.procedure_chapters(procedure),
            page=page,
            statements=page.object_list,
            running=procedure.is_running(),
            show_weighing=may_see_own_weighing(procedure),
        )


class StatementFormMixin:
    template_name = "participation/participant/statement_form.html"
    form_class = StatementForm

    def get_form_kwargs(self, target):
        return {"chapters": selectors.procedure_chapters(self.procedure)}


class StatementCreateView(ParticipantRequiredMixin, StatementFormMixin, ServiceFormView):
    title = gettext_lazy("Write a statement")
    submit_label = gettext_lazy("Save draft")
    success_message = gettext_lazy("The draft has been saved. Only you see it until you submit it.")

    def get_target(self):
        participant = get_participation_for_user(self.request.user, self.kwargs["pk"])
        self.procedure = participant.procedure
        return participant

    def get_context(self, participant):
        return {"procedure": self.procedure}

    def get_cancel_url(self, participant):
        return reverse("participation:my_procedure", args=[self.procedure.pk])

    def perform(self, form, participant):
        statement = services.statement_save(
            participant=participant,
            chapter=form.cleaned_data["chapter"],
            text=form.cleaned_data["text"],
            actor=self.request.user,
        )
        return reverse("participation:my_statement", args=[statement.pk])


class OwnStatementMixin:
    def get_target(self):
        statement = get_own_statement(self.request.user, self.kwargs["pk"])
        self.procedure = statement.procedure
        return statement

    def get_context(self, statement):
        return {"procedure": self.procedure, "statement": statement}

    def get_cancel_url(self, statement):
        return reverse("participation:my_statement", args=[statement.pk])


class MyStatementView(ParticipantRequiredMixin, TemplateView):
    template_name = "participation/participant/statement_detail.html"

    def get_context_data(self, **kwargs):
        statement = get_own_statement(self.request.user, self.kwargs["pk"])
        procedure = statement.procedure
        show_weighing = may_see_own_weighing(procedure)
        weighing = None
        if show_weighing and not statement.is_draft:
            weighing = getattr(statement, "weighing", None)
        return super().get_context_data(
            **kwargs,
            statement=statement,
            procedure=procedure,
            attachments=selectors.statement_attachments(statement),
            can_change=statement.is_draft and procedure.is_running(),
            show_weighing=show_weighing,
            weighing=weighing,
        )


class StatementUpdateView(
    ParticipantRequiredMixin, OwnStatementMixin, StatementFormMixin, ServiceFormView
):
    title = gettext_lazy("Edit the draft statement")
    submit_label = gettext_lazy("Save draft")
    success_message = gettext_lazy("The draft has been saved.")

    def get_initial(self, statement):
        return {"chapter": statement.chapter_id, "text": statement.text}

    def perform(self, form, statement):
        services.statement_save(
            participant=statement.participant,
            statement=statement,
            chapter=form.cleaned_data["chapter"],
            text=form.cleaned_data["text"],
            actor=self.request.user,
        )
        return reverse("participation:my_statement", args=[statement.pk])


class AttachmentAddView(ParticipantRequiredMixin, OwnStatementMixin, UploadFormView):
    template_name = "participation/participant/statement_confirm.html"
    form_class = AttachmentForm
    title = gettext_lazy("Attach a file to the statement")
    submit_label = gettext_lazy("Upload")
    success_message = gettext_lazy("The file has been attached.")

    def get_context(self, statement):
        return {
            **super().get_context(statement),
            "intro": gettext("A statement has at most %(limit)s attachments.")
            % {"limit": MAX_ATTACHMENTS},
        }

    def perform(self, form, statement):
        services.attachment_add(
            statement=statement,
            title=form.cleaned_data["title"],
            uploaded_file=form.cleaned_data["file"],
            actor=self.request.user,
        )
        return reverse("participation:my_statement", args=[statement.pk])


class MyAttachmentDownloadView(ParticipantRequiredMixin, PrivateFileDownloadView):
    def get_file_object(self):
        return get_own_attachment(self.request.user, self.kwargs["pk"])


class AttachmentDeleteView(ParticipantRequiredMixin, ServiceFormView):
    template_name = "participation/participant/statement_confirm.html"
    form_class = ConfirmForm
    title = gettext_lazy("Remove the attachment")
    submit_label = gettext_lazy("Remove attachment")
    success_message = gettext_lazy("The attachment has been removed.")

    def get_target(self):
        attachment = get_own_attachment(self.request.user, self.kwargs["pk"])
        self.statement = attachment.statement
        return attachment

    def get_context(self, attachment):
        return {
            "procedure": self.statement.procedure,
            "statement": self.statement,
            "intro": gettext("“%(title)s” (%(name)s) is removed from the draft.")
            % {"title": attachment.title, "name": attachment.original_name},
        }

    def get_cancel_url(self, attachment):
        return reverse("participation:my_statement", args=[self.statement.pk])

    def perform(self, form, attachment):
        services.attachment_delete(attachment=attachment, actor=self.request.user)
        return reverse("participation:my_statement", args=[self.statement.pk])


class StatementSubmitView(ParticipantRequiredMixin, OwnStatementMixin, ServiceFormView):
    template_name = "participation/participant/statement_confirm.html"
    form_class = ConfirmForm
    title = gettext_lazy("Submit the statement")
    intro = gettext_lazy(
        "Once submitted, the statement gets its number and can no longer be changed; the "
        "office weighs it. You receive a receipt by e-mail."
    )
    submit_label = gettext_lazy("Submit statement")

    def get_success_message(self, form, statement):
        return gettext("The statement has been submitted.")

    def perform(self, form, statement):
        services.statement_submit(statement=statement, actor=self.request.user)
        return reverse("participation:my_statement", args=[statement.pk])


class StatementDeleteView(ParticipantRequiredMixin, OwnStatementMixin, ServiceFormView):
    template_name = "participation/participant/statement_confirm.html"
    form_class = ConfirmForm
    title = gettext_lazy("Delete the draft statement")
    intro = gettext_lazy("The draft and its attachments are deleted.")
    submit_label = gettext_lazy("Delete draft")
    success_message = gettext_lazy("The draft has been deleted.")

    def perform(self, form, statement):
        procedure_pk = statement.procedure_id
        services.statement_delete(statement=statement, actor=self.request.user)
        return reverse("participation:my_procedure", args=[procedure_pk])


# --- The office: a procedure's participants --------------------------------------------


class ParticipantListView(MemberRequiredMixin, ServiceFormView):
    """The participants of a procedure (paginated) and the form inviting one more."""

    template_name = "participation/participant/office_participants.html"
    form_class = InviteForm
    submit_label = gettext_lazy("Invite")

    def get_target(self):
        return get_procedure_for_inviting(self.request.user, self.kwargs["pk"])

    def get_cancel_url(self, procedure):
        # The page itself (the form has no cancel button; the procedure's page is
        # part-office's and linked by the lead once both are merged).
        return reverse("participation:participant_list", args=[procedure.pk])

    def get_context(self, procedure):
        page = Paginator(selectors.participants_of(procedure), PARTICIPANTS_PAGE_SIZE).get_page(
            self.request.GET.get("seite")
        )
        return {
            "procedure": procedure,
            "page": page,
            "participants": page.object_list,
            "title": gettext("Participants: %(title)s") % {"title": procedure.title},
            "inviting": procedure.is_opened and not procedure.has_ended(),
        }

    def get_success_message(self, form, procedure):
        return gettext("%(organisation)s has been invited by e-mail.") % {
            "organisation": form.cleaned_data["organisation"]
        }

    def perform(self, form, procedure):
        services.participant_invite(
            procedure=procedure, actor=self.request.user, **form.cleaned_data
        )
        return reverse("participation:participant_list", args=[procedure.pk])


class InvitationResendView(MemberRequiredMixin, ServiceFormView):
    template_name = "participation/participant/office_confirm.html"
    form_class = ConfirmForm
    title = gettext_lazy("Send the invitation again")
    intro = gettext_lazy(
        "An account without a password gets a new one-time link (the old one stops "
        "working); an account with a password gets the notice again."
    )
    submit_label = gettext_lazy("Send again")
    success_message = gettext_lazy("The invitation has been sent again.")

    def get_target(self):
        return get_participant_for_office(self.request.user, self.kwargs["pk"])

    def get_context(self, participant):
        return {"procedure": participant.procedure, "participant": participant}

    def get_cancel_url(self, participant):
        return reverse("participation:participant_list", args=[participant.procedure_id])

    def perform(self, form, participant):
        services.invitation_resend(participant=participant, actor=self.request.user)
        return reverse("participation:participant_list", args=[participant.procedure_id])
