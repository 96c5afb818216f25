"""The office's side of a participation procedure: prepare, put out, weigh, the board,
publication; members read; contact data for the office only."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.errors import Conflict
from meetings.models import AgendaItem
from participation import services
from participation.models import (
    ParticipationProcedure,
    ProcedureChapter,
    TableStatus,
    Weighing,
    WeighingTable,
)

from . import office_helpers as h

pytestmark = pytest.mark.django_db


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _form(**changes):
    now = timezone.now()
    return {
        "title": "Entwurf REK 2027",
        "description": "Bitte Stellung nehmen.",
        "starts_at": _local(now),
        "ends_at": _local(now + datetime.timedelta(days=30)),
        "public_may_comment": "on",
        **changes,
    }


def test_the_office_prepares_a_draft_that_members_do_not_see(client, world):
    client.force_login(world.office)
    response = client.post(reverse("participation:procedure_create"), _form())
    assert response.status_code == 302
    procedure = ParticipationProcedure.objects.get()
    assert procedure.created_by == world.office and not procedure.is_opened
    assert procedure.public_may_comment
    assert client.get(procedure.get_absolute_url()).status_code == 200
    client.force_login(world.board_member)
    assert client.get(procedure.get_absolute_url()).status_code == 404
    listing = client.get(reverse("participation:procedure_list")).content.decode()
    assert "Entwurf REK 2027" not in listing


def test_a_period_ending_before_it_starts_is_refused_in_german(client, world):
    client.force_login(world.office)
    now = timezone.now()
    response = client.post(
        reverse("participation:procedure_create"),
        _form(starts_at=_local(now + datetime.timedelta(days=3)), ends_at=_local(now)),
    )
    assert response.status_code == 400
    assert "Der Zeitraum muss nach seinem Beginn enden." in response.content.decode()
    assert not ParticipationProcedure.objects.exists()


def test_putting_out_copies_the_concept_and_freezes_the_copy(client, world):
    chapters = h.concept(world)
    procedure = h.procedure(world, opened=False)
    client.force_login(world.office)
    url = reverse("participation:procedure_open", args=[procedure.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 400  # not confirmed
    assert client.post(url, {"confirm": "on"}).status_code == 302
    procedure.refresh_from_db()
    assert procedure.is_opened and procedure.opened_by == world.office
    copied = list(procedure.chapters.order_by("position"))
    assert [(c.chapter_id, c.title, c.text, c.chapter_version) for c in copied] == [
        (c.pk, c.title, c.text, c.version) for c in chapters
    ]
    # A later edit of the concept changes nothing put out.
    from overview import services as overview_services

    overview_services.chapter_update(
        chapter=chapters[0],
        data={"title": "Leitbild (neu)"},
        expected_version=chapters[0].version,
        actor=world.office,
    )
    assert ProcedureChapter.objects.get(pk=copied[0].pk).title == "Leitbild"
    # Once put out, neither again nor edited (409).
    assert client.post(url, {"confirm": "on"}).status_code == 409
    edit = reverse("participation:procedure_update", args=[procedure.pk])
    assert client.post(edit, _form(title="Anders")).status_code == 409
    assert ParticipationProcedure.objects.get(pk=procedure.pk).title == "Entwurf REK 2027"


def test_an_empty_concept_cannot_be_put_out(client, world):
    procedure = h.procedure(world, opened=False)
    client.force_login(world.office)
    response = client.post(
        reverse("participation:procedure_open", args=[procedure.pk]), {"confirm": "on"}
    )
    assert response.status_code == 409
    assert "keine Kapitel" in response.content.decode()
    assert not ParticipationProcedure.objects.get(pk=procedure.pk).is_opened


def test_members_read_statements_without_contact_data_and_the_office_sees_them(client, world):
    procedure = h.procedure(world)
    chapter = procedure.chapters.order_by("position").first()
    who = h.participant(world, procedure, organisation="Gemeinde Huy")
    by_org = h.statement(procedure, participant=who, chapter=chapter, text="Radweg fehlt")
    by_public = h.statement(procedure, text="Mehr Busse", submitter_name="Erika Mustermann")
    draft = h.draft(procedure, who)
    client.force_login(world.board_member)
    listing = client.get(reverse("participation:statement_list", args=[procedure.pk]))
    page = listing.content.decode()
    assert "Gemeinde Huy" in page and "Bürger:in (Öffentlichkeit)" in page
    assert "Erika Mustermann" not in page and "erika@example.org" not in page
    detail = client.get(reverse("participation:statement_detail", args=[by_public.pk]))
    assert "Mehr Busse" in detail.content.decode()
    assert "Erika Mustermann" not in detail.content.decode()
    # A draft is the participant's own: not found on the internal pages.
    draft_url = reverse("participation:statement_detail", args=[draft.pk])
    assert client.get(draft_url).status_code == 404
    # Members do not weigh.
    weigh_url = reverse("participation:weighing", args=[by_org.pk])
    assert client.get(weigh_url).status_code == 403
    client.force_login(world.office)
    detail = client.get(reverse("participation:statement_detail", args=[by_public.pk]))
    assert "Erika Mustermann" in detail.content.decode()
    assert "erika@example.org" in detail.content.decode()


def test_the_statement_list_filters_by_chapter_and_weighing(client, world):
    procedure = h.procedure(world)
    first, second = procedure.chapters.order_by("position")
    who = h.participant(world, procedure)
    a = h.statement(procedure, participant=who, chapter=first, text="Zum Leitbild")
    h.statement(procedure, participant=who, chapter=second, text="Zur Mobilität")
    h.statement(procedure, participant=who, text="Zum Ganzen")
    h.weigh(world, a)
    client.force_login(world.board_member)
    url = reverse("participation:statement_list", args=[procedure.pk])

    def numbers(query):
        response = client.get(url, query)
        assert response.status_code == 200
        return [s.number for s in response.context["statements"]]

    assert numbers({}) == [1, 2, 3]
    assert numbers({"kapitel": first.pk}) == [1]
    assert numbers({"kapitel": "ganz"}) == [3]
    assert numbers({"abgewogen": "ja"}) == [1]
    assert numbers({"abgewogen": "nein"}) == [2, 3]
    assert client.get(url, {"kapitel": "999999"}).status_code == 400


def test_the_office_weighs_and_changes_the_weighing_until_the_board_decides(client, world):
    procedure = h.procedure(world)
    stmt = h.statement(procedure, participant=h.participant(world, procedure))
    client.force_login(world.office)
    url = reverse("participation:weighing", args=[stmt.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"outcome": "followed", "reasoning": ""}).status_code == 400
    data = {"outcome": "followed", "reasoning": "Richtig.", "chapter_change": "Satz ergänzt"}
    assert client.post(url, data).status_code == 302
    weighing = Weighing.objects.get(statement=stmt)
    assert (weighing.outcome, weighing.chapter_change) == ("followed", "Satz ergänzt")
    assert client.post(url, {**data, "outcome": "noted"}).status_code == 302
    assert Weighing.objects.get(statement=stmt).outcome == "noted"
    h.end(procedure)
    h.on_agenda(world, procedure)
    h.decide(world, procedure)
    response = client.post(url, {**data, "outcome": "not_followed"})
    assert response.status_code == 409
    assert Weighing.objects.get(statement=stmt).outcome == "noted"


def test_a_draft_cannot_be_weighed(world):
    procedure = h.procedure(world)
    draft = h.draft(procedure, h.participant(world, procedure))
    with pytest.raises(Conflict) as error:
        h.weigh(world, draft)
    assert error.value.code == "draft"
    assert not Weighing.objects.exists()


def test_the_weighing_goes_on_the_board_agenda_after_the_period(client, world):
    procedure = h.procedure(world)
    client.force_login(world.office)
    url = reverse("participation:procedure_agenda", args=[procedure.pk])
    items = AgendaItem.objects.count()
    assert client.post(url, {"meeting": world.meeting.pk}).status_code == 409  # still running
    h.end(procedure)
    assert client.get(url).status_code == 200
    assert client.post(url, {"meeting": world.meeting.pk}).status_code == 302
    procedure.refresh_from_db()
    item = procedure.agenda_item
    assert item.meeting == world.meeting and item.is_public
    assert item.title == "Abwägung der Stellungnahmen: Entwurf REK 2027"
    assert AgendaItem.objects.count() == items + 1
    assert client.post(url, {"meeting": world.meeting.pk}).status_code == 409  # once


def test_only_an_adopted_decision_on_the_item_decides(client, world):
    procedure = h.end(h.procedure(world))
    h.on_agenda(world, procedure)
    client.force_login(world.office)
    url = reverse("participation:procedure_decision", args=[procedure.pk])
    # The world's decision is on another item: not a choice.
    assert client.post(url, {"decision": world.decision.pk}).status_code == 400
    assert not ParticipationProcedure.objects.get(pk=procedure.pk).is_decided
    procedure.refresh_from_db()
    from meetings import services as meeting_services

    rejected = meeting_services.decision_record(
        item=procedure.agenda_item, title="Abwägung", text="Abgelehnt.", votes_no=1,
        actor=world.office,
    )  # fmt: skip
    assert client.post(url, {"decision": rejected.pk}).status_code == 400
    adopted = meeting_services.decision_record(
        item=procedure.agenda_item, title="Abwägung", text="Beschlossen.", votes_yes=1,
        actor=world.office,
    )  # fmt: skip
    assert client.get(url).status_code == 200
    assert client.post(url, {"decision": adopted.pk}).status_code == 302
    assert ParticipationProcedure.objects.get(pk=procedure.pk).decision == adopted


def test_publication_needs_the_decision_and_every_statement_weighed(
    client, world, django_capture_on_commit_callbacks
):
    procedure = h.procedure(world)
    who = h.participant(world, procedure)
    weighed = h.statement(procedure, participant=who)
    h.weigh(world, weighed)
    unweighed = h.statement(procedure, participant=who)
    client.force_login(world.office)
    url = reverse("participation:procedure_publish", args=[procedure.pk])
    assert client.post(url, {"confirm": "on"}).status_code == 409  # not decided
    h.end(procedure)
    h.on_agenda(world, procedure)
    # Weighing stays open until the decision: the second statement is weighed in time.
    h.weigh(world, unweighed)
    Weighing.objects.filter(statement=unweighed).delete()  # as if it had been forgotten
    h.decide(world, procedure)
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 409
    assert "nicht abgewogen" in response.content.decode()
    assert not ParticipationProcedure.objects.get(pk=procedure.pk).is_published
    Weighing.objects.create(
        statement=unweighed, outcome="noted", reasoning="Zur Kenntnis.", weighed_by=world.office
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"confirm": "on"}).status_code == 302
    procedure.refresh_from_db()
    assert procedure.is_published and procedure.published_by == world.office
    table = WeighingTable.objects.get(procedure=procedure)
    assert table.status == TableStatus.DONE and table.statement_count == 2
    assert client.post(url, {"confirm": "on"}).status_code == 409  # once


def test_the_service_refuses_a_meeting_of_another_body(world):
    procedure = h.end(h.procedure(world))
    from tests import factories as f

    other = f.MeetingFactory(body=world.working_group.body)
    with pytest.raises(ValidationError):
        services.procedure_agenda_item_create(
            procedure=procedure, meeting=other, actor=world.office
        )
    assert ParticipationProcedure.objects.get(pk=procedure.pk).agenda_item_id is None


def test_a_participant_account_never_sees_the_internal_pages(client, world):
    procedure = h.procedure(world)
    who = h.participant(world, procedure)
    stmt = h.statement(procedure, participant=who)
    table = h.finished_table(world, procedure)
    # Logged in with the second factor passed, as participants must (their role group).
    from tests.test_permission_matrix import log_in

    log_in(client, who.user)
    for url in (
        reverse("participation:procedure_list"),
        procedure.get_absolute_url(),
        reverse("participation:statement_list", args=[procedure.pk]),
        reverse("participation:statement_detail", args=[stmt.pk]),
        reverse("participation:weighing", args=[stmt.pk]),
        reverse("participation:table_download", args=[table.pk]),
    ):
        assert client.get(url).status_code == 403, url
    data = {"outcome": "followed", "reasoning": "Selbst abgewogen"}
    assert client.post(reverse("participation:weighing", args=[stmt.pk]), data).status_code == 403
    assert not Weighing.objects.exists()


def test_the_demo_can_prepare_and_put_out_a_procedure_of_the_past(world):
    h.concept(world)
    past = timezone.now() - datetime.timedelta(days=60)
    procedure = services.procedure_create(
        title="REK-Entwurf 2026",
        starts_at=past,
        ends_at=past + datetime.timedelta(days=30),
        actor=world.office,
        now=past,
    )
    procedure = services.procedure_open(procedure=procedure, actor=world.office, now=past)
    assert procedure.opened_at == past and procedure.has_ended()
    # Without `now`, a period in the past is refused.
    with pytest.raises(ValidationError):
        services.procedure_create(
            title="Zu spät", starts_at=past, ends_at=past + datetime.timedelta(days=1),
            actor=world.office,
        )  # fmt: skip


def test_a_member_is_linked_to_the_public_page_when_there_is_one(client, world):
    internal = h.procedure(world, title="Nur intern")
    public = h.procedure(world, public=True, title="Auch öffentlich")
    client.force_login(world.board_member)
    link = reverse("public:participation_detail", args=[public.pk])
    assert link in client.get(public.get_absolute_url()).content.decode()
    page = client.get(internal.get_absolute_url()).content.decode()
    assert reverse("public:participation_detail", args=[internal.pk]) not in page
    assert client.get(link).status_code == 200
