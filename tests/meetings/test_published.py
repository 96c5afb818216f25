"""The one definition of "published": each kind of content is in `.published()`
exactly when its rule says (docs/architecture.md, "Publication")."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cooperation.models import BodyKind, Role
from core.errors import Conflict
from documents.models import Document, DocumentKind, DocumentStatus, Edition
from meetings.models import (
    AgendaItem,
    Decision,
    DecisionProgress,
    DecisionStatus,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesCorrection,
    MinutesStatus,
    Paper,
)
from meetings.services import paper_release, paper_withhold
from overview import services as overview_services
from overview.models import ConceptChapter
from workinggroups.models import Finding, FindingStatus, FindingType

from .. import factories as f

pytestmark = pytest.mark.django_db


def _paper(meeting, **kwargs):
    return f.PaperFactory(meeting=meeting, uploaded_by=f.UserFactory(username="uploader"), **kwargs)


def _set_status(meeting, status, **extra):
    for name, value in {"status": status, **extra}.items():
        setattr(meeting, name, value)
    meeting.save()  # with a history row, as the services write one


@pytest.fixture
def office():
    return f.UserFactory(username="office")


@pytest.fixture
def meeting():
    return f.MeetingFactory()


@pytest.fixture
def public_item(meeting):
    return f.AgendaItemFactory(meeting=meeting, is_public=True)


@pytest.fixture
def confidential_item(meeting):
    return f.AgendaItemFactory(meeting=meeting, is_public=False)


class TestMeetings:
    def test_it_publishes_a_meeting_from_its_invitation_on(self, meeting):
        assert not Meeting.objects.published().exists()
        for status in (MeetingStatus.INVITED, MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED):
            _set_status(meeting, status)
            assert list(Meeting.objects.published()) == [meeting], status

    def test_it_publishes_working_group_meetings_alike(self):
        group = f.WorkingGroupFactory()
        meeting = f.MeetingFactory(body=group.body)
        _set_status(meeting, MeetingStatus.INVITED)
        assert list(Meeting.objects.published()) == [meeting]

    def test_it_keeps_a_cancelled_meeting_published_only_if_it_had_been_invited(self):
        never_invited = f.MeetingFactory()
        _set_status(never_invited, MeetingStatus.CANCELLED, cancellation_reason="Kein Bedarf")
        invited = f.MeetingFactory()
        _set_status(invited, MeetingStatus.INVITED)
        _set_status(invited, MeetingStatus.CANCELLED, cancellation_reason="Erkrankung")
        assert list(Meeting.objects.published()) == [invited]


class TestAgendaAndPapers:
    def test_it_publishes_nothing_of_a_planned_meeting(self, meeting, public_item):
        _paper(meeting, agenda_item=public_item)
        assert not AgendaItem.objects.published().exists()
        assert not Paper.objects.published().exists()

    def test_it_publishes_public_items_and_their_papers_only(
        self, meeting, public_item, confidential_item
    ):
        on_public = _paper(meeting, agenda_item=public_item)
        without_item = _paper(meeting, agenda_item=None)
        _paper(meeting, agenda_item=confidential_item)
        _set_status(meeting, MeetingStatus.INVITED)
        assert list(AgendaItem.objects.published()) == [public_item]
        assert set(Paper.objects.published()) == {on_public, without_item}

    def test_a_withheld_paper_leaves_the_public_side_and_comes_back_when_released(
        self, meeting, public_item, office
    ):
        paper = _paper(meeting, agenda_item=public_item)
        _set_status(meeting, MeetingStatus.INVITED)
        paper_withhold(paper=paper, reason="Enthält Namen von Anwohnern", actor=office)
        paper.refresh_from_db()
        assert not Paper.objects.published().exists()
        # Members still see it: it stays public internally, only not published.
        assert list(Paper.objects.public()) == [paper]
        assert paper.withheld_reason == "Enthält Namen von Anwohnern"
        assert paper.withheld_by == office
        entry = paper.history.latest()
        assert entry.history_user == office
        assert "Enthält Namen von Anwohnern" in entry.history_change_reason

        paper_release(paper=paper, actor=office)
        paper.refresh_from_db()
        assert list(Paper.objects.published()) == [paper]
        assert (paper.withheld_reason, paper.withheld_at, paper.withheld_by) == ("", None, None)
        assert paper.history.latest().history_user == office

    def test_withholding_needs_a_reason(self, meeting, office):
        paper = _paper(meeting)
        with pytest.raises(ValidationError) as error:
            paper_withhold(paper=paper, reason="   ", actor=office)
        assert "reason" in error.value.message_dict
        paper.refresh_from_db()
        assert paper.withheld_at is None

    def test_releasing_a_paper_that_is_not_withheld_is_a_conflict(self, meeting, office):
        paper = _paper(meeting)
        with pytest.raises(Conflict):
            paper_release(paper=paper, actor=office)


class TestMinutesAndDecisions:
    def test_minutes_are_published_once_approved_on_public_items(
        self, meeting, public_item, confidential_item
    ):
        _set_status(meeting, MeetingStatus.HELD)
        minutes = Minutes.objects.create(agenda_item=public_item, text="Bericht")
        Minutes.objects.create(
            agenda_item=confidential_item, text="Geheim", status=MinutesStatus.APPROVED
        )
        assert not Minutes.objects.published().exists()
        minutes.status = MinutesStatus.CIRCULATED
        minutes.save()
        assert not Minutes.objects.published().exists()
        minutes.status = MinutesStatus.APPROVED
        minutes.save()
        assert list(Minutes.objects.published()) == [minutes]

    def test_corrections_follow_their_minutes(self, meeting, public_item, office):
        _set_status(meeting, MeetingStatus.MINUTES_APPROVED)
        minutes = Minutes.objects.create(agenda_item=public_item, text="Bericht")
        correction = MinutesCorrection.objects.create(
            minutes=minutes, text="Tippfehler", reason="Schreibfehler", author=office
        )
        assert not MinutesCorrection.objects.published().exists()
        minutes.status = MinutesStatus.APPROVED
        minutes.save()
        assert list(MinutesCorrection.objects.published()) == [correction]

    def _decision(self, item, office, sequence):
        return Decision.objects.create(
            body=item.meeting.body,
            year=2026,
            sequence=sequence,
            number=f"{item.meeting.body.short_code}-2026/{sequence:03d}",
            agenda_item=item,
            title="Beschluss",
            text="Der Vorstand beschließt.",
            recorded_by=office,
        )

    def test_decisions_and_progress_on_public_items_are_published(
        self, meeting, public_item, confidential_item, office
    ):
        _set_status(meeting, MeetingStatus.HELD)
        public = self._decision(public_item, office, 1)
        confidential = self._decision(confidential_item, office, 2)
        progress = DecisionProgress.objects.create(
            decision=public, author=office, note="Begonnen", status=DecisionStatus.IN_PROGRESS
        )
        DecisionProgress.objects.create(
            decision=confidential, author=office, note="Geheim", status=DecisionStatus.IN_PROGRESS
        )
        assert list(Decision.objects.published()) == [public]
        assert list(DecisionProgress.objects.published()) == [progress]


class TestFindingsReportsAndPersons:
    def test_only_agreed_findings_are_published(self, office):
        group = f.WorkingGroupFactory()
        finding = Finding.objects.create(
            group=group,
            type=FindingType.OBSTACLE,
            title="Lücke",
            text="…",
            function_area=group.function_area,
            author=office,
        )
        assert not Finding.objects.published().exists()
        finding.status = FindingStatus.DISCUSSION
        finding.save()
        assert not Finding.objects.published().exists()
        finding.status = FindingStatus.AGREED
        finding.save()
        assert list(Finding.objects.published()) == [finding]
        finding.status = FindingStatus.DISCUSSION  # reopened
        finding.save()
        assert not Finding.objects.published().exists()

    def test_only_built_public_editions_of_council_reports_are_published(self, office):
        def document(**kwargs):
            return Document.objects.create(
                title="Bericht an die Räte",
                requested_by=office,
                generated_at=timezone.now(),
                **{
                    "kind": DocumentKind.COUNCIL_REPORT,
                    "edition": Edition.PUBLIC,
                    "status": DocumentStatus.DONE,
                    **kwargs,
                },
            )

        built = document()
        document(status=DocumentStatus.QUEUED)
        document(status=DocumentStatus.FAILED)
        document(edition=Edition.INTERNAL)
        document(kind=DocumentKind.MINUTES)
        assert list(Document.objects.published()) == [built]

    def test_persons_appear_by_public_office_or_by_the_partner_they_represent(self):
        board = f.BodyFactory()
        group = f.WorkingGroupFactory()
        partner = f.PartnerFactory(name="Stadt Halberstadt")
        mayor = f.UserFactory(username="mayor", display_name="Oberbürgermeister:in Halberstadt")
        planner = f.UserFactory(username="planner", display_name="Erika Mustermann")
        seat = f.membership(mayor, board, Role.MEMBER, partner=partner)
        staff = f.membership(planner, group.body, Role.MEMBER, partner=partner)
        assert seat.public_name() == "Oberbürgermeister:in Halberstadt"
        assert "Mustermann" not in staff.public_name()
        assert staff.public_name().startswith("Stadt Halberstadt")
        nameless = f.UserFactory(username="nameless", display_name="")
        no_office = f.membership(nameless, board, Role.GUEST)
        assert "nameless" not in no_office.public_name()
        assert "@" not in no_office.public_name()
        assert group.body.kind == BodyKind.WORKING_GROUP


class TestConceptChapters:
    def test_a_chapter_is_published_as_the_version_the_office_published(self, office):
        chapter = overview_services.chapter_create(
            position=1, title="Leitbild", text="Erste Fassung", actor=office
        )
        assert not ConceptChapter.objects.published().exists()

        overview_services.chapter_publish(chapter=chapter, expected_version=1, actor=office)
        chapter = ConceptChapter.objects.published().get()
        assert (chapter.published_title, chapter.published_text) == ("Leitbild", "Erste Fassung")
        assert chapter.published_by == office
        assert chapter.history.latest().history_user == office

        overview_services.chapter_update(
            chapter=chapter, data={"text": "Zweite Fassung"}, expected_version=1, actor=office
        )
        chapter = ConceptChapter.objects.published().get()
        assert chapter.text == "Zweite Fassung"
        assert chapter.published_text == "Erste Fassung"
        assert chapter.published_version == 1

        overview_services.chapter_publish(chapter=chapter, expected_version=2, actor=office)
        chapter.refresh_from_db()
        assert (chapter.published_version, chapter.published_text) == (2, "Zweite Fassung")

    def test_publishing_refuses_a_version_the_office_did_not_see(self, office):
        chapter = overview_services.chapter_create(
            position=1, title="Leitbild", text="Erste Fassung", actor=office
        )
        overview_services.chapter_update(
            chapter=chapter, data={"text": "Neu"}, expected_version=1, actor=office
        )
        with pytest.raises(Conflict):
            overview_services.chapter_publish(chapter=chapter, expected_version=1, actor=office)
        assert not ConceptChapter.objects.published().exists()


def test_dates_in_the_past_do_not_matter(meeting):
    """Publication follows the status, not the clock: a past invited meeting stays."""
    meeting.starts_at -= datetime.timedelta(days=400)
    meeting.ends_at -= datetime.timedelta(days=400)
    _set_status(meeting, MeetingStatus.INVITED)
    assert Meeting.objects.published().filter(pk=meeting.pk).exists()


class TestTheOfficesPages:
    """The office withholds and releases a paper on the meeting page; the reason is
    required and shown to the office only."""

    def test_withholding_without_reason_is_refused_in_german(self, client, world):
        client.force_login(world.office)
        url = reverse("meetings:paper_withhold", args=[world.public_paper.pk])
        response = client.post(url, {"reason": " "})
        assert response.status_code == 400
        assert "Pflichtfeld" in response.content.decode() or "erforderlich" in (
            response.content.decode()
        )
        world.public_paper.refresh_from_db()
        assert not world.public_paper.is_withheld

    def test_the_office_sees_the_reason_and_members_still_get_the_paper(self, client, world):
        client.force_login(world.office)
        url = reverse("meetings:paper_withhold", args=[world.public_paper.pk])
        response = client.post(url, {"reason": "Enthält Privatadressen"})
        assert response.status_code == 302
        page = client.get(world.meeting.get_absolute_url()).content.decode()
        assert "zurückgehalten: Enthält Privatadressen" in page
        assert reverse("meetings:paper_release", args=[world.public_paper.pk]) in page

        client.force_login(world.board_member)
        page = client.get(world.meeting.get_absolute_url()).content.decode()
        assert "Enthält Privatadressen" not in page
        download = reverse("meetings:paper_download", args=[world.public_paper.pk])
        assert download in page
        assert client.get(download).status_code == 200

        client.force_login(world.office)
        url = reverse("meetings:paper_release", args=[world.public_paper.pk])
        assert client.post(url, {}).status_code == 302
        world.public_paper.refresh_from_db()
        assert not world.public_paper.is_withheld
        assert world.public_paper.history.latest().history_user == world.office

    def test_the_office_publishes_a_chapter_version_from_its_page(self, client, world):
        chapter = overview_services.chapter_create(
            position=1, title="Leitbild", text="Erste Fassung", actor=world.office
        )
        client.force_login(world.office)
        detail = client.get(chapter.get_absolute_url()).content.decode()
        publish = reverse("overview:chapter_publish", args=[chapter.pk])
        assert publish in detail
        assert client.post(publish, {"version": 1}).status_code == 302
        chapter.refresh_from_db()
        assert chapter.published_version == 1
        assert chapter.history.latest().history_user == world.office
        # Published again without a change in between: a conflict, nothing written.
        assert client.post(publish, {"version": 1}).status_code == 409
        assert client.post(publish, {}).status_code == 400
        assert publish not in client.get(chapter.get_absolute_url()).content.decode()
