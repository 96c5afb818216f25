"""The participants' side: the role (group, second factor, landing), confinement to their
own procedures and statements, drafts, attachments, submission with its number and
receipt, and the weighing of their own statements once the board has decided."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cooperation.permissions import ensure_role_groups, second_factor_required
from core.errors import Conflict
from participation import services
from participation.models import Statement, StatementAttachment, StatementStatus
from tests import factories as f
from tests.second_factor import device_for

from .participant_helpers import (
    decide,
    draft,
    opened_procedure,
    participant_of,
    submitted,
    weigh,
)


@pytest.fixture
def procedure(world):
    return opened_procedure(world)


@pytest.fixture
def me(world, procedure):
    """The world's participant persona, participant of `procedure`."""
    return participant_of(procedure, world.participant, organisation="Gemeinde Huy")


def _url(name, *args):
    return reverse(f"participation:{name}", args=args)


def _pdf(name="anlage.pdf"):
    return SimpleUploadedFile(name, f.PDF_BYTES, content_type="application/pdf")


# --- The role -------------------------------------------------------------------------


def test_the_participants_group_exists_without_any_permission(db, settings):
    groups = ensure_role_groups()
    assert list(groups[settings.PARTICIPANT_GROUP].permissions.all()) == []


def test_a_participant_must_have_a_second_factor(world):
    assert second_factor_required(world.participant)
    assert not second_factor_required(world.no_membership)


@pytest.mark.unverified_login
def test_a_participant_without_a_second_factor_reaches_only_its_set_up(world, me):
    client = Client()
    client.post(reverse("login"), {"username": "karla", "password": f.PASSWORD})
    for url in (_url("my_procedures"), _url("my_procedure", me.procedure_id)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("second_factor_setup"))


@pytest.mark.unverified_login
def test_a_participant_lands_on_its_procedures_after_login(world, me):
    device_for(world.participant)
    client = Client()
    response = client.post(reverse("login"), {"username": "karla", "password": f.PASSWORD})
    assert response.status_code == 302
    assert response.url == _url("my_procedures")
    # Members still land on the dashboard.
    other = Client().post(reverse("login"), {"username": "emil", "password": f.PASSWORD})
    assert other.url == reverse("overview:dashboard")


def test_the_no_access_page_leads_a_participant_to_its_procedures(client, world):
    client.force_login(world.participant)
    response = client.get(reverse("overview:dashboard"))
    html = response.content.decode()
    assert f'href="{_url("my_procedures")}"' in html
    assert reverse("cooperation:partner_list") not in html  # no member navigation


@pytest.mark.parametrize(
    "name",
    ["cooperation:partner_list", "meetings:meeting_list", "search:results", "floor"],
)
def test_a_participant_gets_403_on_internal_pages(client, world, me, name):
    client.force_login(world.participant)
    assert client.get(reverse(name)).status_code == 403


# --- Confinement ----------------------------------------------------------------------


def test_a_participant_of_one_procedure_gets_404_on_another(client, world, me):
    other = opened_procedure(world, title="Anderes Verfahren")
    stranger = participant_of(other, organisation="Stadt Thale")
    theirs = draft(stranger, text="Vertraulicher Entwurf aus Thale")
    client.force_login(world.participant)

    assert client.get(_url("my_procedure", other.pk)).status_code == 404
    assert client.get(_url("my_statement_create", other.pk)).status_code == 404
    assert client.get(_url("my_statement", theirs.pk)).status_code == 404
    response = client.post(_url("my_statement_create", other.pk), {"text": "Hinein!"})
    assert response.status_code == 404
    assert not Statement.objects.filter(participant=me).exists()
    listing = client.get(_url("my_procedures")).content.decode()
    assert me.procedure.title in listing and "Anderes Verfahren" not in listing


def test_a_participant_never_sees_another_participants_statements(client, world, me):
    neighbour = participant_of(me.procedure, organisation="Stadt Blankenburg")
    theirs = submitted(neighbour, 1, text="Stellungnahme aus Blankenburg")
    their_draft = draft(neighbour, text="Entwurf aus Blankenburg")
    attachment = services.attachment_add(
        statement=their_draft, title="Plan Blankenburg", uploaded_file=_pdf(),
        actor=neighbour.user,
    )  # fmt: skip
    mine = draft(me, text="Mein Entwurf aus Huy")
    client.force_login(world.participant)

    page = client.get(_url("my_procedure", me.procedure_id)).content.decode()
    assert "Mein Entwurf" not in page  # the list shows labels, not texts…
    assert _url("my_statement", mine.pk) in page
    assert _url("my_statement", theirs.pk) not in page
    assert _url("my_statement", their_draft.pk) not in page
    for statement in (theirs, their_draft):
        assert client.get(_url("my_statement", statement.pk)).status_code == 404
        assert client.get(_url("my_statement_update", statement.pk)).status_code == 404
        submit = client.post(_url("my_statement_submit", statement.pk), {"confirm": "on"})
        assert submit.status_code == 404
    assert client.get(_url("my_attachment_download", attachment.pk)).status_code == 404
    assert Statement.objects.get(pk=their_draft.pk).is_draft


def test_a_member_who_is_no_participant_gets_403_on_the_participants_pages(client, world, me):
    client.force_login(world.office)
    assert client.get(_url("my_procedures")).status_code == 403
    assert client.get(_url("my_procedure", me.procedure_id)).status_code == 403


def test_a_procedure_not_put_out_is_not_shown_to_its_participants(client, world):
    from .participant_helpers import draft_procedure

    hidden = draft_procedure(world, title="Noch nicht ausgelegt")
    participant_of(hidden, world.participant)
    client.force_login(world.participant)
    assert client.get(_url("my_procedure", hidden.pk)).status_code == 404
    assert "Noch nicht ausgelegt" not in client.get(_url("my_procedures")).content.decode()


# --- The procedure as put out, drafts and attachments ----------------------------------


def test_the_procedure_page_shows_the_chapters_put_out(client, world, me):
    client.force_login(world.participant)
    html = client.get(_url("my_procedure", me.procedure_id)).content.decode()
    assert "Text des Kapitels 1 im Entwurf." in html
    assert "Text des Kapitels 2 im Entwurf." in html
    assert "Bitte nehmen Sie bis zum Ende der Frist Stellung." in html


def test_a_participant_writes_edits_and_attaches_to_a_draft(client, world, me):
    chapter = me.procedure.chapters.get(position=2)
    client.force_login(world.participant)

    response = client.post(
        _url("my_statement_create", me.procedure_id),
        {"chapter": chapter.pk, "text": "Der Radverkehr fehlt."},
    )
    statement = Statement.objects.get(participant=me)
    assert response.status_code == 302
    assert response.url == _url("my_statement", statement.pk)
    assert statement.is_draft and statement.chapter == chapter and statement.number is None

    response = client.post(
        _url("my_statement_update", statement.pk), {"chapter": "", "text": "Das Ganze."}
    )
    statement.refresh_from_db()
    assert response.status_code == 302
    assert statement.chapter is None and statement.text == "Das Ganze."

    response = client.post(
        _url("my_statement_attachment", statement.pk), {"title": "Karte", "file": _pdf()}
    )
    attachment = StatementAttachment.objects.get(statement=statement)
    assert response.status_code == 302
    download = client.get(_url("my_attachment_download", attachment.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == f.PDF_BYTES


def test_a_chapter_of_another_procedure_is_refused(client, world, me):
    other = opened_procedure(world, title="Anderes Verfahren")
    client.force_login(world.participant)
    response = client.post(
        _url("my_statement_create", me.procedure_id),
        {"chapter": other.chapters.first().pk, "text": "Falsches Kapitel"},
    )
    assert response.status_code == 400
    assert not Statement.objects.exists()


def test_an_empty_statement_is_refused_in_german(client, world, me):
    client.force_login(world.participant)
    response = client.post(_url("my_statement_create", me.procedure_id), {"text": "  "})
    assert response.status_code == 400
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert not Statement.objects.exists()


def test_nothing_is_written_outside_the_period(client, world):
    ended = opened_procedure(world, title="Abgelaufen", running=False)
    mine = participant_of(ended, world.participant)
    old = draft(mine)
    client.force_login(world.participant)

    create = client.post(_url("my_statement_create", ended.pk), {"text": "Zu spät"})
    submit = client.post(_url("my_statement_submit", old.pk), {"confirm": "on"})
    attach = client.post(_url("my_statement_attachment", old.pk), {"title": "x", "file": _pdf()})

    assert (create.status_code, submit.status_code, attach.status_code) == (409, 409, 409)
    assert Statement.objects.filter(procedure=ended).count() == 1
    assert Statement.objects.get(pk=old.pk).is_draft
    assert not StatementAttachment.objects.exists()


def test_a_participant_deletes_a_draft(client, world, me):
    statement = draft(me)
    services.attachment_add(
        statement=statement, title="Plan", uploaded_file=_pdf(), actor=world.participant
    )
    client.force_login(world.participant)
    response = client.post(_url("my_statement_delete", statement.pk), {"confirm": "on"})
    assert response.status_code == 302
    assert response.url == _url("my_procedure", me.procedure_id)
    assert not Statement.objects.exists() and not StatementAttachment.objects.exists()


def test_a_participant_removes_an_attachment_from_a_draft_only(client, world, me):
    statement = draft(me)
    attachment = services.attachment_add(
        statement=statement, title="Plan", uploaded_file=_pdf(), actor=world.participant
    )
    kept = services.attachment_add(
        statement=statement, title="Karte", uploaded_file=_pdf(), actor=world.participant
    )
    client.force_login(world.participant)
    response = client.post(_url("my_attachment_delete", attachment.pk), {"confirm": "on"})
    assert response.status_code == 302
    assert list(StatementAttachment.objects.all()) == [kept]

    services.statement_submit(statement=statement, actor=world.participant)
    refused = client.post(_url("my_attachment_delete", kept.pk), {"confirm": "on"})
    assert refused.status_code == 409
    assert list(StatementAttachment.objects.all()) == [kept]


# --- Submission -------------------------------------------------------------------------


def test_submitting_numbers_the_statement_and_sends_the_receipt(client, world, me):
    chapter = me.procedure.chapters.get(position=1)
    statement = draft(me, text="Bitte den Radverkehr berücksichtigen.", chapter=chapter)
    client.force_login(world.participant)
    mail.outbox.clear()

    response = client.post(_url("my_statement_submit", statement.pk), {"confirm": "on"})

    statement.refresh_from_db()
    assert response.status_code == 302
    assert statement.status == StatementStatus.SUBMITTED
    assert statement.number == 1 and statement.submitted_at is not None
    assert statement.receipt_sent_at is not None
    assert len(mail.outbox) == 1
    receipt = mail.outbox[0]
    assert receipt.to == [world.participant.email]
    assert "Eingangsbestätigung Ihrer Stellungnahme 1" in receipt.subject
    assert "Nummer 1" in receipt.body
    assert "1. Kapitel 1" in receipt.body
    assert "Bitte den Radverkehr berücksichtigen." in receipt.body


def test_numbers_continue_the_procedures_series_without_gaps(world, me):
    neighbour = participant_of(me.procedure, organisation="Stadt Blankenburg")
    submitted(neighbour, 1)
    submitted(neighbour, 2)
    first = services.statement_submit(statement=draft(me), actor=world.participant)
    second = services.statement_submit(statement=draft(me), actor=world.participant)
    assert (first.number, second.number) == (3, 4)


def test_a_submitted_statement_can_no_longer_be_changed(client, world, me):
    statement = draft(me, text="Erste Fassung")
    services.statement_submit(statement=statement, actor=world.participant)
    client.force_login(world.participant)

    edit = client.post(_url("my_statement_update", statement.pk), {"text": "Geändert"})
    again = client.post(_url("my_statement_submit", statement.pk), {"confirm": "on"})
    delete = client.post(_url("my_statement_delete", statement.pk), {"confirm": "on"})
    attach = client.post(
        _url("my_statement_attachment", statement.pk), {"title": "x", "file": _pdf()}
    )

    assert {edit.status_code, again.status_code, delete.status_code, attach.status_code} == {409}
    statement.refresh_from_db()
    assert statement.text == "Erste Fassung" and statement.number == 1
    with pytest.raises(Conflict):
        services.statement_submit(statement=statement, actor=world.participant)


def test_only_the_participants_own_account_writes_its_statements(world, me):
    from django.core.exceptions import PermissionDenied

    statement = draft(me)
    with pytest.raises(PermissionDenied):
        services.statement_submit(statement=statement, actor=world.office)
    with pytest.raises(PermissionDenied):
        services.statement_save(participant=me, chapter=None, text="x", actor=world.office)
    assert Statement.objects.get(pk=statement.pk).is_draft


# --- The weighing of one's own statements -------------------------------------------------


def test_the_weighing_is_shown_only_once_the_board_has_decided(client, world, me):
    statement = submitted(me, 1)
    weigh(statement, world, reasoning="Begründung der Geschäftsstelle XYZ")
    neighbour = participant_of(me.procedure, organisation="Stadt Blankenburg")
    weigh(submitted(neighbour, 2), world, reasoning="Fremde Abwägung QQQ")
    client.force_login(world.participant)

    before = client.get(_url("my_statement", statement.pk)).content.decode()
    assert "Begründung der Geschäftsstelle XYZ" not in before

    decide(me.procedure, world)
    page = client.get(_url("my_statement", statement.pk)).content.decode()
    listing = client.get(_url("my_procedure", me.procedure_id)).content.decode()
    assert "Begründung der Geschäftsstelle XYZ" in page
    assert "Gefolgt" in listing
    assert "Fremde Abwägung QQQ" not in page + listing


# --- "Meine Daten" ------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 12])
def test_the_own_statements_are_in_my_data_in_a_fixed_number_of_queries(world, me, rows):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from participation.personal_data import export_participation

    for i in range(rows):
        draft(me, text=f"Entwurf {i}")
    submitted(me, 1, text="Abgegebene Stellungnahme")
    neighbour = participant_of(me.procedure, organisation="Stadt Blankenburg")
    submitted(neighbour, 2, text="Fremde Stellungnahme")

    with CaptureQueriesContext(connection) as queries:
        data = export_participation(world.participant)

    assert len(queries) == 2
    assert [p["organisation"] for p in data["participations"]] == ["Gemeinde Huy"]
    texts = [s["text"] for s in data["statements"]]
    assert len(texts) == rows + 1 and "Abgegebene Stellungnahme" in texts
    assert "Fremde Stellungnahme" not in texts


# --- PostgreSQL: participants submitting at once ---------------------------------------


@pytest.mark.django_db(transaction=True)
def test_statements_submitted_at_once_get_unique_gapless_numbers():
    import threading
    from types import SimpleNamespace

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL (row locks between parallel transactions).")
    office = f.UserFactory(username="gs-parallel")
    procedure = opened_procedure(SimpleNamespace(office=office), title="Parallel")
    drafts = [draft(participant_of(procedure, organisation=f"Gemeinde {i}")).pk for i in range(4)]
    start_line = threading.Barrier(len(drafts))
    errors = []

    def submitting(pk):
        from django.db import connection

        try:
            statement = Statement.objects.select_related("participant__user").get(pk=pk)
            start_line.wait(timeout=30)
            services.statement_submit(statement=statement, actor=statement.participant.user)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submitting, args=(pk,)) for pk in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    numbers = sorted(Statement.objects.filter(procedure=procedure).values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4]
