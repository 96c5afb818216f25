"""The meeting PDFs (invitation with agenda, minutes) in both editions, read back with pypdf."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from cooperation.models import QuorumRule, Role
from core.pdf import html_to_pdf
from documents import meeting_documents
from meetings import services
from meetings.models import AttendanceStatus, MeetingStatus, Minutes
from tests import factories as f

CREATED = datetime.datetime(2026, 3, 5, 9, 30, tzinfo=datetime.UTC)
AUTHOR = "Geschäftsstelle IMPULS"


def render_pdf(meeting, kind, edition):
    html = meeting_documents.render_html(
        meeting, kind=kind, edition=edition, created=CREATED, author=AUTHOR
    )
    return PdfReader(io.BytesIO(html_to_pdf(html).content))


def text_of(reader):
    """The PDF's text with line breaks and runs of spaces folded into single spaces."""
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def minutes_world(world):
    """The world's meeting held, with minutes on both items and a decision on each."""
    services.minutes_save(
        item=world.public_item,
        text="Die Geschäftsstelle berichtet über den **Stand der Bestandsaufnahme**.",
        expected_version=0,
        actor=world.office,
    )
    services.minutes_save(
        item=world.confidential_item,
        text="Die Stelle der Regionalmanagerin wird zum 1. Mai neu besetzt.",
        expected_version=0,
        actor=world.office,
    )
    world.confidential_decision = services.decision_record(
        item=world.confidential_item,
        title="Stellenbesetzung Regionalmanagement",
        text="Das Gremium stimmt der Besetzung zu.",
        votes_yes=1,
        actor=world.office,
    )
    services.meeting_mark_held(meeting=world.meeting, actor=world.office)
    return world


def test_it_lists_the_non_public_part_in_the_members_invitation(world):
    reader = render_pdf(world.meeting, "invitation", "internal")
    text = text_of(reader)

    assert "TOP 1: Bericht der Geschäftsstelle" in text
    assert "TOP 2: Personalangelegenheit (nicht öffentlich)" in text
    assert world.public_paper.title in text
    assert "Vertraulich" in text  # the confidential item's paper
    # the non-public part follows the public part
    assert text.index("Tagesordnung – öffentlicher Teil") < text.index(
        "Bericht der Geschäftsstelle"
    )
    assert text.index("Bericht der Geschäftsstelle") < text.index(
        "Tagesordnung – nicht öffentlicher Teil"
    )
    assert text.index("Tagesordnung – nicht öffentlicher Teil") < text.index(
        "Personalangelegenheit"
    )
    # the invited members with role and partner
    assert "Oberbürgermeister:in" in text
    assert "Stadt Halberstadt" in text
    assert world.meeting.location in text


def test_it_leaves_the_non_public_part_out_of_the_public_invitation(world):
    text = text_of(render_pdf(world.meeting, "invitation", "public"))

    assert "TOP 1: Bericht der Geschäftsstelle" in text
    assert world.public_paper.title in text
    assert "Personalangelegenheit" not in text
    assert world.confidential_paper.title not in text
    assert "TOP 2" not in text
    assert "nicht öffentlich" not in text


def test_it_gives_the_video_link_to_the_members_only(world):
    world.meeting.video_url = "https://video.example.org/kg-sitzung"
    world.meeting.save()

    members = text_of(render_pdf(world.meeting, "invitation", "internal"))
    public = text_of(render_pdf(world.meeting, "invitation", "public"))

    assert "https://video.example.org/kg-sitzung" in members
    assert "video.example.org" not in public
    assert "Zugangslink" in public


def test_it_writes_the_minutes_with_decisions_and_votes(minutes_world):
    world = minutes_world
    text = text_of(render_pdf(world.meeting, "minutes", "internal"))

    assert "Die Geschäftsstelle berichtet über den Stand der Bestandsaufnahme." in text
    assert "Die Stelle der Regionalmanagerin wird zum 1. Mai neu besetzt." in text
    assert f"Beschluss {world.decision.number}: Arbeitsgruppe beauftragen" in text
    assert world.decision.text in text
    assert f"Beschluss {world.confidential_decision.number}" in text
    assert "Abstimmung: 1 Ja, 0 Nein, 0 Enthaltungen" in text
    # attendance and quorum
    assert "Oberbürgermeister:in" in text
    assert "Anwesend" in text
    assert "Beschlussfähig: 1 von 1 stimmberechtigten Sitzen besetzt" in text
    # not approved yet: the document says so
    assert "Entwurf" in text


def test_it_leaves_non_public_minutes_and_decisions_out_of_the_public_minutes(minutes_world):
    world = minutes_world
    text = text_of(render_pdf(world.meeting, "minutes", "public"))

    assert "Stand der Bestandsaufnahme" in text
    assert world.decision.number in text
    assert "Personalangelegenheit" not in text
    assert "Regionalmanagerin" not in text
    assert world.confidential_decision.number not in text
    assert "Stellenbesetzung" not in text
    assert "nicht öffentlich" not in text


def test_it_shows_the_approval_and_dated_corrections(minutes_world):
    world = minutes_world
    services.minutes_circulate(meeting=world.meeting, actor=world.office)
    services.minutes_approve(
        meeting=world.meeting,
        approved_on=datetime.date(2026, 4, 20),
        approved_in=None,
        actor=world.office,
    )
    services.minutes_correct(
        minutes=Minutes.objects.get(agenda_item=world.public_item),
        text="Richtig ist: Die Bestandsaufnahme ist zur Hälfte fertig.",
        reason="Zahl berichtigt",
        actor=world.office,
    )
    services.minutes_correct(
        minutes=Minutes.objects.get(agenda_item=world.confidential_item),
        text="Die Besetzung erfolgt zum 1. Juni.",
        reason="Datum berichtigt",
        actor=world.office,
    )

    members = text_of(render_pdf(world.meeting, "minutes", "internal"))
    public = text_of(render_pdf(world.meeting, "minutes", "public"))

    assert "Genehmigt am 20.04.2026" in members
    assert "Entwurf" not in members
    assert "Richtig ist: Die Bestandsaufnahme ist zur Hälfte fertig." in members
    assert "Zahl berichtigt" in members
    assert "Die Besetzung erfolgt zum 1. Juni." in members
    assert "Richtig ist: Die Bestandsaufnahme ist zur Hälfte fertig." in public
    assert "1. Juni" not in public
    assert "Datum berichtigt" not in public


def test_it_sets_title_author_and_language(world):
    reader = render_pdf(world.meeting, "invitation", "public")

    assert reader.metadata.title == meeting_documents.title(
        world.meeting, kind="invitation", edition="public"
    )
    assert reader.metadata.author == AUTHOR
    assert reader.trailer["/Root"]["/Lang"] == "de"


def test_it_names_documents_in_german_and_files_in_ascii(world):
    board = world.board
    # 23:30 UTC on 11 March is already 12 March in Berlin
    meeting = f.MeetingFactory(
        body=board,
        title="3. Sitzung des Kooperationsgremiums",
        starts_at=datetime.datetime(2026, 3, 11, 23, 30, tzinfo=datetime.UTC),
    )

    assert meeting_documents.title(meeting, kind="invitation", edition="public") == (
        "Einladung – 3. Sitzung des Kooperationsgremiums am 12.03.2026 (öffentliche Fassung)"
    )
    assert meeting_documents.title(meeting, kind="minutes", edition="internal") == (
        "Protokoll – 3. Sitzung des Kooperationsgremiums am 12.03.2026 (Fassung für die Mitglieder)"
    )
    assert (
        meeting_documents.file_name(meeting, kind="invitation", edition="internal")
        == "einladung-kg-2026-03-12-mitglieder.pdf"
    )
    assert (
        meeting_documents.file_name(meeting, kind="minutes", edition="public")
        == "protokoll-kg-2026-03-12-oeffentlich.pdf"
    )
    html = meeting_documents.render_html(
        meeting, kind="invitation", edition="public", created=CREATED, author=AUTHOR
    )
    assert "Donnerstag, 12. März 2026, 00:30 bis 02:30 Uhr" in html


def test_it_offers_minutes_once_held_or_written(world):
    meeting = world.meeting
    assert not meeting_documents.minutes_available(meeting)  # invited, nothing written

    services.minutes_save(
        item=world.public_item, text="Bericht erstattet.", expected_version=0, actor=world.office
    )
    assert meeting_documents.minutes_available(meeting)

    planned = f.MeetingFactory(body=world.board)
    assert not meeting_documents.minutes_available(planned)
    services.meeting_mark_held(meeting=planned, actor=world.office)
    assert meeting_documents.minutes_available(planned)


def test_it_refuses_unknown_kinds_and_editions(world):
    with pytest.raises(ValueError):
        meeting_documents.title(world.meeting, kind="agenda", edition="public")
    with pytest.raises(ValueError):
        meeting_documents.file_name(world.meeting, kind="minutes", edition="secret")


def meeting_with_items(count):
    """A held meeting with approved minutes: per item a paper, minutes, a correction and
    a decision with a member who did not vote; every third item non-public."""
    office = f.UserFactory()
    body = f.BodyFactory(quorum_rule=QuorumRule.NONE)
    chair = f.membership(f.UserFactory(), body, Role.CHAIR, partner=f.PartnerFactory())
    member = f.membership(f.UserFactory(), body, Role.MEMBER)
    deputy = f.membership(f.UserFactory(), body, Role.DEPUTY_MEMBER, deputy_for=member)
    meeting = f.MeetingFactory(
        body=body, status=MeetingStatus.INVITED, video_url="https://video.example.org/x"
    )
    services.attendance_record(
        meeting=meeting,
        entries=[
            (chair, AttendanceStatus.PRESENT, None),
            (member, AttendanceStatus.REPRESENTED, deputy),
        ],
        actor=office,
    )
    for position in range(1, count + 1):
        item = f.AgendaItemFactory(
            meeting=meeting,
            position=position,
            is_public=position % 3 != 0,
            presenter=office,
            presenting_partner=chair.partner,
        )
        f.PaperFactory(meeting=meeting, agenda_item=item, uploaded_by=office)
        services.minutes_save(
            item=item, text=f"Beraten: *Punkt {position}*.", expected_version=0, actor=office
        )
        services.decision_record(
            item=item, title=f"Beschluss {position}", text="Zugestimmt.", actor=office,
            votes_yes=1, not_voting=[chair],
        )  # fmt: skip
    f.PaperFactory(meeting=meeting, agenda_item=None, uploaded_by=office, title="Anwesenheit")
    services.meeting_mark_held(meeting=meeting, actor=office)
    services.minutes_circulate(meeting=meeting, actor=office)
    services.minutes_approve(
        meeting=meeting, approved_on=datetime.date(2026, 1, 5), approved_in=None, actor=office
    )
    for minutes in Minutes.objects.filter(agenda_item__meeting=meeting):
        services.minutes_correct(
            minutes=minutes, text="Berichtigt.", reason="Tippfehler", actor=office
        )
    return meeting


@pytest.mark.parametrize(
    ("kind", "edition", "queries"),
    [
        ("invitation", "internal", 4),
        ("invitation", "public", 4),
        ("minutes", "internal", 7),
        ("minutes", "public", 7),
    ],
)
def test_it_reads_a_meeting_in_a_fixed_number_of_queries(db, kind, edition, queries):
    small, large = meeting_with_items(2), meeting_with_items(20)
    counts = []
    for meeting in (small, large):
        with CaptureQueriesContext(connection) as context:
            html = meeting_documents.render_html(
                meeting, kind=kind, edition=edition, created=CREATED, author=AUTHOR
            )
        counts.append(len(context.captured_queries))

    assert counts == [queries, queries]
    # the large meeting is all there: item 20 is public, item 18 is not
    assert "TOP 20:" in html
    assert ("TOP 18:" in html) == (edition == "internal")


def test_it_renders_the_same_bytes_for_the_same_parameters(minutes_world):
    def build():
        html = meeting_documents.render_html(
            minutes_world.meeting,
            kind="minutes",
            edition="internal",
            created=CREATED,
            author=AUTHOR,
        )
        return html_to_pdf(html).content

    assert build() == build()
