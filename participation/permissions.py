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

from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.permissions import is_participant_account as core_is_participant_account

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
    return core_is_participant_account(user)


def participations_of(user):
    """The user's participations in procedures that are put out."""
    if not user.is_authenticated:
        return Participant.objects.none()
    return Participant.objects.filter(user=user, procedure__opened_at__isnull=False)


# --- Participants' pages (part-participant) ---------------------------------------------


def require_participant_account(user) -> None:
    """The participants' pages are for participant accounts: anyone else 403 (anonymous
    users are sent to the login before by the views' LoginRequiredMixin)."""
    if not is_participant_account(user):
        raise PermissionDenied


def get_participation_for_user(user, procedure_pk, *, queryset=None) -> Participant:
    """The user's participation in the procedure `procedure_pk` (put out): 404 when the
    user is no participant of it, whatever else they may see."""
    require_participant_account(user)
    base = queryset if queryset is not None else Participant.objects.all()
    participant = (
        base.filter(pk__in=participations_of(user).values("pk"))
        .filter(procedure_id=procedure_pk)
        .select_related("procedure")
        .first()
    )
    if participant is None:
        raise Http404
    return participant


def own_statements(user):
    """The statements of the user's own participations (drafts included), never anyone
    else's."""
    return Statement.objects.filter(participant__in=participations_of(user))


def get_own_statement(user, pk, *, queryset=None):
    """One of the user's own statements: 404 for every other statement (another
    participant's, the public's, a procedure not put out)."""
    require_participant_account(user)
    base = queryset if queryset is not None else own_statements(user)
    statement = (
        base.filter(pk=pk)
        .filter(pk__in=own_statements(user).values("pk"))
        .select_related("procedure", "participant", "chapter", "weighing")
        .first()
    )
    if statement is None:
        raise Http404
    return statement


def get_own_attachment(user, pk):
    """An attachment of one of the user's own statements (404 otherwise)."""
    require_participant_account(user)
    attachment = (
        StatementAttachment.objects.filter(pk=pk, statement__in=own_statements(user))
        .select_related("statement__procedure")
        .first()
    )
    if attachment is None:
        raise Http404
    return attachment


def may_see_own_weighing(procedure) -> bool:
    """Participants see the weighing of their own statements once the board decided."""
    return procedure.is_decided


# --- The office invites participants (part-participant) ----------------------------------


def get_procedure_for_inviting(user, pk) -> ParticipationProcedure:
    """The procedure whose participants the office manages: 404 for those who may not
    see it, 403 for members who see it but are no office."""
    return get_procedure_for_user(user, pk, perm="change")


def get_participant_for_office(user, pk) -> Participant:
    """A participant row for the office's actions (resend the invitation)."""
    participant = (
        Participant.objects.filter(pk=pk)
        .filter(procedure__in=visible_procedures(user))
        .select_related("procedure", "user")
        .first()
    )
    if participant is None:
        raise Http404
    if not can_manage(user):
        raise PermissionDenied
    return participant
