"""Who may see and do what in a participation procedure.

* **Members of the cooperation** (model-level `view_participationprocedure` from the
  members' role group) read the procedures once they are put out, their submitted
  statements and weighings, without the submitters' private contact data.
* **The office** (`add_`/`change_`/`delete_participationprocedure` and `weigh_statement`
  from the office's group) prepares and puts out procedures, invites participants, sees
  the contact data, weighs, puts the weighing on the board's agenda, has the table
  built and publishes it after the board's decision.
* **Participants** (accounts in `settings.PARTICIPANT_GROUP`, no member permission, so
  `core.permissions.MemberRequiredMixin` answers 403 on every internal page) see only
  the procedures they are a `Participant` of, put out, and only their own statements
  (and their weighing once the board has decided).
* **The public** sees only `ParticipationProcedure.objects.published()` (and, while a
  procedure open to the public runs, its concept version and statement form): through
  `public`, never through this app's pages.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import (
    Participant,
    ParticipationProcedure,
    Statement,
    StatementAttachment,
    StatementStatus,
    TableStatus,
    WeighingTable,
)

VIEW = "participation.view_participationprocedure"
ADD = "participation.add_participationprocedure"
CHANGE = "participation.change_participationprocedure"
WEIGH = "participation.weigh_statement"


# --- Members and the office ---------------------------------------------------------------


def can_manage(user) -> bool:
    """The office: prepares, puts out, invites, publishes."""
    return user.has_perm(CHANGE)


def can_weigh(user) -> bool:
    return user.has_perm(WEIGH)


def can_see_contact_data(user) -> bool:
    """Names and e-mail addresses of submitters and participants: the office only."""
    return user.has_perm(CHANGE)


def visible_procedures(user):
    """Procedures a member may open: those put out; the office also its drafts."""
    if not user.has_perm(VIEW):
        return ParticipationProcedure.objects.none()
    if can_manage(user):
        return ParticipationProcedure.objects.all()
    return ParticipationProcedure.objects.opened()


def get_procedure_for_user(user, pk, *, perm="view", queryset=None) -> ParticipationProcedure:
    """The procedure for a member's page: 404 when the user may not see it, 403 when
    they may see it but not `perm` ("change": the office; "weigh": weighing)."""
    base = queryset if queryset is not None else ParticipationProcedure.objects.all()
    procedure = base.filter(pk=pk).filter(pk__in=visible_procedures(user).values("pk")).first()
    if procedure is None:
        raise Http404
    if perm == "change" and not can_manage(user):
        raise PermissionDenied
    if perm == "weigh" and not can_weigh(user):
        raise PermissionDenied
    return procedure


# --- part-office: statements, attachments and tables on the members' pages -----------


def get_statement_for_user(user, pk, *, perm="view", queryset=None) -> Statement:
    """A submitted statement of a procedure the member may see (drafts are the
    participants' own: 404 here); 403 for "weigh" without the right to weigh."""
    base = queryset if queryset is not None else Statement.objects.select_related("procedure")
    statement = (
        base.submitted().filter(pk=pk, procedure__in=visible_procedures(user).values("pk")).first()
    )
    if statement is None:
        raise Http404
    if perm == "weigh" and not can_weigh(user):
        raise PermissionDenied
    return statement


def get_attachment_for_user(user, pk) -> StatementAttachment:
    """An attachment of a statement the member may see (the statement's gate's rule)."""
    attachment = StatementAttachment.objects.filter(
        pk=pk,
        statement__status=StatementStatus.SUBMITTED,
        statement__procedure__in=visible_procedures(user).values("pk"),
    ).first()
    if attachment is None:
        raise Http404
    return attachment


def get_table_for_user(user, pk) -> WeighingTable:
    """A built weighing table of a procedure the member may see."""
    table = (
        WeighingTable.objects.select_related("procedure")
        .filter(pk=pk, status=TableStatus.DONE, procedure__in=visible_procedures(user).values("pk"))
        .first()
    )
    if table is None:
        raise Http404
    return table


# --- Participants ---------------------------------------------------------------------


def is_participant_account(user) -> bool:
    return user.is_authenticated and user.groups.filter(name=settings.PARTICIPANT_GROUP).exists()


def participations_of(user):
    """The user's participations in procedures that are put out."""
    if not user.is_authenticated:
        return Participant.objects.none()
    return Participant.objects.filter(user=user, procedure__opened_at__isnull=False)
