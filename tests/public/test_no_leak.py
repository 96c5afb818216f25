"""The marker crawl: every non-public field holds a unique marker, and no page reachable
from the public home page (followed as an anonymous visitor, filters, pages and
downloads included) ever contains one (issue 11, "nothing non-public leaks")."""

import datetime
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from django.utils import timezone

from accounts.models import User
from cooperation.models import BodyKind, Membership, Role
from documents.models import DocumentStatus, Edition
from meetings import services as meeting_services
from meetings.models import DecisionStatus, MeetingStatus, MinutesStatus
from workinggroups import services as wg_services
from workinggroups.models import FindingType

from .. import factories as f
from . import helpers as h
from .crawl import crawl

pytestmark = pytest.mark.django_db

# Letters only: a hex token such as "3e41a5c2" is read by PostgreSQL's text parser as a
# number ("3e41") and a word, so that the search for it sometimes found nothing.
RUN = uuid.uuid4().hex[:8].translate(str.maketrans("0123456789", "ghijklmnop"))


class Markers:
    """Unique strings, one per non-public field; `all` lists them for the check."""

    def __init__(self):
        self.all: dict[str, str] = {}

    def __call__(self, field: str) -> str:
        marker = f"GEHEIM-{field}-{RUN}"
        self.all[marker] = field
        return marker


def _plant(world) -> Markers:
    m = Markers()
    office = world.office
    board = world.board
    group = world.working_group.body

    # A published board meeting (the world's, invited) with a video link, a non-public
    # item with its paper, minutes and decision, and public items whose minutes are
    # still a draft or circulated.
    meeting = world.meeting
    meeting.video_url = f"https://video.example.org/{m('video_url')}"
    meeting.save()
    item = world.confidential_item
    item.title = m("confidential_item_title")
    item.description = m("confidential_item_description")
    item.save()
    paper = world.confidential_paper
    paper.title = m("confidential_paper_title")
    paper.save()
    h.minutes(item, m("confidential_minutes"))
    confidential_decision = meeting_services.decision_record(
        item=item,
        title=m("confidential_decision_title"),
        text=m("confidential_decision_text"),
        votes_yes=1,
        actor=office,
    )
    # The councils of that decision, and the internal note on a public decision's council.
    from councils import services as council_services

    requirement = council_services.requirement_create(
        decision=confidential_decision, scope="named", partners=[world.wernigerode], actor=office
    )
    hidden = requirement.consultations.get()
    hidden.council_name = m("confidential_council_name")
    hidden.save()
    requirement = council_services.requirement_create(
        decision=world.decision, scope="named", partners=[world.wernigerode], actor=office
    )
    shown = requirement.consultations.get()
    council_services.consultation_record(
        consultation=shown,
        data={
            "council_name": shown.council_name,
            "planned_date": None,
            "status": "on_agenda",
            "resolution_number": "",
            "resolution_date": None,
            "note": m("council_note"),
        },
        actor=office,
    )
    draft_item = f.AgendaItemFactory(meeting=meeting, position=3, title="Öffentlich 3")
    h.minutes(draft_item, m("draft_minutes"), status=MinutesStatus.DRAFT)
    circulated_item = f.AgendaItemFactory(meeting=meeting, position=4, title="Öffentlich 4")
    h.minutes(circulated_item, m("circulated_minutes"), status=MinutesStatus.CIRCULATED)
    approved = h.minutes(world.public_item, "Genehmigte Niederschrift")
    h.correction(approved, "Berichtigt.", author=office)

    # A withheld paper.
    withheld = f.PaperFactory(
        meeting=meeting,
        agenda_item=world.public_item,
        uploaded_by=office,
        title=m("withheld_paper_title"),
        file=ContentFile(b"%PDF-1.4 " + m("withheld_paper_file").encode(), name="w.pdf"),
    )
    meeting_services.paper_withhold(paper=withheld, reason=m("withheld_reason"), actor=office)

    # A public decision recorded without quorum (the reason is internal), with progress
    # written by someone whose name must not show.
    author = f.UserFactory(username="autorin", display_name=m("progress_author"))
    f.membership(author, group, Role.LEAD, partner=world.halberstadt)
    override = meeting_services.decision_record(
        item=world.public_item,
        title="Beschluss ohne Quorum",
        text="Öffentlich.",
        votes_yes=1,
        actor=office,
        quorum_override_reason=m("quorum_override_reason"),
        may_override_quorum=True,
    )
    meeting_services.decision_progress_add(
        decision=override, note="Begonnen.", status=DecisionStatus.IN_PROGRESS, actor=author
    )

    # A published working-group meeting whose decision names a member who did not vote.
    wg_meeting = h.meeting(group, title="AG-Sitzung")
    wg_item = f.AgendaItemFactory(meeting=wg_meeting, position=1, title="AG-Punkt")
    non_voter = Membership.objects.get(user=world.wg_member, body=group)
    world.wg_member.display_name = m("non_voter_name")
    world.wg_member.save()
    meeting_services.decision_record(
        item=wg_item,
        title="AG-Beschluss",
        text="Öffentlich.",
        votes_yes=1,
        not_voting=[non_voter],
        actor=office,
        may_override_quorum=True,
        quorum_override_reason=m("wg_quorum_override_reason"),
    )

    # Meetings that were never published: planned, and cancelled while planned.
    h.meeting(
        board,
        status=MeetingStatus.PLANNED,
        title=m("planned_meeting_title"),
        location=m("planned_meeting_location"),
    )
    cancelled = h.meeting(
        board, status=MeetingStatus.PLANNED, title=m("cancelled_planned_meeting_title")
    )
    meeting_services.meeting_cancel(
        meeting=cancelled, reason=m("cancellation_reason_planned"), actor=office
    )
    # A published meeting cancelled later: its reason is not among the published fields.
    invited = h.meeting(
        board, title="Abgesagte Sitzung", starts_at=timezone.now() + datetime.timedelta(days=30)
    )
    meeting_services.meeting_cancel(meeting=invited, reason=m("cancellation_reason"), actor=office)

    # Findings: drafts and their comments, comments and attachments of an agreed one.
    draft = world.draft_finding
    draft.title = m("draft_finding_title")
    draft.text = m("draft_finding_text")
    draft.save()
    wg_services.comment_add(finding=draft, author=world.wg_member, text=m("draft_comment"))
    wg_services.comment_add(
        finding=world.agreed_finding, author=world.wg_member, text=m("finding_comment")
    )
    wg_services.attachment_add(
        finding=world.agreed_finding,
        title=m("attachment_title"),
        uploaded_file=SimpleUploadedFile("a.pdf", f.PDF_BYTES, content_type="application/pdf"),
        actor=world.wg_member,
    )
    wg_services.finding_create(
        group=world.working_group,
        author=world.wg_lead,
        type=FindingType.INVENTORY,
        title=m("discussion_finding_title"),
        text="x",
        function_area=world.working_group.function_area,
        actor=world.wg_lead,
    )

    # Concept chapters: a later edit of a published one, and one never published.
    chapter = h.chapter(actor=office, title="Leitbild", text="Veröffentlichter Text.")
    h.chapter_edit(
        chapter, actor=office, title=m("chapter_title_edit"), text=m("chapter_text_edit")
    )
    h.chapter(
        actor=office,
        title=m("chapter_unpublished_title"),
        text=m("chapter_unpublished_text"),
        position=2,
        publish=False,
    )

    # Council reports: the public edition, the members' edition, a failed job.
    h.report(requested_by=office, title="Bericht 2026")
    h.report(
        requested_by=office,
        edition=Edition.INTERNAL,
        title=m("internal_report_title"),
        content=b"%PDF-1.4 " + m("internal_report_content").encode(),
    )
    h.report(requested_by=office, status=DocumentStatus.FAILED, title=m("failed_report_title"))

    # Partners' e-mail addresses; every user's name, e-mail and (without a board seat,
    # where the display name is the public office) display name.
    for partner in (world.halberstadt, world.wernigerode, world.rpg):
        partner.email = f"{m(f'partner_email_{partner.pk}')}@example.org"
        partner.save()
    board_holders = set(
        Membership.objects.current()
        .filter(body__kind=BodyKind.BOARD)
        .values_list("user_id", flat=True)
    )
    for user in User.objects.all():
        user.username = m(f"username_{user.pk}")
        user.email = f"{m(f'email_{user.pk}')}@example.org"
        if user.pk not in board_holders and user.pk != author.pk and user != world.wg_member:
            user.display_name = m(f"display_name_{user.pk}")
        user.save()
    return m


def test_no_marker_appears_on_any_public_page(client, world):
    markers = _plant(world)
    pages = crawl(client, [reverse("public:home")])

    # The crawl reached every kind of public page (so the check below means something).
    reached = {resolve(url.split("?")[0]).view_name for url, p in pages.items() if p.status == 200}
    expected = {
        "public:home",
        "public:body_detail",
        "public:meeting_list",
        "public:meeting_detail",
        "public:paper_download",
        "public:decision_list",
        "public:decision_detail",
        "public:matrix",
        "public:finding_list",
        "public:finding_detail",
        "public:concept",
        "public:chapter_detail",
        "public:report_list",
        "public:report_download",
        "public:search",
        "legal:imprint",
        "legal:privacy",
        "legal:accessibility",
        "legal:feedback",
    }
    assert expected <= reached, expected - reached
    assert any("seite=" in url for url in pages) or len(pages) > 20
    assert any("ueberfaellig=on" in url for url in pages)

    for url, page in pages.items():
        for marker, field in markers.all.items():
            assert marker.encode() not in page.body, f"{field} leaks on {url}"


def test_the_public_search_finds_no_marker(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        markers = _plant(world)
    # The markers are in the index: a member of the board finds some of them ...
    client.force_login(world.board_member)
    internal = client.get(reverse("search:results"), {"q": RUN}).content.decode()
    assert "search-hit" in internal
    client.logout()

    # ... the public search none, for the run's token or any marker's own words.
    queries = [RUN, *(f"{field.replace('_', ' ')} {RUN}" for field in markers.all.values())]
    for query in queries:
        response = client.get(reverse("public:search"), {"q": query})
        assert response.status_code == 200, query
        assert b"search-hit" not in response.content, query
        for marker, field in markers.all.items():
            assert marker.encode() not in response.content, f"{field} leaks for {query!r}"
