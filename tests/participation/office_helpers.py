"""Rows for the office side's tests: the concept, procedures (drafts, put out, ended,
decided), participants and submitted statements as the other side's code would leave
them (created with the ORM), and weighings through the services."""

import datetime

from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models import Max
from django.utils import timezone

from meetings import services as meeting_services
from overview import services as overview_services
from overview.models import ConceptChapter
from participation import services
from participation.models import (
    Participant,
    ParticipantKind,
    ParticipationProcedure,
    Statement,
    StatementStatus,
)
from tests import factories as f


def concept(world, titles=("Leitbild", "Mobilität")):
    """The concept's chapters (created once per test)."""
    if ConceptChapter.objects.exists():
        return list(ConceptChapter.objects.order_by("position", "pk"))
    return [
        overview_services.chapter_create(
            position=i, title=title, text=f"Der Text des Kapitels {title}.", actor=world.office
        )
        for i, title in enumerate(titles, start=1)
    ]


def procedure(world, *, opened=True, public=False, title="Entwurf REK 2027", days=14):
    """A procedure running from an hour ago for `days` days (put out unless `opened`
    is False)."""
    now = timezone.now()
    result = services.procedure_create(
        title=title,
        description="Bitte nehmen Sie bis zum Ende der Frist Stellung.",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=days),
        public_may_comment=public,
        actor=world.office,
    )
    if opened:
        concept(world)
        result = services.procedure_open(procedure=result, actor=world.office)
    return result


def end(proc):
    """Move the period into the past (as if it had ended)."""
    now = timezone.now()
    ParticipationProcedure.objects.filter(pk=proc.pk).update(
        starts_at=now - datetime.timedelta(days=20), ends_at=now - datetime.timedelta(minutes=1)
    )
    proc.refresh_from_db()
    return proc


def participant(world, proc, *, organisation="Stadt Blankenburg (Harz)", username=None):
    """An invited organisation's account (a user in the participants' group)."""
    user = f.UserFactory(username=username or f"beteiligt{Participant.objects.count() + 1}")
    group, _created = Group.objects.get_or_create(name=settings.PARTICIPANT_GROUP)
    user.groups.add(group)
    return Participant.objects.create(
        procedure=proc,
        user=user,
        organisation=organisation,
        kind=ParticipantKind.NEIGHBOUR,
        invited_by=world.office,
    )


def statement(proc, *, participant=None, chapter=None, text="Wir regen an …", **public):
    """A submitted statement with the next number (`public`: submitter_name and
    submitter_email of a member of the public, when no participant is given)."""
    last = Statement.objects.filter(procedure=proc).aggregate(last=Max("number"))["last"]
    if participant is None:
        public.setdefault("submitter_name", "Erika Mustermann")
        public.setdefault("submitter_email", "erika@example.org")
    return Statement.objects.create(
        procedure=proc,
        participant=participant,
        chapter=chapter,
        text=text,
        status=StatementStatus.SUBMITTED,
        number=(last or 0) + 1,
        submitted_at=timezone.now(),
        **public,
    )


def draft(proc, participant, *, text="Noch nicht fertig"):
    return Statement.objects.create(procedure=proc, participant=participant, text=text)


def weigh(world, stmt, *, outcome="partly", reasoning="Teilweise berücksichtigt.", change=""):
    return services.weighing_save(
        statement=stmt,
        outcome=outcome,
        reasoning=reasoning,
        chapter_change=change,
        actor=world.office,
    )


def on_agenda(world, proc, meeting=None):
    """The ended procedure on the board meeting's agenda (the world's meeting)."""
    return services.procedure_agenda_item_create(
        procedure=proc, meeting=meeting or world.meeting, actor=world.office
    )


def decide(world, proc):
    """The board adopts the weighing on the procedure's item; the decision is linked."""
    proc.refresh_from_db()
    decision = meeting_services.decision_record(
        item=proc.agenda_item,
        title="Abwägung beschließen",
        text="Das Gremium beschließt die Abwägung.",
        votes_yes=1,
        actor=world.office,
    )
    return services.procedure_decision_link(procedure=proc, decision=decision, actor=world.office)


def decided(world, *, public=False, statements=1):
    """A procedure put out, with `statements` weighed statements, ended, on the agenda
    and decided (not yet published)."""
    proc = procedure(world, public=public)
    chapter = proc.chapters.order_by("position").first()
    who = participant(world, proc)
    for i in range(statements):
        weigh(world, statement(proc, participant=who, chapter=chapter, text=f"Stellungnahme {i}"))
    end(proc)
    on_agenda(world, proc)
    return decide(world, proc)


def attachment(stmt, user, *, content=None):
    """An attachment (a real PDF) on a statement, stored as the participant's side does."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.uploads import store_upload
    from participation.models import StatementAttachment

    row = StatementAttachment(statement=stmt, title="Lageplan")
    store_upload(
        row, SimpleUploadedFile("plan.pdf", content or f.PDF_BYTES, "application/pdf"), actor=user
    )
    return row


def built_table(world, proc):
    """A weighing table built now, as the worker does (rendered at once)."""
    from participation.table_pdf import build_table

    table = services.table_request(procedure=proc, actor=world.office)
    assert build_table(table.pk)
    table.refresh_from_db()
    return table


def published(world, *, statements=1):
    """A decided procedure, published, with its final table built."""
    from participation.models import WeighingTable
    from participation.table_pdf import build_table

    proc = decided(world, statements=statements)
    proc = services.procedure_publish(procedure=proc, actor=world.office)
    table = WeighingTable.objects.filter(procedure=proc).latest("pk")
    assert build_table(table.pk)
    return proc


def finished_table(world, proc):
    """The procedure's latest queued table (or a new one) marked built with a small PDF,
    without rendering (for tests about who may download it)."""
    from django.core.files.base import ContentFile

    from participation.models import TableStatus, WeighingTable

    table = WeighingTable.objects.filter(procedure=proc, status=TableStatus.QUEUED).last()
    if table is None:
        table = services.table_request(procedure=proc, actor=world.office)
    table.file.save("tabelle.pdf", ContentFile(f.PDF_BYTES), save=False)
    table.status = TableStatus.DONE
    table.size = len(f.PDF_BYTES)
    table.statement_count = proc.statements.submitted().count()
    table.finished_at = timezone.now()
    table.save()
    return table


def published_quickly(world, *, statements=1):
    """A published procedure whose final table is marked built without rendering."""
    proc = decided(world, statements=statements)
    proc = services.procedure_publish(procedure=proc, actor=world.office)
    finished_table(world, proc)
    return proc
