"""The demo's participation procedure (issue 15, item 4) and the issue's "done when" on
it: a neighbouring municipality's participant account submits a statement on a concept
chapter, the office weighs it, the weighing table PDF lists it, and after the board's
decision an anonymous visitor reads the published table."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import User
from cooperation.models import VOTING_ROLES, Membership
from meetings import services as meeting_services
from meetings.models import AttendanceStatus
from participation import services
from participation.models import (
    ParticipantKind,
    ParticipationProcedure,
    Statement,
    StatementStatus,
    TableStatus,
    WeighingTable,
)
from tests.demo.test_seed_demo import seed, seeded  # noqa: F401 (the module's fixture)

STATEMENT = (
    "Die Stadt Goslar bittet, im Kapitel auch den Radweg Ilsenburg – Bad Harzburg als "
    "Verbindung zwischen den Welterbestätten zu nennen."
)


@pytest.fixture
def procedure(seeded, db):  # noqa: F811
    return ParticipationProcedure.objects.get()


def _pdf_text(response) -> str:
    content = b"".join(response.streaming_content)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def test_it_seeds_a_running_procedure_with_statements_half_of_them_weighed(procedure):
    assert procedure.is_running() and procedure.public_may_comment
    assert procedure.chapters.count() == 2
    kinds = sorted(procedure.participants.values_list("kind", flat=True))
    assert kinds == sorted(
        [ParticipantKind.NEIGHBOUR, ParticipantKind.NEIGHBOUR, ParticipantKind.REGIONAL_ACTOR]
    )
    submitted = procedure.statements.submitted()
    by_whom = {s.participant.organisation for s in submitted.select_related("participant")}
    assert by_whom == {"Stadt Goslar", "Stadt Aschersleben", "Harzer Tourismusverband e. V."}
    assert submitted.count() == 6
    assert submitted.filter(weighing__isnull=False).count() == 3
    assert procedure.statements.filter(status=StatementStatus.DRAFT).count() == 1
    assert sorted(submitted.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_a_participant_account_sees_only_its_procedure(client, procedure):
    client.force_login(User.objects.get(username="beteiligung.tourismus"))

    mine = client.get(reverse("participation:my_procedures"))
    assert mine.status_code == 200 and procedure.title in mine.content.decode()
    page = client.get(reverse("participation:my_procedure", args=[procedure.pk])).content.decode()
    own = procedure.statements.filter(participant__user__username="beteiligung.tourismus")
    assert sorted(own.values_list("number", flat=True)) == [5, 6]
    assert "Stellungnahme 5" in page and "Stellungnahme 6" in page  # its own statements
    for others in ("Stellungnahme 1", "Stellungnahme 3", "Stadt Goslar", "Stadt Aschersleben"):
        assert others not in page, others
    other = procedure.statements.get(number=1)
    assert client.get(reverse("participation:my_statement", args=[other.pk])).status_code == 404
    for internal in ("participation:procedure_list", "meetings:meeting_list", "overview:overview"):
        assert client.get(reverse(internal)).status_code == 403, internal
    # The start page is the no-access explanation, leading to the participant's procedures.
    start = client.get(reverse("overview:dashboard")).content.decode()
    assert reverse("participation:my_procedures") in start
    assert "Kooperationsgremium" not in start and procedure.title not in start


def test_done_when_goslar_submits_the_office_weighs_the_board_decides_the_public_reads(
    client, procedure, django_capture_on_commit_callbacks
):
    goslar = User.objects.get(username="beteiligung.goslar")
    office = User.objects.get(username="geschaeftsstelle")
    chapter = procedure.chapters.get(position=1)

    # A neighbouring municipality's account submits a statement on a concept chapter.
    client.force_login(goslar)
    create = client.post(
        reverse("participation:my_statement_create", args=[procedure.pk]),
        {"chapter": chapter.pk, "text": STATEMENT},
    )
    assert create.status_code == 302
    statement = Statement.objects.get(text=STATEMENT)
    assert statement.is_draft and statement.participant.user == goslar
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submit = client.post(
            reverse("participation:my_statement_submit", args=[statement.pk]), {"confirm": "on"}
        )
    assert submit.status_code == 302
    statement.refresh_from_db()
    assert (statement.status, statement.number) == (StatementStatus.SUBMITTED, 7)
    assert [message.to for message in mail.outbox] == [[goslar.email]]  # the receipt

    # The office weighs it (and the three statements not weighed yet).
    client.force_login(office)
    weighed = client.post(
        reverse("participation:weighing", args=[statement.pk]),
        {
            "outcome": "partly",
            "reasoning": "Der Radweg wird als Verbindung der Welterbestätten aufgenommen.",
            "chapter_change": "Kapitel 1: Radweg Ilsenburg – Bad Harzburg ergänzt.",
        },
    )
    assert weighed.status_code == 302
    for other in procedure.statements.submitted().filter(weighing__isnull=True):
        services.weighing_save(
            statement=other, outcome="noted", reasoning="Zur Kenntnis genommen.", actor=office
        )

    # The weighing table PDF lists it.
    with django_capture_on_commit_callbacks(execute=True):
        requested = client.post(
            reverse("participation:table_request", args=[procedure.pk]), {"confirm": "on"}
        )
    assert requested.status_code == 302
    table = WeighingTable.objects.get(procedure=procedure)
    assert table.status == TableStatus.DONE and table.statement_count == 7
    internal = _pdf_text(client.get(reverse("participation:table_download", args=[table.pk])))
    assert "Stellungnahme 7" in internal and "Radweg Ilsenburg" in internal
    assert "Teilweise gefolgt" in internal and "Stadt Goslar" in internal

    # Nothing of it is public while the procedure is not published.
    client.logout()
    public_page = client.get(reverse("public:participation_detail", args=[procedure.pk]))
    assert STATEMENT[:40] not in public_page.content.decode()
    assert client.get(reverse("public:participation_table", args=[procedure.pk])).status_code == 404

    # After the period, the weighing goes on the board's next meeting, which decides it.
    with time_machine.travel(procedure.ends_at + datetime.timedelta(hours=1), tick=False):
        client.force_login(office)
        meeting = services.upcoming_board_meetings().first()
        on_agenda = client.post(
            reverse("participation:procedure_agenda", args=[procedure.pk]),
            {"meeting": meeting.pk},
        )
        assert on_agenda.status_code == 302
        procedure.refresh_from_db()
        seats = Membership.objects.current().filter(body=meeting.body, role__in=VOTING_ROLES)
        meeting_services.attendance_record(
            meeting=meeting,
            entries=[(seat, AttendanceStatus.PRESENT, None) for seat in seats],
            actor=office,
        )
        decision = meeting_services.decision_record(
            item=procedure.agenda_item,
            title="Abwägung der Stellungnahmen",
            text="Das Kooperationsgremium beschließt die Abwägung der Geschäftsstelle.",
            votes_yes=seats.count(),
            actor=office,
        )
        linked = client.post(
            reverse("participation:procedure_decision", args=[procedure.pk]),
            {"decision": decision.pk},
        )
        assert linked.status_code == 302
        with django_capture_on_commit_callbacks(execute=True):
            published = client.post(
                reverse("participation:procedure_publish", args=[procedure.pk]),
                {"confirm": "on"},
            )
        assert published.status_code == 302

        # An anonymous visitor reads the published table and the statements.
        client.logout()
        page = client.get(reverse("public:participation_detail", args=[procedure.pk]))
        assert page.status_code == 200
        assert "Radweg Ilsenburg" in page.content.decode()
        response = client.get(reverse("public:participation_table", args=[procedure.pk]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        public = _pdf_text(response)
    assert "Stellungnahme 7" in public and "Radweg Ilsenburg" in public
    assert "Stadt Goslar" in public and "Harzer Tourismusverband" in public
    for private in (goslar.email, goslar.username, "Stadtplanungsamt"):
        assert private not in public, private
